package dev.initlab.bench;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class TargetsTest {
    private static List<BenchRole> run(JmhFixture f) {
        return JmhJson.parse(f.json(), "fixture").stream().map(BenchRole::of).toList();
    }

    @Test
    void aMissingReferenceGivesOneNotMeasuredRow() {
        // vector normal at 4096 only, 5 ns/sample: 1e9 / (5 * 4096) ops/s
        List<BenchRole> roles = run(new JmhFixture().thrpt("x.FillBench.fill",
                Map.of("engine", "vector", "scheme", "normal", "size", "4096"), 1e9 / (5 * 4096.0), 1000));
        List<Targets.Row> zig = Targets.evaluate(Targets.TARGETS.get(1), roles);
        assertEquals(1, zig.size());
        assertEquals("not measured", zig.get(0).status());
        assertEquals("no reference benchmark in this run", zig.get(0).note());
        Targets.Row ns = Targets.evaluate(Targets.TARGETS.get(0), roles).get(0);
        assertEquals("miss", ns.status());
        assertEquals(5.0, ns.value().value(), 1e-9);
        assertEquals(4.0, ns.missedBy(), 1e-9); // 5 / 1 - 1
    }

    @Test
    void referenceAtOtherSizesIsNamed() {
        List<BenchRole> roles = run(new JmhFixture()
                .thrpt("x.FillBench.fill", Map.of("engine", "vector", "scheme", "normal", "size", "4096"), 1e5, 100)
                .thrpt("x.BaselineBench.commonsZigguratGaussian", Map.of("size", "262144"), 1e3, 10));
        Targets.Row r = Targets.evaluate(Targets.TARGETS.get(1), roles).get(0);
        assertEquals("not measured", r.status());
        assertTrue(r.note().contains("only at 256Ki"), r.note());
    }

    @Test
    void aMissUnderTwiceTheTargetIsAPercentage() {
        // uniform vs ThreadLocalRandom, same size: ratio 2.4 against 3: missed by 20%
        List<BenchRole> roles = run(new JmhFixture()
                .thrpt("x.FillBench.fill", Map.of("engine", "vector", "scheme", "uniform", "size", "4096"), 2.4e5, 1)
                .thrpt("x.BaselineBench.threadLocalNextFloat", Map.of("size", "4096"), 1e5, 1));
        Targets.Row r = Targets.evaluate(Targets.TARGETS.get(3), roles).get(0);
        assertEquals("miss", r.status());
        assertEquals(0.2, r.missedBy(), 1e-12);
    }
}
