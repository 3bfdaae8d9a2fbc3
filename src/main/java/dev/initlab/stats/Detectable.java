package dev.initlab.stats;

import dev.initlab.dist.Distribution;
import dev.initlab.dist.Normal;
import dev.initlab.tensor.Shape;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.SplittableRandom;
import java.util.function.DoubleUnaryOperator;
import org.apache.commons.statistics.distribution.NormalDistribution;

/**
 * Minimum detectable effects: for each statistical check, the smallest departure from the claim
 * that it rejects at raw level {@code level} with probability at least {@code power}, as a function
 * of the sample size n. A pass is evidence only against effects at least this large.
 *
 * <p>With z_a = Phi^-1(1 - level / 2) and z_b = Phi^-1(power):
 * <ul>
 *   <li>{@code mean}: z = sqrt(n) (mean - mu) / sd; a shift of d sd gives z ~ N(d sqrt n, 1):
 *       d = (z_a + z_b) / sqrt(n) (exact for normal data, CLT otherwise);</li>
 *   <li>{@code variance}: the second moment about mu estimates rho var with standard error
 *       sqrt((kurtosis - 1) / n) rho var, so with s = sqrt(n / (kurtosis - 1)) a ratio rho is
 *       detected when rho &gt;= (s + z_a) / (s - z_b) or rho &lt;= (s - z_a) / (s + z_b) (first order;
 *       the check's Wilson-Hilferty power changes only the skewness);</li>
 *   <li>{@code tails}: the count beyond k sd is Binomial(n, p0) under the claim; a tail mass r p0
 *       is detected when n p0 (r - 1) &gt;= z_a' sqrt(n p0 (1 - p0)) + z_b sqrt(n r p0 (1 - r p0)),
 *       z_a' at level / K for the check's Bonferroni over its K thresholds (solved for r);</li>
 *   <li>{@code lag1}: sqrt(n) r1 ~ N(0, 1) under independence; for an AR(1) dependence rho,
 *       r1 ~ N(rho, (1 - rho^2) / n): detected when rho sqrt(n) - z_b sqrt(1 - rho^2) &gt;= z_a;</li>
 *   <li>{@code ks}: by the Dvoretzky-Kiefer-Wolfowitz-Massart inequality a law at sup-distance
 *       Delta from the claim is rejected with probability &gt;= 1 - 2 exp(-2 n (Delta - d*)^2),
 *       d* = sqrt(ln(2 / level) / 2n), so Delta = (sqrt(ln(2 / level) / 2) + sqrt(ln(2 / (1 -
 *       power)) / 2)) / sqrt(n) is a guaranteed (not approximate) bound;</li>
 *   <li>{@code row_corr}: one pair of adjacent rows (of the 2:3 matrix of about n elements) with
 *       correlation rho; Fisher's atanh r ~ N(atanh rho, 1 / (len - 3)) against the Sidak
 *       per-pair level.</li>
 * </ul>
 * {@link #simulate} checks these numbers against the battery itself on normal data.
 */
public final class Detectable {
    private static final NormalDistribution STD = NormalDistribution.of(0, 1);

    private Detectable() {
    }

    /** The minimum detectable effects at one n. */
    public record EffectRow(int n, double level, double power, double mean_shift_sd, double variance_up,
                      double variance_down, double tail2_ratio, double tail3_ratio, double lag1_rho, double ks_distance,
                      double row_corr_rho) {
    }

    /** One simulated power: the check's rejection rate at p &lt;= level for data with the given effect. */
    public record Simulated(String check, String effect, int n, double size, double multiple_of_mde, int reps,
                            int rejected, double power, double ci_low, double ci_high) {
    }

    private static double z(double upper) {
        return STD.inverseSurvivalProbability(upper);
    }

    /** Mean shift, in standard deviations. */
    public static double meanShift(int n, double level, double power) {
        return (z(level / 2) + z(1 - power)) / Math.sqrt(n);
    }

    /** {upper, lower} variance ratio detected, for a claimed law with this kurtosis. */
    public static double[] varianceRatio(int n, double kurtosis, double level, double power) {
        double s = Math.sqrt(n / (kurtosis - 1));
        double za = z(level / 2);
        double zb = z(1 - power);
        double up = s > zb ? (s + za) / (s - zb) : Double.POSITIVE_INFINITY;
        double down = s > za ? (s - za) / (s + zb) : 0;
        return new double[] {up, down};
    }

    /** Tail-mass ratio r (beyond k sd, claimed mass p0) detected by a Bonferroni over {@code thresholds}. */
    public static double tailRatio(int n, double p0, int thresholds, double level, double power) {
        if (!(n * p0 >= 5 && n * (1 - p0) >= 5)) {
            return Double.NaN;
        }
        double za = z(level / (2.0 * thresholds));
        double zb = z(1 - power);
        DoubleUnaryOperator gap = r -> n * p0 * (r - 1) - za * Math.sqrt(n * p0 * (1 - p0))
                - zb * Math.sqrt(n * r * p0 * Math.max(0, 1 - r * p0));
        double hi = 1;
        while (gap.applyAsDouble(hi) < 0) {
            hi = 1 + 2 * (hi - 1) + 1e-3;
            if (hi * p0 >= 1) {
                return Double.NaN;
            }
        }
        return bisect(gap, 1, hi);
    }

