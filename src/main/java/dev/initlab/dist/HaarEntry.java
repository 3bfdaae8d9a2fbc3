package dev.initlab.dist;

import java.util.LinkedHashMap;
import java.util.Map;
import org.apache.commons.math3.special.Beta;

/**
 * Law of one entry of gain * Q, with Q drawn from the Haar measure on the orthogonal group O(n)
 * (or on the Stiefel manifold with n = max(rows, cols)): q^2 ~ Beta(1/2, (n-1)/2), the sign of q
 * symmetric. Mean 0, variance gain^2/n, fourth moment gain^4 * 3/(n(n+2)).
 * See e.g. R. J. Muirhead, Aspects of Multivariate Statistical Theory (1982), thm 1.5.7 on the
 * uniform distribution on the sphere.
 */
public record HaarEntry(long n, double gain) implements Distribution {
    public HaarEntry {
        if (n < 1) {
            throw new IllegalArgumentException("Haar dimension must be >= 1, got " + n);
        }
        if (!(gain > 0) || !Double.isFinite(gain)) {
            throw new IllegalArgumentException("gain must be positive and finite, got " + gain);
        }
    }

    @Override public String family() { return "haar_entry"; }
    @Override public double mean() { return 0; }
    @Override public double variance() { return gain * gain / n; }
    @Override public double centralMoment3() { return 0; }

    @Override
    public double centralMoment4() {
        double g2 = gain * gain;
        return g2 * g2 * 3.0 / ((double) n * (n + 2));
    }

    @Override public double lower() { return -gain; }
    @Override public double upper() { return gain; }

    @Override
    public boolean hasAtoms() {
        return n == 1;
    }

    @Override
    public double cdf(double x) {
        if (x <= -gain) {
            return 0;
        }
        if (x >= gain) {
            return 1;
        }
        if (n == 1) {
            return 0.5;
        }
        double t = (x / gain) * (x / gain);
        double half = 0.5 * Beta.regularizedBeta(t, 0.5, 0.5 * (n - 1));
        return x < 0 ? 0.5 - half : 0.5 + half;
    }

    @Override
    public Map<String, Double> parameters() {
        Map<String, Double> m = new LinkedHashMap<>();
        m.put("n", (double) n);
        m.put("gain", gain);
        return m;
    }

    @Override public String describe() { return "Haar(O(" + n + ")) entry x " + Fmt.g(gain); }
}
