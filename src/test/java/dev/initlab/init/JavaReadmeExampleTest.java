package dev.initlab.init;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.File;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import javax.tools.JavaCompiler;
import javax.tools.ToolProvider;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The README's "Use from Java" class, exactly as printed: compiled with the system Java compiler against the
 * test classpath (target/classes and the dependencies), run in a fresh JVM, and its output checked. The fill
 * uses a fixed seed (42) and the checks alpha 0.001, so the verdicts are deterministic.
 */
class JavaReadmeExampleTest {
    @TempDir
    Path dir;

    static String example() throws Exception {
        String readme = Files.readString(Path.of("README.md"), StandardCharsets.UTF_8);
        int at = readme.indexOf("\n## Use from Java\n");
        assertTrue(at >= 0, "README lost its 'Use from Java' section");
        int start = readme.indexOf("```java\n", at);
        assertTrue(start >= 0, "the 'Use from Java' section has no java block");
        start += "```java\n".length();
        int end = readme.indexOf("```", start);
        return readme.substring(start, end);
    }

    @Test
    void readmeJavaExampleCompilesRunsAndVerifies() throws Exception {
        String source = example();
        Matcher m = Pattern.compile("public class (\\w+)").matcher(source);
        assertTrue(m.find(), "the README example is not a public class");
        Path file = dir.resolve(m.group(1) + ".java");
        Files.writeString(file, source);

        JavaCompiler javac = ToolProvider.getSystemJavaCompiler();
        assertNotNull(javac, "tests need a JDK");
        String cp = System.getProperty("java.class.path");
        ByteArrayOutputStream diagnostics = new ByteArrayOutputStream();
        int rc = javac.run(null, diagnostics, diagnostics, "-classpath", cp, "-d", dir.toString(), file.toString());
        assertEquals(0, rc, "README example does not compile:\n" + diagnostics.toString(StandardCharsets.UTF_8));

        String javaBin = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        Process p = new ProcessBuilder(List.of(javaBin, "-cp", dir + File.pathSeparator + cp, m.group(1)))
                .redirectErrorStream(true).start();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertTrue(p.waitFor(5, TimeUnit.MINUTES));
        assertEquals(0, p.exitValue(), out);
        assertTrue(out.startsWith("kaiming_normal 64x3x7x7: "), out);
        assertTrue(out.contains("\nclaimed with mode fan_out: PASS (family-wise alpha 0.001 over "), out);
        assertTrue(out.contains("\nclaimed with mode fan_in: FAIL: "), out);
    }
}
