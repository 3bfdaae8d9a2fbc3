package dev.initlab.fill;

/**
 * Scalar math kernels built only from +, -, *, /, sqrt, fused multiply-add and bit operations, all
 * of which IEEE 754 rounds correctly (once per operation) in both scalar Java and the Vector API.
 * Their SIMD twins (in {@code VectorKernels}) repeat the same operations in the same order, so the
 * two are bit-identical. {@link Math#log}, {@link Math#sin} and the Vector API's LOG/SIN/COS are not
 * used because they differ by an ulp between scalar and SIMD code.
 *
 * <p>Fused multiply-add (generator version 2, float32 normal kernel only): {@link Math#fma(float, float, float)}
 * here and the Vector API's lane-wise FMA in the twin are the same IEEE 754 fusedMultiplyAdd (one
 * rounding of a*b+c), so they agree bit for bit (checked on all 2^24 inputs by {@code VectorKernelsTest}).
 * Hardware FMA exists on every x86-64 since Haswell (Intel, 2013) and Piledriver (AMD, 2012) and on
 * every AArch64 core. Without it the JVM computes the same bits in software, only much slower: the
 * JDK's fallback is exact (BigDecimal) but hundreds of times slower. {@code initlab bench --selfcheck}
 * fails loudly then: run with {@code -XX:-UseFMA} on this project's AVX2 machine, the bits stayed
 * identical, the float32 normal and truncated normal vector fills allocated about 2.3 GB per
 * 64 Ki-element call (its allocation check) and were only 1.0-1.4x the scalar engine.
 * The float64 kernels (AS241) do not use FMA: their bits are those of generator version 1.
 *
 * <p>Float and double kernels are twins on purpose (float32 elements need float arithmetic to be
 * fast): {@code FloatDoubleTwinsProperties} checks that they sample the same quantile.
 */
public final class Kernels {
    private Kernels() {
    }

    // ---- float32 log --------------------------------------------------------------------------

    /** Bits of (float) sqrt(1/2): mantissas are reduced to [sqrt(1/2), sqrt(2)). */
    static final int SQRT_HALF_BITS_F = 0x3f3504f3;
    /** Upper part of ln 2 with 12 trailing zero bits, so k * LN2_HI_F is exact for |k| < 2^12. */
    static final float LN2_HI_F = Float.intBitsToFloat(0x3f317180);
    /** ln 2 - LN2_HI_F rounded to float. */
    static final float LN2_LO_F = (float) (StrictMath.log(2.0) - LN2_HI_F);
    /** 2/(2k+1) for k = 0..4: log(1+f) = 2 atanh(s), s = f/(2+f). */
    static final float L1F = 2f / 3f;
    static final float L2F = 2f / 5f;
    static final float L3F = 2f / 7f;
    static final float L4F = 2f / 9f;

    /**
     * Natural logarithm of a positive, normal, finite float. Reduction x = 2^k * m with
     * m in [sqrt(1/2), sqrt(2)), f = m - 1, s = f / (2 + f), then
     * log m = 2s + s*s2*(2/3 + s2*(2/5 + s2*(2/7 + s2*2/9))), and log x = k*ln2_hi + (k*ln2_lo + log m),
     * every "a + b*c" as one fused multiply-add (generator version 2). Error below 2 ulp on the
     * arguments the transforms use.
     */
    public static float log(float x) {
        int ix = Float.floatToRawIntBits(x) + (0x3f800000 - SQRT_HALF_BITS_F);
        float k = (float) ((ix >> 23) - 127);
        float m = Float.intBitsToFloat((ix & 0x007fffff) + SQRT_HALF_BITS_F);
        float f = m - 1f;
        float s = f / (2f + f);
        float s2 = s * s;
        float p = Math.fma(s2, L4F, L3F);
        p = Math.fma(s2, p, L2F);
        p = Math.fma(s2, p, L1F);
        float logm = Math.fma(s * s2, p, s + s);
        return Math.fma(k, LN2_HI_F, Math.fma(k, LN2_LO_F, logm));
    }

    // ---- float32 inverse error function (Giles 2010) -----------------------------------------

    /** sqrt(2) as a float. */
    static final float SQRT2_F = (float) Math.sqrt(2.0);
    /** Largest |x| fed to erfinv: 1 - 2^-24, so (1-x)(1+x) > 0 always. */
    static final float X_MAX_F = 1f - 0x1p-24f;

