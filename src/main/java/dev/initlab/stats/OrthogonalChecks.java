package dev.initlab.stats;

import dev.initlab.dist.Distribution;
import dev.initlab.dist.HaarEntry;
import dev.initlab.dist.Normal;
import dev.initlab.init.Orthogonal;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.SplittableRandom;
import org.apache.commons.statistics.distribution.BetaDistribution;
import org.apache.commons.statistics.distribution.ChiSquaredDistribution;
import org.apache.commons.statistics.distribution.NormalDistribution;
import org.apache.commons.statistics.inference.KolmogorovSmirnovTest;

/**
 * Checks for (semi-)orthogonal initialization. The tensor is flattened as the scheme does
 * ({@link Orthogonal#flatten}) and, if wide, transposed, giving a tall m x n matrix A = gain * Q.
 *
 * <p>On one matrix:
 * <ul>
 *   <li>{@code orthogonality} (exact up to rounding): max |A^T A / gain^2 - I| &lt;= max(16, m) u,
 *       u the unit roundoff of the stored type (the size of the error of a Householder QR done in
 *       that precision, then rounded); above 512 columns the first 512 are checked;</li>
 *   <li>{@code support}, {@code mean}: entries within [-gain, gain]; the mean of all entries has
 *       variance gain^2 / (m * mn) under the Haar law, as for IID entries;</li>
 *   <li>{@code diag_sign}: the signs of A_jj, j &lt; n, are independent fair coins under the Haar
 *       law (left multiplication by a diagonal +-1 matrix preserves it), so the number of negative
 *       ones is exactly Binomial(n, 1/2); QR without the sign fix makes them all negative;</li>
 *   <li>{@code bartlett_ks}, {@code bartlett_ad}: if Q is Haar on the Stiefel manifold and R is an
 *       independent k x k upper-triangular matrix with R_ii^2 ~ chi-square(m - i) and standard
 *       normal entries above the diagonal (Bartlett's decomposition; R. J. Muirhead, Aspects of
 *       Multivariate Statistical Theory, 1982, thm 3.2.14), then Q_k R (Q_k the first k columns) has
 *       IID N(0, 1) entries, and the m*k entries are tested against N(0, 1) with KS and
 *       Anderson-Darling; k = min(n, 256). R must vary from matrix to matrix (with one fixed R,
 *       (Q R)^T (Q R) = R^T R is fixed too and the p-values are not uniform), so it is drawn from a
 *       generator seeded with a 64-bit hash of the matrix: reproducible, and pseudo-independent of
 *       Q.</li>
 * </ul>
 *
 * <p>Over many matrices ({@link #haarSet}): for square matrices tr(Q) has mean 0 and variance 1
 * and tr(Q)^2 has variance 2, the sum of K squared traces tested against chi-square(K) (n &gt;= 4; P. Diaconis and M. Shahshahani, "On the eigenvalues of
 * random matrices", J. Appl. Probab. 31A (1994) 49-62); Q_00^2 ~ Beta(1/2, (m-1)/2), tested by
 * KS; the sign of Q_00 is a fair coin (binomial test).
 */
public final class OrthogonalChecks {
    /** Columns used by the Bartlett test. */
    static final int BARTLETT_COLUMNS = 256;
    /** Columns used by the orthogonality check. */
    static final int GRAM_COLUMNS = 512;

    private OrthogonalChecks() {
    }

    /** The tall m x n matrix (row-major) of a sample under the scheme's flattening. */
    static double[] tall(Orthogonal o, Sample s, int[] mn) {
        long[] rc = o.flatten(s.shape());
        int rows = (int) rc[0];
        int cols = (int) rc[1];
        double[] x = s.values();
        if (rows >= cols) {
            mn[0] = rows;
            mn[1] = cols;
            return x;
        }
        double[] t = new double[x.length];
        for (int r = 0; r < rows; r++) {
            for (int c = 0; c < cols; c++) {
                t[c * rows + r] = x[r * cols + c];
            }
        }
        mn[0] = cols;
        mn[1] = rows;
        return t;
    }

