package dev.initlab.init;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import dev.initlab.fill.NormalTransform;
import dev.initlab.fill.ScalarEngine;
import dev.initlab.random.PhiloxStream;
import org.junit.jupiter.api.Test;

/**
 * The panel QR ({@link HouseholderQr}) must give the unblocked algorithm's bits ({@link UnblockedQr})
 * for every shape class (narrower than a panel, panel multiples, ragged last panel, square, tall)
 * and every thread count, including matrices whose columns are exactly dependent (H_j = I).
 */
class HouseholderQrTest {
    private static double[] normals(int m, int n, long seed) {
        double[] a = new double[m * n];
        ScalarEngine.instance().fill(NormalTransform.of(0, 1), PhiloxStream.of(seed, 0), a);
        return a;
    }

    private static void assertSameBits(double[] a, int m, int n) {
        double[] expected = UnblockedQr.unblocked(a.clone(), m, n, true);
        for (boolean simd : new boolean[] {false, true}) {
            for (int threads : new int[] {1, 2, 3, 7}) {
                double[] got = HouseholderQr.thinQ(a.clone(), m, n, true, threads, simd);
                for (int i = 0; i < expected.length; i++) {
                    int at = i;
                    assertEquals(Double.doubleToRawLongBits(expected[i]), Double.doubleToRawLongBits(got[i]),
                            () -> m + "x" + n + " simd " + simd + " threads " + threads + ": element " + at);
                }
            }
        }
    }

    @Test
    void sameBitsAsUnblockedForEveryShapeClassAndThreadCount() {
        int[][] shapes = {{1, 1}, {5, 3}, {16, 16}, {40, 17}, {33, 32}, {100, 48}, {130, 130}, {257, 100}, {300, 257}};
        long seed = 20261202L;
        for (int[] s : shapes) {
            assertSameBits(normals(s[0], s[1], seed++), s[0], s[1]);
        }
    }

    @Test
    void sameBitsWithDependentAndZeroColumns() {
        int m = 50;
        int n = 40;
        double[] a = normals(m, n, 7);
        for (int i = 0; i < m; i++) {
            a[i * n + 20] = a[i * n + 3];   // exact copy: its reflector degenerates
            a[i * n + 33] = 0;              // zero column
        }
        assertSameBits(a, m, n);
    }

    @Test
    void withoutSignFixMatchesUnblockedToo() {
        double[] a = normals(70, 35, 11);
        assertArrayEquals(UnblockedQr.unblocked(a.clone(), 70, 35, false),
                HouseholderQr.thinQ(a.clone(), 70, 35, false, 2, true));
    }

    @Test
    void refusesWideOrMismatchedInput() {
        assertThrows(IllegalArgumentException.class, () -> HouseholderQr.thinQ(new double[6], 2, 3, true, 1));
        assertThrows(IllegalArgumentException.class, () -> HouseholderQr.thinQ(new double[5], 3, 2, true, 1));
    }
}
