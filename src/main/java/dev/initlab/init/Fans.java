package dev.initlab.init;

import dev.initlab.tensor.Shape;

/**
 * Fan-in and fan-out of a weight tensor, as each framework computes them from the shape.
 * Use {@link #of(Shape, Layout)} for the frameworks' rules, {@link #jax(Shape, int, int, int...)}
 * for JAX's explicit axes, or {@link #of(long, long)} for explicit fans.
 */
public record Fans(double fanIn, double fanOut) {
    public Fans {
        if (!(fanIn > 0) || !(fanOut > 0) || !Double.isFinite(fanIn) || !Double.isFinite(fanOut)) {
            throw new IllegalArgumentException("fans must be positive, got fan_in=" + fmt(fanIn)
                    + " fan_out=" + fmt(fanOut));
        }
    }

    private static String fmt(double v) {
        return v == Math.rint(v) && Math.abs(v) < 1e15 ? Long.toString((long) v) : Double.toString(v);
    }

    /** Explicit fans, both positive (an {@link IllegalArgumentException} says which is not). */
    public static Fans of(long fanIn, long fanOut) {
        return explicit(fanIn, fanOut);
    }

    /** Explicit fans, both positive; the same as {@link #of(long, long)}. */
    public static Fans explicit(long fanIn, long fanOut) {
        if (fanIn <= 0 || fanOut <= 0) {
            throw new IllegalArgumentException("fans must be positive, got fan_in=" + fanIn + " fan_out=" + fanOut);
        }
        return new Fans(fanIn, fanOut);
    }

    /** (fan_in + fan_out) / 2. */
    public double fanAvg() {
        return 0.5 * (fanIn + fanOut);
    }

    /** The fan a mode names: fan_in, fan_out or fan_avg. */
    public double fan(FanMode mode) {
        return switch (mode) {
            case FAN_IN -> fanIn;
            case FAN_OUT -> fanOut;
            case FAN_AVG -> fanAvg();
        };
    }

    /** The framework rule for {@code layout}. */
    public static Fans of(Shape shape, Layout layout) {
        return switch (layout) {
            case TORCH -> torch(shape);
            case KERAS -> keras(shape);
            case JAX -> jax(shape, -2, -1);
        };
    }

    /** PyTorch: needs rank &gt;= 2; fan_in = size(1) * rf, fan_out = size(0) * rf. */
    public static Fans torch(Shape shape) {
        if (shape.rank() < 2) {
            throw new ParameterException("PyTorch computes fans only for tensors with 2 or more dimensions, got "
                    + shape + " (give " + ParameterException.name("fan_in") + "/" + ParameterException.name("fan_out") + ")");
        }
        long rf = shape.product(2, shape.rank());
        return new Fans((double) shape.dim(1) * rf, (double) shape.dim(0) * rf);
    }

    /** Keras: rank 0 -&gt; 1,1; rank 1 -&gt; dim0, dim0; rank 2 -&gt; dim0, dim1; else (k..., in, out). */
    public static Fans keras(Shape shape) {
        int r = shape.rank();
        if (r == 1) {
            return new Fans(shape.dim(0), shape.dim(0));
        }
        long rf = shape.product(0, r - 2);
        return new Fans((double) shape.dim(r - 2) * rf, (double) shape.dim(r - 1) * rf);
    }

    /**
     * JAX {@code _compute_fans}: receptive field = count / (dim[in] * dim[out] * prod(dim[batch])),
     * fan_in = dim[in] * rf, fan_out = dim[out] * rf. Axes may be negative.
     */
    public static Fans jax(Shape shape, int inAxis, int outAxis, int... batchAxes) {
        int r = shape.rank();
        int in = norm(inAxis, r, "in_axis", shape);
        int out = norm(outAxis, r, "out_axis", shape);
        if (in == out) {
            throw new IllegalArgumentException("in_axis and out_axis must differ");
        }
        double batch = 1;
        for (int b : batchAxes) {
            int bb = norm(b, r, "batch_axis", shape);
            if (bb == in || bb == out) {
                throw new IllegalArgumentException("batch_axis overlaps in_axis/out_axis");
            }
            batch *= shape.dim(bb);
        }
        double rf = shape.count() / ((double) shape.dim(in) * shape.dim(out) * batch);
        return new Fans(shape.dim(in) * rf, shape.dim(out) * rf);
    }

    private static int norm(int axis, int rank, String what, Shape shape) {
        int a = axis < 0 ? rank + axis : axis;
        if (a < 0 || a >= rank) {
            throw new IllegalArgumentException(what + "=" + axis + " is out of range for shape " + shape);
        }
        return a;
    }
}
