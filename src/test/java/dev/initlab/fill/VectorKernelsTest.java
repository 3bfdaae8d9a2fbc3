package dev.initlab.fill;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.fail;

import java.util.SplittableRandom;
import jdk.incubator.vector.DoubleVector;
import jdk.incubator.vector.FloatVector;
import jdk.incubator.vector.IntVector;
import jdk.incubator.vector.LongVector;
import org.junit.jupiter.api.Test;

/**
 * The SIMD twins against their scalar originals, bit for bit. The float32 normal kernel is checked
 * on every one of the 2^24 inputs the normal transform can give it (so in the interpreter at first
 * and after C2 compiles the loop); AS241 on random probabilities plus the branch boundaries.
 */
class VectorKernelsTest {
    static final long SEED = Long.getLong("initlab.seed", 20261123L);
    static final int FL = VectorKernels.FS.length();
    static final int DL = VectorKernels.DS.length();

    @Test
    void normalFromErfDomainIsBitIdenticalOnEveryCentredInput() {
        int chunk = 1 << 20;
        float[] a = new float[chunk];
        for (int base = 0; base < (1 << 24); base += chunk) {
            for (int k = 0; k < chunk; k++) {
                a[k] = ElementTransform.centered24((base + k) << 8);
            }
            float[] x = a.clone();
            VectorKernels.normalFromErfDomain(a, 0, chunk);
            for (int k = 0; k < chunk; k++) {
                float want = Kernels.normalFromErfDomain(x[k]);
                if (Float.floatToRawIntBits(want) != Float.floatToRawIntBits(a[k])) {
                    fail("normalFromErfDomain(" + x[k] + "): scalar " + want + ", vector " + a[k]);
                }
            }
        }
    }

    @Test
    void normalFromErfDomainOnTruncationInputsAndEdges() {
        // inputs the truncated normal produces (mid + half * v, clamped) are not on the centred grid
        SplittableRandom rnd = new SplittableRandom(SEED);
        int n = 1 << 16;
        float[] a = new float[n];
        float[] edges = {0f, -0f, 1f - 0x1p-24f, -1f + 0x1p-24f, 0.99664f, -0.99664f, 0x1p-30f, 0.5f};
        for (int k = 0; k < n; k++) {
            a[k] = k < edges.length ? edges[k] : (float) (rnd.nextDouble(-1, 1));
            a[k] = Math.max(-Kernels.X_MAX_F, Math.min(a[k], Kernels.X_MAX_F));
        }
        float[] x = a.clone();
        VectorKernels.normalFromErfDomain(a, 0, n);
        for (int k = 0; k < n; k++) {
            assertEquals(Float.floatToRawIntBits(Kernels.normalFromErfDomain(x[k])), Float.floatToRawIntBits(a[k]),
                    "x=" + x[k]);
        }
    }

    @Test
    void normalQuantileIsBitIdenticalAcrossAllBranches() {
        System.out.println("VectorKernelsTest seed " + SEED);
        SplittableRandom rnd = new SplittableRandom(SEED);
        double farTail = Math.exp(-25); // r = 5 boundary: p = exp(-25)
        double[] edges = {0x1p-53, 1 - 0x1p-53, 0x1p-1000, 0.5, 0.075, 0.925, Math.nextUp(0.075), Math.nextDown(0.075),
            Math.nextUp(0.925), Math.nextDown(0.925), farTail, Math.nextUp(farTail), Math.nextDown(farTail),
            1 - farTail, 1e-300, 1e-15, 0.3, 0.7};
        int n = 1 << 18;
        double[] a = new double[n];
        for (int k = 0; k < n; k++) {
            if (k < edges.length) {
                a[k] = edges[k];
            } else {
                int mode = k % 4;
                long bits = rnd.nextLong();
                a[k] = switch (mode) {
                    case 0 -> ElementTransform.open52((int) bits, (int) (bits >>> 32));
                    case 1 -> Math.scalb(1.0 + rnd.nextDouble(), -rnd.nextInt(2, 1000)); // deep lower tail
                    case 2 -> 1 - Math.scalb(1.0 + rnd.nextDouble(), -rnd.nextInt(2, 53)); // upper tail
                    default -> edges[rnd.nextInt(edges.length)];
                };
            }
        }
        double[] p = a.clone();
        VectorKernels.normalQuantile(a, 0, n);
        for (int k = 0; k < n; k++) {
            assertEquals(Double.doubleToRawLongBits(Kernels.normalQuantile(p[k])), Double.doubleToRawLongBits(a[k]),
                    "p=" + p[k]);
        }
    }

    @Test
    void wordMapsAreBitIdentical() {
        SplittableRandom rnd = new SplittableRandom(SEED + 1);
        int[] edges = {0, 1, 0xff, 0x100, 0x7fffffff, 0x80000000, 0xffffff00, 0xffffffff, 0x800, 0x7ff, 0xfff};
        int n = 64 * FL;
        int[] w = new int[n];
        for (int k = 0; k < n; k++) {
            w[k] = k < edges.length * edges.length ? edges[k % edges.length] : rnd.nextInt();
        }
        for (int i = 0; i < n; i += FL) {
            IntVector v = IntVector.fromArray(VectorKernels.IS, w, i);
            FloatVector u = VectorKernels.unit24(v);
            FloatVector c = VectorKernels.centered24(v);
            for (int l = 0; l < FL; l++) {
                assertEquals(Float.floatToRawIntBits(ElementTransform.unit24(w[i + l])), Float.floatToRawIntBits(u.lane(l)));
                assertEquals(Float.floatToRawIntBits(ElementTransform.centered24(w[i + l])),
                        Float.floatToRawIntBits(c.lane(l)));
            }
        }
        long[] bits = new long[n];
        for (int k = 0; k < n; k++) {
            int lo = w[k];
            int hi = k < edges.length * edges.length ? edges[(k / edges.length) % edges.length] : rnd.nextInt();
            bits[k] = ElementTransform.bits64(lo, hi);
        }
        for (int i = 0; i < n; i += DL) {
            LongVector v = LongVector.fromArray(VectorKernels.LS, bits, i);
            DoubleVector u = VectorKernels.unit53(v);
            DoubleVector o = VectorKernels.open52(v);
            for (int l = 0; l < DL; l++) {
                int lo = (int) bits[i + l];
                int hi = (int) (bits[i + l] >>> 32);
                assertEquals(Double.doubleToRawLongBits(ElementTransform.unit53(lo, hi)), Double.doubleToRawLongBits(u.lane(l)));
                assertEquals(Double.doubleToRawLongBits(ElementTransform.open52(lo, hi)), Double.doubleToRawLongBits(o.lane(l)));
            }
        }
    }
}
