package dev.initlab.init;

import dev.initlab.fill.NormalTransform;
import java.util.Locale;

/** The element type a tensor is filled in, with the limits that decide which parameters it can represent. */
public enum Precision {
    FLOAT32, FLOAT64;

    /** {@code v} rounded to this type (to nearest), as a double. */
    public double round(double v) {
        return this == FLOAT32 ? (double) (float) v : v;
    }

    /** The largest finite value. */
    public double max() {
        return this == FLOAT32 ? Float.MAX_VALUE : Double.MAX_VALUE;
    }

    /** The spacing of values of this type at {@code v}. */
    public double ulp(double v) {
        return this == FLOAT32 ? Math.ulp((float) v) : Math.ulp(v);
    }

    /** The largest |z| the normal sampler of this type produces (5.42 for float32, 8.21 for float64). */
    public double maxAbsZ() {
        return this == FLOAT32 ? NormalTransform.MAX_ABS_Z32 : NormalTransform.MAX_ABS_Z64;
    }

    /** The largest value of this type that is {@code <= v}. */
    public double floor(double v) {
        if (this == FLOAT64) {
            return v;
        }
        float f = (float) v;
        return f > v ? Math.nextDown(f) : f;
    }

    /** The smallest value of this type that is {@code >= v}. */
    public double ceil(double v) {
        if (this == FLOAT64) {
            return v;
        }
        float f = (float) v;
        return f < v ? Math.nextUp(f) : f;
    }

    @Override
    public String toString() {
        return name().toLowerCase(Locale.ROOT);
    }
}
