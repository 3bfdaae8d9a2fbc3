package dev.initlab.dist;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Normal law N(mu, sigma^2) conditioned on [a, b] (absolute bounds, as PyTorch's
 * {@code trunc_normal_}; Keras truncates at mu +- 2 sigma).
 *
 * <p>Moments use the standard recursion for the standardised truncated normal on
 * [alpha, beta]: m_k = (k-1) m_{k-2} - (beta^{k-1} phi(beta) - alpha^{k-1} phi(alpha)) / Z,
 * m_0 = 1, m_{-1} = 0, Z = Phi(beta) - Phi(alpha) (Johnson, Kotz and Balakrishnan,
 * Continuous Univariate Distributions vol. 1, 2nd ed., sec. 10.1). On +-2 sigma the kurtosis is 2.366.
 */
public record TruncatedNormal(double mu, double sigma, double a, double b) implements Distribution {
    public TruncatedNormal {
        if (!Double.isFinite(mu)) {
            throw new IllegalArgumentException("truncated normal mean must be finite, got " + mu);
        }
        if (!(sigma > 0) || !Double.isFinite(sigma)) {
            throw new IllegalArgumentException("truncated normal std must be positive and finite, got " + sigma);
        }
        if (Double.isNaN(a) || Double.isNaN(b) || !(a < b)) {
            throw new IllegalArgumentException("truncated normal needs a < b, got a=" + a + " b=" + b);
        }
        double al = (a - mu) / sigma;
        double be = (b - mu) / sigma;
        if (!(Gaussian.cdf(be) - Gaussian.cdf(al) > 1e-300)) {
            throw new IllegalArgumentException("truncated normal interval [" + a + ", " + b
                    + "] has no probability mass under N(" + mu + ", " + sigma + "^2)");
        }
    }

    public static TruncatedNormal of(double mu, double sigma, double a, double b) {
        return new TruncatedNormal(mu, sigma, a, b);
    }

    /** Truncated at mu +- k sigma. */
    public static TruncatedNormal symmetric(double mu, double sigma, double k) {
        return new TruncatedNormal(mu, sigma, mu - k * sigma, mu + k * sigma);
    }

    /** Standardised lower bound (a - mu) / sigma. */
    public double alpha() {
        return (a - mu) / sigma;
    }

    /** Standardised upper bound (b - mu) / sigma. */
    public double beta() {
        return (b - mu) / sigma;
    }

    /**
     * Raw moments E[Y^k], k = 0..maxOrder, of the standardised truncated variable Y on [alpha, beta]
     * by the recursion in the class comment (the one place it is written; the battery's sixth
     * central moment uses it too).
     */
    public double[] standardRawMoments(int maxOrder) {
        double al = alpha();
        double be = beta();
        double z = Gaussian.cdf(be) - Gaussian.cdf(al);
        double pa = Gaussian.pdf(al);
        double pb = Gaussian.pdf(be);
        double[] m = new double[maxOrder + 1];
        m[0] = 1;
        double prevPrev = 0; // m_{-1}
        double prev = 1;     // m_0
        for (int k = 1; k <= maxOrder; k++) {
            double ta = Double.isInfinite(al) ? 0 : Math.pow(al, k - 1) * pa;
            double tb = Double.isInfinite(be) ? 0 : Math.pow(be, k - 1) * pb;
            double mk = (k - 1) * prevPrev - (tb - ta) / z;
            m[k] = mk;
            prevPrev = prev;
            prev = mk;
        }
        return m;
    }

    private double[] standardCentralMoments() {
        double[] r = standardRawMoments(4);
        double m1 = r[1];
        double c2 = r[2] - m1 * m1;
        double c3 = r[3] - 3 * m1 * r[2] + 2 * m1 * m1 * m1;
        double c4 = r[4] - 4 * m1 * r[3] + 6 * m1 * m1 * r[2] - 3 * m1 * m1 * m1 * m1;
        return new double[] {m1, c2, c3, c4};
    }

    @Override public String family() { return "truncated_normal"; }

    @Override
    public double mean() {
        return mu + sigma * standardRawMoments(1)[1];
    }

    @Override
    public double variance() {
        return sigma * sigma * standardCentralMoments()[1];
    }

    @Override
    public double centralMoment3() {
        return sigma * sigma * sigma * standardCentralMoments()[2];
    }

    @Override
    public double centralMoment4() {
        double s2 = sigma * sigma;
        return s2 * s2 * standardCentralMoments()[3];
    }

    @Override public double lower() { return a; }
    @Override public double upper() { return b; }

    @Override
    public double cdf(double x) {
        if (x <= a) {
            return 0;
        }
        if (x >= b) {
            return 1;
        }
        double pa = Gaussian.cdf(alpha());
        double z = Gaussian.cdf(beta()) - pa;
        return Math.min(1, Math.max(0, (Gaussian.cdf((x - mu) / sigma) - pa) / z));
    }

    @Override
    public Map<String, Double> parameters() {
        Map<String, Double> m = new LinkedHashMap<>();
        m.put("mean", mu);
        m.put("std", sigma);
        m.put("a", a);
        m.put("b", b);
        return m;
    }

    @Override
    public String describe() {
        return "TN(" + Fmt.g(mu) + ", " + Fmt.g(sigma) + "^2; [" + Fmt.g(a) + ", " + Fmt.g(b) + "])";
    }
}
