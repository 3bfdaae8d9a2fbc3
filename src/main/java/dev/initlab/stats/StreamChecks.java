package dev.initlab.stats;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * Checks that two tensors filled from different streams are unrelated: distinct stream ids must
 * give neither equal nor correlated values.
 * <ul>
 *   <li>{@code equal_elements}: the number of positions i with a_i == b_i; under independence it is
 *       stochastically below Binomial(n, q), q = {@link Quantization#collisionBound}, so the binomial
 *       upper tail is a conservative p-value;</li>
 *   <li>{@code cross_corr}: Pearson r of the aligned elements, sqrt(n) r ~ N(0, 1);</li>
 *   <li>{@code shared_pairs}: how many pairs of consecutive values (b_i, b_i+1) also occur as a
 *       pair of consecutive values anywhere in a (catches a stream reused at an offset); under
 *       independence the count is below Poisson(n_a n_b q^2), so the Poisson upper tail is a
 *       conservative p-value. Up to {@link #PAIR_CAP} pairs of each tensor are used.</li>
 * </ul>
 */
public final class StreamChecks {
    /** Most consecutive pairs read from each tensor by {@code shared_pairs}. */
    public static final int PAIR_CAP = 1 << 20;

    private StreamChecks() {
    }

    /**
     * The raw checks for the pair (a, b).
     *
     * @param a first tensor
     * @param nameA its name
     * @param b second tensor
     * @param nameB its name
     * @return equal_elements, cross_corr and (when it can be significant) shared_pairs
     */
    public static List<Check> checks(Sample a, String nameA, Sample b, String nameB) {
        String subject = nameA + " vs " + nameB;
        double[] x = a.values();
        double[] y = b.values();
        int n = Math.min(x.length, y.length);
        double q = Math.max(Quantization.collisionBound(a.dtype()), Quantization.collisionBound(b.dtype()));
        List<Check> out = new ArrayList<>();
        if (n == 0) {
            return out;
        }
        int equal = 0;
        double mx = 0;
        double my = 0;
        for (int i = 0; i < n; i++) {
            if (x[i] == y[i]) {
                equal++;
            }
            mx += x[i];
            my += y[i];
        }
        mx /= n;
        my /= n;
        out.add(Check.test(subject, "equal_elements", equal, Pvalues.binomialUpper(n, equal, q),
                String.format(Locale.ROOT, "%d of %d aligned elements equal (at most %.3g expected)", equal, n, n * q),
                equal == n ? "identical tensors: the same stream used twice?"
                        : "many equal elements: the streams overlap"));
        double sxy = 0;
        double sxx = 0;
        double syy = 0;
        for (int i = 0; i < n; i++) {
            double dx = x[i] - mx;
            double dy = y[i] - my;
            sxy += dx * dy;
            sxx += dx * dx;
            syy += dy * dy;
        }
        if (sxx > 0 && syy > 0 && n >= 30) {
            double r = sxy / Math.sqrt(sxx * syy);
            double z = r * Math.sqrt(n);
            out.add(Check.test(subject, "cross_corr", z, Pvalues.normalTwoSided(z),
                    String.format(Locale.ROOT, "correlation of aligned elements %+.4g (z=%+.2f)", r, z),
                    "the tensors are correlated: streams not independent"));
        }
        int na = Math.min(x.length - 1, PAIR_CAP);
        int nb = Math.min(y.length - 1, PAIR_CAP);
        double lambda = (double) na * nb * q * q;
        if (na > 0 && nb > 0 && lambda < 1) {
            LongSet set = new LongSet(na);
            for (int i = 0; i < na; i++) {
                set.add(pairKey(x[i], x[i + 1]));
            }
            long shared = 0;
            int first = -1;
            for (int i = 0; i < nb; i++) {
                if (set.contains(pairKey(y[i], y[i + 1]))) {
                    shared++;
                    if (first < 0) {
                        first = i;
                    }
                }
            }
            out.add(Check.test(subject, "shared_pairs", shared, Pvalues.poissonUpper(lambda, shared),
                    String.format(Locale.ROOT, "%d of %d consecutive pairs of %s also occur in %s (%.3g expected)",
                            shared, nb, nameB, nameA, lambda),
                    "the second tensor repeats a run of the first" + (first >= 0 ? " (from its element " + first + ")"
                            : "") + ": a stream reused at an offset?"));
        }
        return out;
    }

    private static long pairKey(double u, double v) {
        long a = u == 0 ? 0 : Double.doubleToLongBits(u);
        long b = v == 0 ? 0 : Double.doubleToLongBits(v);
        return Battery.mix(a * 0x9E3779B97F4A7C15L + Battery.mix(b));
    }

    /** Open-addressing set of longs (0 stored as a flag). */
    static final class LongSet {
        private final long[] table;
        private final int mask;
        private boolean hasZero;

        LongSet(int expected) {
            int cap = Integer.highestOneBit(Math.max(4, expected) * 2 - 1) << 1;
            table = new long[cap];
            mask = cap - 1;
        }

        void add(long k) {
            if (k == 0) {
                hasZero = true;
                return;
            }
            int i = (int) Battery.mix(k) & mask;
            while (table[i] != 0 && table[i] != k) {
                i = (i + 1) & mask;
            }
            table[i] = k;
        }

        boolean contains(long k) {
            if (k == 0) {
                return hasZero;
            }
            int i = (int) Battery.mix(k) & mask;
            while (table[i] != 0) {
                if (table[i] == k) {
                    return true;
                }
                i = (i + 1) & mask;
            }
            return false;
        }
    }
}
