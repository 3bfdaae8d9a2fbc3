package dev.initlab.stats;

import dev.initlab.dist.Distribution;
import dev.initlab.dist.Gaussian;
import dev.initlab.dist.Mixture;
import dev.initlab.dist.PointMass;
import dev.initlab.dist.TruncatedNormal;
import dev.initlab.init.FanMode;
import dev.initlab.init.Fans;
import dev.initlab.init.Layout;
import dev.initlab.init.VarianceScaling;
import dev.initlab.io.MarkedNames;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * Says which way a failure points: the observed variance ratio is compared with the ratios that
 * common mistakes produce for the claimed scheme and shape (fans swapped, fan_in scaling passed
 * off as fan_avg, a missing factor 2, the truncated normal without its 0.8796 rescale, another
 * layout's fans), and the sample kurtosis with other families (uniform 1.8, normal 3, normal
 * truncated at +-2 std 2.366, normal clipped at +-2 std).
 */
final class Hints {
    /** Std of N(0,1) truncated to [-2, 2]. */
    static final double T = VarianceScaling.TRUNC_STD_CORRECTION;

    /** A ratio of data variance to claimed variance that a named mistake produces. */
    record Candidate(double ratio, String text) {
    }

    private record Family(double kurtosis, String text) {
    }

    private static final List<Family> FAMILIES = List.of(
            new Family(1.8, "a uniform"),
            new Family(3.0, "an untruncated normal"),
            new Family(TruncatedNormal.symmetric(0, 1, 2).kurtosis(),
                    "a normal truncated at +-2 std (Keras-style truncated_normal)"),
            new Family(clippedNormal(2).kurtosis(), "a normal clipped at +-2 std (clamp instead of resampling)"));

    private Hints() {
    }

    /** N(0,1) clipped to [-k, k]: mass Phi(-k) at each bound. */
    static Distribution clippedNormal(double k) {
        TruncatedNormal tn = TruncatedNormal.symmetric(0, 1, k);
        double tail = Gaussian.cdf(-k);
        return new Mixture(List.of(1 - 2 * tail, tail, tail), List.of(tn, PointMass.of(-k), PointMass.of(k)));
    }

    static String g(double v) {
        return String.format(Locale.ROOT, "%.4g", v);
    }

    private static String fan(FanMode m) {
        return switch (m) {
            case FAN_IN -> "fan_in";
            case FAN_OUT -> "fan_out";
            case FAN_AVG -> "(fan_in+fan_out)";
        };
    }

    /** The formula of a variance-scaling law with scale s and mode m, as users write it. */
    static String formula(VarianceScaling.Law law, double s, FanMode m) {
        double k = m == FanMode.FAN_AVG ? 2 * s : s;
        if (law == VarianceScaling.Law.UNIFORM) {
            return "U(+-sqrt(" + num(3 * k) + "/" + fan(m) + "))";
        }
        return "variance " + num(k) + "/" + fan(m);
    }

    private static String num(double v) {
        if (Math.abs(v - Math.rint(v)) < 1e-12) {
            return Long.toString(Math.round(v));
        }
        if (Math.abs(v * 3 - Math.rint(v * 3)) < 1e-12) {
            return Math.round(v * 3) + "/3";
        }
        return g(v);
    }

