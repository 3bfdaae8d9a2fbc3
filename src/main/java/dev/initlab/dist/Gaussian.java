package dev.initlab.dist;

import org.apache.commons.math3.special.Erf;

/** Standard normal density and distribution function in double precision. */
public final class Gaussian {
    private static final double INV_SQRT_2PI = 0.3989422804014327;
    private static final double SQRT_HALF = 0.7071067811865476;

    private Gaussian() {
    }

    public static double pdf(double z) {
        if (Double.isInfinite(z)) {
            return 0;
        }
        return INV_SQRT_2PI * Math.exp(-0.5 * z * z);
    }

    /** Phi(z), accurate in both tails (via erfc). */
    public static double cdf(double z) {
        if (z == Double.NEGATIVE_INFINITY) {
            return 0;
        }
        if (z == Double.POSITIVE_INFINITY) {
            return 1;
        }
        return 0.5 * Erf.erfc(-z * SQRT_HALF);
    }
}
