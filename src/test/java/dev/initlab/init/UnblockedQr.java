package dev.initlab.init;

/**
 * The textbook unblocked Householder QR (Golub and Van Loan, Alg. 5.2.1, and the backward
 * accumulation of LAPACK dorg2r), kept verbatim from before the panel version
 * ({@link HouseholderQr}) as the reference the panel version must match bit for bit.
 */
final class UnblockedQr {
    private UnblockedQr() {
    }

    /**
     * Householder QR of the m x n (m &gt;= n) row-major matrix {@code a} (overwritten); returns the
     * m x n thin Q, columns multiplied by sign(R_jj) when {@code signFix}.
     */
    static double[] unblocked(double[] a, int m, int n, boolean signFix) {
        double[][] vs = new double[n][];
        double[] rdiag = new double[n];
        double[] w = new double[n];
        for (int j = 0; j < n; j++) {
            double norm = 0;
            for (int i = j; i < m; i++) {
                norm = Math.hypot(norm, a[i * n + j]);
            }
            double x0 = a[j * n + j];
            double alpha = x0 >= 0 ? -norm : norm;
            rdiag[j] = alpha;
            double[] v = new double[m - j];
            for (int i = j; i < m; i++) {
                v[i - j] = a[i * n + j];
            }
            v[0] -= alpha;
            double vn = 0;
            for (double x : v) {
                vn = Math.hypot(vn, x);
            }
            if (vn == 0) {
                vs[j] = null;
                continue;
            }
            for (int i = 0; i < v.length; i++) {
                v[i] /= vn;
            }
            vs[j] = v;
            // A[j:, j:] -= 2 v (v^T A[j:, j:])
            java.util.Arrays.fill(w, j, n, 0);
            for (int i = j; i < m; i++) {
                double vi = v[i - j];
                int row = i * n;
                for (int k = j; k < n; k++) {
                    w[k] += vi * a[row + k];
                }
            }
            for (int i = j; i < m; i++) {
                double vi2 = 2 * v[i - j];
                int row = i * n;
                for (int k = j; k < n; k++) {
                    a[row + k] -= vi2 * w[k];
                }
            }
        }
        // Q = H_0 ... H_{n-1} [I_n; 0], applied from the last reflector back (as LAPACK dorg2r):
        // when H_j is applied, columns k < j of Q are still e_k, zero in rows >= j, so only
        // columns j..n-1 change.
        double[] q = new double[m * n];
        for (int j = 0; j < n; j++) {
            q[j * n + j] = 1;
        }
        for (int j = n - 1; j >= 0; j--) {
            double[] v = vs[j];
            if (v == null) {
                continue;
            }
            java.util.Arrays.fill(w, j, n, 0);
            for (int i = j; i < m; i++) {
                double vi = v[i - j];
                int row = i * n;
                for (int k = j; k < n; k++) {
                    w[k] += vi * q[row + k];
                }
            }
            for (int i = j; i < m; i++) {
                double vi2 = 2 * v[i - j];
                int row = i * n;
                for (int k = j; k < n; k++) {
                    q[row + k] -= vi2 * w[k];
                }
            }
        }
        if (signFix) {
            for (int j = 0; j < n; j++) {
                if (rdiag[j] < 0) {
                    for (int i = 0; i < m; i++) {
                        q[i * n + j] = -q[i * n + j];
                    }
                }
            }
        }
        return q;
    }

}
