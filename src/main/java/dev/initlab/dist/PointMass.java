package dev.initlab.dist;

import java.util.LinkedHashMap;
import java.util.Map;

/** All mass at one value (zeros, ones, constant). */
public record PointMass(double value) implements Distribution {
    public PointMass {
        if (!Double.isFinite(value)) {
            throw new IllegalArgumentException("constant value must be finite, got " + value);
        }
    }

    public static PointMass of(double value) {
        return new PointMass(value);
    }

    @Override public String family() { return "point"; }
    @Override public double mean() { return value; }
    @Override public double variance() { return 0; }
    @Override public double centralMoment3() { return 0; }
    @Override public double centralMoment4() { return 0; }
    @Override public double lower() { return value; }
    @Override public double upper() { return value; }
    @Override public double cdf(double x) { return x < value ? 0 : 1; }
    @Override public boolean hasAtoms() { return true; }
    @Override public double tailProbability(double k) { return 0; }

    @Override
    public Map<String, Double> parameters() {
        Map<String, Double> m = new LinkedHashMap<>();
        m.put("value", value);
        return m;
    }

    @Override public String describe() { return "const(" + Fmt.g(value) + ")"; }
}
