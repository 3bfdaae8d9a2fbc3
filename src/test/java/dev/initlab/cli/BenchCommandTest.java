package dev.initlab.cli;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code initlab bench}: help, option errors, the benchmark list, and the report arithmetic (no JMH run). */
class BenchCommandTest {
    record Run(int code, String out, String err) {
    }

    static Run run(String... argv) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        int code = Main.run(argv, new PrintStream(out, true, StandardCharsets.UTF_8),
                new PrintStream(err, true, StandardCharsets.UTF_8));
        return new Run(code, out.toString(StandardCharsets.UTF_8), err.toString(StandardCharsets.UTF_8));
    }

    @Test
    void helpExplainsOptionsAndDefaults() {
        Run r = run("bench", "--help");
        assertEquals(0, r.code());
        for (String s : new String[] {"--quick", "--full", "--include", "--out", "--forks", "--selfcheck", "reports/bench",
            "latency.csv", "jmh-SUITE.json"}) {
            assertTrue(r.out().contains(s), "help mentions " + s);
        }
        assertTrue(run("help").out().contains("bench"), "listed in the command summary");
    }

    @Test
    void badOptionsExitWithTwoAndOneLine() {
        String[][] bad = {{"bench", "--quick", "--full"}, {"bench", "--forks", "0"}, {"bench", "--forks", "x"},
            {"bench", "--include", "("}, {"bench", "--selfcheck", "--quick"}, {"bench", "--nonsense", "1"},
            {"bench", "extra"}, {"bench", "--param", "engine"}, {"bench", "--param", "engine=a,,b"}};
        for (String[] argv : bad) {
            Run r = run(argv);
            assertEquals(2, r.code(), String.join(" ", argv) + ": " + r.err());
            assertEquals(1, r.err().strip().lines().count(), "one line: " + r.err());
            assertTrue(r.err().startsWith("initlab bench: error: "), r.err());
        }
    }

    @Test
    void listShowsTheSuiteWithoutRunningIt(@TempDir Path dir) {
        Run r = run("bench", "--list", "--out", dir.toString());
        assertEquals(0, r.code(), r.err());
        for (String b : new String[] {"FillBench.fill", "PresetBench.fill", "BaselineBench.commonsZigguratGaussian",
            "BaselineBench.threadLocalNextFloat", "StoreBench.arraysFill", "ModelInitBench.initialiseModel"}) {
            assertTrue(r.out().contains("dev.initlab.bench." + b), b + " in\n" + r.out());
        }
        assertFalse(r.out().contains("AutoThresholdBench"), "the threshold sweep is not in the quick suite");
        assertTrue(run("bench", "--full", "--list").out().contains("AutoThresholdBench"));
        assertFalse(Files.exists(dir.resolve("jmh-quick.json")), "nothing ran");
    }

    @Test
    void paramSpecsParse() {
        Map<String, String[]> m = dev.initlab.bench.BenchRunner.parseParams("engine=vector, auto;size=4096;");
        assertArrayEquals(new String[] {"vector", "auto"}, m.get("engine"));
        assertArrayEquals(new String[] {"4096"}, m.get("size"));
        assertTrue(dev.initlab.bench.BenchRunner.parseParams(null).isEmpty());
        assertThrows(IllegalArgumentException.class, () -> dev.initlab.bench.BenchRunner.parseParams("=3"));
    }
}
