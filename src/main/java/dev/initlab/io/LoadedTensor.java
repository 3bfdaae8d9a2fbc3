package dev.initlab.io;

import dev.initlab.tensor.Dtype;
import dev.initlab.tensor.Shapes;
import java.util.Arrays;
import java.util.Objects;

/**
 * A tensor read from a file: its name, shape, source element type and values in C (row-major)
 * order, widened to {@code double} (exactly: every supported source type is a subset of double).
 *
 * <p>The shape is copied on the way in and out; the values array is shared, not copied, because
 * tensors can be large. {@link #equals} and {@link #hashCode} compare contents.
 *
 * @param name the tensor's name (the safetensors key, or the file name without extension)
 * @param shape the dimensions, outermost first; {@code []} is a scalar
 * @param dtype the source element type: a {@linkplain Dtype#decodable() decodable} one
 *     ({@link Dtype#FLOAT16}, {@link Dtype#BFLOAT16}, {@link Dtype#FLOAT32} or {@link Dtype#FLOAT64})
 * @param values the elements in C order; the length equals the product of {@code shape}
 */
public record LoadedTensor(String name, long[] shape, Dtype dtype, double[] values) {

    /**
     * Validates and creates a tensor.
     *
     * @throws IllegalArgumentException if a dimension is negative, the dtype is not decodable, or the
     *     number of values differs from the product of the shape
     */
    public LoadedTensor {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(shape, "shape");
        Objects.requireNonNull(dtype, "dtype");
        Objects.requireNonNull(values, "values");
        shape = shape.clone();
        if (!dtype.decodable()) {
            throw new IllegalArgumentException("tensor '" + name + "': dtype " + dtype
                    + " cannot be held as floats (expected float16, bfloat16, float32 or float64)");
        }
        long n = Shapes.count(shape);
        if (n < 0 || n != values.length) {
            throw new IllegalArgumentException("tensor '" + name + "': shape " + Shapes.format(shape)
                    + (n == Shapes.NEGATIVE_DIMENSION ? " has a negative dimension" : " does not match " + values.length + " values"));
        }
    }

    /**
     * A float32 tensor from float values.
     *
     * @param name the name
     * @param shape the dimensions
     * @param values the elements in C order
     * @return the tensor, with the values widened to double
     */
    public static LoadedTensor ofFloats(String name, long[] shape, float[] values) {
        double[] d = new double[values.length];
        for (int i = 0; i < d.length; i++) {
            d[i] = values[i];
        }
        return new LoadedTensor(name, shape, Dtype.FLOAT32, d);
    }

    /**
     * A float64 tensor.
     *
     * @param name the name
     * @param shape the dimensions
     * @param values the elements in C order (not copied)
     * @return the tensor
     */
    public static LoadedTensor ofDoubles(String name, long[] shape, double[] values) {
        return new LoadedTensor(name, shape, Dtype.FLOAT64, values);
    }

    /** A copy of the dimensions. */
    @Override
    public long[] shape() {
        return shape.clone();
    }

    /** The number of elements: the product of the shape. */
    public long count() {
        return values.length;
    }

    /** The number of dimensions (0 for a scalar). */
    public int rank() {
        return shape.length;
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof LoadedTensor t && name.equals(t.name) && Arrays.equals(shape, t.shape)
                && dtype == t.dtype && Arrays.equals(values, t.values);
    }

    @Override
    public int hashCode() {
        return Objects.hash(name, Arrays.hashCode(shape), dtype, Arrays.hashCode(values));
    }

    /** Name, dtype and shape; the values are left out because they can be many. */
    @Override
    public String toString() {
        return "LoadedTensor[" + name + ", " + dtype + ", shape " + Shapes.format(shape) + "]";
    }
}
