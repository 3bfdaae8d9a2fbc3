package dev.initlab.dist;

import java.util.LinkedHashMap;
import java.util.Map;

/** Normal law N(mean, std^2): kurtosis 3. */
public record Normal(double mu, double sigma) implements Distribution {
    public Normal {
        if (!Double.isFinite(mu)) {
            throw new IllegalArgumentException("normal mean must be finite, got " + mu);
        }
        if (!(sigma > 0) || !Double.isFinite(sigma)) {
            throw new IllegalArgumentException("normal std must be positive and finite, got " + sigma);
        }
    }

    public static Normal of(double mu, double sigma) {
        return new Normal(mu, sigma);
    }

    @Override public String family() { return "normal"; }
    @Override public double mean() { return mu; }
    @Override public double variance() { return sigma * sigma; }
    @Override public double centralMoment3() { return 0; }
    @Override public double centralMoment4() { return 3 * sigma * sigma * sigma * sigma; }
    @Override public double lower() { return Double.NEGATIVE_INFINITY; }
    @Override public double upper() { return Double.POSITIVE_INFINITY; }
    @Override public double cdf(double x) { return Gaussian.cdf((x - mu) / sigma); }
    @Override public double tailProbability(double k) { return 2 * Gaussian.cdf(-k); }

    @Override
    public Map<String, Double> parameters() {
        Map<String, Double> m = new LinkedHashMap<>();
        m.put("mean", mu);
        m.put("std", sigma);
        return m;
    }

    @Override public String describe() { return "N(" + Fmt.g(mu) + ", " + Fmt.g(sigma) + "^2)"; }
}