    /** Candidate explanations for a variance ratio, most specific first. */
    static List<Candidate> varianceCandidates(Claim claim) {
        List<Candidate> c = new ArrayList<>();
        if (claim.initializer() instanceof VarianceScaling vs && claim.fans() != null) {
            Fans f = claim.fans();
            double s = vs.scale();
            FanMode m = vs.mode();
            VarianceScaling.Law law = vs.law();
            double v0 = s / f.fan(m);
            String claimed = formula(law, s, m);
            if (m != FanMode.FAN_AVG && f.fanIn() != f.fanOut()) {
                FanMode other = m == FanMode.FAN_IN ? FanMode.FAN_OUT : FanMode.FAN_IN;
                c.add(new Candidate((s / f.fan(other)) / v0, "variance ratio = " + (m == FanMode.FAN_IN
                        ? "fan_in/fan_out (" + Claim.fmt(f.fanIn()) + "/" + Claim.fmt(f.fanOut()) + ")"
                        : "fan_out/fan_in (" + Claim.fmt(f.fanOut()) + "/" + Claim.fmt(f.fanIn()) + ")")
                        + ": fans swapped?"));
            }
            String halfWhy = m == FanMode.FAN_AVG ? ""
                    : Math.abs(s - 2) < 1e-9 ? (law == VarianceScaling.Law.UNIFORM ? " (sqrt(3/fan) used for sqrt(6/fan), or the relu gain sqrt(2) missing)"
                    : " (the relu gain sqrt(2) missing?)") : "";
            c.add(new Candidate(0.5, "looks like " + formula(law, s / 2, m) + " instead of " + claimed + halfWhy));
            c.add(new Candidate(2.0, "looks like " + formula(law, s * 2, m) + " instead of " + claimed
                    + " (an extra factor 2: gain applied twice?)"));
            double[][] named = {{1, 0}, {2, 0}, {1, 2}, {1, 1}, {2, 1}, {1.0 / 3, 0}};
            String[] names = {" (LeCun)", " (He/Kaiming relu)", " (Glorot/Xavier)", "", " (He, fan_out mode)",
                " (the PyTorch Linear/Conv default)"};
            for (int i = 0; i < named.length; i++) {
                double s2 = named[i][0];
                FanMode m2 = FanMode.values()[(int) named[i][1]];
                double ratio = (s2 / f.fan(m2)) / v0;
                c.add(new Candidate(ratio, "looks like " + formula(law, s2, m2) + names[i] + " instead of " + claimed));
            }
            if (claim.layout() != null) {
                for (Layout l : Layout.values()) {
                    if (l == claim.layout()) {
                        continue;
                    }
                    try {
                        Fans f2 = Fans.of(claim.shape(), l);
                        c.add(new Candidate(f.fan(m) / f2.fan(m), "matches the " + l.label() + " layout's fans (fan_in "
                                + Claim.fmt(f2.fanIn()) + ", fan_out " + Claim.fmt(f2.fanOut()) + "): wrong " + MarkedNames.name("layout") + "?"));
                    } catch (IllegalArgumentException e) {
                        // that layout cannot read this shape
                    }
                }
            }
        }
        c.add(new Candidate(T * T, "looks like a truncated normal without the 0.8796 rescale"));
        c.add(new Candidate(1 / (T * T), "looks like std/0.8796 without truncation at +-2 std"));
        c.add(new Candidate(0.5, "half the claimed variance: a missing factor 2 (gain sqrt(2)?)"));
        c.add(new Candidate(2.0, "twice the claimed variance: an extra factor 2"));
        List<Candidate> out = new ArrayList<>();
        for (Candidate k : c) {
            if (Math.abs(k.ratio() - 1) < 1e-9 || !(k.ratio() > 0) || !Double.isFinite(k.ratio())) {
                continue;
            }
            boolean dup = out.stream().anyMatch(o -> Math.abs(o.ratio() - k.ratio()) < 1e-9 * k.ratio());
            if (!dup) {
                out.add(k);
            }
        }
        return out;
    }

    /**
     * The explanation of an observed variance ratio {@code r} (standard error {@code se}), or "".
     * A candidate matches when it is within max(4 se, 1%) of r; the closest wins. A parameter it names
     * ({@code wrong layout?}) is {@linkplain MarkedNames marked}.
     */
    static String varianceHint(Claim claim, double r, double se) {
        Candidate best = null;
        double bestDist = Double.POSITIVE_INFINITY;
        for (Candidate k : varianceCandidates(claim)) {
            double d = Math.abs(r - k.ratio());
            if (d <= Math.max(4 * se, 0.01 * k.ratio()) && d < bestDist) {
                best = k;
                bestDist = d;
            }
        }
        return best == null ? "" : best.text();
    }

    /** Kurtosis and clipping hints for a distribution-shape failure, or "". */
    static String shapeHint(Distribution law, SampleMoments s) {
        List<String> parts = new ArrayList<>();
        int n = s.n;
        int atEnds = s.atMin + s.atMax;
        if (n > 0 && atEnds >= 8 && atEnds >= 1e-3 * n && s.min < s.max) {
            parts.add(String.format(Locale.ROOT, "%.2f%% of values sit exactly on the extremes %s and %s: "
                    + "looks like clipping (clamp) instead of resampling", 100.0 * atEnds / n, g(s.min), g(s.max)));
        }
        double kc = law.kurtosis();
        double ks = s.kurtosis();
        if (n >= 100 && Double.isFinite(kc) && Double.isFinite(ks)) {
            double se = Math.sqrt(24.0 / n) * Math.max(1, kc / 3);
            if (Math.abs(ks - kc) > Math.max(6 * se, 0.02)) {
                Family best = null;
                double bestDist = Double.POSITIVE_INFINITY;
                for (Family f : FAMILIES) {
                    double d = Math.abs(ks - f.kurtosis());
                    if (Math.abs(f.kurtosis() - kc) > 0.01 && d <= Math.max(6 * se, 0.05) && d < bestDist) {
                        best = f;
                        bestDist = d;
                    }
                }
                String k = String.format(Locale.ROOT, "sample kurtosis %.3f vs claimed %.3f", ks, kc);
                parts.add(best != null ? k + ": looks like " + best.text()
                        : k + (ks < kc ? ": lighter tails than claimed" : ": heavier tails than claimed"));
            }
        }
        return String.join("; ", parts);
    }
}
