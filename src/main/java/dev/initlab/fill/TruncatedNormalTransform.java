package dev.initlab.fill;

import dev.initlab.dist.Distribution;
import dev.initlab.dist.Gaussian;
import dev.initlab.dist.TruncatedNormal;
import jdk.incubator.vector.DoubleVector;
import jdk.incubator.vector.FloatVector;
import jdk.incubator.vector.VectorSpecies;
import org.apache.commons.math3.special.Erf;

/**
 * Truncated normal by inverse CDF (no rejection loop, so it stays counter-based).
 * With standardised bounds alpha, beta:
 * <ul>
 *   <li>float32: in the erf domain, xa = erf(alpha/sqrt2), xb = erf(beta/sqrt2) (double, then
 *       mid = (xa+xb)/2 and half = (xb-xa)/2 rounded to float); v = centred24(w) as for the
 *       normal; x = clamp(mid + half * v, +-(1 - 2^-24)); z = sqrt2 erfinv(x); y = mu + sigma z;
 *       result clamp(y, a', b') where a' is the smallest float >= a and b' the largest float <= b.</li>
 *   <li>float64: p = Phi(alpha) + (Phi(beta) - Phi(alpha)) * open52; p clamped to
 *       [2^-1000, 1 - 2^-53]; z = AS241(p); result clamp(mu + sigma z, a, b).</li>
 * </ul>
 * Resolution note: for intervals that lie far in one tail, float32 has few distinct erf-domain
 * values near +-1 (spacing 2^-24), so such intervals get a coarser grid of outputs.
 *
 * <p>Twins, on purpose: {@code apply32}/{@code apply64} (float32/float64) are checked against each
 * other by {@code FloatDoubleTwinsProperties}; each scalar form against its SIMD twin
 * ({@code vectorPass32}/{@code vectorPass64}) bit for bit by {@code EnginesEquivalenceProperties}
 * and {@code VectorEngineTest}.
 */
public final class TruncatedNormalTransform implements ElementTransform {
    private static final double SQRT_HALF = Math.sqrt(0.5);
    private final TruncatedNormal law;
    final float mid32;
    final float half32;
    final float mu32;
    final float sigma32;
    final float lo32;
    final float hi32;
    final double pa64;
    final double pw64;
    final double mu64;
    final double sigma64;
    final double a64;
    final double b64;

    private TruncatedNormalTransform(TruncatedNormal law) {
        this.law = law;
        double xa = Erf.erf(law.alpha() * SQRT_HALF);
        double xb = Erf.erf(law.beta() * SQRT_HALF);
        this.mid32 = (float) (0.5 * (xa + xb));
        this.half32 = (float) (0.5 * (xb - xa));
        this.mu32 = (float) law.mu();
        this.sigma32 = (float) law.sigma();
        float fa = (float) law.a();
        if (fa < law.a()) {
            fa = Math.nextUp(fa);
        }
        float fb = (float) law.b();
        if (fb > law.b()) {
            fb = Math.nextDown(fb);
        }
        this.lo32 = fa;
        this.hi32 = fb;
        this.pa64 = Gaussian.cdf(law.alpha());
        this.pw64 = Gaussian.cdf(law.beta()) - pa64;
        this.mu64 = law.mu();
        this.sigma64 = law.sigma();
        this.a64 = law.a();
        this.b64 = law.b();
    }

    @Override
    public String float32Problem() {
        if (!Float.isFinite(mu32) || !Float.isFinite(sigma32) || sigma32 == 0f) {
            return law.describe() + " is not representable in float32";
        }
        if (!(lo32 <= hi32)) {
            return law.describe() + ": no float32 value lies in [" + law.a() + ", " + law.b() + "]";
        }
        return null;
    }

    /** N(mean, std^2) truncated to the absolute interval [a, b]. */
    public static TruncatedNormalTransform of(double mean, double std, double a, double b) {
        return new TruncatedNormalTransform(TruncatedNormal.of(mean, std, a, b));
    }

    @Override
    public float apply32(int w) {
        float v = ElementTransform.centered24(w);
        float x = mid32 + half32 * v;
        x = Math.max(-Kernels.X_MAX_F, Math.min(x, Kernels.X_MAX_F));
        float y = mu32 + sigma32 * Kernels.normalFromErfDomain(x);
        return Math.max(lo32, Math.min(y, hi32));
    }

    /** SIMD twin of {@link #apply32(int)}, in place over raw word bits (see {@link UniformTransform#vectorPass32}); an even number of vectors. */
    void vectorPass32(float[] a, int from, int to) {
        VectorSpecies<Float> fs = VectorKernels.FS;
        for (int i = from; i < to; i += fs.length()) {
            FloatVector v = VectorKernels.centered24(FloatVector.fromArray(fs, a, i).reinterpretAsInts());
            FloatVector x = v.mul(half32).add(mid32);
            x.min(Kernels.X_MAX_F).max(-Kernels.X_MAX_F).intoArray(a, i);
        }
        VectorKernels.normalFromErfDomain(a, from, to);
        for (int i = from; i < to; i += fs.length()) {
            FloatVector y = FloatVector.fromArray(fs, a, i).mul(sigma32).add(mu32);
            y.min(hi32).max(lo32).intoArray(a, i);
        }
    }

    @Override
    public double apply64(int lo, int hi) {
        double p = pa64 + pw64 * ElementTransform.open52(lo, hi);
        p = Math.max(0x1p-1000, Math.min(p, 1.0 - 0x1p-53));
        double y = law.mu() + law.sigma() * Kernels.normalQuantile(p);
        return Math.max(law.a(), Math.min(y, law.b()));
    }

    /** SIMD twin of {@link #apply64(int, int)}, in place over raw bits (see {@link UniformTransform#vectorPass64}). */
    void vectorPass64(double[] a, int from, int to) {
        VectorSpecies<Double> ds = VectorKernels.DS;
        for (int i = from; i < to; i += ds.length()) {
            DoubleVector p = VectorKernels.open52(DoubleVector.fromArray(ds, a, i).reinterpretAsLongs()).mul(pw64).add(pa64);
            p.min(1.0 - 0x1p-53).max(0x1p-1000).intoArray(a, i);
        }
        VectorKernels.normalQuantile(a, from, to);
        for (int i = from; i < to; i += ds.length()) {
            DoubleVector y = DoubleVector.fromArray(ds, a, i).mul(sigma64).add(mu64);
            y.min(b64).max(a64).intoArray(a, i);
        }
    }

    @Override
    public Distribution distribution() {
        return law;
    }

    @Override
    public String toString() {
        return "TruncatedNormalTransform[" + law.describe() + "]";
    }
}
