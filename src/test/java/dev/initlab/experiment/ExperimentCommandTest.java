package dev.initlab.experiment;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.initlab.cli.Main;
import dev.initlab.io.CsvTables;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code initlab experiment}: help, one-line usage errors with exit code 2, and a small real run. */
class ExperimentCommandTest {
    @TempDir
    Path dir;

    private record Run(int code, String out, String err) {
    }

    private static Run run(String... argv) {
        ByteArrayOutputStream o = new ByteArrayOutputStream();
        ByteArrayOutputStream e = new ByteArrayOutputStream();
        int code = Main.run(argv, new PrintStream(o, true, StandardCharsets.UTF_8), new PrintStream(e, true, StandardCharsets.UTF_8));
        return new Run(code, o.toString(StandardCharsets.UTF_8), e.toString(StandardCharsets.UTF_8));
    }

    private static void usageError(Run r, String fragment) {
        assertEquals(2, r.code(), r.err());
        assertTrue(r.err().contains(fragment), r.err());
        assertEquals(1, r.err().strip().lines().count(), "one line: " + r.err());
    }

    @Test
    void helpAndUsageErrors() {
        Run h = run("experiment", "--help");
        assertEquals(0, h.code());
        assertTrue(h.out().contains("usage: ./initlab experiment NAME|all"));
        usageError(run("experiment"), "name a study");
        usageError(run("experiment", "nope"), "unknown experiment 'nope'");
        usageError(run("experiment", "depth", "mnist"), "one study at a time");
        usageError(run("experiment", "linear9", "--quick", "--full"), "not both");
        usageError(run("experiment", "linear9", "--seeds", "1"), "at least 2");
        usageError(run("experiment", "linear9", "--bogus", "3"), "unknown option --bogus");
        usageError(run("experiment", "linear9", "--threads", "-1"), "--threads");
        usageError(run("experiment", "linear9", "--reuse"), "--reuse applies to claims and lsuv");
        usageError(run("experiment", "claims", "--reuse", "--out", dir.resolve("empty").toString(), "--mnist",
                dir.toString()), "not found");
        usageError(run("experiment", "symmetry", "--mnist", dir.resolve("none").toString(), "--out", dir.toString()),
                "does not exist");
    }

    @Test
    void aSmallStudyWritesReadableCsv() throws Exception {
        Run r = run("experiment", "linear9", "--seeds", "2", "--out", dir.toString());
        assertEquals(0, r.code(), r.err());
        assertTrue(r.out().contains("[as expected] linear9, width 256: fitted exponent"), r.out());
        assertTrue(r.err().contains("linear9: done"), r.err());
        Path fit = dir.resolve("linear9_fit.csv");
        assertTrue(Files.isRegularFile(dir.resolve("linear9_layers.csv")));
        assertEquals(9, CsvTables.read(fit, Linear9Experiment.Fit.class).size(), "the exponent and 8 per-scale growth rates");
        assertEquals(8 * 9, CsvTables.read(dir.resolve("linear9_layers.csv"), Linear9Experiment.Linear9LayerRow.class).size());
    }
}
