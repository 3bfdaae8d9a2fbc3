package dev.initlab.stats;

import org.apache.commons.statistics.distribution.TDistribution;

/**
 * A mean over seeds (or any small sample) with its 95% Student-t confidence interval: the one
 * implementation of this interval in initlab. The experiments summarise their per-seed results with
 * it, compare schemes with it ({@link #paired} when both schemes ran on the same seeds, the design of
 * every study; {@link #welch} only for samples that share nothing), and the report averages repeated
 * CSV points with it. The t quantile comes from commons-statistics, the library the verification
 * battery uses.
 *
 * @param n values used (NaN values are skipped)
 * @param missing NaN values skipped (for {@link #paired}: pairs with a NaN side)
 * @param mean the mean (of the values, or of the differences)
 * @param sd standard deviation of the values (of the per-seed differences for {@link #paired}; the
 *     standard error of the difference for {@link #welch}, which has no single sample)
 * @param lo lower end of the 95% interval ({@code = mean} when n = 1, NaN when n = 0)
 * @param hi upper end of the 95% interval
 */
public record MeanInterval(int n, int missing, double mean, double sd, double lo, double hi) {
    /** Confidence level of every interval built here. */
    public static final double LEVEL = 0.95;

    /** Half-width of the interval. */
    public double halfWidth() {
        return (hi - lo) / 2;
    }

    /** Whether the interval lies entirely above {@code value}. */
    public boolean above(double value) {
        return lo > value;
    }

    /** Whether the interval lies entirely below {@code value}. */
    public boolean below(double value) {
        return hi < value;
    }

    /** The two-sided {@link #LEVEL} quantile of Student's t with {@code df} degrees of freedom (NaN unless df &gt; 0). */
    public static double tQuantile(double df) {
        if (!(df > 0)) {
            return Double.NaN;
        }
        return TDistribution.of(df).inverseSurvivalProbability((1 - LEVEL) / 2);
    }

    /** Mean of {@code values} with the t interval, skipping NaN. */
    public static MeanInterval of(double[] values) {
        int n = 0;
        double s = 0;
        for (double v : values) {
            if (!Double.isNaN(v)) {
                n++;
                s += v;
            }
        }
        int missing = values.length - n;
        if (n == 0) {
            return new MeanInterval(0, missing, Double.NaN, Double.NaN, Double.NaN, Double.NaN);
        }
        double mean = s / n;
        if (Double.isInfinite(mean) || n == 1) {
            return new MeanInterval(n, missing, mean, Double.NaN, mean, mean);
        }
        double ss = 0;
        for (double v : values) {
            if (!Double.isNaN(v)) {
                ss += (v - mean) * (v - mean);
            }
        }
        double sd = Math.sqrt(ss / (n - 1));
        double h = tQuantile(n - 1) * sd / Math.sqrt(n);
        return new MeanInterval(n, missing, mean, sd, mean - h, mean + h);
    }

    /**
     * Geometric mean with its interval: {@link #of} ln(values), exponentiated (sd stays on the log
     * scale). Values &lt;= 0 or NaN are skipped and counted as missing.
     */
    public static MeanInterval ofLogs(double[] values) {
        double[] logs = new double[values.length];
        for (int i = 0; i < values.length; i++) {
            logs[i] = values[i] > 0 ? Math.log(values[i]) : Double.NaN;
        }
        MeanInterval s = of(logs);
        return new MeanInterval(s.n(), s.missing(), Math.exp(s.mean()), s.sd(), Math.exp(s.lo()), Math.exp(s.hi()));
    }

    /**
     * Mean of the per-index differences a[k] - b[k] with the t interval on the differences: the
     * analysis of a paired design (index k = seed k, the same draw of data order, batch and inputs
     * for both schemes). Pairs with a NaN side are skipped (counted as missing).
     *
     * @throws IllegalArgumentException when the arrays differ in length (they would not be paired)
     */
    public static MeanInterval paired(double[] a, double[] b) {
        return of(differences(a, b));
    }

    /** a[k] - b[k] (NaN where either is NaN). */
    public static double[] differences(double[] a, double[] b) {
        if (a.length != b.length) {
            throw new IllegalArgumentException("paired samples need one value per seed on both sides, got "
                    + a.length + " and " + b.length);
        }
        double[] d = new double[a.length];
        for (int k = 0; k < a.length; k++) {
            d[k] = a[k] - b[k];
        }
        return d;
    }

    /**
     * Difference of means a - b with Welch's interval, for independent samples (NaN interval when
     * either side has fewer than 2 values). Samples drawn on shared seeds are not independent: use
     * {@link #paired}.
     */
    public static MeanInterval welch(double[] a, double[] b) {
        MeanInterval sa = of(a);
        MeanInterval sb = of(b);
        double d = sa.mean() - sb.mean();
        int n = Math.min(sa.n(), sb.n());
        if (sa.n() < 2 || sb.n() < 2) {
            return new MeanInterval(n, 0, d, Double.NaN, Double.NaN, Double.NaN);
        }
        double va = sa.sd() * sa.sd() / sa.n();
        double vb = sb.sd() * sb.sd() / sb.n();
        double se = Math.sqrt(va + vb);
        if (se == 0) {
            return new MeanInterval(n, 0, d, 0, d, d);
        }
        double df = (va + vb) * (va + vb) / (va * va / (sa.n() - 1) + vb * vb / (sb.n() - 1));
        double h = tQuantile(df) * se;
        return new MeanInterval(n, 0, d, se, d - h, d + h);
    }
}
