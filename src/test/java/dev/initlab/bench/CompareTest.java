package dev.initlab.bench;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class CompareTest {
    private static List<JmhResult> run(double fill, double fillErr, double slow, double slowErr, double timeNs) {
        return JmhJson.parse(new JmhFixture()
                .thrpt("x.Bench.fill", Map.of("size", "4Ki"), fill, fillErr)
                .thrpt("x.Bench.slow", Map.of("size", "4Ki"), slow, slowErr)
                .add("x.Bench.latency", "avgt", 1, Map.of(), timeNs, 1, "ns/op").json(), "fixture");
    }

    @Test
    void verdictsFollowTheIntervalRule() {
        List<JmhResult> base = run(1000, 10, 1000, 10, 100);
        // fill: 800 +- 10 -> ratio 0.8 in [790/1010, 810/990] = [0.782, 0.818], all below 0.95: regression
        // slow: 990 +- 100 -> ratio 0.99 in [0.88, 1.1]: unchanged
        // latency: 50 ns instead of 100 ns -> twice as fast; interval [99/51, 101/49] > 1.05: improvement
        List<JmhResult> cur = run(800, 10, 990, 100, 50);
        Compare c = Compare.of(base, cur, 0.05, true);
        Map<String, Compare.Row> byName = new java.util.HashMap<>();
        c.rows().forEach(r -> byName.put(r.current().method(), r));
        Compare.Row fill = byName.get("fill");
        assertEquals(Compare.Outcome.REGRESSION, fill.outcome());
        assertEquals(0.8, fill.ratio().value(), 1e-12);
        assertEquals(790.0 / 1010, fill.ratio().lo(), 1e-12);
        assertEquals(810.0 / 990, fill.ratio().hi(), 1e-12);
        assertEquals(Compare.Outcome.UNCHANGED, byName.get("slow").outcome());
        Compare.Row lat = byName.get("latency");
        assertEquals(Compare.Outcome.IMPROVEMENT, lat.outcome());
        assertEquals(2.0, lat.ratio().value(), 1e-12);
        assertEquals(99.0 / 51, lat.ratio().lo(), 1e-12);
        assertEquals(1, c.regressions().size());
        assertEquals(1, c.improvements().size());
        // by default absolute scores are not judged (the machine moves them): slower/faster, no regression
        Compare byDefault = Compare.of(base, cur, 0.05);
        assertEquals(0, byDefault.regressions().size());
        assertEquals(1, byDefault.count(Compare.Outcome.SLOWER));
        assertEquals(1, byDefault.count(Compare.Outcome.FASTER));
        assertTrue(byDefault.summary().contains("no paired"), byDefault.summary());
    }

    @Test
    void aWideIntervalIsNotARegressionEvenWhenThePointIs() {
        // 0.8 point ratio but +-30% noise: the interval reaches above 0.95, so nothing is flagged
        Compare c = Compare.of(run(1000, 300, 1, 0, 1), run(800, 240, 1, 0, 1), 0.05, true);
        assertEquals(0, c.regressions().size());
    }

    @Test
    void thresholdMoves() {
        // ratio interval [0.782, 0.818]: a regression at 5% and 15%, not at 25% tolerance
        assertEquals(1, Compare.of(run(1000, 10, 1, 0, 1), run(800, 10, 1, 0, 1), 0.15, true).regressions().size());
        assertEquals(0, Compare.of(run(1000, 10, 1, 0, 1), run(800, 10, 1, 0, 1), 0.25, true).regressions().size());
    }

    @Test
    void missingSidesAndNoIntervalsAreReportedNotFlagged() {
        List<JmhResult> base = JmhJson.parse(new JmhFixture().thrpt("x.B.a", Map.of(), 10, Double.NaN)
                .thrpt("x.B.gone", Map.of(), 10, 1).json(), "b");
        List<JmhResult> cur = JmhJson.parse(new JmhFixture().thrpt("x.B.a", Map.of(), 1, 0.1)
                .thrpt("x.B.new", Map.of(), 10, 1).json(), "c");
        Compare c = Compare.of(base, cur, 0.05);
        assertEquals(1, c.count(Compare.Outcome.NO_CI));
        assertEquals(1, c.count(Compare.Outcome.BASELINE_ONLY));
        assertEquals(1, c.count(Compare.Outcome.NEW));
        assertEquals(0, c.regressions().size());
        String csv = dev.initlab.report.BenchTables.render(c, "csv");
        assertTrue(csv.startsWith("benchmark,params,mode,threads,baseline,current,unit,speed ratio,ratio CI,verdict,basis\n"),
                csv);
        assertTrue(csv.contains("no-ci"));
    }

    @Test
    void anOutsideBaselineThatSlowsDownIsTheMachineNotARegression() {
        // java.util.Random at half speed and Arrays.fill at 0.022x (a neighbour's load): flagged as the machine
        List<JmhResult> base = JmhJson.parse(new JmhFixture()
                .thrpt("dev.initlab.bench.BaselineBench.randomNextFloat", Map.of("size", "4096"), 1000, 10)
                .thrpt("dev.initlab.bench.BaselineBench.arraysFill", Map.of("size", "4096", "threads", "2"), 1000, 10)
                .thrpt("dev.initlab.bench.FillBench.fill", Map.of("engine", "vector", "scheme", "uniform",
                        "size", "4096"), 1000, 10).json(), "b");
        List<JmhResult> cur = JmhJson.parse(new JmhFixture()
                .thrpt("dev.initlab.bench.BaselineBench.randomNextFloat", Map.of("size", "4096"), 503, 10)
                .thrpt("dev.initlab.bench.BaselineBench.arraysFill", Map.of("size", "4096", "threads", "2"), 22, 1)
                .thrpt("dev.initlab.bench.FillBench.fill", Map.of("engine", "vector", "scheme", "uniform",
                        "size", "4096"), 800, 10).json(), "c");
        Compare c = Compare.of(base, cur, 0.05, true);
        assertEquals(2, c.count(Compare.Outcome.MACHINE_SLOWER), dev.initlab.report.BenchTables.render(c, "csv"));
        assertEquals(1, c.regressions().size(), "with --absolute, initlab's own fill counts");
        assertEquals("fill", c.regressions().get(0).current().method());
        assertTrue(c.summary().contains("machine's load differed"), c.summary());
    }
}
