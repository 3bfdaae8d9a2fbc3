package dev.initlab.stats;

/**
 * One pass of running sums over the finite values of a sample, about the claimed mean mu
 * (shifting by mu keeps the sums well conditioned).
 */
final class SampleMoments {
    final int n;
    final double mu;
    /** Mean of (x - mu). */
    final double meanShift;
    /** Mean of (x - mu)^2: the second moment about the claimed mean. */
    final double m2mu;
    /** Sample central moments (about the sample mean), divided by n. */
    final double var;
    final double m4;
    final double min;
    final double max;
    final int atMin;
    final int atMax;

    private SampleMoments(int n, double mu, double meanShift, double m2mu, double var, double m4, double min, double max,
                    int atMin, int atMax) {
        this.n = n;
        this.mu = mu;
        this.meanShift = meanShift;
        this.m2mu = m2mu;
        this.var = var;
        this.m4 = m4;
        this.min = min;
        this.max = max;
        this.atMin = atMin;
        this.atMax = atMax;
    }

    static SampleMoments of(double[] x, double mu) {
        int n = x.length;
        double s1 = 0;
        double s2 = 0;
        double min = Double.POSITIVE_INFINITY;
        double max = Double.NEGATIVE_INFINITY;
        for (double v : x) {
            double d = v - mu;
            s1 += d;
            s2 += d * d;
            if (v < min) {
                min = v;
            }
            if (v > max) {
                max = v;
            }
        }
        double meanShift = n == 0 ? 0 : s1 / n;
        double c2 = 0;
        double c4 = 0;
        int atMin = 0;
        int atMax = 0;
        for (double v : x) {
            double d = v - mu - meanShift;
            double d2 = d * d;
            c2 += d2;
            c4 += d2 * d2;
            if (v == min) {
                atMin++;
            }
            if (v == max) {
                atMax++;
            }
        }
        return new SampleMoments(n, mu, meanShift, n == 0 ? 0 : s2 / n, n == 0 ? 0 : c2 / n, n == 0 ? 0 : c4 / n,
                min, max, atMin, atMax);
    }

    double mean() {
        return mu + meanShift;
    }

    double kurtosis() {
        return var == 0 ? Double.NaN : m4 / (var * var);
    }
}