    // M. Giles, "Approximating the erfinv function", GPU Computing Gems Jade Edition (2011),
    // ch. 10, doi:10.1016/B978-0-12-385963-1.00010-1: single-precision coefficients.
    static final float C0 = 2.81022636e-08f;
    static final float C1 = 3.43273939e-07f;
    static final float C2 = -3.5233877e-06f;
    static final float C3 = -4.39150654e-06f;
    static final float C4 = 0.00021858087f;
    static final float C5 = -0.00125372503f;
    static final float C6 = -0.00417768164f;
    static final float C7 = 0.246640727f;
    static final float C8 = 1.50140941f;
    static final float T0 = -0.000200214257f;
    static final float T1 = 0.000100950558f;
    static final float T2 = 0.00134934322f;
    static final float T3 = -0.00367342844f;
    static final float T4 = 0.00573950773f;
    static final float T5 = -0.0076224613f;
    static final float T6 = 0.00943887047f;
    static final float T7 = 1.00167406f;
    static final float T8 = 2.83297682f;
    /**
     * The tail coefficients times sqrt(2) (generator version 2): TSk = float(sqrt(2) * Tk), the product
     * in double, rounded once. The tail result is then p * x, one rounding fewer than (p * x) * sqrt(2)
     * where float32 ulps are largest (max |z - exact| over the tail 9.5e-7 -&gt; 7.5e-7). The central
     * branch keeps (p * x) * sqrt(2): scaling its coefficients raised the mean error (1.37 ulp vs 0.85).
     */
    static final float TS0 = (float) (Math.sqrt(2.0) * T0);
    static final float TS1 = (float) (Math.sqrt(2.0) * T1);
    static final float TS2 = (float) (Math.sqrt(2.0) * T2);
    static final float TS3 = (float) (Math.sqrt(2.0) * T3);
    static final float TS4 = (float) (Math.sqrt(2.0) * T4);
    static final float TS5 = (float) (Math.sqrt(2.0) * T5);
    static final float TS6 = (float) (Math.sqrt(2.0) * T6);
    static final float TS7 = (float) (Math.sqrt(2.0) * T7);
    static final float TS8 = (float) (Math.sqrt(2.0) * T8);

    /**
     * Standard normal quantile from x in [-1+2^-24, 1-2^-24] (the erf domain: x = 2p - 1):
     * z = sqrt(2) * erfinv(x). w = -log(1 - x*x) (1 - x*x as one fused multiply-add: the correctly
     * rounded (1-x)(1+x)); if w < 5, z = (P(w - 2.5) * x) * sqrt(2) with Giles' central polynomial P,
     * else z = Q(sqrt(w) - 3) * x with his tail polynomial times sqrt(2) (coefficients {@code TSk});
     * polynomials by Horner with fused multiply-adds. Callers clamp x first.
     */
    public static float normalFromErfDomain(float x) {
        float w = -log(Math.fma(-x, x, 1f));
        if (w < 5f) {
            return (horner8(w - 2.5f, C0, C1, C2, C3, C4, C5, C6, C7, C8) * x) * SQRT2_F;
        }
        return horner8((float) Math.sqrt(w) - 3f, TS0, TS1, TS2, TS3, TS4, TS5, TS6, TS7, TS8) * x;
    }

    /**
     * k0 t^8 + k1 t^7 + ... + k8 by Horner's rule with one fused multiply-add per step
     * (p = fma(p, t, k)), in float, in this exact order (the SIMD twin repeats it).
     */
    private static float horner8(float t, float k0, float k1, float k2, float k3, float k4, float k5, float k6,
                                 float k7, float k8) {
        float p = Math.fma(k0, t, k1);
        p = Math.fma(p, t, k2);
        p = Math.fma(p, t, k3);
        p = Math.fma(p, t, k4);
        p = Math.fma(p, t, k5);
        p = Math.fma(p, t, k6);
        p = Math.fma(p, t, k7);
        return Math.fma(p, t, k8);
    }

    // ---- float64 log --------------------------------------------------------------------------

    static final long SQRT_HALF_BITS_D = 0x3fe6a09e667f3bcdL;
    static final double LN2_HI_D = Double.longBitsToDouble(0x3fe62e42fee00000L);
    static final double LN2_LO_D = 1.9082149292705877e-10;
    /** 2/(2k+1), k = 1..11. */
    static final double[] LD = new double[12];

