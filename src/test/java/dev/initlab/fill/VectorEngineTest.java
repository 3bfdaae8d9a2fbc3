package dev.initlab.fill;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.fail;

import dev.initlab.random.PhiloxStream;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * The vector engine against the scalar reference on a deterministic grid of slices: every
 * transform, both dtypes, every head offset (first mod 4), lengths around the vector step and the
 * chunk size, and destination offsets. The random-case version is {@code EnginesEquivalenceProperties}.
 */
class VectorEngineTest {
    static final List<ElementTransform> TRANSFORMS = List.of(
            UniformTransform.symmetric(0.0744), UniformTransform.of(-3, 5), UniformTransform.of(0, 1e-3),
            NormalTransform.of(0, 1), NormalTransform.of(0.25, 0.02),
            TruncatedNormalTransform.of(0, 0.02, -0.04, 0.04), TruncatedNormalTransform.of(0, 1, 3, 4),
            TruncatedNormalTransform.of(0.5, 2, -1, 3), ConstantTransform.of(0.125));

    @Test
    void sliceGridMatchesScalar() {
        FillEngine v = VectorEngine.instance();
        int step = 4 * VectorEngine.L;
        int chunk = 4 * VectorEngine.CHUNK_BLOCKS;
        int[] lengths = {0, 1, 2, 3, 4, 5, 7, step - 1, step, step + 1, 2 * step + 3, 100, chunk - 1, chunk, chunk + step + 5,
            3 * chunk + 17};
        PhiloxStream s = PhiloxStream.of(0x1234_5678_9abc_def0L, 77);
        for (ElementTransform t : TRANSFORMS) {
            for (int len : lengths) {
                for (long first : new long[] {0, 1, 2, 3, 5, 4L * 0xffff_ffffL - 9, (1L << 40) + 6}) {
                    compare32(v, t, s, first, len, 3);
                    compare64(v, t, s, first, len, 1);
                }
            }
        }
    }

    static void compare32(FillEngine e, ElementTransform t, PhiloxStream s, long first, int len, int off) {
        float[] want = new float[len + off + 2];
        float[] got = new float[len + off + 2];
        java.util.Arrays.fill(want, -7f);
        java.util.Arrays.fill(got, -7f);
        ScalarEngine.instance().fill(t, s, first, want, off, len);
        e.fill(t, s, first, got, off, len);
        for (int k = 0; k < want.length; k++) {
            if (Float.floatToRawIntBits(want[k]) != Float.floatToRawIntBits(got[k])) {
                fail(e.name() + " float32 " + t + " first=" + first + " len=" + len + " off=" + off + ": index " + k
                        + " want " + want[k] + " got " + got[k]);
            }
        }
    }

    static void compare64(FillEngine e, ElementTransform t, PhiloxStream s, long first, int len, int off) {
        double[] want = new double[len + off + 2];
        double[] got = new double[len + off + 2];
        java.util.Arrays.fill(want, -7);
        java.util.Arrays.fill(got, -7);
        ScalarEngine.instance().fill(t, s, first, want, off, len);
        e.fill(t, s, first, got, off, len);
        for (int k = 0; k < want.length; k++) {
            if (Double.doubleToRawLongBits(want[k]) != Double.doubleToRawLongBits(got[k])) {
                fail(e.name() + " float64 " + t + " first=" + first + " len=" + len + " off=" + off + ": index " + k
                        + " want " + want[k] + " got " + got[k]);
            }
        }
    }

    @Test
    void shapeIsReported() {
        assertEquals("vector", VectorEngine.instance().name());
    }
}
