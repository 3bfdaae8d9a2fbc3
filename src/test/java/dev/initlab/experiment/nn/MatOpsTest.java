package dev.initlab.experiment.nn;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

/** The SIMD kernel equals the textbook loop bit for bit, for every tail shape. */
class MatOpsTest {
    private static float[] random(SplittableRandom r, int n) {
        float[] a = new float[n];
        for (int i = 0; i < n; i++) {
            a[i] = (float) (r.nextDouble() * 2 - 1) * (r.nextInt(4) == 0 ? 1000f : 1f);
        }
        return a;
    }

    static float[] naive(float[] a, float[] b, int m, int k, int n, float[] bias) {
        float[] c = new float[m * n];
        for (int i = 0; i < m; i++) {
            for (int j = 0; j < n; j++) {
                float acc = 0f;
                for (int t = 0; t < k; t++) {
                    acc += a[i * k + t] * b[t * n + j];
                }
                c[i * n + j] = bias == null ? acc : acc + bias[j];
            }
        }
        return c;
    }

    @Test
    void bitIdenticalToTheTextbookLoop() {
        SplittableRandom r = new SplittableRandom(7);
        for (int m = 1; m <= 9; m++) {
            for (int n : new int[] {1, 3, 7, 8, 9, 10, 15, 16, 17, 31, 32, 33, 40, 64, 100}) {
                for (int k : new int[] {1, 2, 5, 17}) {
                    float[] a = random(r, m * k);
                    float[] b = random(r, k * n);
                    float[] bias = r.nextBoolean() ? random(r, n) : null;
                    float[] c = new float[m * n];
                    MatOps.multiply(a, b, c, m, k, n, bias);
                    float[] ref = naive(a, b, m, k, n, bias);
                    for (int i = 0; i < c.length; i++) {
                        assertEquals(Float.floatToRawIntBits(ref[i]), Float.floatToRawIntBits(c[i]),
                                "m=" + m + " k=" + k + " n=" + n + " element " + i);
                    }
                }
            }
        }
    }

    @Test
    void transposeAndLengthChecks() {
        float[] a = {1, 2, 3, 4, 5, 6};
        float[] t = new float[6];
        MatOps.transpose(a, 2, 3, t);
        assertEquals(1f, t[0]);
        assertEquals(4f, t[1]);
        assertEquals(2f, t[2]);
        assertEquals(6f, t[5]);
        assertThrows(IllegalArgumentException.class, () -> MatOps.multiply(a, a, new float[4], 2, 3, 3, null));
    }
}
