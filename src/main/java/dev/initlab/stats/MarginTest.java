package dev.initlab.stats;

import java.util.Arrays;
import java.util.List;
import org.apache.commons.statistics.distribution.TDistribution;

/**
 * Tests that two schemes perform "as well as" each other, within a stated margin, on paired
 * per-seed differences d_k = a_k - b_k (one-sample t on the differences, n - 1 degrees of freedom):
 * <ul>
 *   <li><b>non-inferiority</b> ("a is as good as or better than b"): H0 mean(d) &lt;= -margin
 *       against H1 mean(d) &gt; -margin, p = P(T &gt;= (mean + margin) / se);</li>
 *   <li><b>equivalence</b> by two one-sided tests (TOST, D. J. Schuirmann, J. Pharmacokinet.
 *       Biopharm. 15, 1987): H0 |mean(d)| &gt;= margin against H1 |mean(d)| &lt; margin; p is the
 *       larger of the two one-sided p-values.</li>
 * </ul>
 * A failure to find a difference is not evidence of no difference; these tests are. Several claims
 * tested together form one family: {@link #holm} adjusts their p-values (S. Holm, Scand. J.
 * Statist. 6, 1979) so that the chance of any false "as well as" is at most alpha. When all
 * differences are equal (se = 0) the p-values are 0 or 1 by which side of the margin the mean lies.
 *
 * @param label what is compared (e.g. "3 layers relu: lsuv - orthogonal")
 * @param n pairs used (pairs with a NaN side are skipped)
 * @param mean mean difference
 * @param sd standard deviation of the differences
 * @param margin the margin, &gt; 0, in the unit of the differences
 * @param pNonInferior p-value of non-inferiority (unadjusted)
 * @param pEquivalent TOST p-value of equivalence (unadjusted)
 */
public record MarginTest(String label, int n, double mean, double sd, double margin, double pNonInferior,
                         double pEquivalent) {
    /** Runs both tests on the differences {@code a[k] - b[k]}. */
    public static MarginTest paired(String label, double[] a, double[] b, double margin) {
        return of(label, MeanInterval.differences(a, b), margin);
    }

    /** Runs both tests on the given differences. */
    public static MarginTest of(String label, double[] differences, double margin) {
        if (!(margin > 0) || Double.isInfinite(margin)) {
            throw new IllegalArgumentException("the margin must be positive and finite, got " + margin);
        }
        MeanInterval d = MeanInterval.of(differences);
        if (d.n() < 2) {
            return new MarginTest(label, d.n(), d.mean(), Double.NaN, margin, Double.NaN, Double.NaN);
        }
        double se = d.sd() / Math.sqrt(d.n());
        double pLow = upperTail(d.mean() + margin, se, d.n() - 1);   // H0: mean <= -margin
        double pHigh = upperTail(margin - d.mean(), se, d.n() - 1);  // H0: mean >= +margin
        return new MarginTest(label, d.n(), d.mean(), d.sd(), margin, pLow, Math.max(pLow, pHigh));
    }

    /** P(T_df &gt;= x / se), with the se = 0 limit (0 when x &gt; 0, else 1). */
    private static double upperTail(double x, double se, int df) {
        if (se == 0) {
            return x > 0 ? 0 : 1;
        }
        return TDistribution.of(df).survivalProbability(x / se);
    }

    /**
     * Holm's step-down adjusted p-values: with p sorted ascending, adj_(i) = max over j &lt;= i of
     * min(1, (m - j + 1) p_(j)); rejecting where adj &lt;= alpha controls the family-wise error at
     * alpha. NaN p-values (a test that could not run) count in m and stay NaN.
     */
    public static double[] holm(double[] p) {
        int m = p.length;
        Integer[] order = new Integer[m];
        for (int i = 0; i < m; i++) {
            order[i] = i;
        }
        Arrays.sort(order, (x, y) -> Double.compare(nanLast(p[x]), nanLast(p[y])));
        double[] adj = new double[m];
        double running = 0;
        for (int r = 0; r < m; r++) {
            int i = order[r];
            if (Double.isNaN(p[i])) {
                adj[i] = Double.NaN;
                continue;
            }
            running = Math.max(running, Math.min(1, (m - r) * p[i]));
            adj[i] = running;
        }
        return adj;
    }

    private static double nanLast(double v) {
        return Double.isNaN(v) ? Double.POSITIVE_INFINITY : v;
    }

    /** {@link #holm} of the non-inferiority p-values of {@code tests}, in order. */
    public static double[] holmNonInferiority(List<MarginTest> tests) {
        return holm(tests.stream().mapToDouble(MarginTest::pNonInferior).toArray());
    }

    /** {@link #holm} of the equivalence p-values of {@code tests}, in order. */
    public static double[] holmEquivalence(List<MarginTest> tests) {
        return holm(tests.stream().mapToDouble(MarginTest::pEquivalent).toArray());
    }
}
