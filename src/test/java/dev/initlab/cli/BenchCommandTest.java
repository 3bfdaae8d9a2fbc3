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
        Map<String, String[]> m = BenchCommand.parseParams("engine=vector, auto;size=4096;");
        assertArrayEquals(new String[] {"vector", "auto"}, m.get("engine"));
        assertArrayEquals(new String[] {"4096"}, m.get("size"));
        assertTrue(BenchCommand.parseParams(null).isEmpty());
        assertThrows(IllegalArgumentException.class, () -> BenchCommand.parseParams("=3"));
    }

    /** A JMH result in its JSON form (only the fields the summary reads). */
    static String result(String bench, Map<String, String> params, String mode, double score, double error, String unit) {
        StringBuilder p = new StringBuilder();
        params.forEach((k, v) -> p.append(p.isEmpty() ? "" : ",").append('"').append(k).append("\":\"").append(v).append('"'));
        return "{\"benchmark\":\"dev.initlab.bench." + bench + "\",\"mode\":\"" + mode + "\",\"forks\":2,"
                + "\"measurementIterations\":3,\"params\":{" + p + "},\"primaryMetric\":{\"score\":" + score
                + ",\"scoreError\":" + error + ",\"scoreUnit\":\"" + unit + "\"},\"secondaryMetrics\":{"
                + "\"gc.alloc.rate.norm\":{\"score\":0.01,\"scoreError\":0.0,\"scoreUnit\":\"B/op\"}}}";
    }

    static Map<String, String> fill(String engine, String scheme, String size) {
        Map<String, String> m = new LinkedHashMap<>();
        m.put("dtype", "float32");
        m.put("engine", engine);
        m.put("scheme", scheme);
        m.put("size", size);
        m.put("threads", "2");
        return m;
    }

    @Test
    void summaryAndTargetsComeFromTheJmhJson(@TempDir Path dir) throws Exception {
        // 1000 fills/s of 262144 samples = 2.62144e8 samples/s = 3.8147 ns/sample
        String json = "[" + String.join(",",
                result("FillBench.fill", fill("vector", "normal", "262144"), "thrpt", 1000, 100, "ops/s"),
                result("FillBench.fill", fill("vector", "uniform", "262144"), "thrpt", 8000, 0, "ops/s"),
                result("FillBench.fill", fill("parallel", "normal", "262144"), "thrpt", 1500, 150, "ops/s"),
                result("BaselineBench.commonsZigguratGaussian", Map.of("size", "262144"), "thrpt", 400, 40, "ops/s"),
                result("ModelInitBench.initialiseModel", Map.of("model", "resnet50", "engine", "auto", "threads", "2",
                        "layers", "1"), "avgt", 50, 5, "ms/op")) + "]";
        Path file = dir.resolve("jmh.json");
        Files.writeString(file, json);
        List<BenchCommand.Row> rows = BenchCommand.readRows(file, Map.of("resnet50|1", 25_557_032L));
        assertEquals(5, rows.size());
        double[] sps = rows.get(0).samplesPerSecond();
        assertEquals(2.62144e8, sps[0], 1);
        assertEquals(2.62144e7, sps[1], 1);
        double[] model = rows.get(4).samplesPerSecond();
        assertEquals(25_557_032 / 0.050, model[0], 1e-3);
        assertEquals(model[0] * 0.1, model[1], 1e-3);

        Path csv = dir.resolve("s.csv");
        BenchCommand.writeSummaryCsv(rows, "quick", csv);
        List<String> lines = Files.readAllLines(csv);
        assertEquals(6, lines.size());
        assertTrue(lines.get(1).startsWith("quick,FillBench.fill,vector,normal,262144,2,float32,,,thrpt,1000.00,100.000,"
                + "ops/s,2.62144e+08,2.62144e+07,3.81470,0.381470,0.0100000,2,3"), lines.get(1));

        List<BenchCommand.Target> t = BenchCommand.targets(rows);
        assertEquals(1e9 / 2.62144e8, t.get(0).value(), 1e-9);
        assertEquals("missed", t.get(0).verdict());
        BenchCommand.Target zig = t.get(1);
        assertEquals(2.5, zig.value(), 1e-12);
        assertEquals(2.5 * Math.hypot(0.1, 0.1), zig.error(), 1e-12);
        assertEquals("met", zig.verdict());
        assertEquals(1e9 / (8000 * 262144.0), t.get(2).value(), 1e-12);
        assertEquals("not measured", t.get(3).verdict(), "no ThreadLocalRandom row");
        assertEquals(1.5, t.get(5).value(), 1e-12);
        assertEquals("missed", t.get(5).verdict());
        assertNotNull(BenchCommand.find(rows, "BaselineBench.commonsZigguratGaussian", Map.of()));
        BenchCommand.writeTargetsCsv(t, dir.resolve("t.csv"));
        assertEquals(7, Files.readAllLines(dir.resolve("t.csv")).size());
    }
}
