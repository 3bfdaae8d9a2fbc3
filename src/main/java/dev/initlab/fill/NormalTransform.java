package dev.initlab.fill;

import dev.initlab.dist.Distribution;
import dev.initlab.dist.Normal;
import jdk.incubator.vector.DoubleVector;
import jdk.incubator.vector.FloatVector;
import jdk.incubator.vector.VectorSpecies;

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
 *
 * <p>Twins, on purpose: {@code apply32}/{@code apply64} (float32/float64) are checked against each
 * other by {@code FloatDoubleTwinsProperties}; each scalar form against its SIMD twin
 * ({@code vectorPass32}/{@code vectorPass64}) bit for bit by {@code EnginesEquivalenceProperties}
 * and {@code VectorEngineTest}.
 */
public final class NormalTransform implements ElementTransform {
    /** The largest |z| the float32 path produces: at v = +-(1 - 2^-24). */
    public static final float MAX_ABS_Z32 = Kernels.normalFromErfDomain(1f - 0x1p-24f);
    /** The largest |z| the float64 path produces: at p = 2^-53. */
    public static final double MAX_ABS_Z64 = -Kernels.normalQuantile(0x1p-53);

    private final Normal law;
    final float mu32;
    final float sigma32;
    final double mu64;
    final double sigma64;

    private NormalTransform(Normal law) {
        this.law = law;
        this.mu64 = law.mu();
        this.sigma64 = law.sigma();
        this.mu32 = (float) law.mu();
        this.sigma32 = (float) law.sigma();
    }

    @Override
    public String float32Problem() {
        if (!Float.isFinite(mu32) || !Float.isFinite(sigma32) || sigma32 == 0f
                || !Float.isFinite(mu32 + sigma32 * MAX_ABS_Z32) || !Float.isFinite(mu32 + sigma32 * -MAX_ABS_Z32)) {
            return law.describe() + " is not representable in float32 (mean +- " + MAX_ABS_Z32 + " std must be finite)";
        }
        return null;
    }

    @Override
    public String float64Problem() {
        if (!Double.isFinite(mu64 + sigma64 * MAX_ABS_Z64) || !Double.isFinite(mu64 + sigma64 * -MAX_ABS_Z64)) {
            return law.describe() + " is not representable in float64 (mean +- " + MAX_ABS_Z64 + " std must be finite)";
        }
        return null;
    }

    public static NormalTransform of(double mean, double std) {
        return new NormalTransform(Normal.of(mean, std));
    }

    @Override
    public float apply32(int w) {
        float z = Kernels.normalFromErfDomain(ElementTransform.centered24(w));
        return mu32 + sigma32 * z;
    }

    /** SIMD twin of {@link #apply32(int)}, in place over raw word bits (see {@link UniformTransform#vectorPass32}); an even number of vectors. */
    void vectorPass32(float[] a, int from, int to) {
        VectorSpecies<Float> fs = VectorKernels.FS;
        for (int i = from; i < to; i += fs.length()) {
            VectorKernels.centered24(FloatVector.fromArray(fs, a, i).reinterpretAsInts()).intoArray(a, i);
        }
        VectorKernels.normalFromErfDomain(a, from, to);
        for (int i = from; i < to; i += fs.length()) {
            FloatVector.fromArray(fs, a, i).mul(sigma32).add(mu32).intoArray(a, i);
        }
    }

    @Override
    public double apply64(int lo, int hi) {
        double z = Kernels.normalQuantile(ElementTransform.open52(lo, hi));
        return law.mu() + law.sigma() * z;
    }

    /** SIMD twin of {@link #apply64(int, int)}, in place over raw bits (see {@link UniformTransform#vectorPass64}). */
    void vectorPass64(double[] a, int from, int to) {
        VectorSpecies<Double> ds = VectorKernels.DS;
        for (int i = from; i < to; i += ds.length()) {
            VectorKernels.open52(DoubleVector.fromArray(ds, a, i).reinterpretAsLongs()).intoArray(a, i);
        }
        VectorKernels.normalQuantile(a, from, to);
        for (int i = from; i < to; i += ds.length()) {
            DoubleVector.fromArray(ds, a, i).mul(sigma64).add(mu64).intoArray(a, i);
        }
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
