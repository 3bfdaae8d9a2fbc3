package dev.initlab.fill;

/**
 * The float32 normal kernel of generator version 1 (no fused multiply-add: every product and sum
 * rounded on its own), kept in the tests only, to show that the version-1 record
 * ({@code src/test/resources/fill/generator_v1/}) is exactly the old arithmetic and to measure what
 * version 2 changed. Not used by the product.
 */
final class GeneratorV1Kernel {
    private GeneratorV1Kernel() {
    }

    static float log(float x) {
        int ix = Float.floatToRawIntBits(x) + (0x3f800000 - Kernels.SQRT_HALF_BITS_F);
        float k = (float) ((ix >> 23) - 127);
        float m = Float.intBitsToFloat((ix & 0x007fffff) + Kernels.SQRT_HALF_BITS_F);
        float f = m - 1f;
        float s = f / (2f + f);
        float s2 = s * s;
        float p = Kernels.L3F + s2 * Kernels.L4F;
        p = Kernels.L2F + s2 * p;
        p = Kernels.L1F + s2 * p;
        float logm = (s + s) + (s * s2) * p;
        return k * Kernels.LN2_HI_F + (k * Kernels.LN2_LO_F + logm);
    }

    static float normalFromErfDomain(float x) {
        float w = -log((1f - x) * (1f + x));
        float p;
        if (w < 5f) {
            float t = w - 2.5f;
            p = Kernels.C1 + Kernels.C0 * t;
            for (float k : new float[] {Kernels.C2, Kernels.C3, Kernels.C4, Kernels.C5, Kernels.C6, Kernels.C7, Kernels.C8}) {
                p = k + p * t;
            }
        } else {
            float t = (float) Math.sqrt(w) - 3f;
            p = Kernels.T1 + Kernels.T0 * t;
            for (float k : new float[] {Kernels.T2, Kernels.T3, Kernels.T4, Kernels.T5, Kernels.T6, Kernels.T7, Kernels.T8}) {
                p = k + p * t;
            }
        }
        return (p * x) * Kernels.SQRT2_F;
    }
}