    static {
        for (int k = 1; k <= 11; k++) {
            LD[k] = 2.0 / (2 * k + 1);
        }
    }

    /**
     * Natural logarithm of a positive, normal, finite double: the same reduction as
     * {@link #log(float)} with the atanh series carried to s^23 (truncation below 1e-18).
     */
    public static double log(double x) {
        long ix = Double.doubleToRawLongBits(x) + (0x3ff0000000000000L - SQRT_HALF_BITS_D);
        double k = (double) ((ix >> 52) - 1023);
        double m = Double.longBitsToDouble((ix & 0x000fffffffffffffL) + SQRT_HALF_BITS_D);
        double f = m - 1.0;
        double s = f / (2.0 + f);
        double s2 = s * s;
        double p = LD[11];
        for (int i = 10; i >= 1; i--) {
            p = LD[i] + s2 * p;
        }
        double logm = (s + s) + (s * s2) * p;
        return k * LN2_HI_D + (k * LN2_LO_D + logm);
    }

    // ---- float64 normal quantile (Wichura AS241, PPND16) --------------------------------------

    // M. J. Wichura, "Algorithm AS 241: The percentage points of the normal distribution",
    // Applied Statistics 37(3) 477-484 (1988). Relative accuracy about 1e-16.
    static final double[] A = {3.3871328727963666080e0, 1.3314166789178437745e+2, 1.9715909503065514427e+3,
        1.3731693765509461125e+4, 4.5921953931549871457e+4, 6.7265770927008700853e+4,
        3.3430575583588128105e+4, 2.5090809287301226727e+3};
    static final double[] B = {1.0, 4.2313330701600911252e+1, 6.8718700749205790830e+2, 5.3941960214247511077e+3,
        2.1213794301586595867e+4, 3.9307895800092710610e+4, 2.8729085735721942674e+4,
        5.2264952788528545610e+3};
    static final double[] C = {1.42343711074968357734e0, 4.63033784615654529590e0, 5.76949722146069140550e0,
        3.64784832476320460504e0, 1.27045825245236838258e0, 2.41780725177450611770e-1,
        2.27238449892691845833e-2, 7.74545014278341407640e-4};
    static final double[] D = {1.0, 2.05319162663775882187e0, 1.67638483018380384940e0, 6.89767334985100004550e-1,
        1.48103976427480074590e-1, 1.51986665636164571966e-2, 5.47593808499534494600e-4,
        1.05075007164441684324e-9};
    static final double[] E = {6.65790464350110377720e0, 5.46378491116411436990e0, 1.78482653991729133580e0,
        2.96560571828504891230e-1, 2.65321895265761230930e-2, 1.24266094738807843860e-3,
        2.71155556874348757815e-5, 2.01033439929228813265e-7};
    static final double[] F = {1.0, 5.99832206555887937690e-1, 1.36929880922735805310e-1, 1.48753612908506148525e-2,
        7.86869131145613259100e-4, 1.84631831751005468180e-5, 1.42151175831644588870e-7,
        2.04426310338993978564e-15};

    static double horner(double[] c, double r) {
        double v = c[7];
        for (int i = 6; i >= 0; i--) {
            v = c[i] + v * r;
        }
        return v;
    }

    /**
     * Standard normal quantile Phi^-1(p) for p in (0, 1), p &gt;= 2^-1074 normal range not needed:
     * callers pass p in [2^-54, 1 - 2^-54]. q = p - 0.5; |q| &lt;= 0.425: q * A(r)/B(r) with
     * r = 0.180625 - q^2; else r = sqrt(-log(min(p, 1-p))), r &lt;= 5: C(r-1.6)/D(r-1.6), else
     * E(r-5)/F(r-5), with the sign of q.
     */
    public static double normalQuantile(double p) {
        double q = p - 0.5;
        if (Math.abs(q) <= 0.425) {
            double r = 0.180625 - q * q;
            return q * horner(A, r) / horner(B, r);
        }
        double tail = q < 0 ? p : 1.0 - p;
        double r = Math.sqrt(-log(tail));
        double z;
        if (r <= 5.0) {
            double t = r - 1.6;
            z = horner(C, t) / horner(D, t);
        } else {
            double t = r - 5.0;
            z = horner(E, t) / horner(F, t);
        }
        return q < 0 ? -z : z;
    }
}
