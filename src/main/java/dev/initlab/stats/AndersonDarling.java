package dev.initlab.stats;

/**
 * The Anderson-Darling statistic of a fully specified continuous law and its p-value.
 *
 * <p>For sorted probability-integral transforms u_1 &lt;= ... &lt;= u_n,
 * A^2 = -n - (1/n) sum_i (2i - 1) [ln u_i + ln(1 - u_{n+1-i})] (T. W. Anderson and D. A. Darling,
 * "A test of goodness of fit", JASA 49 (1954) 765-769).
 *
 * <p>The p-value uses G. Marsaglia and J. C. W. Marsaglia, "Evaluating the Anderson-Darling
 * distribution", Journal of Statistical Software 9(2) (2004), doi:10.18637/jss.v009.i02: their
 * quick approximation {@code adinf(z)} of the limiting distribution (absolute error below 2e-6
 * for z &lt; 2 and 8e-7 above) plus their correction {@code errfix(n, x)} for finite n, so
 * P(A^2 &lt; z) ~ AD(n, z) = adinf(z) + errfix(n, adinf(z)). The upper tail 1 - adinf(z) is
 * computed as {@code -expm1(-exp(...))} so it does not cancel; the absolute accuracy of the
 * approximation (about 1e-6) bounds how small a p-value can be trusted, which is far below the
 * levels the battery uses.
 *
 * <p>Guard: u is clamped to [delta, 1 - delta] (delta given by the caller from the data's
 * resolution), so a value that sits exactly on a support bound because of rounding contributes a
 * finite term instead of an infinite one.
 */
public final class AndersonDarling {
    private AndersonDarling() {
    }

    /**
     * A^2 of sorted PIT values.
     *
     * @param sortedU ascending values in [0, 1]
     * @param delta clamp: u is taken in [delta, 1 - delta]
     * @return the statistic
     */
    public static double statistic(double[] sortedU, double delta) {
        int n = sortedU.length;
        if (n == 0) {
            throw new IllegalArgumentException("Anderson-Darling needs at least one value");
        }
        double lo = delta;
        double hi = 1 - delta;
        double s = 0;
        for (int i = 0; i < n; i++) {
            double a = Math.min(hi, Math.max(lo, sortedU[i]));
            double b = Math.min(hi, Math.max(lo, sortedU[n - 1 - i]));
            s += (2.0 * i + 1) * (Math.log(a) + Math.log1p(-b));
        }
        return -n - s / n;
    }

    /** Limiting CDF lim P(A^2 &lt; z) by Marsaglia and Marsaglia's {@code adinf}. */
    public static double adinf(double z) {
        if (!(z > 0)) {
            return 0;
        }
        if (z < 2) {
            double p = 2.00012 + (0.247105 - (0.0649821 - (0.0347962 - (0.011672 - 0.00168691 * z) * z) * z) * z) * z;
            return Math.exp(-1.2337141 / z) / Math.sqrt(z) * p;
        }
        return Math.exp(-Math.exp(tailExponent(z)));
    }

    /** 1 - adinf(z), without cancellation in the upper tail. */
    static double adinfUpper(double z) {
        if (!(z > 0)) {
            return 1;
        }
        if (z < 2) {
            return 1 - adinf(z);
        }
        return -Math.expm1(-Math.exp(tailExponent(z)));
    }

    private static double tailExponent(double z) {
        return 1.0776 - (2.30695 - (0.43424 - (0.082433 - (0.008056 - 0.0003146 * z) * z) * z) * z) * z;
    }

    /** Marsaglia and Marsaglia's finite-n correction {@code errfix(n, x)}, x = adinf(z). */
    static double errfix(int n, double x) {
        if (x > 0.8) {
            return (-130.2137 + (745.2337 - (1705.091 - (1950.646 - (1116.360 - 255.7844 * x) * x) * x) * x) * x) / n;
        }
        double c = 0.01265 + 0.1757 / n;
        if (x < c) {
            double t = x / c;
            t = Math.sqrt(t) * (1 - t) * (49 * t - 102);
            return t * (0.0037 / ((double) n * n) + 0.00078 / n + 0.00006) / n;
        }
        double t = (x - c) / (0.8 - c);
        t = -0.00022633 + (6.54034 - (14.6538 - (14.458 - (8.259 - 1.91864 * t) * t) * t) * t) * t;
        return t * (0.04213 + 0.01365 / n) / n;
    }

    /** P(A^2 &lt; z) for a sample of size n: AD(n, z). */
    public static double cdf(int n, double z) {
        double x = adinf(z);
        return Math.max(0, Math.min(1, x + errfix(n, x)));
    }

    /** The p-value P(A^2 &gt;= z) for a sample of size n. */
    public static double pValue(int n, double z) {
        double x = adinf(z);
        double p = adinfUpper(z) - errfix(n, x);
        return Math.max(0, Math.min(1, p));
    }
}