    /** The single-matrix checks. */
    public static List<Check> single(Orthogonal o, Sample s, String subject, List<String> notes) {
        List<Check> out = new ArrayList<>();
        int[] mn = new int[2];
        double[] a = tall(o, s, mn);
        int m = mn[0];
        int n = mn[1];
        double g = o.gain();
        Distribution law = new HaarEntry(m, g);
        // orthogonality
        int k = Math.min(n, GRAM_COLUMNS);
        if (k < n) {
            notes.add(subject + ": orthogonality checked on the first " + k + " of " + n + " columns");
        }
        double worst = 0;
        int wi = 0;
        int wj = 0;
        double g2 = g * g;
        double[][] cols = new double[k][];
        for (int j = 0; j < k; j++) {
            double[] c = new double[m];
            for (int i = 0; i < m; i++) {
                c[i] = a[i * n + j];
            }
            cols[j] = c;
        }
        for (int i = 0; i < k; i++) {
            for (int j = i; j < k; j++) {
                double dot = 0;
                double[] ci = cols[i];
                double[] cj = cols[j];
                for (int r = 0; r < m; r++) {
                    dot += ci[r] * cj[r];
                }
                double e = Math.abs(dot / g2 - (i == j ? 1 : 0));
                if (e > worst) {
                    worst = e;
                    wi = i;
                    wj = j;
                }
            }
        }
        double tol = Math.max(16, m) * s.dtype().unitRoundoff();
        String dd = String.format(Locale.ROOT, "max |Q^T Q - I| = %.3g (tolerance %.3g for %s, %dx%d)", worst, tol,
                s.dtype(), m, n);
        String hint = worst > 0.5 ? "columns are not orthonormal: not an orthogonal matrix (a plain Gaussian?)"
                : String.format(Locale.ROOT, "largest error at (%d, %d): not orthogonal to %s precision, or the gain is "
                + "not %s (diagonal of Q^T Q / gain^2 is %.6g)", wi, wj, s.dtype(), Hints.g(g),
                dotDiag(cols, wi) / g2);
        out.add(Check.exact(subject, "orthogonality", worst <= tol, worst, dd, hint));
        // support and mean
        SampleMoments sum = SampleMoments.of(s.values(), 0);
        int outside = 0;
        double tolG = s.dtype().ulp(g);
        for (double v : s.values()) {
            if (Math.abs(v) > g + tolG) {
                outside++;
            }
        }
        out.add(Check.exact(subject, "support", outside == 0, outside, outside == 0
                ? "all |x| <= gain " + Hints.g(g) : outside + " values with |x| > gain " + Hints.g(g),
                "entries larger than the gain: not gain * orthogonal"));
        double se = Math.sqrt(law.variance() / sum.n);
        double z = sum.meanShift / se;
        out.add(Check.test(subject, "mean", z, Pvalues.normalTwoSided(z),
                String.format(Locale.ROOT, "mean %s (claimed 0), z=%+.2f", Hints.g(sum.mean()), z),
                "entries not centred: a sign convention biases the matrix"));
        // diagonal signs
        int neg = 0;
        for (int j = 0; j < n; j++) {
            if (a[j * n + j] < 0) {
                neg++;
            }
        }
        out.add(Check.test(subject, "diag_sign", neg, Pvalues.binomialTwoSided(n, neg, 0.5),
                String.format(Locale.ROOT, "%d of %d diagonal entries negative (Binomial(%d, 1/2) under Haar)", neg, n, n),
                "diagonal signs are biased: QR without the sign fix (multiply columns by sign(R_jj))?"));
        bartlett(a, m, n, g, subject, out);
        return out;
    }

    private static double dotDiag(double[][] cols, int i) {
        double d = 0;
        for (double v : cols[i]) {
            d += v * v;
        }
        return d;
    }

    /** Bartlett's decomposition test: Q_k R / gain should have IID N(0, 1) entries. */
    static void bartlett(double[] a, int m, int n, double g, String subject, List<Check> out) {
        int k = Math.min(n, BARTLETT_COLUMNS);
        if ((long) m * k < 8) {
            return;
        }
        long h = Battery.JITTER_SEED;
        for (double v : a) {
            h = Battery.mix(h * 0x9E3779B97F4A7C15L + Double.doubleToLongBits(v));
        }
        SplittableRandom rnd = new SplittableRandom(h);
        NormalDistribution std = NormalDistribution.of(0, 1);
        double[] r = new double[k * k];
        for (int i = 0; i < k; i++) {
            r[i * k + i] = Math.sqrt(ChiSquaredDistribution.of(m - i).inverseCumulativeProbability(open(rnd)));
            for (int j = i + 1; j < k; j++) {
                r[i * k + j] = std.inverseCumulativeProbability(open(rnd));
            }
        }
        double[] z = new double[m * k];
        for (int row = 0; row < m; row++) {
            int base = row * n;
            for (int i = 0; i < k; i++) {
                double q = a[base + i] / g;
                if (q == 0) {
                    continue;
                }
                int ri = i * k;
                int zi = row * k;
                for (int j = i; j < k; j++) {
                    z[zi + j] += q * r[ri + j];
                }
            }
        }
        Arrays.sort(z);
        Normal nd = Normal.of(0, 1);
        double[] u = new double[z.length];
        for (int i = 0; i < z.length; i++) {
            u[i] = nd.cdf(z[i]);
        }
        KolmogorovSmirnovTest.OneResult ks = KolmogorovSmirnovTest.withDefaults().test(u, t -> t);
        String hint = "Q R (R a Bartlett factor) is not Gaussian: Q is not Haar distributed";
        out.add(Check.test(subject, "bartlett_ks", ks.getStatistic(), ks.getPValue(),
                String.format(Locale.ROOT, "Q_k R vs N(0,1): D=%.4g on %d entries (k=%d columns)", ks.getStatistic(),
                        u.length, k), hint));
        double a2 = AndersonDarling.statistic(u, 0x1p-53);
        out.add(Check.test(subject, "bartlett_ad", a2, AndersonDarling.pValue(u.length, a2),
                String.format(Locale.ROOT, "Q_k R vs N(0,1): A2=%.4g on %d entries", a2, u.length), hint));
    }

