package dev.initlab.fill;

import dev.initlab.dist.Distribution;

/**
 * Maps stream words to one tensor element, independently of every other element.
 *
 * <p>Word assignment (fixed): a float32 element {@code i} is made from stream word {@code i};
 * a float64 element {@code i} from words {@code 2i} (low 32 bits) and {@code 2i+1} (high 32 bits)
 * combined into the unsigned 64-bit value {@code bits = hi << 32 | lo}. So one Philox block gives
 * four float32 or two float64 elements.
 *
 * <p>Every transform is a pure function; {@link ScalarEngine} applies these scalar forms and the
 * vector engine applies their SIMD twins, which must be bit-identical.
 */
public sealed interface ElementTransform
        permits ConstantTransform, UniformTransform, NormalTransform, TruncatedNormalTransform {

    /** The float32 element made from word {@code w}. */
    float apply32(int w);

    /** The float64 element made from words {@code lo} and {@code hi}. */
    double apply64(int lo, int hi);

    /** The law the transform samples (in exact arithmetic). */
    Distribution distribution();

    /**
     * Why this transform cannot make float32 elements (a parameter overflows or rounds to nothing in
     * float32), or null when it can. Float64 fills do not care: a law such as const(1e300) is fine
     * there. Engines refuse float32 fills of a transform with a problem.
     */
    default String float32Problem() {
        return null;
    }

    /** Why this transform cannot make finite float64 elements, or null when it can. */
    default String float64Problem() {
        return null;
    }

    /** 24 high bits of a word as a float in [0, 1): {@code (w >>> 8) * 2^-24}. */
    static float unit24(int w) {
        return (float) (w >>> 8) * 0x1p-24f;
    }

    /**
     * A centred open value in (-1, 1) from the 24 high bits m = w >>> 8:
     * {@code (2m + 1 - 2^24) * 2^-24}, exact in float, symmetric, never 0 or +-1.
     */
    static float centered24(int w) {
        return (float) (((w >>> 8) << 1) + 1 - (1 << 24)) * 0x1p-24f;
    }

    /** The 64-bit value {@code hi << 32 | lo}. */
    static long bits64(int lo, int hi) {
        return ((long) hi << 32) | (lo & 0xFFFFFFFFL);
    }

    /** 53 high bits as a double in [0, 1): {@code (bits >>> 11) * 2^-53}. */
    static double unit53(int lo, int hi) {
        return (double) (bits64(lo, hi) >>> 11) * 0x1p-53;
    }

    /** An open probability in (0, 1) from the 52 high bits m: {@code (2m + 1) * 2^-53}, exact, symmetric. */
    static double open52(int lo, int hi) {
        return (double) (((bits64(lo, hi) >>> 12) << 1) + 1) * 0x1p-53;
    }
}
