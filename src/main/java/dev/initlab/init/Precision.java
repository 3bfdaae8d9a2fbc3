package dev.initlab.init;

import dev.initlab.fill.NormalTransform;
import dev.initlab.tensor.Dtype;
import java.util.Locale;

/**
 * The element types a tensor can be filled in (the fill engines write float32 and float64 only),
 * with the limits that decide which parameters each can represent. The rounding itself is the
 * {@link Dtype}'s; this adds the normal sampler's reach.
 */
public enum Precision {
    FLOAT32(Dtype.FLOAT32), FLOAT64(Dtype.FLOAT64);

    private final Dtype dtype;

    Precision(Dtype dtype) {
        this.dtype = dtype;
    }

    /** The element type. */
    public Dtype dtype() {
        return dtype;
    }

    /** {@code v} rounded to this type (to nearest), as a double. */
    public double round(double v) {
        return dtype.round(v);
    }

    /** The largest finite value. */
    public double max() {
        return dtype.max();
    }

    /** The spacing of values of this type at {@code v}. */
    public double ulp(double v) {
        return dtype.ulp(v);
    }

    /** The largest |z| the normal sampler of this type produces (5.42 for float32, 8.21 for float64). */
    public double maxAbsZ() {
        return this == FLOAT32 ? NormalTransform.MAX_ABS_Z32 : NormalTransform.MAX_ABS_Z64;
    }

    /** The largest value of this type that is {@code <= v}. */
    public double floor(double v) {
        return dtype.floor(v);
    }

    /** The smallest value of this type that is {@code >= v}. */
    public double ceil(double v) {
        return dtype.ceil(v);
    }

    @Override
    public String toString() {
        return name().toLowerCase(Locale.ROOT);
    }
}
