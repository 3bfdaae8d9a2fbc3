package dev.initlab.fill;

import dev.initlab.dist.Distribution;
import dev.initlab.dist.Uniform;
import jdk.incubator.vector.DoubleVector;
import jdk.incubator.vector.FloatVector;
import jdk.incubator.vector.VectorSpecies;

/**
 * Uniform elements.
 * <ul>
 *   <li>float32, symmetric U(-L, L): u = (w >>> 8) * 2^-24; x = L * (2u - 1), every operation in
 *       float (2u - 1 is exact), so x lies in [-L, L).</li>
 *   <li>float32, general U(a, b): x = min(a + (b - a) * u, nextDown(b)) in float, with a, b and
 *       b - a rounded to float first.</li>
 *   <li>float64: the same formulas in double with u = (bits >>> 11) * 2^-53.</li>
 * </ul>
 *
 * <p>Twins, on purpose: {@code apply32}/{@code apply64} (float32/float64) are checked against each
 * other by {@code FloatDoubleTwinsProperties}; each scalar form against its SIMD twin
 * ({@code vectorPass32}/{@code vectorPass64}) bit for bit by {@code EnginesEquivalenceProperties}
 * and {@code VectorEngineTest}.
 */
public final class UniformTransform implements ElementTransform {
    private final Uniform law;
    final boolean symmetric;
    final float limit32;
    final float low32;
    final float width32;
    final float maxBelow32;
    final double limit64;
    final double low64;
    final double width64;
    final double maxBelow64;

    private UniformTransform(Uniform law) {
        this.law = law;
        this.symmetric = law.isSymmetric();
        this.limit64 = law.b();
        this.low64 = law.a();
        this.width64 = law.b() - law.a();
        this.maxBelow64 = Math.nextDown(law.b());
        this.limit32 = (float) law.b();
        this.low32 = (float) law.a();
        this.width32 = (float) law.b() - (float) law.a();
        float fb = (float) law.b();
        this.maxBelow32 = Math.nextDown(fb);
    }

    @Override
    public String float32Problem() {
        if (!Float.isFinite(width32) || !Float.isFinite(limit32) || !Float.isFinite(low32)) {
            return "uniform bounds " + law.describe() + " overflow float32";
        }
        if (!(low32 < limit32)) {
            return "uniform bounds " + law.describe() + " round to [" + low32 + ", " + limit32 + ") in float32: empty";
        }
        return null;
    }

    /** Uniform on [a, b); a == -b selects the symmetric formula. */
    public static UniformTransform of(double a, double b) {
        return new UniformTransform(Uniform.of(a, b));
    }

    /** U(-limit, limit). */
    public static UniformTransform symmetric(double limit) {
        return new UniformTransform(Uniform.symmetric(limit));
    }

    @Override
    public float apply32(int w) {
        float u = ElementTransform.unit24(w);
        if (symmetric) {
            return limit32 * (2f * u - 1f);
        }
        return Math.min(low32 + width32 * u, maxBelow32);
    }

    /**
     * SIMD twin of {@link #apply32(int)}, in place: {@code a[i]} holds word i's raw bits and is
     * replaced by the element, for {@code from <= i < to} (a whole number of vectors).
     */
    void vectorPass32(float[] a, int from, int to) {
        VectorSpecies<Float> fs = VectorKernels.FS;
        for (int i = from; i < to; i += fs.length()) {
            FloatVector u = VectorKernels.unit24(FloatVector.fromArray(fs, a, i).reinterpretAsInts());
            FloatVector x = symmetric ? u.mul(2f).sub(1f).mul(limit32) : u.mul(width32).add(low32).min(maxBelow32);
            x.intoArray(a, i);
        }
    }

    @Override
    public double apply64(int lo, int hi) {
        double u = ElementTransform.unit53(lo, hi);
        if (symmetric) {
            return limit64 * (2.0 * u - 1.0);
        }
        return Math.min(low64 + width64 * u, maxBelow64);
    }

    /**
     * SIMD twin of {@link #apply64(int, int)}, in place: {@code a[i]} holds the raw bits
     * {@code hi << 32 | lo} of element i's two words and is replaced by the element.
     */
    void vectorPass64(double[] a, int from, int to) {
        VectorSpecies<Double> ds = VectorKernels.DS;
        for (int i = from; i < to; i += ds.length()) {
            DoubleVector u = VectorKernels.unit53(DoubleVector.fromArray(ds, a, i).reinterpretAsLongs());
            DoubleVector x = symmetric ? u.mul(2.0).sub(1.0).mul(limit64) : u.mul(width64).add(low64).min(maxBelow64);
            x.intoArray(a, i);
        }
    }

    public boolean isSymmetric() {
        return symmetric;
    }

    @Override
    public Distribution distribution() {
        return law;
    }

    @Override
    public String toString() {
        return "UniformTransform[" + law.describe() + "]";
    }
}
