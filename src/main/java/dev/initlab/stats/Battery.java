package dev.initlab.stats;

import dev.initlab.dist.Distribution;
import dev.initlab.dist.Mixture;
import dev.initlab.dist.Normal;
import dev.initlab.dist.PointMass;
import dev.initlab.fill.ScalarEngine;
import dev.initlab.init.Initializer;
import dev.initlab.init.Orthogonal;
import dev.initlab.init.Sparse;
import dev.initlab.io.MarkedNames;
import dev.initlab.random.PhiloxStream;
import dev.initlab.tensor.Dtype;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.SplittableRandom;
import org.apache.commons.statistics.distribution.ChiSquaredDistribution;
import org.apache.commons.statistics.distribution.TDistribution;
import org.apache.commons.statistics.inference.KolmogorovSmirnovTest;

/**
 * The verification battery: checks that a sample matches a {@link Claim}, and reports each check
 * with its statistic, p-value and a one-line verdict, under a family-wise error rate controlled by
 * Holm's procedure ({@link HolmFamily}).
 *
 * <p>Checks for IID continuous laws (uniform, normal, truncated normal and every variance-scaling
 * preset):
 * <ul>
 *   <li>exact: all values finite; every value inside the support, allowing one unit in the last
 *       place (of the stored type) of each bound;</li>
 *   <li>{@code range}: bounded laws only: the minimum and maximum come close enough to the bounds
 *       for n. P(max &lt;= m) = F(m)^n, so p = 2 min(F(max+)^n, (1 - F(min-))^n) where max+ is the
 *       next stored value above the maximum and F gets a slack of the generators' resolution
 *       ({@link Quantization#generatorQuantum}), which keeps the check conservative for quantized data;</li>
 *   <li>{@code mean}: z = (mean - mu) / sqrt(var / n);</li>
 *   <li>{@code variance}: second moment about the claimed mean, z = (m2 - var) / sqrt((m4 - var^2) / n)
 *       with the exact fourth central moment of the claimed law
 *       ({@link Distribution#centralMoment4()}: normal 3 var^2, uniform 1.8 var^2, normal truncated at
 *       +-2 std 2.366 var^2), computed on a power of m2 that removes its skewness
 *       ({@link #secondMomentZ}) so the normal tail holds at small alpha;</li>
 *   <li>{@code chi2_variance}: normal laws: sum (x - mu)^2 / var ~ chi-square(n), two-sided;</li>
 *   <li>{@code ks}: one-sample Kolmogorov-Smirnov against the exact CDF, p-value from Commons
 *       Statistics' {@code KolmogorovSmirnovTest}, accurate in the tail;</li>
 *   <li>{@code anderson_darling}: {@link AndersonDarling}, Marsaglia and Marsaglia (2004) p-value;</li>
 *   <li>{@code tails}: counts beyond 1, 2, 3, 4 std (those with at least 5 expected and not all)
 *       against Binomial(n, P(|X - mu| &gt; k std)), exact two-sided, Bonferroni over the k;</li>
 *   <li>{@code lag1}: lag-1 autocorrelation in C order, sqrt(n) r1 ~ N(0, 1);</li>
 *   <li>{@code row_corr}, {@code col_corr}: the largest |Pearson r| between adjacent rows (columns)
 *       of the 2-D view ({@link Sample#matrixView()}, lines of 32 or more), t-distributed with m - 2 degrees of freedom,
 *       Sidak over the pairs, computed on the normal scores Phi^-1(F(x)) of non-normal continuous
 *       laws ({@link #normalScores}; on the raw values of uniform data the Edgeworth term made
 *       {@code col_corr} liberal, measured by {@code initlab calibrate}). For normal data this null
 *       is exact: r between a normal line and any
 *       independent line has the normal-theory law whatever the other line is (spherical symmetry), so
 *       r(0,1) is independent of lines 1.. and, by induction, the adjacent-pair correlations are mutually
 *       independent and the maximum's p-value is exactly 1 - (1 - p)^pairs;</li>
 *   <li>{@code distinct_rows}, {@code distinct_cols}: no two rows (columns) bit-identical:
 *       symmetry breaking; p &lt;= C(R, 2) q^m with q = {@link Quantization#collisionBound}.</li>
 * </ul>
 * The KS and Anderson-Darling tests use the probability integral transform u = F(x); for float16
 * and bfloat16 data, whose rounding cells are coarse, u is drawn uniformly inside
 * [F(cell low), F(cell high)] (the randomized PIT, which is exactly uniform under the claim) from a
 * fixed-seed generator. Above {@link #DEFAULT_SUBSAMPLE_CAP} values they run on a deterministic
 * stratified subsample, and the report says so.
 *
 * <p>Constant schemes (zeros, ones, constant, identity, dirac) get one exact structure check
 * against the expected tensor. Sparse gets an exact zeros-per-column check, the IID checks on
 * its non-zero values and the lag-1 check (not the row/column correlations: zero-inflated data are
 * too heavy-tailed for their t null). Orthogonal gets the checks of {@link OrthogonalChecks}.
 */
