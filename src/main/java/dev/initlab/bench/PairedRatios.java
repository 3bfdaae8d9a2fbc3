package dev.initlab.bench;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.apache.commons.statistics.distribution.NormalDistribution;

/**
 * Regression judgement on same-fork, interleaved ratios (issue #11). The suite's
 * {@code PairedBench} alternates, in every fork, an iteration of an initlab fill (A) with an
 * iteration of an outside baseline (B): A B A B. A neighbour's load that slows the machine slows
 * both halves of a pair, so the per-pair speed ratio {@code speed(A)/speed(B)} (for time modes
 * {@code t(B)/t(A)}) moves much less than either absolute score.
 *
 * <p><b>Decision rule.</b> For one benchmark key in two runs, take the log speed ratios of every
 * measured pair (iterations 2k and 2k+1 of each fork; the first pair of each fork is dropped as
 * burn-in: it carried a 30x recompilation outlier in trials), x_1..x_m (baseline run) and
 * y_1..y_n (current run). The shift of the current run is the Hodges-Lehmann estimate, the median
 * of the m n differences y_j - x_i, with the distribution-free Mann-Whitney interval at
 * {@link #CONFIDENCE} (order statistics k and mn+1-k of the differences, k from the normal
 * approximation of the rank-sum law, floor(mn/2 - z sqrt(mn(m+n+1)/12))): no normality, and a
 * single disturbed pair moves neither end much. {@code compare} flags a regression when the whole
 * interval of exp(shift) lies below {@code 1 - threshold}. The rule treats pairs as independent,
 * which pairs of one fork are not quite (a fork's JIT decisions are shared); the threshold absorbs
 * that, and the false-alarm rate actually achieved is measured by A/A runs
 * ({@code reports/bench/regression-calibration.csv}), not assumed.
 */
public final class PairedRatios {
    /** Simple class name of the paired benchmark in the suite. */
    public static final String BENCHMARK_CLASS = "PairedBench";
    /** Two-sided confidence of the shift interval. */
    public static final double CONFIDENCE = 0.999;
    /** Pairs dropped at the start of every fork. */
    public static final int BURN_IN_PAIRS = 1;
    /** Fewest pairs per run for an interval (below it the shift has no interval and nothing is judged). */
    public static final int MIN_PAIRS = 5;

    private PairedRatios() {
    }

    /**
     * The shift of one key between two runs.
     *
     * @param baselineRatio median speed ratio A/B of the baseline run
     * @param currentRatio median speed ratio A/B of the current run
     * @param change exp(Hodges-Lehmann shift) with its interval: the current run's A/B ratio over the baseline's
     * @param baselinePairs pairs used from the baseline run
     * @param currentPairs pairs used from the current run
     */
    public record Shift(double baselineRatio, double currentRatio, Estimate change, int baselinePairs,
                        int currentPairs) {
    }

    /** Whether a result comes from the paired benchmark. */
    public static boolean isPaired(JmhResult r) {
        return r.className().equals(BENCHMARK_CLASS);
    }

    /** Log speed ratios log(speed A / speed B) of every measured pair after the burn-in. */
    public static double[] logRatios(JmhResult r) {
        boolean time = !r.isRate();
        List<Double> out = new ArrayList<>();
        for (List<Double> fork : r.rawData()) {
            for (int k = BURN_IN_PAIRS; 2 * k + 1 < fork.size(); k++) {
                double a = fork.get(2 * k);
                double b = fork.get(2 * k + 1);
                if (a > 0 && b > 0 && Double.isFinite(a) && Double.isFinite(b)) {
                    out.add(time ? Math.log(b / a) : Math.log(a / b));
                }
            }
        }
        return out.stream().mapToDouble(Double::doubleValue).toArray();
    }

    /** The shift of the current run against the baseline (see the class comment). */
    public static Shift shift(JmhResult baseline, JmhResult current) {
        double[] x = logRatios(baseline);
        double[] y = logRatios(current);
        if (x.length == 0 || y.length == 0) {
            return new Shift(Double.NaN, Double.NaN, null, x.length, y.length);
        }
        double[] d = new double[x.length * y.length];
        int i = 0;
        for (double xi : x) {
            for (double yj : y) {
                d[i++] = yj - xi;
            }
        }
        Arrays.sort(d);
        double hl = median(d);
        Estimate change = Estimate.point(Math.exp(hl));
        int k = criticalRank(x.length, y.length, CONFIDENCE);
        if (x.length >= MIN_PAIRS && y.length >= MIN_PAIRS && k >= 1) {
            change = new Estimate(Math.exp(hl), Math.exp(d[k - 1]), Math.exp(d[d.length - k]));
        }
        return new Shift(Math.exp(median(x)), Math.exp(median(y)), change, x.length, y.length);
    }

    /**
     * Rank k of the lower end of the Mann-Whitney interval for the shift: the interval is
     * [D(k), D(mn+1-k)] of the sorted differences; 0 when there are too few for that confidence.
     */
    static int criticalRank(int m, int n, double confidence) {
        double z = NormalDistribution.of(0, 1).inverseCumulativeProbability(0.5 + confidence / 2);
        double mn = (double) m * n;
        return (int) Math.max(0, Math.floor(mn / 2 - z * Math.sqrt(mn * (m + n + 1) / 12.0)));
    }

    private static double median(double[] v) {
        double[] s = v.clone();
        Arrays.sort(s);
        int n = s.length;
        return n % 2 == 1 ? s[n / 2] : (s[n / 2 - 1] + s[n / 2]) / 2;
    }
}
