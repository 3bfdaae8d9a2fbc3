package dev.initlab.stats;

import dev.initlab.tensor.Dtype;

/**
 * What the storage type of a sample means for the battery's statistics: how finely this project's
 * generators resolve probability in each type, and how likely two correct elements are to be
 * bit-identical. The type's own numerics (ulps, rounding cells) live in {@link Dtype}.
 */
public final class Quantization {
    private Quantization() {
    }

    /**
     * Resolution in probability of this project's generators for {@code dtype}: float32 elements
     * come from 24 random bits, float64 ones from 52 or 53; narrower types are treated like float32.
     * Used as slack where a check compares an extreme order statistic with the continuous law.
     */
    public static double generatorQuantum(Dtype dtype) {
        return dtype == Dtype.FLOAT64 ? 0x1p-52 : 0x1p-23;
    }

    /**
     * A bound q on the probability that two independent elements of a correctly initialized tensor
     * stored in {@code dtype} are bit-identical, used by the duplicate-row and stream checks. For a
     * continuous law rounded to p significant bits, P(equal) = sum over cells of p_cell^2, at most
     * the largest cell probability, about pdf * ulp ~ 0.4 * 2^(1-p) for values at the scale of
     * one standard deviation (and 2^-24 for this project's 24-bit float32 generators); q is that
     * with a margin of 8x or more: 2^-5 (bfloat16), 2^-8 (float16), 2^-20 (float32), 2^-40 (float64).
     */
    public static double collisionBound(Dtype dtype) {
        return switch (dtype) {
            case BFLOAT16 -> 0x1p-5;
            case FLOAT16 -> 0x1p-8;
            case FLOAT32 -> 0x1p-20;
            case FLOAT64 -> 0x1p-40;
            default -> throw new IllegalArgumentException("no collision bound for " + dtype + " (not decoded)");
        };
    }
}