public final class Battery {
    /** Default largest sample for the O(n log n) tests (KS, Anderson-Darling). */
    public static final int DEFAULT_SUBSAMPLE_CAP = 1 << 20;
    /** Fixed seed for the subsample and the randomized PIT (documented, never changed per run). */
    static final long JITTER_SEED = 0x1A17_5EEDL;

    private final double alpha;
    private final int subsampleCap;

    private Battery(double alpha, int subsampleCap) {
        if (!(alpha > 0 && alpha < 1)) {
            throw new IllegalArgumentException("alpha must be in (0, 1), got " + alpha);
        }
        if (subsampleCap < 1000) {
            throw new IllegalArgumentException("subsample cap must be >= 1000, got " + subsampleCap);
        }
        this.alpha = alpha;
        this.subsampleCap = subsampleCap;
    }

    /** A battery with family-wise level {@code alpha}. */
    public static Battery of(double alpha) {
        return new Battery(alpha, DEFAULT_SUBSAMPLE_CAP);
    }

    /** The same battery with another subsample cap for KS and Anderson-Darling. */
    public Battery withSubsampleCap(int cap) {
        return new Battery(alpha, cap);
    }

    public double alpha() {
        return alpha;
    }

    public int subsampleCap() {
        return subsampleCap;
    }

    /** Runs every applicable check on one tensor and applies Holm at {@link #alpha()}. */
    public HolmFamily run(Claim claim, Sample sample) {
        List<String> notes = new ArrayList<>();
        List<Check> checks = checks(claim, sample, "tensor", notes);
        return HolmFamily.of(checks, alpha, notes);
    }

    /** Checks that two tensors filled from different streams are independent ({@link StreamChecks}). */
    public HolmFamily independence(Sample a, Sample b) {
        return HolmFamily.of(StreamChecks.checks(a, "a", b, "b"), alpha, List.of());
    }

    /**
     * The raw checks for one tensor (no multiplicity correction yet), for callers that combine
     * several tensors into one family.
     *
     * @param claim what the tensor is claimed to be
     * @param sample the tensor
     * @param subject name used in the results
     * @param notes receives notes about the run (subsampling, skipped checks)
     * @return the checks, in a stable order
     */
    public List<Check> checks(Claim claim, Sample sample, String subject, List<String> notes) {
        if (claim.shape() != null && !claim.shape().equals(sample.shape())
                && claim.shape().count() != sample.shape().count()) {
            throw new IllegalArgumentException("claim is for shape " + claim.shape() + " but the sample has shape "
                    + sample.shape());
        }
        List<Check> out = new ArrayList<>();
        double[] x = sample.values();
        double[] fx = finite(x, subject, out, notes);
        if (fx.length == 0) {
            return out;
        }
        Distribution law = claim.law();
        Sample fs = fx == x ? sample : null;
        switch (claim.structure()) {
            case DETERMINISTIC -> exactStructure(claim, sample, subject, out);
            case ORTHOGONAL -> {
                if (fs == null) {
                    notes.add(subject + ": orthogonal checks skipped because of non-finite values");
                } else if (claim.initializer() instanceof Orthogonal o) {
                    out.addAll(OrthogonalChecks.single(o, fs, subject, notes));
                } else {
                    iid(claim, law, fx, sample, subject, out, notes, fs != null);
                }
            }
            case SPARSE -> sparse(claim, fx, sample, subject, out, notes, fs != null);
            case IID -> {
                if (law instanceof PointMass pm) {
                    exactConstant(pm.value(), sample, subject, out);
                } else if (!law.continuous()) {
                    moments(claim, law, fx, sample.dtype(), subject, out);
                    notes.add(subject + ": law " + law.describe() + " has atoms: KS/AD/tails skipped");
                } else {
                    iid(claim, law, fx, sample, subject, out, notes, fs != null);
                }
            }
        }
        return out;
    }

    // ---- exact checks ---------------------------------------------------------------------------

