package dev.initlab.tensor;

import java.util.StringJoiner;

/**
 * Arithmetic on raw dimension arrays as files declare them (which may be negative, zero or too
 * large, unlike a {@link Shape}): element counts with overflow checks, and NumPy-style printing.
 * The counts report a problem as a negative code rather than throwing, so each reader can word the
 * error for its own file.
 */
public final class Shapes {
    /** The largest array length the JVM reliably allocates ({@code ArraysSupport.SOFT_MAX_ARRAY_LENGTH}). */
    public static final int MAX_ELEMENTS = Integer.MAX_VALUE - 8;

    /** {@link #product} / {@link #count} code: a dimension is negative. */
    public static final long NEGATIVE_DIMENSION = -1;
    /** {@link #product} / {@link #count} code: the product overflows 64 bits. */
    public static final long OVERFLOW = -2;
    /** {@link #count} code: the product exceeds {@link #MAX_ELEMENTS}. */
    public static final long TOO_LARGE = -3;

    private Shapes() {
    }

    /**
     * The product of the dimensions.
     *
     * @return the product, or {@link #NEGATIVE_DIMENSION} if a dimension is negative, {@link #OVERFLOW}
     *     if the product overflows 64 bits (and no dimension is zero)
     */
    public static long product(long[] shape) {
        for (long d : shape) {
            if (d < 0) {
                return NEGATIVE_DIMENSION;
            }
        }
        for (long d : shape) {
            if (d == 0) {
                return 0;
            }
        }
        long n = 1;
        for (long d : shape) {
            if (n > Long.MAX_VALUE / d) {
                return OVERFLOW;
            }
            n *= d;
        }
        return n;
    }

    /**
     * The element count of a shape that must fit in a Java array.
     *
     * @return as {@link #product}, or {@link #TOO_LARGE} if the product exceeds {@link #MAX_ELEMENTS}
     */
    public static long count(long[] shape) {
        long n = product(shape);
        return n > MAX_ELEMENTS ? TOO_LARGE : n;
    }

    /** Prints a shape like NumPy: {@code ()}, {@code (5,)}, {@code (2, 3)}. */
    public static String format(long[] shape) {
        if (shape.length == 1) {
            return "(" + shape[0] + ",)";
        }
        StringJoiner j = new StringJoiner(", ", "(", ")");
        for (long d : shape) {
            j.add(Long.toString(d));
        }
        return j.toString();
    }

    /** The exact product of the dimensions, however large. */
    public static java.math.BigInteger exactProduct(long[] shape) {
        java.math.BigInteger p = java.math.BigInteger.ONE;
        for (long d : shape) {
            p = p.multiply(java.math.BigInteger.valueOf(d));
        }
        return p;
    }
}