    /** Lag-1 autocorrelation detected. */
    public static double lag1(int n, double level, double power) {
        double za = z(level / 2);
        double zb = z(1 - power);
        return bisect(rho -> rho * Math.sqrt(n) - zb * Math.sqrt(1 - rho * rho) - za, 0, 0.999999);
    }

    /** KS sup-distance detected (DKW-Massart guarantee). */
    public static double ksDistance(int n, double level, double power) {
        return (Math.sqrt(Math.log(2 / level) / 2) + Math.sqrt(Math.log(2 / (1 - power)) / 2)) / Math.sqrt(n);
    }

    /** Correlation of one adjacent pair of lines of length {@code len}, among {@code pairs} pairs. */
    public static double pairCorrelation(int len, int pairs, double level, double power) {
        if (len < 4 || pairs < 1) {
            return Double.NaN;
        }
        double per = -Math.expm1(Math.log1p(-level) / pairs);
        return Math.tanh((z(per / 2) + z(1 - power)) / Math.sqrt(len - 3.0));
    }

    /** Thresholds k (1..4 sd) the tails check uses for a law at n: those with at least 5 expected and not all. */
    static int tailThresholds(Distribution law, int n) {
        int k = 0;
        for (int j = 1; j <= 4; j++) {
            double p = law.tailProbability(j);
            if (p > 0 && p < 1 && n * p >= 5 && n * (1 - p) >= 5) {
                k++;
            }
        }
        return Math.max(1, k);
    }

    /** The table at one n, for a normal claim (kurtosis 3) and the 2:3 calibration matrix. */
    public static EffectRow row(int n, double level, double power) {
        Normal law = Normal.of(0, 1);
        double[] v = varianceRatio(n, 3, level, power);
        int k = tailThresholds(law, n);
        Shape s = Calibration.shapeFor(n);
        int rows = (int) s.dim(0);
        int cols = (int) s.dim(1);
        return new EffectRow(n, level, power, meanShift(n, level, power), v[0], v[1],
                tailRatio(n, law.tailProbability(2), k, level, power), tailRatio(n, law.tailProbability(3), k, level, power),
                lag1(n, level, power), ksDistance(n, level, power), pairCorrelation(cols, rows - 1, level, power));
    }

    /** Rows at sizes from 10^2 to 10^8 (four per decade). */
    public static List<EffectRow> table(double level, double power) {
        List<EffectRow> out = new ArrayList<>();
        for (int e = 8; e <= 32; e++) {
            out.add(row((int) Math.round(Math.pow(10, e / 4.0)), level, power));
        }
        return out;
    }

    /** A tensor verify checked: its name, size and claim. */
    public record CheckedTensor(String name, int n, Claim claim) {
    }

    /**
     * One power note per IID continuous tensor, for the whole family {@code checks} at {@code alpha}
     * (Holm's first threshold alpha / m, m the number of statistical checks).
     */
    public static List<String> notes(List<CheckedTensor> tensors, List<Check> checks, double alpha) {
        int m = (int) checks.stream().filter(c -> c.kind() == Check.Kind.STATISTICAL).count();
        List<String> out = new ArrayList<>();
        for (CheckedTensor t : tensors) {
            if (t.claim().structure() == dev.initlab.init.Initializer.Structure.IID) {
                String s = sentence(t.n(), t.claim().law(), alpha, m);
                if (!s.isEmpty()) {
                    out.add(t.name() + ": " + s);
                }
            }
        }
        return out;
    }

    /**
     * The sentence {@code verify} prints: what a tensor of n values from {@code law} could not have
     * been told apart from the claim by a battery of {@code checks} statistical checks at family
     * level {@code alpha} (Holm's first threshold alpha / checks, power 0.999).
     */
    public static String sentence(int n, Distribution law, double alpha, int checks) {
        if (n < 30 || law == null || !law.continuous() || !(law.variance() > 0)) {
            return "";
        }
        double level = alpha / Math.max(1, checks);
        double power = 0.999;
        double[] v = varianceRatio(n, law.kurtosis(), level, power);
        double varPct = 100 * Math.max(v[0] - 1, 1 - v[1]);
        return String.format(Locale.ROOT, "power: at n = %,d (level %s per check, power 0.999) a variance off by less "
                        + "than %s, a mean shift below %.3g sd, a lag-1 correlation below %.3g or a CDF within %.3g of the "
                        + "claim (KS distance) could pass (detected with probability below 0.999): a pass rules out only larger "
                        + "defects",
                n, HolmFamily.fmt(level), varPct >= 100 ? "a factor " + String.format(Locale.ROOT, "%.2g", v[0])
                        : String.format(Locale.ROOT, "%.2g%%", varPct), meanShift(n, level, power), lag1(n, level, power),
                ksDistance(n, level, power));
    }