    private static double[] finite(double[] x, String subject, List<Check> out, List<String> notes) {
        int nan = 0;
        int pinf = 0;
        int ninf = 0;
        int first = -1;
        for (int i = 0; i < x.length; i++) {
            double v = x[i];
            if (!Double.isFinite(v)) {
                if (Double.isNaN(v)) {
                    nan++;
                } else if (v > 0) {
                    pinf++;
                } else {
                    ninf++;
                }
                if (first < 0) {
                    first = i;
                }
            }
        }
        int bad = nan + pinf + ninf;
        if (bad == 0) {
            out.add(Check.exact(subject, "finite", true, 0, "all " + x.length + " values finite", ""));
            return x;
        }
        String hint = nan > 0 ? "NaN: 0/0, inf-inf or sqrt of a negative in the transform"
                : "infinities: log(0) or a division by zero in the transform (e.g. a uniform that can be 0 fed to Box-Muller)";
        out.add(Check.exact(subject, "finite", false, bad, bad + " non-finite values (" + pinf + " +inf, " + ninf
                + " -inf, " + nan + " NaN), first at index " + first, hint));
        double[] fx = new double[x.length - bad];
        int k = 0;
        for (double v : x) {
            if (Double.isFinite(v)) {
                fx[k++] = v;
            }
        }
        notes.add(subject + ": the other checks use the " + fx.length + " finite values");
        return fx;
    }

    private static void exactConstant(double value, Sample sample, String subject, List<Check> out) {
        double expected = sample.dtype().round(value);
        double[] x = sample.values();
        int bad = 0;
        int first = -1;
        for (int i = 0; i < x.length; i++) {
            if (x[i] != expected) {
                bad++;
                if (first < 0) {
                    first = i;
                }
            }
        }
        String detail = bad == 0 ? "all " + x.length + " elements equal " + Hints.g(expected)
                : bad + " of " + x.length + " elements differ from " + Hints.g(expected) + ", first at index " + first
                + " (" + Hints.g(x[first]) + ")";
        out.add(Check.exact(subject, "exact_structure", bad == 0, bad, detail, ""));
    }

    private static void exactStructure(Claim claim, Sample sample, String subject, List<Check> out) {
        Initializer init = claim.initializer();
        if (init == null) {
            throw new IllegalArgumentException("a deterministic claim needs its initializer");
        }
        double[] expected = init.fill64(sample.shape(), claim.fans(), PhiloxStream.of(0, 0), ScalarEngine.instance());
        double[] x = sample.values();
        int bad = 0;
        int first = -1;
        for (int i = 0; i < x.length; i++) {
            if (x[i] != sample.dtype().round(expected[i])) {
                bad++;
                if (first < 0) {
                    first = i;
                }
            }
        }
        String what = init.formula();
        String detail = bad == 0 ? "all " + x.length + " elements equal " + what + " exactly"
                : bad + " of " + x.length + " elements differ from " + what + ", first at index " + first + " ("
                + Hints.g(x[first]) + " instead of " + Hints.g(expected[first]) + ")";
        out.add(Check.exact(subject, "exact_structure", bad == 0, bad, detail,
                bad == 0 ? "" : "wrong positions or values; another " + MarkedNames.name("layout") + " or groups?"));
    }

    private void sparse(Claim claim, double[] fx, Sample sample, String subject, List<Check> out,
                        List<String> notes, boolean allFinite) {
        Sparse sp = (Sparse) claim.initializer();
        if (sample.shape().rank() != 2) {
            throw new IllegalArgumentException("sparse needs a 2-D tensor, got " + sample.shape());
        }
        int rows = (int) sample.shape().dim(0);
        int cols = (int) sample.shape().dim(1);
        long nz = sp.zerosPerColumn(sample.shape());
        double[] x = sample.values();
        int badCols = 0;
        int firstBad = -1;
        long firstCount = 0;
        int zeros = 0;
        for (int c = 0; c < cols; c++) {
            int z = 0;
            for (int r = 0; r < rows; r++) {
                if (x[r * cols + c] == 0) {
                    z++;
                }
            }
            zeros += z;
            if (z != nz) {
                badCols++;
                if (firstBad < 0) {
                    firstBad = c;
                    firstCount = z;
                }
            }
        }
        String detail = badCols == 0 ? "every column has exactly " + nz + " zeros"
                : badCols + " of " + cols + " columns do not have " + nz + " zeros (column " + firstBad + " has "
                + firstCount + ")";
        out.add(Check.exact(subject, "zeros_per_column", badCols == 0, badCols, detail,
                badCols == 0 ? "" : "zeros per row instead of per column, or floor instead of ceil?"));
        Distribution values = ((Mixture) claim.law()).components().get(1);
        double[] nonzero = new double[x.length - zeros];
        int k = 0;
        for (double v : x) {
            if (v != 0 && Double.isFinite(v)) {
                nonzero[k++] = v;
            }
        }
        nonzero = Arrays.copyOf(nonzero, k);
        if (k < 8) {
            notes.add(subject + ": fewer than 8 non-zero values: value checks skipped");
            return;
        }
        Claim valueClaim = Claim.iid(values, dev.initlab.tensor.Shape.of(k));
        Sample vs = Sample.of(nonzero, dev.initlab.tensor.Shape.of(k), sample.dtype());
        iidValues(valueClaim, values, nonzero, vs.dtype(), subject, out, notes, "non-zero ");
        if (allFinite) {
            structureChecks(sample, subject, out, notes, true, null);
        }
    }

