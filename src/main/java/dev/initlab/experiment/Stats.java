package dev.initlab.experiment;

import org.apache.commons.math3.distribution.TDistribution;

/**
 * Small statistics the experiments report: blob variances, means with Student-t 95% confidence
 * intervals over seeds, Welch intervals for differences, and least-squares slopes.
 */
public final class Stats {
    private Stats() {
    }

    /** Population variance of {@code x[0..n)} (two-pass, in double). */
    public static double variance(float[] x, int n) {
        if (n <= 0) {
            return Double.NaN;
        }
        double s = 0;
        for (int i = 0; i < n; i++) {
            s += x[i];
        }
        double mean = s / n;
        double ss = 0;
        for (int i = 0; i < n; i++) {
            double d = x[i] - mean;
            ss += d * d;
        }
        return ss / n;
    }

    /** Mean of squares of {@code x[0..n)} (in double). */
    public static double meanSquare(float[] x, int n) {
        double ss = 0;
        for (int i = 0; i < n; i++) {
            ss += (double) x[i] * x[i];
        }
        return ss / n;
    }

    /** The 97.5% quantile of Student's t with {@code df} degrees of freedom (NaN unless df &gt; 0). */
    public static double t975(double df) {
        if (!(df > 0)) {
            return Double.NaN;
        }
        return new TDistribution(null, df).inverseCumulativeProbability(0.975);
    }

    /**
     * Mean of a sample with a 95% Student-t interval; {@code lo = hi = mean} when the sample has
     * one value (no interval), NaN when it is empty. NaN values are skipped and counted in
     * {@code missing}.
     */
    public record Summary(int n, int missing, double mean, double sd, double lo, double hi) {
        /** Half-width of the interval. */
        public double halfWidth() {
            return (hi - lo) / 2;
        }
    }

    /** Summary of {@code values}, skipping NaN. */
    public static Summary summarize(double[] values) {
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
            return new Summary(0, missing, Double.NaN, Double.NaN, Double.NaN, Double.NaN);
        }
        double mean = s / n;
        if (Double.isInfinite(mean)) {
            return new Summary(n, missing, mean, Double.NaN, mean, mean);
        }
        double ss = 0;
        for (double v : values) {
            if (!Double.isNaN(v)) {
                ss += (v - mean) * (v - mean);
            }
        }
        if (n == 1) {
            return new Summary(1, missing, mean, Double.NaN, mean, mean);
        }
        double sd = Math.sqrt(ss / (n - 1));
        double h = t975(n - 1) * sd / Math.sqrt(n);
        return new Summary(n, missing, mean, sd, mean - h, mean + h);
    }

    /**
     * Geometric mean with a 95% interval: the {@link #summarize} of ln(values), exponentiated.
     * Values &lt;= 0 or NaN are skipped (counted as missing).
     */
    public static Summary summarizeLog(double[] values) {
        double[] logs = new double[values.length];
        for (int i = 0; i < values.length; i++) {
            logs[i] = values[i] > 0 ? Math.log(values[i]) : Double.NaN;
        }
        Summary s = summarize(logs);
        return new Summary(s.n(), s.missing(), Math.exp(s.mean()), s.sd(), Math.exp(s.lo()), Math.exp(s.hi()));
    }

    /** Difference of means a - b with a Welch 95% interval (NaN interval when either has fewer than 2 values). */
    public static Summary difference(double[] a, double[] b) {
        Summary sa = summarize(a);
        Summary sb = summarize(b);
        double d = sa.mean() - sb.mean();
        if (sa.n() < 2 || sb.n() < 2) {
            return new Summary(Math.min(sa.n(), sb.n()), 0, d, Double.NaN, Double.NaN, Double.NaN);
        }
        double va = sa.sd() * sa.sd() / sa.n();
        double vb = sb.sd() * sb.sd() / sb.n();
        double se = Math.sqrt(va + vb);
        if (se == 0) {
            return new Summary(Math.min(sa.n(), sb.n()), 0, d, 0, d, d);
        }
        double df = (va + vb) * (va + vb) / (va * va / (sa.n() - 1) + vb * vb / (sb.n() - 1));
        double h = t975(df) * se;
        return new Summary(Math.min(sa.n(), sb.n()), 0, d, se, d - h, d + h);
    }

    /** Least-squares slope and intercept of y on x, with R^2: {slope, intercept, r2}. */
    public static double[] fit(double[] x, double[] y) {
        int n = x.length;
        if (n != y.length || n < 2) {
            throw new IllegalArgumentException("fit needs two equally long arrays of at least 2 points");
        }
        double mx = 0;
        double my = 0;
        for (int i = 0; i < n; i++) {
            mx += x[i];
            my += y[i];
        }
        mx /= n;
        my /= n;
        double sxx = 0;
        double sxy = 0;
        double syy = 0;
        for (int i = 0; i < n; i++) {
            sxx += (x[i] - mx) * (x[i] - mx);
            sxy += (x[i] - mx) * (y[i] - my);
            syy += (y[i] - my) * (y[i] - my);
        }
        double slope = sxy / sxx;
        double r2 = syy == 0 ? 1 : sxy * sxy / (sxx * syy);
        return new double[] {slope, my - slope * mx, r2};
    }
}
