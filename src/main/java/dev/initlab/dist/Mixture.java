package dev.initlab.dist;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * A finite mixture, e.g. the marginal of the sparse scheme: a point mass at 0 with weight p and
 * N(0, std^2) with weight 1-p. Moments combine through the raw moments of the components.
 */
public record Mixture(List<Double> weights, List<Distribution> components) implements Distribution {
    public Mixture {
        if (weights.size() != components.size() || weights.isEmpty()) {
            throw new IllegalArgumentException("mixture needs one weight per component");
        }
        double s = 0;
        for (double w : weights) {
            if (!(w >= 0) || !Double.isFinite(w)) {
                throw new IllegalArgumentException("mixture weights must be non-negative, got " + w);
            }
            s += w;
        }
        if (Math.abs(s - 1) > 1e-12) {
            throw new IllegalArgumentException("mixture weights must sum to 1, got " + s);
        }
        weights = List.copyOf(weights);
        components = List.copyOf(components);
    }

    /** Point mass at 0 with probability {@code zeroFraction}, else {@code other}. */
    public static Mixture zeroInflated(double zeroFraction, Distribution other) {
        return new Mixture(List.of(zeroFraction, 1 - zeroFraction), List.of(PointMass.of(0), other));
    }

    private static double[] raw(Distribution d) {
        double m = d.mean();
        double v = d.variance();
        double c3 = d.centralMoment3();
        double c4 = d.centralMoment4();
        double r2 = v + m * m;
        double r3 = c3 + 3 * m * v + m * m * m;
        double r4 = c4 + 4 * m * c3 + 6 * m * m * v + m * m * m * m;
        return new double[] {1, m, r2, r3, r4};
    }

    private double[] mixedRaw() {
        double[] r = new double[5];
        for (int i = 0; i < weights.size(); i++) {
            double[] ri = raw(components.get(i));
            for (int k = 0; k < 5; k++) {
                r[k] += weights.get(i) * ri[k];
            }
        }
        return r;
    }

    @Override public String family() { return "mixture"; }
    @Override public double mean() { return mixedRaw()[1]; }

    @Override
    public double variance() {
        double[] r = mixedRaw();
        return r[2] - r[1] * r[1];
    }

    @Override
    public double centralMoment3() {
        double[] r = mixedRaw();
        double m = r[1];
        return r[3] - 3 * m * r[2] + 2 * m * m * m;
    }

    @Override
    public double centralMoment4() {
        double[] r = mixedRaw();
        double m = r[1];
        return r[4] - 4 * m * r[3] + 6 * m * m * r[2] - 3 * m * m * m * m;
    }

    @Override
    public double lower() {
        return components.stream().mapToDouble(Distribution::lower).min().orElseThrow();
    }

    @Override
    public double upper() {
        return components.stream().mapToDouble(Distribution::upper).max().orElseThrow();
    }

    @Override
    public double cdf(double x) {
        double c = 0;
        for (int i = 0; i < weights.size(); i++) {
            c += weights.get(i) * components.get(i).cdf(x);
        }
        return c;
    }

    @Override
    public boolean hasAtoms() {
        return components.stream().anyMatch(Distribution::hasAtoms);
    }

    @Override
    public Map<String, Double> parameters() {
        Map<String, Double> m = new LinkedHashMap<>();
        for (int i = 0; i < weights.size(); i++) {
            m.put("w" + i, weights.get(i));
            for (Map.Entry<String, Double> e : components.get(i).parameters().entrySet()) {
                m.put("c" + i + "." + e.getKey(), e.getValue());
            }
        }
        return m;
    }

    @Override
    public String describe() {
        StringBuilder sb = new StringBuilder();
        for (int i = 0; i < weights.size(); i++) {
            if (i > 0) {
                sb.append(" + ");
            }
            sb.append(Fmt.g(weights.get(i))).append("*").append(components.get(i).describe());
        }
        return sb.toString();
    }
}