    // ---- IID continuous -------------------------------------------------------------------------

    private void iid(Claim claim, Distribution law, double[] fx, Sample sample, String subject, List<Check> out,
                     List<String> notes, boolean allFinite) {
        iidValues(claim, law, fx, sample.dtype(), subject, out, notes, "");
        if (allFinite) {
            structureChecks(sample, subject, out, notes, false, law);
        }
    }

    private void iidValues(Claim claim, Distribution law, double[] fx, Dtype dtype, String subject,
                           List<Check> out, List<String> notes, String what) {
        int first = out.size();
        SampleMoments s = SampleMoments.of(fx, law.mean());
        support(law, fx, s, dtype, subject, out);
        range(law, s, dtype, subject, out);
        moments(claim, law, s, subject, out);
        if (law instanceof Normal) {
            chiSquare(law, s, subject, out);
        }
        if (fx.length >= 8) {
            fit(law, fx, dtype, subject, out, notes, what);
        } else {
            notes.add(subject + ": fewer than 8 values: KS and Anderson-Darling skipped");
        }
        tails(law, fx, subject, out);
        // one diagnosis for every failure about scale or shape
        double se = Math.sqrt(Math.max(0, law.centralMoment4() / (law.variance() * law.variance()) - 1) / s.n);
        double ratio = s.m2mu / law.variance();
        String varHint = Math.abs(ratio - 1) > 4 * se ? Hints.varianceHint(claim, ratio, se) : "";
        String shapeHint = Hints.shapeHint(law, s);
        for (int i = first; i < out.size(); i++) {
            Check c = out.get(i);
            if (c.pValue() == 1 || c.name().equals("mean") || c.name().equals("finite")) {
                continue;
            }
            List<String> h = new ArrayList<>();
            if (!c.hint().isEmpty()) {
                h.add(c.hintTemplate());
            }
            if (!varHint.isEmpty() && !c.hintTemplate().contains(varHint)) {
                h.add(varHint);
            }
            if (!shapeHint.isEmpty() && !c.name().equals("variance") && !c.name().equals("chi2_variance")) {
                h.add(shapeHint);
            }
            out.set(i, c.withHint(String.join("; ", h)));
        }
    }

    private static void support(Distribution law, double[] x, SampleMoments s, Dtype dtype, String subject,
                                List<Check> out) {
        double lo = law.lower();
        double hi = law.upper();
        if (Double.isInfinite(lo) && Double.isInfinite(hi)) {
            return;
        }
        double tolLo = Double.isFinite(lo) ? dtype.ulp(lo) : 0;
        double tolHi = Double.isFinite(hi) ? dtype.ulp(hi) : 0;
        int below = 0;
        int above = 0;
        for (double v : x) {
            if (v < lo - tolLo) {
                below++;
            } else if (v > hi + tolHi) {
                above++;
            }
        }
        String interval = "[" + Hints.g(lo) + ", " + Hints.g(hi) + (law.upperOpen() ? ")" : "]");
        int bad = below + above;
        if (bad == 0) {
            out.add(Check.exact(subject, "support", true, 0, "all values in " + interval + " (+-1 ulp " + dtype + ")",
                    ""));
            return;
        }
        double worst = Math.max(Double.isFinite(hi) && hi != 0 ? s.max / hi : 0,
                Double.isFinite(lo) && lo != 0 ? s.min / lo : 0);
        String detail = bad + " values outside " + interval + " (" + below + " below, " + above + " above; min "
                + Hints.g(s.min) + ", max " + Hints.g(s.max) + ")";
        String hint = worst > 1 ? String.format(Locale.ROOT, "extremes reach %.4gx the bound: wider than claimed", worst)
                : "values outside the claimed interval";
        out.add(Check.exact(subject, "support", false, bad, detail, hint));
    }

