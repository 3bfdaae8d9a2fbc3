package dev.initlab.dist;

import org.apache.commons.statistics.distribution.NormalDistribution;

/** Standard normal density and distribution function in double precision. */
public final class Gaussian {
    private static final double INV_SQRT_2PI = 0.3989422804014327;
    private static final NormalDistribution STD = NormalDistribution.of(0, 1);

    private Gaussian() {
    }

    public static double pdf(double z) {
        if (Double.isInfinite(z)) {
            return 0;
        }
        return INV_SQRT_2PI * Math.exp(-0.5 * z * z);
    }

    /**
     * Phi(z), accurate in both tails: 0.5 erfc(-z / sqrt 2) with Commons Numbers' erfc (a port of
     * Boost's rational approximations, within 2e-14 relative of Commons Math 3's continued fraction
     * for |z| &lt; 14 and about 15 times faster, which matters for the PIT of every normal sample).
     */
    public static double cdf(double z) {
        if (z == Double.NEGATIVE_INFINITY) {
            return 0;
        }
        if (z == Double.POSITIVE_INFINITY) {
            return 1;
        }
        return STD.cumulativeProbability(z);
    }
}
