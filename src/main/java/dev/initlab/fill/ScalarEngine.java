package dev.initlab.fill;

import dev.initlab.random.Philox4x32;
import dev.initlab.random.PhiloxStream;

/** The reference engine: one Philox block at a time, one element at a time. */
public final class ScalarEngine implements FillEngine {
    private static final ScalarEngine INSTANCE = new ScalarEngine();

    private ScalarEngine() {
    }

    public static ScalarEngine get() {
        return INSTANCE;
    }

    @Override
    public String name() {
        return "scalar";
    }

    @Override
    public void fill(ElementTransform t, PhiloxStream s, long first, float[] dst, int off, int len) {
        FillEngine.checkSlice(first, dst.length, off, len);
        FillEngine.checkFloat32(t);
        int k0 = s.key0();
        int k1 = s.key1();
        int s0 = s.stream0();
        int s1 = s.stream1();
        int[] b = new int[4];
        long i = first;
        int n = 0;
        while (n < len) {
            long j = i >>> 2;
            Philox4x32.block((int) j, (int) (j >>> 32), s0, s1, k0, k1, b, 0);
            for (int k = (int) (i & 3); k < 4 && n < len; k++, n++, i++) {
                dst[off + n] = t.apply32(b[k]);
            }
        }
    }

    @Override
    public void fill(ElementTransform t, PhiloxStream s, long first, double[] dst, int off, int len) {
        FillEngine.checkSlice(first, dst.length, off, len);
        FillEngine.checkFloat64(t);
        int k0 = s.key0();
        int k1 = s.key1();
        int s0 = s.stream0();
        int s1 = s.stream1();
        int[] b = new int[4];
        long i = first;
        int n = 0;
        while (n < len) {
            long j = i >>> 1;
            Philox4x32.block((int) j, (int) (j >>> 32), s0, s1, k0, k1, b, 0);
            for (int k = (int) (i & 1); k < 2 && n < len; k++, n++, i++) {
                dst[off + n] = t.apply64(b[2 * k], b[2 * k + 1]);
            }
        }
    }
}