    private static void range(Distribution law, SampleMoments s, Dtype dtype, String subject, List<Check> out) {
        double lo = law.lower();
        double hi = law.upper();
        if (!Double.isFinite(lo) || !Double.isFinite(hi) || s.n == 0) {
            return;
        }
        double q = Quantization.generatorQuantum(dtype);
        double maxUp = s.max + dtype.spacingAbove(s.max);
        double minDown = s.min - dtype.spacingBelow(s.min);
        double sHi = 1 - law.cdf(maxUp);   // P(X > max+)
        double fLo = law.cdf(minDown);     // P(X <= min-)
        double pHi = sHi <= q ? 1 : Math.exp(s.n * Math.log1p(-(sHi - q)));
        double pLo = fLo <= q ? 1 : Math.exp(s.n * Math.log1p(-(fLo - q)));
        double p = Math.min(1, 2 * Math.min(pHi, pLo));
        double w = hi - lo;
        double gapHi = Math.max(0, (hi - s.max) / w);
        double gapLo = Math.max(0, (s.min - lo) / w);
        String detail = String.format(Locale.ROOT, "min %s, max %s; gaps to the bounds %.3g and %.3g of the width",
                Hints.g(s.min), Hints.g(s.max), gapLo, gapHi);
        String hint = "";
        if (p < 0.5) {
            boolean top = pHi <= pLo;
            double ext = top ? s.max / hi : s.min / lo;
            if (law.family().equals("uniform") && lo == -hi) {
                hint = String.format(Locale.ROOT, "the extremes reach only %.4fx the claimed limit: uniform limit too short "
                        + "(by %.2f%%)", Math.max(s.max / hi, s.min / lo), 100 * (1 - Math.max(s.max / hi, s.min / lo)));
            } else {
                hint = String.format(Locale.ROOT, "the %s reaches only %.4fx the claimed %s bound: narrower than claimed",
                        top ? "maximum" : "minimum", ext, top ? "upper" : "lower");
            }
        }
        out.add(Check.test(subject, "range", Math.max(gapHi, gapLo), p, detail, hint));
    }

    private static void moments(Claim claim, Distribution law, double[] fx, Dtype dtype, String subject,
                                List<Check> out) {
        moments(claim, law, SampleMoments.of(fx, law.mean()), subject, out);
    }

    private static void moments(Claim claim, Distribution law, SampleMoments s, String subject, List<Check> out) {
        double var = law.variance();
        if (!(var > 0) || s.n < 2) {
            return;
        }
        double mu = law.mean();
        double zMean = s.meanShift / Math.sqrt(var / s.n);
        String md = String.format(Locale.ROOT, "mean %s (claimed %s), z=%+.2f", Hints.g(s.mean()), Hints.g(mu), zMean);
        String mh = String.format(Locale.ROOT, "mean shifted %s by %.3g standard errors: not centred as claimed",
                zMean > 0 ? "up" : "down", Math.abs(zMean));
        out.add(Check.test(subject, "mean", zMean, Pvalues.normalTwoSided(zMean), md, mh));
        double m4 = law.centralMoment4();
        double v4 = m4 - var * var;
        if (v4 > 0) {
            double z = secondMomentZ(s.m2mu, var, m4, Moments.central6(law), s.n);
            double ratio = s.m2mu / var;
            String d = String.format(Locale.ROOT, "variance %s = %.4fx claimed %s (z=%+.2f, kurtosis %.3f used)",
                    Hints.g(s.m2mu), ratio, Hints.g(var), z, m4 / (var * var));
            out.add(Check.test(subject, "variance", z, Pvalues.normalTwoSided(z), d,
                    ratio < 1 ? "narrower than claimed" : "wider than claimed"));
        }
    }

    /**
     * The z statistic of the second moment Ybar = mean((x - mu)^2) with Y's mean m = var, variance
     * v = m4 - var^2 and third central moment k3 = m6 - 3 var m4 + 2 var^3. To keep the normal tail
     * accurate at small alpha, Ybar is taken to the power h = 1 - k3 m / (3 v^2), which removes the
     * first-order skewness of Ybar^h (the idea of E. B. Wilson and M. M. Hilferty, "The distribution
     * of chi-square", PNAS 17 (1931) 684-688, where h = 1/3 for normal data), and centred with the
     * delta-method bias: z = (Ybar^h - m^h - h(h-1) m^(h-2) v / 2n) / (h m^(h-1) sqrt(v/n)).
     */
    static double secondMomentZ(double ybar, double var, double m4, double m6, int n) {
        double m = var;
        double v = m4 - var * var;
        double k3 = m6 - 3 * var * m4 + 2 * var * var * var;
        double h = Math.max(0.05, Math.min(1, 1 - k3 * m / (3 * v * v)));
        double se = Math.sqrt(v / n);
        double bias = h * (h - 1) * Math.pow(m, h - 2) * v / (2.0 * n);
        return (Math.pow(ybar, h) - Math.pow(m, h) - bias) / (h * Math.pow(m, h - 1) * se);
    }

