package dev.initlab.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The launcher's AOT-cache training workload is a list of ordinary fill command lines: each must
 * run (a typo would silently train nothing) and cover both engines and the float64 path. The cache
 * itself is the launcher's business; no test depends on it.
 */
class AotTrainingTest {
    @Test
    void everyTrainingFillRunsAndBothEnginesAreTrained(@TempDir Path dir) throws Exception {
        List<List<String>> cs = AotTraining.commands();
        assertTrue(cs.stream().anyMatch(c -> c.contains("scalar")) && cs.stream().anyMatch(c -> c.contains("vector")));
        assertTrue(cs.stream().anyMatch(c -> c.contains("float64")));
        int i = 0;
        for (List<String> c : cs) {
            List<String> argv = new ArrayList<>(c);
            Path out = dir.resolve("t" + i++ + ".npy");
            argv.addAll(List.of("--out", out.toString()));
            ByteArrayOutputStream err = new ByteArrayOutputStream();
            int code = Main.run(argv.toArray(String[]::new), new PrintStream(new ByteArrayOutputStream(), true),
                    new PrintStream(err, true));
            assertEquals(0, code, String.join(" ", c) + ": " + err);
            assertTrue(Files.size(out) > 0);
        }
    }
}