    private static double open(SplittableRandom r) {
        double u;
        do {
            u = r.nextDouble();
        } while (u == 0);
        return u;
    }

    /**
     * Haar checks over many independently filled matrices of the same shape.
     *
     * @param o the scheme (flattening and gain)
     * @param matrices at least 20 samples
     * @param subject name for the results
     * @return trace_mean and trace_variance (square, n &gt;= 4), q00_beta_ks, q00_sign
     */
    public static List<Check> haarSet(Orthogonal o, List<Sample> matrices, String subject) {
        if (matrices.size() < 20) {
            throw new IllegalArgumentException("Haar checks need at least 20 matrices, got " + matrices.size());
        }
        int kk = matrices.size();
        double g = o.gain();
        int[] mn = new int[2];
        double[] tr = new double[kk];
        double[] q00 = new double[kk];
        int m = -1;
        int n = -1;
        for (int i = 0; i < kk; i++) {
            double[] a = tall(o, matrices.get(i), mn);
            if (m >= 0 && (mn[0] != m || mn[1] != n)) {
                throw new IllegalArgumentException("Haar checks need matrices of one shape");
            }
            m = mn[0];
            n = mn[1];
            double t = 0;
            for (int j = 0; j < n; j++) {
                t += a[j * n + j];
            }
            tr[i] = t / g;
            q00[i] = a[0] / g;
        }
        List<Check> out = new ArrayList<>();
        if (m == n && n >= 4) {
            double s1 = 0;
            double s2 = 0;
            for (double t : tr) {
                s1 += t;
                s2 += t * t;
            }
            double zMean = s1 / Math.sqrt(kk);
            out.add(Check.test(subject, "trace_mean", zMean, Pvalues.normalTwoSided(zMean),
                    String.format(Locale.ROOT, "mean trace %+.4f over %d matrices (Haar: 0, sd 1), z=%+.2f", s1 / kk, kk,
                            zMean), "traces biased: not Haar (sign fix missing?)"));
            // tr(Q) is N(0, 1) to within moments of order n (Diaconis-Shahshahani), so the sum of the
            // K squared traces is chi-square(K): a normal approximation of its mean is liberal in the
            // upper tail at small alpha (skewness sqrt(8 / K)), so the exact chi-square tail is used.
            double zVar = (s2 / kk - 1) / Math.sqrt(2.0 / kk);
            ChiSquaredDistribution chiK = ChiSquaredDistribution.of(kk);
            double pVar = Math.min(1, 2 * Math.min(chiK.cumulativeProbability(s2), chiK.survivalProbability(s2)));
            out.add(Check.test(subject, "trace_variance", zVar, pVar,
                    String.format(Locale.ROOT, "mean trace^2 %.4f (Haar: 1), z=%+.2f", s2 / kk, zVar),
                    "trace spread wrong: not Haar"));
        }
        if (m >= 2) {
            BetaDistribution beta = BetaDistribution.of(0.5, 0.5 * (m - 1));
            double[] sq = new double[kk];
            for (int i = 0; i < kk; i++) {
                sq[i] = q00[i] * q00[i];
            }
            KolmogorovSmirnovTest.OneResult ks = KolmogorovSmirnovTest.withDefaults().test(sq,
                    beta::cumulativeProbability);
            out.add(Check.test(subject, "q00_beta_ks", ks.getStatistic(), ks.getPValue(),
                    String.format(Locale.ROOT, "Q00^2 vs Beta(1/2, %s): D=%.4g over %d matrices", Hints.g(0.5 * (m - 1)),
                            ks.getStatistic(), kk), "first entry not distributed as a uniform unit vector's"));
        }
        int neg = 0;
        for (double v : q00) {
            if (v < 0) {
                neg++;
            }
        }
        out.add(Check.test(subject, "q00_sign", neg, Pvalues.binomialTwoSided(kk, neg, 0.5),
                String.format(Locale.ROOT, "Q00 negative in %d of %d matrices", neg, kk),
                "sign of Q00 biased: QR without the sign fix?"));
        return out;
    }
}