    private static void chiSquare(Distribution law, SampleMoments s, String subject, List<Check> out) {
        double t = s.n * s.m2mu / law.variance();
        ChiSquaredDistribution chi = ChiSquaredDistribution.of(s.n);
        double p = Math.min(1, 2 * Math.min(chi.cumulativeProbability(t), chi.survivalProbability(t)));
        String d = String.format(Locale.ROOT, "sum((x-mu)^2)/var = %.6g on %d df (ratio %.4f)", t, s.n, t / s.n);
        out.add(Check.test(subject, "chi2_variance", t, p, d, ""));
    }

    /** Deterministic stratified subsample of at most {@code cap} values. */
    static double[] subsample(double[] x, int cap) {
        if (x.length <= cap) {
            return x.clone();
        }
        double[] s = new double[cap];
        double step = (double) x.length / cap;
        SplittableRandom r = new SplittableRandom(JITTER_SEED);
        for (int j = 0; j < cap; j++) {
            long i = (long) Math.floor((j + r.nextDouble()) * step);
            s[j] = x[(int) Math.min(i, x.length - 1)];
        }
        return s;
    }

    /** Probability integral transforms of sorted values (randomized within the cell for coarse types). */
    static double[] pit(double[] sortedX, Distribution law, Dtype dtype) {
        double[] u = new double[sortedX.length];
        boolean coarse = dtype == Dtype.FLOAT16 || dtype == Dtype.BFLOAT16;
        SplittableRandom r = new SplittableRandom(JITTER_SEED ^ 0x9E3779B97F4A7C15L);
        java.util.function.DoubleUnaryOperator cdf = Moments.cdf(law);
        for (int i = 0; i < u.length; i++) {
            double v = sortedX[i];
            if (coarse) {
                double a = law.cdf(dtype.cellLow(v));
                double b = law.cdf(dtype.cellHigh(v));
                u[i] = a + r.nextDouble() * (b - a);
            } else {
                u[i] = cdf.applyAsDouble(v);
            }
        }
        Arrays.sort(u);
        return u;
    }

    private void fit(Distribution law, double[] fx, Dtype dtype, String subject, List<Check> out, List<String> notes,
                     String what) {
        double[] xs = subsample(fx, subsampleCap);
        if (xs.length < fx.length) {
            notes.add(String.format(Locale.ROOT, "%s: KS and Anderson-Darling on a deterministic stratified subsample "
                    + "of %d of %d %svalues", subject, xs.length, fx.length, what));
        }
        Arrays.sort(xs);
        double[] u = pit(xs, law, dtype);
        int n = u.length;
        // location of the largest gap, for the verdict
        double dMax = -1;
        int at = 0;
        double sign = 0;
        for (int i = 0; i < n; i++) {
            double plus = (i + 1.0) / n - u[i];
            double minus = u[i] - (double) i / n;
            if (plus > dMax) {
                dMax = plus;
                at = i;
                sign = 1;
            }
            if (minus > dMax) {
                dMax = minus;
                at = i;
                sign = -1;
            }
        }
        KolmogorovSmirnovTest.OneResult ks = KolmogorovSmirnovTest.withDefaults().test(u, t -> t);
        String where = String.format(Locale.ROOT, "largest gap near x=%s: empirical CDF %s the claimed %.4f by %.4g",
                Hints.g(xs[at]), sign > 0 ? "above" : "below", u[at], dMax);
        out.add(Check.test(subject, "ks", ks.getStatistic(), ks.getPValue(),
                String.format(Locale.ROOT, "D=%.4g on n=%d", ks.getStatistic(), n), where));
        double delta = dtype == Dtype.FLOAT64 ? 0x1p-53 : 0x1p-26;
        double a2 = AndersonDarling.statistic(u, delta);
        out.add(Check.test(subject, "anderson_darling", a2, AndersonDarling.pValue(n, a2),
                String.format(Locale.ROOT, "A2=%.4g on n=%d", a2, n), ""));
    }

