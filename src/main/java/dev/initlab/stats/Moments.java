package dev.initlab.stats;

import dev.initlab.dist.Distribution;
import dev.initlab.dist.Gaussian;
import dev.initlab.dist.HaarEntry;
import dev.initlab.dist.Normal;
import dev.initlab.dist.PointMass;
import dev.initlab.dist.TruncatedNormal;
import dev.initlab.dist.Uniform;
import java.util.function.DoubleUnaryOperator;

/**
 * Higher moments and fast CDFs the battery needs beyond {@link Distribution}: the sixth central
 * moment (for the skewness of the second-moment statistic), in closed form for the catalog's laws
 * and by numerical integration otherwise.
 */
final class Moments {
    private Moments() {
    }

    /** E[(X - mean)^6]. */
    static double central6(Distribution d) {
        if (d instanceof Normal n) {
            return 15 * Math.pow(n.sigma(), 6);
        }
        if (d instanceof Uniform u) {
            return Math.pow(u.b() - u.a(), 6) / 448;
        }
        if (d instanceof PointMass) {
            return 0;
        }
        if (d instanceof HaarEntry h) {
            double n = h.n();
            return Math.pow(h.gain(), 6) * 15 / (n * (n + 2) * (n + 4));
        }
        if (d instanceof TruncatedNormal t) {
            return truncatedCentral6(t);
        }
        return numericCentral6(d);
    }

    /**
     * The sixth central moment of a truncated normal from its standardised raw moments
     * ({@link TruncatedNormal#standardRawMoments}, the Johnson-Kotz-Balakrishnan recursion).
     */
    static double truncatedCentral6(TruncatedNormal t) {
        double[] m = t.standardRawMoments(6);
        double mu = m[1];
        double c6 = 0;
        long[] binom = {1, 6, 15, 20, 15, 6, 1};
        for (int j = 0; j <= 6; j++) {
            c6 += binom[j] * m[j] * Math.pow(-mu, 6 - j);
        }
        return Math.pow(t.sigma(), 6) * c6;
    }

    /** E|X - mean|^6 = int_0^inf 6 t^5 P(|X - mean| &gt; t) dt by Simpson's rule. */
    static double numericCentral6(Distribution d) {
        double mu = d.mean();
        double sd = d.std();
        double top = Math.min(Math.max(Math.abs(d.lower() - mu), Math.abs(d.upper() - mu)), 40 * sd);
        int steps = 20000;
        double h = top / steps;
        double s = 0;
        for (int i = 0; i <= steps; i++) {
            double t = i * h;
            double tail = d.cdf(mu - t) + 1 - d.cdf(mu + t);
            double f = 6 * Math.pow(t, 5) * tail;
            s += (i == 0 || i == steps ? 1 : (i % 2 == 1 ? 4 : 2)) * f;
        }
        return s * h / 3;
    }

    /** A CDF for repeated evaluation (the truncated normal's constants precomputed). */
    static DoubleUnaryOperator cdf(Distribution d) {
        if (d instanceof TruncatedNormal t) {
            double pa = Gaussian.cdf(t.alpha());
            double z = Gaussian.cdf(t.beta()) - pa;
            double mu = t.mu();
            double sigma = t.sigma();
            double a = t.a();
            double b = t.b();
            return x -> x <= a ? 0 : x >= b ? 1 : Math.min(1, Math.max(0, (Gaussian.cdf((x - mu) / sigma) - pa) / z));
        }
        return d::cdf;
    }
}
