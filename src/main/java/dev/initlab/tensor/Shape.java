package dev.initlab.tensor;

import java.util.Arrays;
import java.util.stream.Collectors;

/** A tensor shape: positive dimensions, C (row-major) order, element count that fits in a Java array. */
public final class Shape {
    private final long[] dims;
    private final int count;

    private Shape(long[] dims, int count) {
        this.dims = dims;
        this.count = count;
    }

    /** Validates: at least one dimension, each positive, product fits in an int-indexed array. */
    public static Shape of(long... dims) {
        if (dims.length == 0) {
            throw new IllegalArgumentException("shape needs at least one dimension");
        }
        long c = 1;
        for (long d : dims) {
            if (d <= 0) {
                throw new IllegalArgumentException("shape " + fmt(dims) + " has a zero or negative dimension");
            }
            try {
                c = Math.multiplyExact(c, d);
            } catch (ArithmeticException e) {
                throw new IllegalArgumentException("shape " + fmt(dims) + ": element count overflows 64 bits");
            }
        }
        if (c > Shapes.MAX_ELEMENTS) {
            throw new IllegalArgumentException("shape " + fmt(dims) + " has " + c
                    + " elements; one tensor is limited to " + (Shapes.MAX_ELEMENTS) + " (a Java array)");
        }
        return new Shape(dims.clone(), (int) c);
    }

    /** Parses {@code 256x784}, {@code 64,3,3,3} or {@code 1000}. */
    public static Shape parse(String text) {
        if (text == null || text.isBlank()) {
            throw new IllegalArgumentException("empty shape");
        }
        String[] parts = text.trim().split("[x,X*]");
        long[] d = new long[parts.length];
        for (int i = 0; i < parts.length; i++) {
            try {
                d[i] = Long.parseLong(parts[i].trim());
            } catch (NumberFormatException e) {
                throw new IllegalArgumentException("bad shape '" + text + "': '" + parts[i] + "' is not a whole number");
            }
        }
        return of(d);
    }

    public int rank() {
        return dims.length;
    }

    public long dim(int i) {
        return dims[i < 0 ? dims.length + i : i];
    }

    public long[] dims() {
        return dims.clone();
    }

    /** Number of elements: the product of the dimensions (always fits an int, see {@link #of}). */
    public int count() {
        return count;
    }

    /** Product of dims[from..to). */
    public long product(int from, int to) {
        long p = 1;
        for (int i = from; i < to; i++) {
            p *= dims[i];
        }
        return p;
    }

    private static String fmt(long[] d) {
        return Arrays.stream(d).mapToObj(Long::toString).collect(Collectors.joining("x"));
    }

    @Override
    public String toString() {
        return fmt(dims);
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof Shape s && Arrays.equals(dims, s.dims);
    }

    @Override
    public int hashCode() {
        return Arrays.hashCode(dims);
    }
}