    private static void tails(Distribution law, double[] x, String subject, List<Check> out) {
        double mu = law.mean();
        double sd = law.std();
        int n = x.length;
        List<double[]> ks = new ArrayList<>();
        for (int k = 1; k <= 4; k++) {
            double p = law.tailProbability(k);
            if (p > 0 && p < 1 && n * p >= 5 && n * (1 - p) >= 5) {
                ks.add(new double[] {k, p});
            }
        }
        if (ks.isEmpty()) {
            return;
        }
        int[] counts = new int[ks.size()];
        for (double v : x) {
            double a = Math.abs(v - mu);
            for (int j = 0; j < counts.length; j++) {
                if (a > ks.get(j)[0] * sd) {
                    counts[j]++;
                }
            }
        }
        double pmin = 1;
        int worst = 0;
        StringBuilder d = new StringBuilder("beyond ");
        for (int j = 0; j < counts.length; j++) {
            double p = Pvalues.binomialTwoSided(n, counts[j], ks.get(j)[1]);
            if (p < pmin) {
                pmin = p;
                worst = j;
            }
            d.append(j == 0 ? "" : ", ").append((int) ks.get(j)[0]).append(" sd: ").append(counts[j]).append("/")
                    .append(String.format(Locale.ROOT, "%.1f", n * ks.get(j)[1]));
        }
        d.append(" (observed/expected)");
        double ratio = counts[worst] / (n * ks.get(worst)[1]);
        String hint = String.format(Locale.ROOT, "%s values beyond %d sd (%.3gx expected): %s tails than claimed",
                ratio < 1 ? "too few" : "too many", (int) ks.get(worst)[0], ratio, ratio < 1 ? "lighter" : "heavier");
        out.add(Check.test(subject, "tails", ratio, Pvalues.bonferroni(pmin, counts.length), d.toString(), hint));
    }

    // ---- dependence and symmetry breaking ------------------------------------------------------

    private static void structureChecks(Sample sample, String subject, List<Check> out, List<String> notes,
                                        boolean sparse, Distribution law) {
        double[] x = sample.values();
        int n = x.length;
        if (n >= 30) {
            double mean = 0;
            for (double v : x) {
                mean += v;
            }
            mean /= n;
            double num = 0;
            double den = 0;
            double prev = x[0] - mean;
            den += prev * prev;
            for (int i = 1; i < n; i++) {
                double d = x[i] - mean;
                num += prev * d;
                den += d * d;
                prev = d;
            }
            if (den > 0) {
                double r1 = num / den;
                double z = r1 * Math.sqrt(n);
                out.add(Check.test(subject, "lag1", z, Pvalues.normalTwoSided(z),
                        String.format(Locale.ROOT, "lag-1 autocorrelation %+.4g (z=%+.2f)", r1, z),
                        r1 > 0 ? "neighbouring elements move together: a word reused for adjacent elements?"
                                : "neighbouring elements alternate: paired draws (Box-Muller pairs?) not independent"));
            }
        }
        int[] rc = sample.matrixView();
        int rows = rc[0];
        int cols = rc[1];
        double q = Quantization.collisionBound(sample.dtype());
        if (!sparse) {
            // zero-inflated (sparse) data are too heavy-tailed for the t null of a correlation
            double[] y = rows >= 32 || cols >= 32 ? normalScores(x, law, sample.dtype()) : x;
            if (rows >= 2 && cols >= 32) {
                out.add(adjacentCorrelation(y, rows, cols, true, subject));
            }
            if (cols >= 2 && rows >= 32) {
                out.add(adjacentCorrelation(y, rows, cols, false, subject));
            }
            distinct(x, rows, cols, true, q, subject, out, notes);
            distinct(x, rows, cols, false, q, subject, out, notes);
        }
    }

    /**
     * Normal scores Phi^-1(F(x)) of a sample claimed IID from the continuous law F (u clamped to
     * [q/2, 1 - q/2], q the generators' resolution, so a value on a bound stays a plausible score):
     * under the claim they are IID N(0, 1), for which the t null of a Pearson correlation and the
     * independence of adjacent-pair correlations are exact. Normal laws and non-continuous laws
     * return {@code x} itself (for normal data the raw correlations are already exact).
     */
    static double[] normalScores(double[] x, Distribution law, Dtype dtype) {
        if (law == null || !law.continuous() || law instanceof Normal) {
            return x;
        }
        java.util.function.DoubleUnaryOperator cdf = Moments.cdf(law);
        org.apache.commons.statistics.distribution.NormalDistribution std =
                org.apache.commons.statistics.distribution.NormalDistribution.of(0, 1);
        double q = Quantization.generatorQuantum(dtype) / 2;
        double[] y = new double[x.length];
        for (int i = 0; i < x.length; i++) {
            double u = Math.min(1 - q, Math.max(q, cdf.applyAsDouble(x[i])));
            y[i] = std.inverseCumulativeProbability(u);
        }
        return y;
    }

