package dev.initlab.fill;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;

import dev.initlab.random.PhiloxStream;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The CLI's one-shot auto engine (scalar kernels, parallel for big fills) equals the scalar engine. */
class OneShotEngineTest {
    @Test
    void bitIdenticalToScalarAcrossTheParallelThreshold() {
        List<ElementTransform> ts = List.of(UniformTransform.of(-1, 1), UniformTransform.of(0.5, 2),
                NormalTransform.of(0.1, 2), TruncatedNormalTransform.of(0, 1, -2, 2), ConstantTransform.of(3));
        for (int threads : new int[] {1, 2, 3}) {
            FillEngine e = Engines.oneShot(threads);
            for (ElementTransform t : ts) {
                for (int len : new int[] {0, 1, 1023, 70_001, 300_000}) {
                    for (long first : new long[] {0, 5}) {
                        PhiloxStream s = PhiloxStream.of(99, 7);
                        float[] a = new float[len];
                        float[] b = new float[len];
                        ScalarEngine.instance().fill(t, s, first, a, 0, len);
                        e.fill(t, s, first, b, 0, len);
                        assertArrayEquals(a, b, t + " len " + len + " threads " + threads);
                        double[] c = new double[len];
                        double[] d = new double[len];
                        ScalarEngine.instance().fill(t, s, first, c, 0, len);
                        e.fill(t, s, first, d, 0, len);
                        assertArrayEquals(c, d, t + " f64 len " + len + " threads " + threads);
                    }
                }
            }
        }
    }
}
