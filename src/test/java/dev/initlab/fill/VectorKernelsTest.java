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
        double[] g = a.clone();
        VectorKernels.normalQuantile(a, 0, n);
        VectorKernels.normalQuantileGather(g, 0, n); // the scalar-loop gather, whichever path normalQuantile takes
        for (int k = 0; k < n; k++) {
            assertEquals(Double.doubleToRawLongBits(Kernels.normalQuantile(p[k])), Double.doubleToRawLongBits(a[k]),
                    "p=" + p[k]);
            assertEquals(Double.doubleToRawLongBits(Kernels.normalQuantile(p[k])), Double.doubleToRawLongBits(g[k]),
                    "gather path, p=" + p[k]);
        }
    }

    /**
     * Issue #11 (tail lanes gathered per block): 2^24 probabilities of the float64 normal fill's grid
     * ((2m+1) 2^-53, m from Philox words), both ends of that grid (p down to 2^-53), and 8193
     * consecutive doubles around each branch boundary: |q| = 0.425 (p = 0.075, 0.925) and r = 5
     * (p = exp(-25) and 1 - exp(-25)), in block-sized and odd-offset calls.
     */
    @Test
    void normalQuantileIsBitIdenticalOnMillionsOfInputsAndEveryBoundaryUlp() {
        int chunk = 1 << 20;
        double[] a = new double[chunk];
        double[] p = new double[chunk];
        dev.initlab.random.PhiloxStream s = dev.initlab.random.PhiloxStream.of(SEED, 11);
        long checked = 0;
        for (int c = 0; c < 16; c++) {
            ScalarEngine.instance().fill(UniformTransform.of(0, 1), s, (long) c * chunk, a, 0, chunk);
            for (int k = 0; k < chunk; k++) {
                long m = Double.doubleToRawLongBits(a[k] + 1.0) & 0x000fffffffffffffL;
                p[k] = (2 * m + 1) * 0x1p-53;
            }
            checked += checkQuantile(p, chunk);
        }
        // the grid's ends: m = 0 .. 2^16 - 1 and 2^52 - 2^16 .. 2^52 - 1
        for (int k = 0; k < chunk / 16; k++) {
            long m = k < chunk / 32 ? k : (1L << 52) - 1 - (k - chunk / 32);
            p[k] = (2 * m + 1) * 0x1p-53;
        }
        checked += checkQuantile(p, chunk / 16);
        // 8193 consecutive doubles centred on each boundary
        double[] centres = {0.075, 0.925, Math.exp(-25), 1 - Math.exp(-25)};
        int half = 4096;
        int len = 0;
        for (double c : centres) {
            double x = c;
            for (int j = 0; j < half; j++) {
                x = Math.nextDown(x);
            }
            for (int j = 0; j <= 2 * half; j++) {
                p[len++] = x;
                x = Math.nextUp(x);
            }
        }
        int padded = (len + 2 * DL - 1) / (2 * DL) * (2 * DL);
        for (int k = len; k < padded; k++) {
            p[k] = 0.5;
        }
        checked += checkQuantile(p, padded);
        assertEquals(16L * chunk + chunk / 16 + padded, checked);
        // each run of 8193 inputs really crosses its boundary: its two ends take different branches
        for (int b = 0; b < centres.length; b++) {
            double lo = p[b * (2 * half + 1)];
            double hi = p[b * (2 * half + 1) + 2 * half];
            boolean crossed = b < 2 ? Math.abs(lo - 0.5) <= 0.425 != Math.abs(hi - 0.5) <= 0.425
                    : Math.sqrt(-Kernels.log(Math.min(lo, 1 - lo))) <= 5.0 != Math.sqrt(-Kernels.log(Math.min(hi, 1 - hi))) <= 5.0;
            assertEquals(true, crossed, "boundary " + centres[b] + " not crossed");
        }
    }

    /**
     * normalQuantile on p[0..n) as one call and as calls at an odd vector-pair offset, and the
     * scalar-loop gather path ({@code normalQuantileGather}, taken where {@code compress} is not
     * used) as one call; returns n.
     */
    private static long checkQuantile(double[] p, int n) {
        double[] a = p.clone();
        VectorKernels.normalQuantile(a, 0, n);
        double[] b = p.clone();
        int cut = Math.min(n, 2 * DL * 7);
        VectorKernels.normalQuantile(b, 0, cut);
        VectorKernels.normalQuantile(b, cut, n);
        double[] g = p.clone();
        VectorKernels.normalQuantileGather(g, 0, n);
        for (int k = 0; k < n; k++) {
            long want = Double.doubleToRawLongBits(Kernels.normalQuantile(p[k]));
            if (want != Double.doubleToRawLongBits(a[k]) || want != Double.doubleToRawLongBits(b[k])
                    || want != Double.doubleToRawLongBits(g[k])) {
                fail("normalQuantile(" + p[k] + "): scalar " + Kernels.normalQuantile(p[k]) + ", vector " + a[k]
                        + " / " + b[k] + " / gather path " + g[k]);
            }
        }
        return n;
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
