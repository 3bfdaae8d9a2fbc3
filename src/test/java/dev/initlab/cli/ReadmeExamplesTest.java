package dev.initlab.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The README's command examples, pasted in order into bash in an empty folder, each with the exit code its
 * comment states (0 when it states none). {@code $I} runs the CLI on this test's classpath. The verify lines
 * check fills made with fixed seeds at alpha 0.001: deterministic, so this cannot flake.
 */
class ReadmeExamplesTest {
    @TempDir
    Path dir;

    static List<String> examples() throws Exception {
        String readme = Files.readString(Path.of("README.md"), StandardCharsets.UTF_8);
        int at = readme.indexOf("These examples run as pasted");
        assertTrue(at >= 0, "README lost its runnable examples");
        int start = readme.indexOf("```bash\n", at) + 8;
        int end = readme.indexOf("```", start);
        List<String> lines = new ArrayList<>();
        for (String l : readme.substring(start, end).split("\n")) {
            if (l.startsWith("$I ")) {
                lines.add(l);
            }
        }
        return lines;
    }

    @Test
    void readmeExamplesRunAsPastedInOrder() throws Exception {
        List<String> lines = examples();
        assertTrue(lines.size() >= 5, lines.toString());
        String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        Path wrapper = dir.resolve("initlab-under-test");
        Files.writeString(wrapper, "#!/usr/bin/env bash\nexec '" + java + "' --add-modules jdk.incubator.vector -cp '"
                + System.getProperty("java.class.path") + "' dev.initlab.cli.Main \"$@\"\n");
        assertTrue(wrapper.toFile().setExecutable(true));
        Pattern exit = Pattern.compile("#\\s*exit (\\d)");
        for (String line : lines) {
            Matcher m = exit.matcher(line);
            int want = m.find() ? Integer.parseInt(m.group(1)) : 0;
            Process p = new ProcessBuilder("bash", "-c", "I='" + wrapper + "'; " + line)
                    .directory(dir.toFile()).redirectErrorStream(true).start();
            String output = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
            assertTrue(p.waitFor(10, TimeUnit.MINUTES), line);
            assertEquals(want, p.exitValue(), line + "\n" + output);
        }
    }
}
