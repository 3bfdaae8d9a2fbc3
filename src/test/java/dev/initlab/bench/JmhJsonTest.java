package dev.initlab.bench;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class JmhJsonTest {
    static Path resource(String name) {
        try {
            return Path.of(JmhJsonTest.class.getResource("/report/" + name).toURI());
        } catch (URISyntaxException e) {
            throw new IllegalStateException(e);
        }
    }

    /**
     * jmh-real-thrpt.json was written by JMH 1.37 on JDK 25 running a one-method benchmark
     * ({@code Arrays.fill} of a float[] sized by {@code @Param size}) with
     * {@code -f 1 -wi 1 -w 100ms -i 3 -r 100ms -rf json}; the values below are copied from it.
     */
    @Test
    void readsARealJmhFile() {
        List<JmhResult> rs = JmhJson.read(resource("jmh-real-thrpt.json"));
        assertEquals(2, rs.size());
        JmhResult r = rs.get(0);
        assertEquals("dev.initlab.bench.Tiny.arraysFill", r.benchmark());
        assertEquals("Tiny.arraysFill", r.shortName());
        assertEquals("thrpt", r.mode());
        assertEquals(Map.of("size", "4Ki"), r.params());
        assertEquals(4618298.359942231, r.score());
        assertEquals(2.107547960101271E7, r.scoreError());
        assertEquals("ops/s", r.unit());
        assertEquals(3, r.measurements());
        assertEquals("1.37", r.run().jmhVersion());
        assertEquals("25.0.3", r.run().jdkVersion());
        assertEquals(1, r.run().warmupIterations());
        assertEquals(4096, r.elementsPerOp().getAsLong());
        Estimate sps = r.samplesPerSecond().orElseThrow();
        assertEquals(4618298.359942231 * 4096, sps.value(), 1e-3);
        assertEquals(0.0, Math.max(0, sps.lo())); // error larger than the score: lower end below 0
        // ns/sample = 1e9 / (ops/s * 4096)
        assertEquals(1e9 / (4618298.359942231 * 4096), r.nsPerSample().orElseThrow().value(), 1e-12);
        assertEquals(262144, rs.get(1).elementsPerOp().getAsLong());
    }

    /** jmh-real-avgt-single.json: the same benchmark with {@code -bm avgt -tu ns -wi 0 -i 1}. */
    @Test
    void singleIterationHasNoInterval() {
        JmhResult r = JmhJson.read(resource("jmh-real-avgt-single.json")).get(0);
        assertTrue(Double.isNaN(r.scoreError()));
        assertFalse(r.estimate().hasInterval());
        assertFalse(r.isRate());
        // 3099.74360769597 ns per op of 4096 floats
        assertEquals(3099.74360769597 / 4096, r.nsPerSample().orElseThrow().value(), 1e-12);
        assertEquals(1e9 / 3099.74360769597, r.opsPerSecond().orElseThrow().value(), 1e-6);
    }

    @Test
    void timeModesWithSeveralThreadsCountEveryThread() {
        List<JmhResult> rs = JmhJson.parse(new JmhFixture().add("a.B.m", "avgt", 2, Map.of("size", "1Ki"), 500, 10,
                "us/op").json(), "x");
        // two threads each taking 500 us per op: 4000 ops/s in total
        assertEquals(4000, rs.get(0).opsPerSecond().orElseThrow().value(), 1e-9);
        assertEquals(4000 * 1024, rs.get(0).samplesPerSecond().orElseThrow().value(), 1e-6);
    }

    @Test
    void secondaryMetricsAreKept() {
        JmhResult r = JmhJson.parse(new JmhFixture().thrpt("a.B.m", Map.of("size", "4096"), 10, 1)
                .secondary("gc.alloc.rate.norm", 0.004, "B/op").secondary("gc.count", Double.NaN, "counts").json(),
                "x").get(0);
        assertEquals(Map.of("gc.alloc.rate.norm", 0.004), r.secondary(), "NaN-scored metrics are dropped");
        assertTrue(JmhJson.read(resource("jmh-real-thrpt.json")).get(0).secondary().isEmpty());
    }

    @Test
    void sizesInBytesUseTheElementWidth() {
        List<JmhResult> rs = JmhJson.parse(new JmhFixture()
                .thrpt("a.B.m", Map.of("size", "64MiB"), 10, 1)
                .thrpt("a.B.m", Map.of("size", "64MiB", "dtype", "float64"), 10, 1).json(), "x");
        assertEquals(16L << 20, rs.get(0).elementsPerOp().getAsLong());
        assertEquals(8L << 20, rs.get(1).elementsPerOp().getAsLong());
    }

    @Test
    void badInputsGiveOneLineErrors(@TempDir Path dir) throws IOException {
        var missing = assertThrows(IllegalArgumentException.class, () -> JmhJson.read(dir.resolve("nope.json")));
        assertTrue(missing.getMessage().endsWith("no such file"), missing.getMessage());
        Path text = Files.writeString(dir.resolve("t.json"), "Benchmark  Mode  Cnt  Score\n");
        var notJson = assertThrows(IllegalArgumentException.class, () -> JmhJson.read(text));
        assertTrue(notJson.getMessage().contains("not JSON"), notJson.getMessage());
        Path obj = Files.writeString(dir.resolve("o.json"), "{\"benchmark\":\"x\"}");
        var notJmh = assertThrows(IllegalArgumentException.class, () -> JmhJson.read(obj));
        assertTrue(notJmh.getMessage().contains("not a JMH JSON result"), notJmh.getMessage());
        Path arr = Files.writeString(dir.resolve("a.json"), "[{\"name\":\"x\"}]");
        assertThrows(IllegalArgumentException.class, () -> JmhJson.read(arr));
        for (var e : List.of(missing, notJson, notJmh)) {
            assertFalse(e.getMessage().contains("\n"));
        }
    }
}
