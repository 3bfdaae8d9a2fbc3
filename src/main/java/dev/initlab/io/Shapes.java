package dev.initlab.io;

import java.util.StringJoiner;

/** Element counts and printing of shapes, with overflow checks. */
final class Shapes {
    /** The largest array length the JVM reliably allocates ({@code ArraysSupport.SOFT_MAX_ARRAY_LENGTH}). */
    static final int MAX_ELEMENTS = Integer.MAX_VALUE - 8;

    private Shapes() {
    }

    /**
     * The product of the dimensions.
     *
     * @return the product, or {@code -1} if a dimension is negative, {@code -2} if the product
     *     overflows 64 bits (and no dimension is zero)
     */
    static long product(long[] shape) {
        for (long d : shape) {
            if (d < 0) {
                return -1;
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
                return -2;
            }
            n *= d;
        }
        return n;
    }

    /**
     * The element count of a shape that must fit in a Java array.
     *
     * @return as {@link #product}, or {@code -3} if the product exceeds {@link #MAX_ELEMENTS}
     */
    static long count(long[] shape) {
        long n = product(shape);
        return n > MAX_ELEMENTS ? -3 : n;
    }

    /**
     * The element count of a shape read from a file, or an {@link InputException} naming the file.
     *
     * @param what how to introduce the shape in the message, e.g. {@code "shape"} or
     *     {@code "tensor 'w': shape"}
     */
    static int checkedCount(java.nio.file.Path path, String what, long[] shape) {
        long n = count(shape);
        if (n == -1) {
            throw InputException.at(path, what + " " + format(shape) + " has a negative dimension");
        }
        if (n == -2) {
            throw InputException.at(path, what + " " + format(shape)
                    + " is too large: its element count overflows 64 bits");
        }
        if (n == -3) {
            throw InputException.at(path, what + " " + format(shape) + " is too large: "
                    + exactProduct(shape) + " elements, more than a Java array holds (" + MAX_ELEMENTS + ")");
        }
        return (int) n;
    }

    /** Prints a shape like NumPy: {@code ()}, {@code (5,)}, {@code (2, 3)}. */
    static String format(long[] shape) {
        if (shape.length == 1) {
            return "(" + shape[0] + ",)";
        }
        StringJoiner j = new StringJoiner(", ", "(", ")");
        for (long d : shape) {
            j.add(Long.toString(d));
        }
        return j.toString();
    }

    private static java.math.BigInteger exactProduct(long[] shape) {
        java.math.BigInteger p = java.math.BigInteger.ONE;
        for (long d : shape) {
            p = p.multiply(java.math.BigInteger.valueOf(d));
        }
        return p;
    }
}
