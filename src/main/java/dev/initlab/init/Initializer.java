package dev.initlab.init;

import dev.initlab.dist.Distribution;
import dev.initlab.fill.FillEngine;
import dev.initlab.random.PhiloxStream;
import dev.initlab.tensor.Shape;

/**
 * A named, parameterised initialization scheme, bound to its parameters but not to a shape.
 * For a shape and its fans it exposes the exact law of each element ({@link #distribution}) and
 * fills tensors from a Philox stream through any {@link FillEngine}.
 */
public interface Initializer {
    /** Canonical catalog name, e.g. {@code glorot_uniform}. */
    String name();

    /** How elements relate to each other. */
    Structure structure();

    /** Whether the scheme reads fan_in/fan_out. */
    boolean needsFans();

    /** The marginal law of one element for this shape and fans. */
    Distribution distribution(Shape shape, Fans fans);

    /** The formula in words, with the parameters substituted, e.g. {@code U(+-sqrt(6/(fan_in+fan_out)))}. */
    String formula();

    /**
     * Refuses parameters whose elements would not be finite, or not representable, in {@code precision}
     * for this shape and fans: throws an {@link IllegalArgumentException} whose one-line message says
     * why (e.g. "high 1e-46 rounds to 0 in float32, not above low 0"; a {@link ParameterException}). Both {@code fill} methods
     * call it first; callers may call it before allocating a large tensor.
     */
    void checkRepresentable(Shape shape, Fans fans, Precision precision);

    /** Fills {@code dst} (length = shape.count()) in C order; see {@link #checkRepresentable}. */
    void fill(Shape shape, Fans fans, PhiloxStream stream, FillEngine engine, float[] dst);

    /**
     * Fills {@code dst} (length = shape.count()) in C order: the float64 twin of the float32 {@code fill} (a
     * deliberate twin in every implementation; {@code InitializerTwinsTest} checks each pair element by element:
     * the same value in float32 resolution, the same zeros).
     */
    void fill(Shape shape, Fans fans, PhiloxStream stream, FillEngine engine, double[] dst);

    /** Convenience: a new float32 tensor. */
    default float[] fill32(Shape shape, Fans fans, PhiloxStream stream, FillEngine engine) {
        float[] a = new float[shape.count()];
        fill(shape, fans, stream, engine, a);
        return a;
    }

    /** Convenience: a new float64 tensor. */
    default double[] fill64(Shape shape, Fans fans, PhiloxStream stream, FillEngine engine) {
        double[] a = new double[shape.count()];
        fill(shape, fans, stream, engine, a);
        return a;
    }

    /** How the elements of a tensor relate. */
    enum Structure {
        /** Independent, identically distributed elements (one transform per element). */
        IID,
        /** A (semi-)orthogonal matrix: Haar entries, exact orthogonality. */
        ORTHOGONAL,
        /** No randomness: identity, dirac. */
        DETERMINISTIC,
        /** IID normal values with an exact number of zeros per column. */
        SPARSE
    }

    /** Checks the destination length against the shape. */
    static void checkLength(Shape shape, int length) {
        if (length != shape.count()) {
            throw new IllegalArgumentException("destination has " + length + " elements but shape " + shape
                    + " needs " + shape.count());
        }
    }
}
