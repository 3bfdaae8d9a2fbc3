package dev.initlab.fill;

import dev.initlab.dist.Distribution;
import dev.initlab.dist.Normal;

/**
 * Normal elements by inverse CDF, one word per float32 element.
 * <ul>
 *   <li>float32: v = (2m + 1 - 2^24) * 2^-24 with m = w >>> 8 (exact, in (-1, 1));
 *       z = {@link Kernels#normalFromErfDomain(float)}(v) = sqrt(2) erfinv(v); x = mu + sigma * z,
 *       all in float. Largest |z| is reached at |v| = 1 - 2^-24 and is about 5.42
 *       ({@link #MAX_ABS_Z32}, asserted by the unit tests).</li>
 *   <li>float64: p = (2m + 1) * 2^-53 with m the 52 high bits; z = AS241(p)
 *       ({@link Kernels#normalQuantile(double)}); x = mu + sigma * z in double. Largest |z| about 8.21.</li>
 * </ul>
 * No rejection, no +-inf, no NaN: the result is a pure function of the element's word(s).
 */
public final class NormalTransform implements ElementTransform {
    /** The largest |z| the float32 path produces: at v = +-(1 - 2^-24). */
    public static final float MAX_ABS_Z32 = Kernels.normalFromErfDomain(1f - 0x1p-24f);
    /** The largest |z| the float64 path produces: at p = 2^-53. */
    public static final double MAX_ABS_Z64 = -Kernels.normalQuantile(0x1p-53);

    private final Normal law;
    final float mu32;
    final float sigma32;

    private NormalTransform(Normal law) {
        this.law = law;
        this.mu32 = (float) law.mu();
        this.sigma32 = (float) law.sigma();
        if (!Float.isFinite(mu32) || !Float.isFinite(sigma32) || sigma32 == 0f) {
            throw new IllegalArgumentException(law.describe() + " is not representable in float32");
        }
    }

    public static NormalTransform of(double mean, double std) {
        return new NormalTransform(Normal.of(mean, std));
    }

    @Override
    public float apply32(int w) {
        float z = Kernels.normalFromErfDomain(ElementTransform.centered24(w));
        return mu32 + sigma32 * z;
    }

    @Override
    public double apply64(int lo, int hi) {
        double z = Kernels.normalQuantile(ElementTransform.open52(lo, hi));
        return law.mu() + law.sigma() * z;
    }

    @Override
    public Distribution distribution() {
        return law;
    }

    @Override
    public String toString() {
        return "NormalTransform[" + law.describe() + "]";
    }
}
