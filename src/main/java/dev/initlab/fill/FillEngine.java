package dev.initlab.fill;

import dev.initlab.random.PhiloxStream;

/**
 * Fills a slice of a tensor: element {@code first + k} goes to {@code dst[off + k]} for
 * {@code k < len}. All engines produce bit-identical output for the same arguments.
 */
public interface FillEngine {
    /** Engine name as used by {@code --engine}. */
    String name();

    void fill(ElementTransform t, PhiloxStream s, long first, float[] dst, int off, int len);

    void fill(ElementTransform t, PhiloxStream s, long first, double[] dst, int off, int len);

    /** Fills a whole float array as tensor elements 0..n-1. */
    default void fill(ElementTransform t, PhiloxStream s, float[] dst) {
        fill(t, s, 0, dst, 0, dst.length);
    }

    /** Fills a whole double array as tensor elements 0..n-1. */
    default void fill(ElementTransform t, PhiloxStream s, double[] dst) {
        fill(t, s, 0, dst, 0, dst.length);
    }

    /** Refuses a float32 fill of a transform that cannot make float32 elements; engines call this first. */
    static void checkFloat32(ElementTransform t) {
        String problem = t.float32Problem();
        if (problem != null) {
            throw new IllegalArgumentException(problem);
        }
    }

    /** Refuses a float64 fill of a transform that cannot make finite float64 elements; engines call this first. */
    static void checkFloat64(ElementTransform t) {
        String problem = t.float64Problem();
        if (problem != null) {
            throw new IllegalArgumentException(problem);
        }
    }

    /** Checks slice arguments; engines call this first. */
    static void checkSlice(long first, int arrayLength, int off, int len) {
        if (first < 0) {
            throw new IllegalArgumentException("first element index must be >= 0, got " + first);
        }
        if (off < 0 || len < 0 || off > arrayLength - len) {
            throw new IndexOutOfBoundsException("slice [" + off + ", " + off + "+" + len
                    + ") outside array of length " + arrayLength);
        }
    }
}
