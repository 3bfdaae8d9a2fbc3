package dev.initlab.fill;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.initlab.random.PhiloxStream;
import org.junit.jupiter.api.Test;

/** The documented formulas, checked word by word, and the edge words. */
class TransformsTest {
    private static final int[] EDGE_WORDS = {0, 1, 0xff, 0x100, 0x7fffffff, 0x80000000, 0xffffff00, 0xffffffff};

    @Test
    void symmetricUniformIsTwoUMinusOneTimesLimit() {
        UniformTransform t = UniformTransform.symmetric(1.0);
        PhiloxStream s = PhiloxStream.of(42, 0);
        for (long i = 0; i < 1000; i++) {
            int w = s.word(i);
            float u = (w >>> 8) * 0x1p-24f;
            assertEquals(Float.floatToIntBits(2 * u - 1), Float.floatToIntBits(t.apply32(w)));
        }
        assertEquals(-1f, t.apply32(0));
        assertEquals(1f - 0x1p-23f, t.apply32(0xffffffff));
    }

    @Test
    void uniformStaysInsideHalfOpenInterval() {
        for (double[] ab : new double[][] {{1, 2}, {-3, 5}, {0, 1e-3}, {-0.0744, 0.0744}, {0.1, 0.1000001}}) {
            UniformTransform t = UniformTransform.of(ab[0], ab[1]);
            float hi = (float) ab[1];
            for (int w : EDGE_WORDS) {
                float x = t.apply32(w);
                assertTrue(x < hi && x >= (float) ab[0], x + " outside " + ab[0] + "," + ab[1]);
                double d = t.apply64(w, w);
                assertTrue(d < ab[1] && d >= ab[0], d + " outside");
            }
        }
    }

    @Test
    void normalEdgesAreFiniteAndSymmetric() {
        NormalTransform t = NormalTransform.of(0, 1);
        for (int w : EDGE_WORDS) {
            assertTrue(Float.isFinite(t.apply32(w)));
            assertTrue(Double.isFinite(t.apply64(w, w)));
        }
        assertEquals(-t.apply32(0), t.apply32(0xffffffff));
        assertEquals(-t.apply64(0, 0), t.apply64(-1, -1));
        assertEquals(NormalTransform.MAX_ABS_Z32, t.apply32(0xffffffff));
    }

    @Test
    void truncatedNormalRespectsBoundsAtEdgeWords() {
        TruncatedNormalTransform t = TruncatedNormalTransform.of(0.5, 2, -1, 3);
        for (int w : EDGE_WORDS) {
            float x = t.apply32(w);
            assertTrue(x >= -1f && x <= 3f, "x=" + x);
            double d = t.apply64(w, w);
            assertTrue(d >= -1 && d <= 3, "d=" + d);
        }
        // one-sided far tail interval still finite and inside
        TruncatedNormalTransform tail = TruncatedNormalTransform.of(0, 1, 3, 4);
        for (int w : EDGE_WORDS) {
            float x = tail.apply32(w);
            assertTrue(x >= 3f && x <= 4f, "x=" + x);
        }
    }

    @Test
    void badParametersAreRejected() {
        assertThrows(IllegalArgumentException.class, () -> UniformTransform.of(1, 1));
        assertThrows(IllegalArgumentException.class, () -> UniformTransform.of(2, 1));
        assertThrows(IllegalArgumentException.class, () -> UniformTransform.of(Double.NaN, 1));
        assertThrows(IllegalArgumentException.class, () -> NormalTransform.of(0, -1));
        assertThrows(IllegalArgumentException.class, () -> NormalTransform.of(0, Double.POSITIVE_INFINITY));
        assertThrows(IllegalArgumentException.class, () -> TruncatedNormalTransform.of(0, 1, 2, 2));
        // the float32 width overflows: a float32 fill is refused, a float64 fill is fine
        UniformTransform wide = UniformTransform.of(-3e38, 3e38);
        assertTrue(wide.float32Problem().contains("overflow float32"), wide.float32Problem());
        assertThrows(IllegalArgumentException.class, () -> ScalarEngine.instance().fill(wide, PhiloxStream.of(1, 1), new float[4]));
        double[] d = new double[4];
        ScalarEngine.instance().fill(wide, PhiloxStream.of(1, 1), d);
        assertTrue(Math.abs(d[0]) < 3e38);
    }

    @Test
    void scalarEngineSlicesMatchWholeFill() {
        ElementTransform t = NormalTransform.of(0, 1);
        PhiloxStream s = PhiloxStream.of(7, 3);
        float[] whole = new float[103];
        ScalarEngine.instance().fill(t, s, whole);
        for (int first = 0; first < 9; first++) {
            float[] part = new float[50];
            ScalarEngine.instance().fill(t, s, first, part, 0, 50);
            for (int k = 0; k < 50; k++) {
                assertEquals(whole[first + k], part[k]);
            }
        }
        double[] wd = new double[41];
        ScalarEngine.instance().fill(t, s, wd);
        double[] pd = new double[30];
        ScalarEngine.instance().fill(t, s, 5, pd, 0, 30);
        for (int k = 0; k < 30; k++) {
            assertEquals(wd[5 + k], pd[k]);
        }
        // float64 element i uses words 2i, 2i+1
        assertEquals(t.apply64(s.word(10), s.word(11)), wd[5]);
    }
}
