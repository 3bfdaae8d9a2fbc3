package dev.initlab.bench;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

/** The paired (same-fork, A B A B) regression rule of {@link PairedRatios} and its use in {@link Compare}. */
class PairedRatiosTest {
    static final String PAIRED = "dev.initlab.bench.PairedBench.pair";
    static final Map<String, String> VECTOR_NORMAL = Map.of("engine", "vector", "scheme", "normal", "size", "262144");

    /**
     * One fork of {@code pairs} A/B pairs in us/op: A takes {@code a} us, B 1000 us; every pair shares a
     * machine factor (load, up to 2x: it cancels in the ratio) and each time has its own 2% noise.
     */
    static double[] fork(int pairs, double a, long seed) {
        SplittableRandom r = new SplittableRandom(seed);
        double[] x = new double[2 * pairs];
        for (int k = 0; k < pairs; k++) {
            double machine = 1 + r.nextDouble(); // a neighbour's load: 1x to 2x slower, per pair
            x[2 * k] = a * machine * (1 + 0.02 * r.nextGaussian());
            x[2 * k + 1] = 1000 * machine * (1 + 0.02 * r.nextGaussian());
        }
        x[0] *= 30; // the burn-in pair's recompilation outlier, dropped by the rule
        return x;
    }

    static JmhResult run(double a, long seed) {
        return JmhJson.parse(new JmhFixture().add(PAIRED, "avgt", 1, VECTOR_NORMAL, 900, 800, "us/op")
                .raw(fork(20, a, seed)).json(), "fixture").get(0);
    }

    @Test
    void ratiosArePerPairAfterTheBurnIn() {
        JmhResult r = JmhJson.parse(new JmhFixture().add(PAIRED, "avgt", 1, VECTOR_NORMAL, 1, 1, "us/op")
                .raw(new double[] {100, 1, 500, 1000, 250, 1000, 7}, new double[] {4, 2, 2, 4}).json(), "f").get(0);
        // fork 1: pair 0 dropped; pairs (500,1000), (250,1000); the odd last iteration is ignored. fork 2: (2,4)
        double[] x = PairedRatios.logRatios(r);
        assertEquals(3, x.length);
        assertEquals(Math.log(2), x[0], 1e-12);
        assertEquals(Math.log(4), x[1], 1e-12);
        assertEquals(Math.log(2), x[2], 1e-12);
        assertTrue(PairedRatios.isPaired(r));
        assertEquals(BenchRole.Kind.PAIRED, BenchRole.of(r).kind(), "never read as an absolute fill by the targets");
    }

    @Test
    void theMachinesLoadCancelsAndAnInjectedSlowdownIsFlagged() {
        JmhResult base = run(500, 1);
        JmhResult same = run(500, 2); // A/A: same speed, different load pattern
        JmhResult slow = run(600, 3); // A 20% slower
        Compare aa = Compare.of(List.of(base), List.of(same), 0.05);
        assertEquals(Compare.Outcome.UNCHANGED, aa.rows().get(0).outcome(), aa.summary());
        Compare inj = Compare.of(List.of(base), List.of(slow), 0.05);
        Compare.Row row = inj.rows().get(0);
        assertEquals(Compare.Outcome.REGRESSION, row.outcome(), inj.summary());
        assertEquals(500.0 / 600, row.ratio().value(), 0.02);
        assertTrue(row.ratio().lo() < 500.0 / 600 && 500.0 / 600 < row.ratio().hi(), row.ratio().toString());
        assertEquals(2.0, row.paired().baselineRatio(), 0.05, "B/A = 1000/500");
        assertEquals(19, row.paired().baselinePairs());
    }

    @Test
    void sampleModeIterationsAreSummarisedByTheirTenthPercentile() {
        // one fork, 4 iterations (A B A B); each histogram [[value, count], ...]: 10 fills, one preempted (x10)
        String json = "[{\"benchmark\":\"" + PAIRED + "\",\"mode\":\"sample\",\"params\":{\"engine\":\"vector\"},"
                + "\"primaryMetric\":{\"score\":1,\"scoreError\":0.1,\"scoreUnit\":\"us/op\",\"rawDataHistogram\":[["
                + "[[5000,1],[500,9]], [[1000,9],[10000,1]], [[500,1],[510,8],[5000,1]], [[1000,10]]]]}}]";
        JmhResult r = JmhJson.parse(json, "f").get(0);
        assertEquals(List.of(List.of(500.0, 1000.0, 500.0, 1000.0)), r.rawData(), "10th percentile per iteration");
        assertEquals(4, r.measurements());
        double[] x = PairedRatios.logRatios(r); // pair 0 is the burn-in; pair 1: 1000/500
        assertEquals(1, x.length);
        assertEquals(Math.log(2), x[0], 1e-12);
    }

    @Test
    void theIntervalUsesTheMannWhitneyCriticalRank() {
        // m = n = 19 at 99.9%: floor(180.5 - 3.2905 sqrt(361 * 39 / 12)) = 67
        assertEquals(67, PairedRatios.criticalRank(19, 19, 0.999));
        assertEquals(0, PairedRatios.criticalRank(2, 2, 0.999), "too few pairs for an interval");
    }

    @Test
    void tooFewPairsGiveNoInterval() {
        JmhResult a = JmhJson.parse(new JmhFixture().add(PAIRED, "avgt", 1, VECTOR_NORMAL, 1, 1, "us/op")
                .raw(new double[] {1, 1, 1, 2, 1, 2}).json(), "f").get(0);
        PairedRatios.Shift s = PairedRatios.shift(a, a);
        assertTrue(!s.change().hasInterval());
        assertEquals(Compare.Outcome.NO_CI, Compare.of(List.of(a), List.of(a), 0.05).rows().get(0).outcome());
        JmhResult empty = JmhJson.parse(new JmhFixture().add(PAIRED, "avgt", 1, VECTOR_NORMAL, 1, 1, "us/op")
                .raw(new double[] {1}).json(), "f").get(0);
        assertNull(PairedRatios.shift(empty, a).change());
    }
}
