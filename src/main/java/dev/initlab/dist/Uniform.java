package dev.initlab.dist;

import java.util.LinkedHashMap;
import java.util.Map;

/** Continuous uniform law on [a, b): mean (a+b)/2, variance (b-a)^2/12, m4 (b-a)^4/80. */
public record Uniform(double a, double b) implements Distribution {
    public Uniform {
        if (!Double.isFinite(a) || !Double.isFinite(b)) {
            throw new IllegalArgumentException("uniform bounds must be finite, got [" + a + ", " + b + ")");
        }
        if (!(a < b)) {
            throw new IllegalArgumentException("uniform needs low < high, got low=" + a + " high=" + b);
        }
        if (!Double.isFinite(b - a)) {
            throw new IllegalArgumentException("uniform width high-low overflows: [" + a + ", " + b + ")");
        }
    }

    public static Uniform of(double a, double b) {
        return new Uniform(a, b);
    }

    /** U(-limit, limit). */
    public static Uniform symmetric(double limit) {
        if (!(limit > 0) || !Double.isFinite(limit)) {
            throw new IllegalArgumentException("uniform limit must be positive and finite, got " + limit);
        }
        return new Uniform(-limit, limit);
    }

    public boolean isSymmetric() {
        return a == -b;
    }

    @Override public String family() { return "uniform"; }
    @Override public double mean() { return 0.5 * (a + b); }

    @Override
    public double variance() {
        double w = b - a;
        return w * w / 12.0;
    }

    @Override public double centralMoment3() { return 0; }

    @Override
    public double centralMoment4() {
        double w = b - a;
        return w * w * w * w / 80.0;
    }

    @Override public double lower() { return a; }
    @Override public double upper() { return b; }
    @Override public boolean upperOpen() { return true; }

    @Override
    public double cdf(double x) {
        return Math.min(1, Math.max(0, (x - a) / (b - a)));
    }

    @Override
    public Map<String, Double> parameters() {
        Map<String, Double> m = new LinkedHashMap<>();
        m.put("low", a);
        m.put("high", b);
        return m;
    }

    @Override public String describe() { return "U(" + Fmt.g(a) + ", " + Fmt.g(b) + ")"; }
}
