package dev.initlab.bench;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.SplittableRandom;

/**
 * Change-point detection over a series of runs by E-divisive means: hierarchical bisection with
 * the energy-distance divergence and a permutation significance test.
 *
 * <p>Method: D. S. Matteson and N. A. James, "A Nonparametric Approach for Multiple Change Point
 * Analysis of Multivariate Data", JASA 109(505):334-345, 2014 (with exponent alpha = 1); applied to
 * performance histories as in D. Daly et al., "The Use of Change Point Detection to Identify
 * Software Performance Regressions in a Continuous Integration System", ICPE 2020. For a segment
 * split at tau into X (m values) and Y (k values) the statistic is
 * <pre>
 *   Q(tau) = m k / (m + k) * ( 2/(m k) sum |x - y| - 1/C(m,2) sum_{i&lt;j} |x_i - x_j| - 1/C(k,2) sum_{i&lt;j} |y_i - y_j| ).
 * </pre>
 * The best split over all current segments is kept when its permutation p-value
 * {@code (1 + #{Q_perm >= Q}) / (R + 1)} over {@code R} shuffles of that segment is at most
 * {@code alpha}; the search then repeats on the refined partition. As in the simplified variant
 * used by Daly et al., the split searches only tau within a segment (not the second end point
 * kappa of the original paper). Shuffles use a {@link SplittableRandom} from a fixed seed, so a
 * given series always gives the same answer.
 *
 * <p>Applied to performance we feed log(ops/s), so a change is a relative step and both
 * speed-ups and slow-downs are found.
 */
public final class ChangePoints {
    /**
     * One detected change.
     *
     * @param index first index of the new segment
     * @param meanBefore mean of the segment before (in the input's units)
     * @param meanAfter mean of the segment after
     * @param statistic Q at the split
     * @param pValue permutation p-value
     */
    public record Change(int index, double meanBefore, double meanAfter, double statistic, double pValue) {
    }

    private final double alpha;
    private final int permutations;
    private final int minSize;
    private final long seed;

    private ChangePoints(double alpha, int permutations, int minSize, long seed) {
        this.alpha = alpha;
        this.permutations = permutations;
        this.minSize = minSize;
        this.seed = seed;
    }

    /**
     * Creates a detector.
     *
     * @param alpha significance level of each split's permutation test, in (0, 1)
     * @param permutations shuffles per test (>= 19 so that p can reach 0.05)
     * @param minSize smallest segment length (>= 2, because the within-segment mean needs a pair)
     * @param seed seed of the shuffles
     */
    public static ChangePoints of(double alpha, int permutations, int minSize, long seed) {
        if (!(alpha > 0 && alpha < 1)) {
            throw new IllegalArgumentException("alpha must be in (0, 1), got " + alpha);
        }
        if (permutations < 19) {
            throw new IllegalArgumentException("permutations must be >= 19, got " + permutations);
        }
        if (minSize < 2) {
            throw new IllegalArgumentException("minSize must be >= 2, got " + minSize);
        }
        return new ChangePoints(alpha, permutations, minSize, seed);
    }

    /** Defaults: alpha 0.05, 199 permutations, segments of at least 3 runs, seed 20261123. */
    public static ChangePoints defaults() {
        return of(0.05, 199, 3, 20261123L);
    }

    public double alpha() {
        return alpha;
    }

    public int permutations() {
        return permutations;
    }

    public int minSize() {
        return minSize;
    }

    /**
     * Detects change points.
     *
     * @param x the series (finite values)
     * @return changes sorted by index; empty when the series is shorter than {@code 2 * minSize}
     */
    public List<Change> detect(double[] x) {
        for (double v : x) {
            if (!Double.isFinite(v)) {
                throw new IllegalArgumentException("series contains a non-finite value");
            }
        }
        SplittableRandom rng = new SplittableRandom(seed);
        List<Integer> cuts = new ArrayList<>(List.of(0, x.length));
        List<Change> found = new ArrayList<>();
        while (true) {
            int bestSeg = -1;
            Split best = null;
            for (int s = 0; s + 1 < cuts.size(); s++) {
                Split sp = bestSplit(x, cuts.get(s), cuts.get(s + 1));
                if (sp != null && (best == null || sp.q > best.q)) {
                    best = sp;
                    bestSeg = s;
                }
            }
            if (best == null) {
                break;
            }
            int a = cuts.get(bestSeg);
            int b = cuts.get(bestSeg + 1);
            double[] seg = Arrays.copyOfRange(x, a, b);
            int atLeast = 0;
            for (int r = 0; r < permutations; r++) {
                shuffle(seg, rng);
                Split ps = bestSplit(seg, 0, seg.length);
                if (ps != null && ps.q >= best.q) {
                    atLeast++;
                }
            }
            double p = (1.0 + atLeast) / (permutations + 1.0);
            if (p > alpha) {
                break;
            }
            found.add(new Change(best.tau, mean(x, a, best.tau), mean(x, best.tau, b), best.q, p));
            cuts.add(bestSeg + 1, best.tau);
        }
        found.sort((c1, c2) -> Integer.compare(c1.index(), c2.index()));
        return List.copyOf(found);
    }

    record Split(int tau, double q) {
    }

    /** The tau in [a + minSize, b - minSize] maximising Q, in O((b - a)^2). */
    Split bestSplit(double[] x, int a, int b) {
        int n = b - a;
        if (n < 2 * minSize) {
            return null;
        }
        // within(a, t): sum over pairs in [a, t); within(t, b) likewise; total pairs in [a, b)
        double total = 0;
        for (int i = a; i < b; i++) {
            for (int j = i + 1; j < b; j++) {
                total += Math.abs(x[i] - x[j]);
            }
        }
        double left = 0; // within [a, tau)
        double right = total; // within [tau, b), tau = a
        Split best = null;
        for (int tau = a + 1; tau <= b - minSize; tau++) {
            // move x[tau-1] from the right part to the left part
            int moved = tau - 1;
            for (int i = a; i < moved; i++) {
                left += Math.abs(x[i] - x[moved]);
            }
            for (int j = moved + 1; j < b; j++) {
                right -= Math.abs(x[moved] - x[j]);
            }
            if (tau - a < minSize) {
                continue;
            }
            double m = tau - a;
            double k = b - tau;
            double between = total - left - right;
            double e = 2 * between / (m * k) - left / (m * (m - 1) / 2) - right / (k * (k - 1) / 2);
            double q = m * k / (m + k) * e;
            if (best == null || q > best.q) {
                best = new Split(tau, q);
            }
        }
        return best;
    }

    private static void shuffle(double[] a, SplittableRandom rng) {
        for (int i = a.length - 1; i > 0; i--) {
            int j = rng.nextInt(i + 1);
            double t = a[i];
            a[i] = a[j];
            a[j] = t;
        }
    }

    private static double mean(double[] x, int a, int b) {
        double s = 0;
        for (int i = a; i < b; i++) {
            s += x[i];
        }
        return s / (b - a);
    }
}
