package dev.initlab.bench;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The files {@link BenchRunner} writes from a JMH JSON (no JMH run needed). */
class BenchRunnerTest {
    @Test
    void summaryAndTargetsComeFromTheJmhJson(@TempDir Path dir) throws Exception {
        // 1000 fills/s of 262144 samples = 2.62144e8 samples/s = 3.8147 ns/sample
        Path json = new JmhFixture()
                .thrpt("dev.initlab.bench.FillBench.fill", Map.of("engine", "vector", "scheme", "normal",
                        "size", "262144", "threads", "2", "dtype", "float32"), 1000, 100)
                .thrpt("dev.initlab.bench.BaselineBench.commonsZigguratGaussian", Map.of("size", "262144"), 400, 40)
                .add("dev.initlab.bench.ModelInitBench.initialiseModel", "avgt", 1, Map.of("model", "resnet50",
                        "engine", "auto", "threads", "2", "layers", "1"), 50, 5, "ms/op")
                .write(dir.resolve("jmh-quick.json"));
        List<JmhResult> rs = JmhJson.read(json);
        Path csv = dir.resolve("s.csv");
        BenchRunner.writeSummaryCsv(rs, "quick", Map.of("resnet50|1", 25_557_032L), csv);
        List<String> lines = Files.readAllLines(csv);
        assertEquals(4, lines.size());
        assertTrue(lines.get(1).startsWith("quick,FillBench.fill,vector,normal,262144,2,float32,,,thrpt,1000.00,100.000,"
                + "ops/s,2.62144e+08,2.35930e+08,2.88358e+08,3.81470,3.46791,4.23855,"), lines.get(1));
        // the model's samples/s come from its parameter count: 25,557,032 / 0.050 s
        assertTrue(lines.get(3).contains(",5.11141e+08,"), lines.get(3));

        List<Targets.Row> t = BenchRunner.writeTargets(json, dir.resolve("t.csv"));
        Targets.Row zig = t.stream().filter(r -> r.target().id().equals("normal-vs-ziggurat")).findFirst().orElseThrow();
        assertEquals(2.5, zig.value().value(), 1e-12);
        assertEquals(900.0 / 440, zig.value().lo(), 1e-12, "conservative quotient, as the report");
        List<String> tl = Files.readAllLines(dir.resolve("t.csv"));
        assertEquals(t.size() + 1, tl.size());
        assertTrue(tl.stream().anyMatch(l -> l.startsWith("normal-vs-ziggurat,") && l.contains(",2.5,")), tl.toString());
    }
}