    private static double bisect(DoubleUnaryOperator f, double lo, double hi) {
        for (int i = 0; i < 200; i++) {
            double mid = 0.5 * (lo + hi);
            if (f.applyAsDouble(mid) >= 0) {
                hi = mid;
            } else {
                lo = mid;
            }
        }
        return hi;
    }

    /**
     * Confirms the analytic numbers with the battery itself: normal data with each effect at
     * {@code multiple} times its minimum detectable size, {@code reps} samples per point, fixed seed.
     *
     * @param ns sample sizes
     * @param multiples effect sizes as multiples of the minimum detectable effect (1 = the claim)
     * @param reps samples per point
     * @param level raw level of the check
     * @param power the power the effects were sized for
     * @param seed seed of the simulation (documented with the results)
     * @return one row per (check, n, multiple)
     */
    public static List<Simulated> simulate(int[] ns, double[] multiples, int reps, double level, double power, long seed) {
        List<Simulated> out = new ArrayList<>();
        Battery battery = Battery.of(0.001);
        Normal law = Normal.of(0, 1);
        for (int n : ns) {
            Shape shape = Calibration.shapeFor(n);
            int m = shape.count();
            EffectRow r = row(m, level, power);
            Claim claim = Claim.iid(law, shape);
            for (double mult : multiples) {
                String[] checks = {"mean", "variance", "tails", "lag1", "ks"};
                for (String check : checks) {
                    double size = switch (check) {
                        case "mean" -> mult * r.mean_shift_sd();
                        case "variance" -> 1 + mult * (r.variance_up() - 1);
                        case "tails" -> 1 + mult * (tailRatio(m, law.tailProbability(2), tailThresholds(law, m), level,
                                power) - 1);
                        case "lag1" -> mult * lag1(m, level, power);
                        default -> mult * ksDistance(m, level, power);
                    };
                    SplittableRandom rnd = new SplittableRandom(seed ^ (31L * n + check.hashCode()) ^ Double.doubleToLongBits(mult));
                    int rejected = 0;
                    for (int i = 0; i < reps; i++) {
                        double[] x = data(check, size, m, law, rnd);
                        HolmFamily rep = battery.run(claim, Sample.of(x, shape));
                        for (CheckResult c : rep.results()) {
                            if (c.name().equals(check) && c.pValue() <= level) {
                                rejected++;
                            }
                        }
                    }
                    double[] ci = Calibration.clopperPearson(rejected, reps);
                    String effect = switch (check) {
                        case "mean" -> "mean shift (sd)";
                        case "variance" -> "variance ratio";
                        case "tails" -> "tail mass ratio beyond 2 sd";
                        case "lag1" -> "AR(1) lag-1 correlation";
                        default -> "KS sup-distance (normal location shift)";
                    };
                    out.add(new Simulated(check, effect, m, size, mult, reps, rejected, rejected / (double) reps, ci[0],
                            ci[1]));
                }
            }
        }
        return out;
    }

    private static double[] data(String check, double size, int n, Normal law, SplittableRandom rnd) {
        double[] x = new double[n];
        switch (check) {
            case "mean" -> {
                for (int i = 0; i < n; i++) {
                    x[i] = rnd.nextGaussian() + size;
                }
            }
            case "variance" -> {
                double sd = Math.sqrt(size);
                for (int i = 0; i < n; i++) {
                    x[i] = sd * rnd.nextGaussian();
                }
            }
            case "tails" -> {
                // move a fraction eps of the values beyond 2 sd: tail mass p0 (1 - eps) + eps = r p0
                double p0 = law.tailProbability(2);
                double eps = (size - 1) * p0 / (1 - p0);
                for (int i = 0; i < n; i++) {
                    double v = rnd.nextGaussian();
                    if (rnd.nextDouble() < eps) {
                        do {
                            v = rnd.nextGaussian();
                        } while (Math.abs(v) <= 2);
                    }
                    x[i] = v;
                }
            }
            case "lag1" -> {
                double prev = rnd.nextGaussian();
                double c = Math.sqrt(1 - size * size);
                for (int i = 0; i < n; i++) {
                    prev = size * prev + c * rnd.nextGaussian();
                    x[i] = prev;
                }
            }
            default -> {
                // N(mu, 1) against N(0, 1): sup |F - G| = 2 Phi(mu / 2) - 1
                double mu = 2 * STD.inverseCumulativeProbability((1 + size) / 2);
                for (int i = 0; i < n; i++) {
                    x[i] = rnd.nextGaussian() + mu;
                }
            }
        }
        return x;
    }
}
