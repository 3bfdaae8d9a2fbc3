package dev.initlab.stats;

import dev.initlab.dist.Gaussian;
import org.apache.commons.statistics.distribution.BinomialDistribution;
import org.apache.commons.statistics.distribution.PoissonDistribution;

/** p-value helpers shared by the checks. */
final class Pvalues {
    private Pvalues() {
    }

    /** Two-sided p-value of a standard normal statistic: 2 Phi(-|z|), accurate in the tail. */
    static double normalTwoSided(double z) {
        if (Double.isNaN(z)) {
            return 0;
        }
        return Math.min(1, 2 * Gaussian.cdf(-Math.abs(z)));
    }

    /** Exact two-sided binomial p-value, doubling the smaller tail: min(1, 2 min(P(X &lt;= k), P(X &gt;= k))). */
    static double binomialTwoSided(int n, int k, double p) {
        BinomialDistribution b = BinomialDistribution.of(n, p);
        double lower = b.cumulativeProbability(k);
        double upper = k == 0 ? 1 : b.survivalProbability(k - 1);
        return Math.min(1, 2 * Math.min(lower, upper));
    }

    /** P(X &gt;= k) for X ~ Binomial(n, p). */
    static double binomialUpper(int n, int k, double p) {
        if (k <= 0) {
            return 1;
        }
        return BinomialDistribution.of(n, Math.min(1, p)).survivalProbability(k - 1);
    }

    /** P(X &gt;= k) for X ~ Poisson(lambda). */
    static double poissonUpper(double lambda, long k) {
        if (k <= 0) {
            return 1;
        }
        if (k > Integer.MAX_VALUE) {
            return 0;
        }
        return PoissonDistribution.of(lambda).survivalProbability((int) (k - 1));
    }

    /**
     * p-value of the smallest of m p-values that are independent or positively dependent
     * two-sided normal tests (Sidak): 1 - (1 - pmin)^m.
     */
    static double sidak(double pmin, long m) {
        if (m <= 1) {
            return pmin;
        }
        return -Math.expm1(m * Math.log1p(-Math.min(pmin, 1)));
    }

    /** Bonferroni: min(1, m * pmin). */
    static double bonferroni(double pmin, int m) {
        return Math.min(1, pmin * m);
    }
}