    /** Largest |r| between adjacent rows (or columns), t-test per pair, Sidak over pairs. */
    static Check adjacentCorrelation(double[] x, int rows, int cols, boolean byRow, String subject) {
        int lines = byRow ? rows : cols;
        int len = byRow ? cols : rows;
        double[] mean = new double[lines];
        for (int r = 0; r < rows; r++) {
            for (int c = 0; c < cols; c++) {
                mean[byRow ? r : c] += x[r * cols + c];
            }
        }
        for (int i = 0; i < lines; i++) {
            mean[i] /= len;
        }
        double[] ss = new double[lines];
        double[] cross = new double[lines - 1];
        for (int r = 0; r < rows; r++) {
            int base = r * cols;
            for (int c = 0; c < cols; c++) {
                int line = byRow ? r : c;
                double d = x[base + c] - mean[line];
                ss[line] += d * d;
                if (byRow) {
                    if (r + 1 < rows) {
                        cross[r] += d * (x[base + cols + c] - mean[r + 1]);
                    }
                } else if (c + 1 < cols) {
                    cross[c] += d * (x[base + c + 1] - mean[c + 1]);
                }
            }
        }
        double best = 0;
        int at = -1;
        int pairs = 0;
        for (int i = 0; i + 1 < lines; i++) {
            if (ss[i] > 0 && ss[i + 1] > 0) {
                pairs++;
                double r = cross[i] / Math.sqrt(ss[i] * ss[i + 1]);
                if (Math.abs(r) > Math.abs(best) || at < 0) {
                    best = r;
                    at = i;
                }
            }
        }
        String name = byRow ? "row_corr" : "col_corr";
        String unit = byRow ? "rows" : "columns";
        if (at < 0) {
            return Check.test(subject, name, 0, 1, "no " + unit + " with spread", "");
        }
        double r = Math.max(-1 + 1e-16, Math.min(1 - 1e-16, best));
        double t = r * Math.sqrt((len - 2) / (1 - r * r));
        double p1 = 2 * TDistribution.of(len - 2).survivalProbability(Math.abs(t));
        double p = Pvalues.sidak(p1, pairs);
        String d = String.format(Locale.ROOT, "max |r| over %d adjacent %s pairs (length %d): %+.4f between %d and %d",
                pairs, byRow ? "row" : "column", len, best, at, at + 1);
        String hint = String.format(Locale.ROOT, "%s %d and %d correlate (r=%+.3f, expected |r| ~ %.3f): "
                + "%s not independent (overlapping stream offsets?)", unit, at, at + 1, best, 1 / Math.sqrt(len), unit);
        return Check.test(subject, name, Math.abs(best), p, d, hint);
    }

    private static void distinct(double[] x, int rows, int cols, boolean byRow, double q, String subject,
                                 List<Check> out, List<String> notes) {
        int lines = byRow ? rows : cols;
        int len = byRow ? cols : rows;
        if (lines < 2) {
            return;
        }
        double pairs = lines * (lines - 1.0) / 2;
        double bound = pairs * Math.pow(q, len);
        String name = byRow ? "distinct_rows" : "distinct_cols";
        if (!(bound < 1e-6)) {
            notes.add(subject + ": " + name + " skipped: " + (byRow ? "rows" : "columns") + " of length " + len
                    + " are too short for a duplicate to be significant");
            return;
        }
        long[] h = new long[lines];
        for (int r = 0; r < rows; r++) {
            for (int c = 0; c < cols; c++) {
                double v = x[r * cols + c];
                long bits = v == 0 ? 0 : Double.doubleToLongBits(v);
                int line = byRow ? r : c;
                h[line] = mix(h[line] * 0x9E3779B97F4A7C15L + bits);
            }
        }
        Map<Long, Integer> seen = new HashMap<>();
        int dups = 0;
        int firstA = -1;
        int firstB = -1;
        for (int i = 0; i < lines; i++) {
            Integer j = seen.putIfAbsent(h[i], i);
            if (j != null && sameLine(x, rows, cols, byRow, i, j)) {
                dups++;
                if (firstA < 0) {
                    firstA = j;
                    firstB = i;
                }
            }
        }
        String unit = byRow ? "rows" : "columns";
        String d = dups == 0 ? "no two of " + lines + " " + unit + " identical"
                : dups + " " + unit + " repeat an earlier one (first: " + firstA + " and " + firstB + ")";
        out.add(Check.test(subject, name, dups, dups == 0 ? 1 : Math.min(1, bound), d,
                "identical " + unit + ": symmetry not broken (the same stream or offset used for each " + (byRow ? "row"
                        : "column") + "?)"));
    }

    private static boolean sameLine(double[] x, int rows, int cols, boolean byRow, int a, int b) {
        int len = byRow ? cols : rows;
        for (int k = 0; k < len; k++) {
            double va = byRow ? x[a * cols + k] : x[k * cols + a];
            double vb = byRow ? x[b * cols + k] : x[k * cols + b];
            if (va != vb) {
                return false;
            }
        }
        return true;
    }

    /** A 64-bit finalizer (Stafford's mix 13). */
    static long mix(long z) {
        z = (z ^ (z >>> 30)) * 0xbf58476d1ce4e5b9L;
        z = (z ^ (z >>> 27)) * 0x94d049bb133111ebL;
        return z ^ (z >>> 31);
    }
}
