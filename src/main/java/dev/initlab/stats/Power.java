package dev.initlab.stats;

import dev.initlab.dist.Distribution;
import java.util.function.DoubleUnaryOperator;

/**
 * Analytic lower bounds on the power of the battery against a wrong sampler.
 *
 * <p>Holm rejects the family whenever some p-value is at most alpha / m (m statistical checks), so
 * P(reject) &gt;= P(p_i &lt;= alpha / m) for every single check i: a bound for one check is a bound
 * for the battery.
 *
 * <p>Kolmogorov-Smirnov: by the Dvoretzky-Kiefer-Wolfowitz inequality with Massart's constant
 * (P. Massart, "The tight constant in the Dvoretzky-Kiefer-Wolfowitz inequality", Ann. Probab. 18
 * (1990) 1269-1283), P(D_n &gt;= d) &lt;= 2 exp(-2 n d^2) for data from the claimed law, so a sample
 * with D_n &gt;= d* = sqrt(ln(2/level) / 2n) has p &lt;= level. If the data come from a law whose CDF
 * differs from the claimed one by Delta = sup |F_data - F_claim|, then D_n &gt;= Delta - sup|F_n -
 * F_data|, and the same inequality gives P(reject) &gt;= 1 - 2 exp(-2 n (Delta - d*)^2).
 */
public final class Power {
    private Power() {
    }

    /** A lower bound on the power and how it was obtained. */
    public record Bound(double power, String method) {
    }

    /**
     * sup_x |F_a(x) - F_b(x)|, evaluated on a fine grid over both supports plus both laws' bounds
     * and their neighbours (so jumps at atoms are seen). A grid maximum is a lower bound on the
     * supremum, which keeps the power bound valid.
     */
    public static double supDistance(Distribution a, Distribution b) {
        double lo = Math.min(finiteLow(a), finiteLow(b));
        double hi = Math.max(finiteHigh(a), finiteHigh(b));
        DoubleUnaryOperator fa = Moments.cdf(a);
        DoubleUnaryOperator fb = Moments.cdf(b);
        double best = 0;
        int steps = 200_000;
        for (int i = 0; i <= steps; i++) {
            double x = lo + (hi - lo) * i / steps;
            best = Math.max(best, Math.abs(fa.applyAsDouble(x) - fb.applyAsDouble(x)));
        }
        for (double x : new double[] {a.lower(), a.upper(), b.lower(), b.upper()}) {
            if (Double.isFinite(x)) {
                for (double y : new double[] {Math.nextDown(x), x, Math.nextUp(x)}) {
                    best = Math.max(best, Math.abs(fa.applyAsDouble(y) - fb.applyAsDouble(y)));
                }
            }
        }
        return best;
    }

    private static double finiteLow(Distribution d) {
        return Double.isFinite(d.lower()) ? d.lower() : d.mean() - 10 * d.std();
    }

    private static double finiteHigh(Distribution d) {
        return Double.isFinite(d.upper()) ? d.upper() : d.mean() + 10 * d.std();
    }

    /**
     * Lower bound on P(KS p-value &lt;= level) for n values from {@code data} tested against
     * {@code claim}; 0 when the bound says nothing. {@code slack} is subtracted from Delta for the
     * data's quantization (2^-23 for 24-bit float32 generators).
     */
    public static double ks(Distribution data, Distribution claim, int n, double level, double slack) {
        return Math.max(0, 1 - ksMiss(data, claim, n, level, slack));
    }

    /** The matching upper bound on P(KS does not reject): 2 exp(-2 n (Delta - d*)^2), or 1. */
    public static double ksMiss(Distribution data, Distribution claim, int n, double level, double slack) {
        double delta = supDistance(data, claim) - slack;
        double dStar = Math.sqrt(Math.log(2 / level) / (2.0 * n));
        if (delta <= dStar) {
            return 1;
        }
        double e = delta - dStar;
        return Math.min(1, 2 * Math.exp(-2.0 * n * e * e));
    }
}
