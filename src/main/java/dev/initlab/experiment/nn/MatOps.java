package dev.initlab.experiment.nn;

import jdk.incubator.vector.FloatVector;
import jdk.incubator.vector.VectorSpecies;

/**
 * The one dense kernel the experiments need, C = A B (+ bias), in float32, row-major, and the
 * variance and mean square of a float32 blob (in double).
 *
 * <p>Every element is accumulated in the same order as the textbook loop
 * {@code c = 0; for t in 0..k-1: c = c + a[i][t] * b[t][j]; c = c + bias[j]}, with one rounding
 * per multiply and per add (no fused multiply-add). SIMD lanes hold different {@code j}, never
 * different {@code t}, so the result is bit-identical to that loop on every machine, with any
 * vector width. Register blocking (4 rows by 2 vectors) keeps the B panel in cache; the loop over
 * column panels is outermost so a panel is reused by all rows.
 */
public final class MatOps {
    private static final VectorSpecies<Float> S = FloatVector.SPECIES_PREFERRED;
    private static final int L = S.length();

    private MatOps() {
    }

    /**
     * C (m x n) = A (m x k) times B (k x n), plus {@code bias[j]} on column j when bias is not null.
     */
    public static void multiply(float[] a, float[] b, float[] c, int m, int k, int n, float[] bias) {
        if (a.length < (long) m * k || b.length < (long) k * n || c.length < (long) m * n) {
            throw new IllegalArgumentException("matrix arrays too short for " + m + "x" + k + " times " + k + "x" + n);
        }
        int j = 0;
        for (; j + 2 * L <= n; j += 2 * L) {
            int i = 0;
            for (; i + 4 <= m; i += 4) {
                block4x2(a, b, c, i, j, k, n, bias);
            }
            for (; i < m; i++) {
                block1x2(a, b, c, i, j, k, n, bias);
            }
        }
        for (; j + L <= n; j += L) {
            for (int i = 0; i < m; i++) {
                block1x1(a, b, c, i, j, k, n, bias);
            }
        }
        for (; j < n; j++) {
            for (int i = 0; i < m; i++) {
                float acc = 0f;
                int ao = i * k;
                for (int t = 0; t < k; t++) {
                    acc += a[ao + t] * b[t * n + j];
                }
                c[i * n + j] = bias == null ? acc : acc + bias[j];
            }
        }
    }

    private static void block4x2(float[] a, float[] b, float[] c, int i, int j, int k, int n, float[] bias) {
        FloatVector c00 = FloatVector.zero(S);
        FloatVector c01 = c00;
        FloatVector c10 = c00;
        FloatVector c11 = c00;
        FloatVector c20 = c00;
        FloatVector c21 = c00;
        FloatVector c30 = c00;
        FloatVector c31 = c00;
        int a0 = i * k;
        int a1 = a0 + k;
        int a2 = a1 + k;
        int a3 = a2 + k;
        for (int t = 0; t < k; t++) {
            int bo = t * n + j;
            FloatVector b0 = FloatVector.fromArray(S, b, bo);
            FloatVector b1 = FloatVector.fromArray(S, b, bo + L);
            float x0 = a[a0 + t];
            float x1 = a[a1 + t];
            float x2 = a[a2 + t];
            float x3 = a[a3 + t];
            c00 = c00.add(b0.mul(x0));
            c01 = c01.add(b1.mul(x0));
            c10 = c10.add(b0.mul(x1));
            c11 = c11.add(b1.mul(x1));
            c20 = c20.add(b0.mul(x2));
            c21 = c21.add(b1.mul(x2));
            c30 = c30.add(b0.mul(x3));
            c31 = c31.add(b1.mul(x3));
        }
        if (bias != null) {
            FloatVector d0 = FloatVector.fromArray(S, bias, j);
            FloatVector d1 = FloatVector.fromArray(S, bias, j + L);
            c00 = c00.add(d0);
            c01 = c01.add(d1);
            c10 = c10.add(d0);
            c11 = c11.add(d1);
            c20 = c20.add(d0);
            c21 = c21.add(d1);
            c30 = c30.add(d0);
            c31 = c31.add(d1);
        }
        int co = i * n + j;
        c00.intoArray(c, co);
        c01.intoArray(c, co + L);
        c10.intoArray(c, co + n);
        c11.intoArray(c, co + n + L);
        c20.intoArray(c, co + 2 * n);
        c21.intoArray(c, co + 2 * n + L);
        c30.intoArray(c, co + 3 * n);
        c31.intoArray(c, co + 3 * n + L);
    }

    private static void block1x2(float[] a, float[] b, float[] c, int i, int j, int k, int n, float[] bias) {
        FloatVector c0 = FloatVector.zero(S);
        FloatVector c1 = c0;
        int ao = i * k;
        for (int t = 0; t < k; t++) {
            int bo = t * n + j;
            float x = a[ao + t];
            c0 = c0.add(FloatVector.fromArray(S, b, bo).mul(x));
            c1 = c1.add(FloatVector.fromArray(S, b, bo + L).mul(x));
        }
        if (bias != null) {
            c0 = c0.add(FloatVector.fromArray(S, bias, j));
            c1 = c1.add(FloatVector.fromArray(S, bias, j + L));
        }
        c0.intoArray(c, i * n + j);
        c1.intoArray(c, i * n + j + L);
    }

    private static void block1x1(float[] a, float[] b, float[] c, int i, int j, int k, int n, float[] bias) {
        FloatVector c0 = FloatVector.zero(S);
        int ao = i * k;
        for (int t = 0; t < k; t++) {
            c0 = c0.add(FloatVector.fromArray(S, b, t * n + j).mul(a[ao + t]));
        }
        if (bias != null) {
            c0 = c0.add(FloatVector.fromArray(S, bias, j));
        }
        c0.intoArray(c, i * n + j);
    }

    /** dst (cols x rows) = transpose of src (rows x cols). */
    public static void transpose(float[] src, int rows, int cols, float[] dst) {
        for (int r = 0; r < rows; r++) {
            int so = r * cols;
            for (int q = 0; q < cols; q++) {
                dst[q * rows + r] = src[so + q];
            }
        }
    }

    /** Population variance of {@code x[0..n)} (two-pass, in double); NaN when n &lt;= 0. */
    public static double variance(float[] x, int n) {
        if (n <= 0) {
            return Double.NaN;
        }
        double s = 0;
        for (int i = 0; i < n; i++) {
            s += x[i];
        }
        double mean = s / n;
        double ss = 0;
        for (int i = 0; i < n; i++) {
            double d = x[i] - mean;
            ss += d * d;
        }
        return ss / n;
    }

    /** Mean of squares of {@code x[0..n)} (in double). */
    public static double meanSquare(float[] x, int n) {
        double ss = 0;
        for (int i = 0; i < n; i++) {
            ss += (double) x[i] * x[i];
        }
        return ss / n;
    }
}
