package dev.initlab.init;

import dev.initlab.dist.Distribution;
import dev.initlab.tensor.Shape;

/**
 * The backstop after a fill, before anything is written: every element finite and inside the
 * support of the scheme's law (bounds rounded outward to the element type; orthogonal entries
 * may exceed the gain by the few ulps of the double-precision QR). {@link Initializer#checkRepresentable}
 * refuses the parameters that could break this; a failure here is a gap in those checks, reported
 * as a one-line {@link IllegalArgumentException} instead of a file of infinities.
 */
public final class FillCheck {
    private static final int ORTHOGONAL_ULPS = 4;

    private FillCheck() {
    }

    /** Throws naming the first bad element of a float32 tensor. */
    public static void values(Initializer init, Shape shape, Fans fans, float[] a) {
        double[] b = bounds(init, shape, fans, Precision.FLOAT32);
        float lo = (float) b[0];
        float hi = (float) b[1];
        for (int i = 0; i < a.length; i++) {
            float x = a[i];
            if (!(x >= lo && x <= hi)) { // false for NaN too
                throw bad(init, i, x, b, Precision.FLOAT32);
            }
        }
    }

    /** Throws naming the first bad element of a float64 tensor. */
    public static void values(Initializer init, Shape shape, Fans fans, double[] a) {
        double[] b = bounds(init, shape, fans, Precision.FLOAT64);
        double lo = b[0];
        double hi = b[1];
        for (int i = 0; i < a.length; i++) {
            double x = a[i];
            if (!(x >= lo && x <= hi)) {
                throw bad(init, i, x, b, Precision.FLOAT64);
            }
        }
    }

    /** The closed range allowed in the type: finite, and the law's support rounded outward. */
    static double[] bounds(Initializer init, Shape shape, Fans fans, Precision p) {
        Distribution d = init.distribution(shape, fans);
        double lo = Math.max(p.floor(d.lower()), -p.max());
        double hi = Math.min(p.ceil(d.upper()), p.max());
        if (init.structure() == Initializer.Structure.ORTHOGONAL) {
            lo = Math.max(lo - ORTHOGONAL_ULPS * p.ulp(lo), -p.max());
            hi = Math.min(hi + ORTHOGONAL_ULPS * p.ulp(hi), p.max());
        }
        return new double[] {lo, hi};
    }

    private static IllegalArgumentException bad(Initializer init, int i, double x, double[] b, Precision p) {
        String why = Double.isNaN(x) || Double.isInfinite(x) ? "is " + x
                : "= " + Limits.show(x) + " lies outside [" + Limits.show(b[0]) + ", " + Limits.show(b[1]) + "]";
        return new IllegalArgumentException(init.name() + ": element " + i + " " + why + " in " + p
                + "; these parameters are not representable (nothing written)");
    }
}
