package dev.initlab.stats;

import dev.initlab.tensor.Dtype;
import dev.initlab.tensor.Shape;
import java.util.Objects;

/**
 * A tensor to be checked: its values in C order (widened to double, not copied), its shape and
 * the type it was stored in.
 *
 * @param values the elements in C (row-major) order
 * @param shape the tensor shape; its element count equals {@code values.length}
 * @param dtype the storage type, which sets rounding tolerances
 */
public record Sample(double[] values, Shape shape, Dtype dtype) {
    public Sample {
        Objects.requireNonNull(values, "values");
        Objects.requireNonNull(shape, "shape");
        Objects.requireNonNull(dtype, "dtype");
        if (shape.count() != values.length) {
            throw new IllegalArgumentException("shape " + shape + " needs " + shape.count() + " values, got "
                    + values.length);
        }
    }

    /** A float32 sample (values widened exactly). */
    public static Sample of(float[] values, Shape shape) {
        double[] d = new double[values.length];
        for (int i = 0; i < d.length; i++) {
            d[i] = values[i];
        }
        return new Sample(d, shape, Dtype.FLOAT32);
    }

    /** A float64 sample (not copied). */
    public static Sample of(double[] values, Shape shape) {
        return new Sample(values, shape, Dtype.FLOAT64);
    }

    /** A sample stored as {@code dtype} (values not copied). */
    public static Sample of(double[] values, Shape shape, Dtype dtype) {
        return new Sample(values, shape, dtype);
    }

    /** Number of elements. */
    public int size() {
        return values.length;
    }

    /**
     * The 2-D view used by the row/column checks: the C-order dimensions split into
     * (leading dims) x (trailing dims) at the point that makes rows and columns most nearly equal,
     * so (out, in) stays (out, in), (out, in, kh, kw) becomes out x (in*kh*kw) and
     * (kh, kw, in, out) becomes (kh*kw*in) x out. Rank-1 tensors give {@code {1, n}}.
     *
     * @return {@code {rows, cols}}
     */
    public int[] matrixView() {
        long[] d = shape.dims();
        if (d.length < 2) {
            return new int[] {1, values.length};
        }
        long best = -1;
        double bestScore = Double.POSITIVE_INFINITY;
        for (int k = 1; k < d.length; k++) {
            long rows = shape.product(0, k);
            long cols = values.length / rows;
            double score = Math.abs(Math.log((double) rows / cols));
            if (score < bestScore) {
                bestScore = score;
                best = rows;
            }
        }
        return new int[] {(int) best, (int) (values.length / best)};
    }
}
