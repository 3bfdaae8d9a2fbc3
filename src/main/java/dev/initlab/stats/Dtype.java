package dev.initlab.stats;

import java.util.Locale;

/**
 * The floating-point type a sample was stored in. The battery widens every sample to double for
 * arithmetic, and uses the storage type for rounding tolerances: support bounds are allowed one
 * unit in the last place of the bound, and the goodness-of-fit tests account for the width of a
 * value's rounding cell when it is coarse (float16, bfloat16).
 */
public enum Dtype {
    /** IEEE binary16: 11 significant bits. */
    FLOAT16("float16", 11),
    /** bfloat16: 8 significant bits, float32's exponent range. */
    BFLOAT16("bfloat16", 8),
    /** IEEE binary32: 24 significant bits. */
    FLOAT32("float32", 24),
    /** IEEE binary64: 53 significant bits. */
    FLOAT64("float64", 53);

    private final String cliName;
    private final int precision;

    Dtype(String cliName, int precision) {
        this.cliName = cliName;
        this.precision = precision;
    }

    /** Parses {@code float16|f16|half}, {@code bfloat16|bf16}, {@code float32|f32|float}, {@code float64|f64|double}. */
    public static Dtype parse(String s) {
        return switch (s.toLowerCase(Locale.ROOT)) {
            case "float16", "f16", "half", "fp16" -> FLOAT16;
            case "bfloat16", "bf16" -> BFLOAT16;
            case "float32", "f32", "float", "fp32" -> FLOAT32;
            case "float64", "f64", "double", "fp64" -> FLOAT64;
            default -> throw new IllegalArgumentException("unknown dtype '" + s
                    + "' (float16, bfloat16, float32 or float64)");
        };
    }

    /** Name as used on the command line and in files, e.g. {@code float32}. */
    public String cliName() {
        return cliName;
    }

    /** Significant bits, including the implicit one. */
    public int precision() {
        return precision;
    }

    /** Unit roundoff 2^-precision. */
    public double unitRoundoff() {
        return Math.scalb(1.0, -precision);
    }

    /**
     * Resolution in probability of this project's generators for this type: float32 elements come
     * from 24 random bits, float64 ones from 52 or 53; narrower types are treated like float32.
     * Used as slack where a check compares an extreme order statistic with the continuous law.
     */
    public double generatorQuantum() {
        return this == FLOAT64 ? 0x1p-52 : 0x1p-23;
    }

    /**
     * Unit in the last place of {@code x} in this type (for normal numbers; subnormals use the
     * type's smallest spacing). Finite {@code x} only.
     */
    public double ulp(double x) {
        double a = Math.abs(x);
        return switch (this) {
            case FLOAT64 -> Math.ulp(a);
            case FLOAT32 -> Math.ulp((float) a);
            case BFLOAT16 -> a < 0x1p-126 ? 0x1p-133 : Math.scalb(1.0, Math.getExponent((float) a) - 7);
            case FLOAT16 -> a < 0x1p-14 ? 0x1p-24 : Math.scalb(1.0, Math.getExponent(a) - 10);
        };
    }

    /** Smallest positive normal number of this type. */
    double minNormal() {
        return switch (this) {
            case FLOAT64 -> Double.MIN_NORMAL;
            case FLOAT32, BFLOAT16 -> Float.MIN_NORMAL;
            case FLOAT16 -> 0x1p-14;
        };
    }

    /** Distance from the stored value {@code v} to the next larger value of this type. */
    public double spacingAbove(double v) {
        if (v >= 0) {
            return ulp(v);
        }
        double a = -v;
        boolean powerOfTwo = a >= minNormal() && a == Math.scalb(1.0, Math.getExponent(a));
        return powerOfTwo ? 0.5 * ulp(a) : ulp(a);
    }

    /** Distance from the stored value {@code v} to the next smaller value of this type. */
    public double spacingBelow(double v) {
        return spacingAbove(-v);
    }

    /** Lower end of the interval of reals that round (to nearest) to the stored value {@code v}. */
    public double cellLow(double v) {
        return v - 0.5 * spacingBelow(v);
    }

    /** Upper end of the interval of reals that round (to nearest) to the stored value {@code v}. */
    public double cellHigh(double v) {
        return v + 0.5 * spacingAbove(v);
    }

    /**
     * A bound q on the probability that two independent elements of a correctly initialized tensor
     * stored in this type are bit-identical, used by the duplicate-row and stream checks. For a
     * continuous law rounded to p significant bits, P(equal) = sum over cells of p_cell^2, at most
     * the largest cell probability, about pdf * ulp ~ 0.4 * 2^(1-p) for values at the scale of
     * one standard deviation (and 2^-24 for this project's 24-bit float32 generators); q is that
     * with a margin of 8x or more: 2^-5 (bfloat16), 2^-8 (float16), 2^-20 (float32), 2^-40 (float64).
     */
    public double collisionBound() {
        return switch (this) {
            case BFLOAT16 -> 0x1p-5;
            case FLOAT16 -> 0x1p-8;
            case FLOAT32 -> 0x1p-20;
            case FLOAT64 -> 0x1p-40;
        };
    }

    /** {@code v} rounded to this type (round to nearest even; float16 via float32). */
    public double round(double v) {
        return switch (this) {
            case FLOAT64 -> v;
            case FLOAT32 -> (float) v;
            case FLOAT16 -> Float.float16ToFloat(Float.floatToFloat16((float) v));
            case BFLOAT16 -> {
                float f = (float) v;
                if (!Float.isFinite(f)) {
                    yield f;
                }
                int b = Float.floatToRawIntBits(f);
                int lsb = (b >>> 16) & 1;
                b = (b + 0x7fff + lsb) & 0xffff0000;
                yield Float.intBitsToFloat(b);
            }
        };
    }

    @Override
    public String toString() {
        return cliName;
    }
}
