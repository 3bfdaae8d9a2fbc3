package dev.initlab.stats;

import dev.initlab.dist.Distribution;
import dev.initlab.dist.Gaussian;
import dev.initlab.dist.Mixture;
import dev.initlab.dist.PointMass;
import dev.initlab.dist.TruncatedNormal;
import dev.initlab.fill.ElementTransform;
import dev.initlab.fill.NormalTransform;
import dev.initlab.fill.ScalarEngine;
import dev.initlab.fill.TruncatedNormalTransform;
import dev.initlab.fill.UniformTransform;
import dev.initlab.init.Catalog;
import dev.initlab.init.Elementwise;
import dev.initlab.init.Fans;
import dev.initlab.init.Initializer;
import dev.initlab.init.Layout;
import dev.initlab.init.Orthogonal;
import dev.initlab.init.Params;
import dev.initlab.tensor.Dtype;
import dev.initlab.tensor.Shape;
import dev.initlab.init.VarianceScaling;
import dev.initlab.random.PhiloxStream;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * Negative controls: deliberately wrong samplers that the battery must reject, each with its
 * correct twin and an analytic lower bound on the battery's power at the configured size.
 *
 * <p>The wrong samplers are built by composing the production transforms with wrong parameters
 * (e.g. {@code UniformTransform.symmetric(0.99 * L)}), small wrappers (clipping, Box-Muller on a
 * 24-bit uniform) or the production negative control {@link Orthogonal#withoutSignFix}; no
 * production class is modified.
 */
public final class Mutants {
    /** Default dense shape: torch (out 256, in 784), so fan_in = 784, fan_out = 256 (a fan swap is visible). */
    public static final Shape DENSE = Shape.of(256, 784);
    /** Default conv shape (torch OIHW 64x32x3x3): torch and Keras fans differ by a factor 21. */
    public static final Shape CONV = Shape.of(64, 32, 3, 3);
    /** The single orthogonal matrix of the sign-fix mutant. */
    public static final Shape ORTHO = Shape.of(128, 192);
    /** Square matrices for the many-matrix Haar checks. */
    public static final Shape HAAR = Shape.of(32, 32);
    /** Matrices per Haar-set run (Q00 is negative in all of them without the sign fix: p = 2^(1-K)). */
    public static final int HAAR_MATRICES = 64;

    private Mutants() {
    }

    /** A reproducible experiment: make data from a seed, run the battery. */
    public interface Scenario {
        /** Runs the checks on data generated from {@code seed}. */
        HolmFamily run(Battery battery, long seed);

        /** A lower bound on P(the battery rejects), or power 0 with the reason when none is known. */
        Power.Bound powerBound(Battery battery);

        /** Number of elements in one tensor. */
        int size();
    }

    /**
     * A wrong sampler passed off as a catalog scheme.
     *
     * @param name short id
     * @param mistake what is wrong, in words
     * @param claimedAs the scheme it claims to be
     * @param wrong the experiment with the wrong sampler
     * @param correct the same experiment with the correct sampler
     */
    public record Mutant(String name, String mistake, String claimedAs, Scenario wrong, Scenario correct) {
    }

    /** Every mutant at the default sizes. */
    public static List<Mutant> all() {
        return all(DENSE);
    }

    /** Every mutant; IID ones use {@code dense} (torch layout, rank 2). */
    public static List<Mutant> all(Shape dense) {
        if (dense.rank() != 2) {
            throw new IllegalArgumentException("mutants need a 2-D dense shape, got " + dense);
        }
        Layout t = Layout.TORCH;
        Fans fans = Fans.of(dense, t);
        double nin = fans.fanIn();
        double nout = fans.fanOut();
        List<Mutant> m = new ArrayList<>();

        double glorotVar = 2 / (nin + nout);
        m.add(iid("xavier_normal_half_variance", "Xavier normal with variance 1/(fan_in+fan_out) instead of 2/(fan_in+fan_out)",
                "xavier_normal", Params.empty(), dense, fans, NormalTransform.of(0, Math.sqrt(1 / (nin + nout)))));
        m.add(iid("lecun_as_glorot", "LeCun's variance 1/fan_in passed off as Glorot's 2/(fan_in+fan_out)",
                "glorot_normal", Params.empty(), dense, fans, transform("lecun_normal", Params.empty(), dense, fans)));
        m.add(iid("fans_swapped", "fan_in and fan_out swapped (variance 2/fan_out for He's 2/fan_in)",
                "he_normal", Params.empty(), dense, fans, transform("he_normal", Params.empty(), dense,
                        new Fans(fans.fanOut(), fans.fanIn()))));
        m.add(iid("missing_relu_gain", "kaiming_normal for relu without the gain sqrt(2)",
                "kaiming_normal", Params.empty().with("nonlinearity", "relu"), dense, fans,
                transform("kaiming_normal", Params.empty().with("nonlinearity", "linear"), dense, fans)));
        m.add(iid("sqrt3_for_sqrt6", "He uniform with limit sqrt(3/fan_in) instead of sqrt(6/fan_in)",
                "he_uniform", Params.empty(), dense, fans, UniformTransform.symmetric(Math.sqrt(3 / nin))));
        double limit = Math.sqrt(3 * glorotVar);
        m.add(iid("uniform_limit_1pct_short", "Glorot uniform with the limit 1% short",
                "glorot_uniform", Params.empty(), dense, fans, UniformTransform.symmetric(0.99 * limit)));
        double s = Math.sqrt(glorotVar);
        m.add(iid("truncated_without_rescale", "Keras truncated normal without the 0.8796 rescale (std sqrt(var), +-2 std)",
                "glorot_normal", Params.empty(), dense, fans, TruncatedNormalTransform.of(0, s, -2 * s, 2 * s)));
        double sp = s / VarianceScaling.TRUNC_STD_CORRECTION;
        NormalTransform wide = NormalTransform.of(0, sp);
        float lo = (float) (-2 * sp);
        float hi = (float) (2 * sp);
        double tail = Gaussian.cdf(-2);
        Distribution clipped = new Mixture(List.of(1 - 2 * tail, tail, tail),
                List.of(TruncatedNormal.symmetric(0, sp, 2), PointMass.of(-2 * sp), PointMass.of(2 * sp)));
        m.add(iid("clipped_not_resampled", "truncated normal made by clipping N(0, std^2) at +-2 std instead of resampling",
                "glorot_normal", Params.empty(), dense, fans,
                w -> Math.max(lo, Math.min(hi, wide.apply32(w))), clipped));
        m.add(new Mutant("qr_without_sign_fix", "orthogonal from QR without multiplying columns by sign(R_jj)",
                "orthogonal", new OrthogonalScenario(ORTHO, false), new OrthogonalScenario(ORTHO, true)));
        m.add(new Mutant("stream_reused", "one stream used for two tensors", "glorot_uniform",
                new PairScenario(dense, fans, true), new PairScenario(dense, fans, false)));
        m.add(iidBoxMuller(dense, fans));
        m.add(iid("keras_truncated_as_torch_normal", "Keras glorot_normal (truncated, same variance) passed off as "
                        + "torch xavier_normal (untruncated)", "xavier_normal", Params.empty(), dense, fans,
                transform("glorot_normal", Params.empty(), dense, fans)));
        Fans torchConv = Fans.of(CONV, Layout.TORCH);
        Fans kerasConv = Fans.of(CONV, Layout.KERAS);
        m.add(iid("keras_fans_on_torch_weight", "a torch OIHW conv weight filled with fans read the Keras way (HWIO)",
                "he_normal", Params.empty(), CONV, torchConv, transform("he_normal", Params.empty(), CONV, kerasConv)));
        return List.copyOf(m);
    }

    private static ElementTransform transform(String scheme, Params p, Shape shape, Fans fans) {
        Initializer init = Catalog.of(scheme, p, Layout.TORCH);
        return ((Elementwise) init).transform(shape, fans);
    }

    private static Mutant iid(String name, String mistake, String claimedAs, Params p, Shape shape, Fans fans,
                              ElementTransform wrong) {
        return iid(name, mistake, claimedAs, p, shape, fans, wrong::apply32, wrong.distribution());
    }

    private static Mutant iid(String name, String mistake, String claimedAs, Params p, Shape shape, Fans fans,
                              EdgeSweep.WordFunction wrong, Distribution wrongLaw) {
        Claim claim = Claim.of(Catalog.of(claimedAs, p, Layout.TORCH), shape, fans, Layout.TORCH);
        ElementTransform right = ((Elementwise) claim.initializer()).transform(shape, fans);
        return new Mutant(name, mistake, claimedAs, new IidScenario(claim, wrong, wrongLaw, false),
                new IidScenario(claim, right::apply32, right.distribution(), false));
    }

    /** Box-Muller on u1 = (w >>> 8) * 2^-24, which is 0 for one word in 2^24: log(0) = -inf. */
    static float boxMuller(int w1, int w2, boolean cosine) {
        float u1 = ElementTransform.unit24(w1);
        float u2 = ElementTransform.unit24(w2);
        double r = Math.sqrt(-2 * Math.log(u1));
        double a = 2 * Math.PI * u2;
        return (float) (r * (cosine ? Math.cos(a) : Math.sin(a)));
    }

    private static Mutant iidBoxMuller(Shape shape, Fans fans) {
        Claim claim = Claim.of(Catalog.of("xavier_normal", Params.empty(), Layout.TORCH), shape, fans, Layout.TORCH);
        ElementTransform right = ((Elementwise) claim.initializer()).transform(shape, fans);
        float sigma = (float) claim.law().std();
        Scenario wrong = new IidScenario(claim, null, claim.law(), true) {
            @Override
            float[] generate(long seed) {
                int n = claim.shape().count();
                float[] x = new float[n];
                int[] w = new int[2];
                PhiloxStream st = PhiloxStream.of(seed, 0);
                for (int i = 0; i < n; i += 2) {
                    st.words(i, w, 0, 2);
                    x[i] = sigma * boxMuller(w[0], w[1], true);
                    if (i + 1 < n) {
                        x[i + 1] = sigma * boxMuller(w[0], w[1], false);
                    }
                }
                return x;
            }

            @Override
            EdgeSweep.WordFunction sweepFunction() {
                return w -> sigma * boxMuller(w, w, true);
            }

            @Override
            public Power.Bound powerBound(Battery battery) {
                int pairs = (size() + 1) / 2;
                double data = -Math.expm1(pairs * Math.log1p(-0x1p-24));
                return new Power.Bound(1, String.format(Locale.ROOT, "edge_sweep is exhaustive (power 1); the data "
                        + "alone show an infinity with probability %.4f at n=%d", data, size()));
            }
        };
        return new Mutant("box_muller_u0", "Box-Muller fed a 24-bit uniform that can be 0 (log(0) = -inf)",
                "xavier_normal", wrong, new IidScenario(claim, right::apply32, right.distribution(), true));
    }

    /** One IID tensor against its claim. */
    static class IidScenario implements Scenario {
        final Claim claim;
        final EdgeSweep.WordFunction f;
        final Distribution dataLaw;
        final boolean sweep;
        private Check sweepCheck;

        IidScenario(Claim claim, EdgeSweep.WordFunction f, Distribution dataLaw, boolean sweep) {
            this.claim = claim;
            this.f = f;
            this.dataLaw = dataLaw;
            this.sweep = sweep;
        }

        float[] generate(long seed) {
            int n = claim.shape().count();
            float[] x = new float[n];
            int[] w = new int[4096];
            PhiloxStream st = PhiloxStream.of(seed, 0);
            for (int i = 0; i < n; i += w.length) {
                int len = Math.min(w.length, n - i);
                st.words(i, w, 0, len);
                for (int k = 0; k < len; k++) {
                    x[i + k] = f.apply(w[k]);
                }
            }
            return x;
        }

        EdgeSweep.WordFunction sweepFunction() {
            return f;
        }

        @Override
        public int size() {
            return claim.shape().count();
        }

        @Override
        public HolmFamily run(Battery battery, long seed) {
            List<String> notes = new ArrayList<>();
            List<Check> checks = new ArrayList<>(battery.checks(claim, Sample.of(generate(seed), claim.shape()), "tensor",
                    notes));
            if (sweep) {
                synchronized (this) {
                    if (sweepCheck == null) {
                        sweepCheck = EdgeSweep.check(sweepFunction(), claim.law(), "transform");
                    }
                }
                checks.add(sweepCheck);
            }
            return HolmFamily.of(checks, battery.alpha(), notes);
        }

        @Override
        public Power.Bound powerBound(Battery battery) {
            int n = Math.min(size(), battery.subsampleCap());
            double level = battery.alpha() / MAX_CHECKS;
            double ks = Power.ks(dataLaw, claim.law(), n, level, 0x1p-23);
            double range = rangeBound(battery);
            if (range >= ks) {
                return new Power.Bound(range, "range check: the data's extremes stay inside the claimed bounds by a "
                        + "fixed margin, so its p-value is at most level");
            }
            return new Power.Bound(ks, String.format(Locale.ROOT, "KS with DKW-Massart: sup|F_data - F_claim| = %.4g, "
                    + "n = %d, level alpha/%d, P(miss) <= %.2g", Power.supDistance(dataLaw, claim.law()), n, MAX_CHECKS,
                    Power.ksMiss(dataLaw, claim.law(), n, level, 0x1p-23)));
        }

        /** 1 when the data law's support sits strictly inside the claimed one far enough that range must reject. */
        private double rangeBound(Battery battery) {
            Distribution c = claim.law();
            if (!Double.isFinite(c.lower()) || !Double.isFinite(c.upper()) || !Double.isFinite(dataLaw.upper())) {
                return 0;
            }
            double maxUp = dataLaw.upper() + 2 * Dtype.FLOAT32.ulp(dataLaw.upper());
            double minDown = dataLaw.lower() - 2 * Dtype.FLOAT32.ulp(dataLaw.lower());
            double q = Quantization.generatorQuantum(Dtype.FLOAT32);
            double sHi = 1 - c.cdf(maxUp) - q;
            double fLo = c.cdf(minDown) - q;
            if (sHi <= 0 || fLo <= 0) {
                return 0;
            }
            double pMax = 2 * Math.exp(size() * Math.log1p(-Math.min(sHi, fLo)));
            return pMax <= battery.alpha() / MAX_CHECKS ? 1 : 0;
        }
    }

    /** Largest number of statistical checks in one run (Holm's smallest threshold is alpha / m). */
    public static final int MAX_CHECKS = 16;

    /** Two tensors from different (or, wrongly, the same) streams. */
    public static final class PairScenario implements Scenario {
        private final Elementwise init;
        private final Shape shape;
        private final Fans fans;
        private final boolean reuse;

        public PairScenario(Shape shape, Fans fans, boolean reuse) {
            this.init = (Elementwise) Catalog.of("glorot_uniform");
            this.shape = shape;
            this.fans = fans;
            this.reuse = reuse;
        }

        @Override
        public int size() {
            return shape.count();
        }

        @Override
        public HolmFamily run(Battery battery, long seed) {
            float[] a = init.fill32(shape, fans, PhiloxStream.of(seed, 1), ScalarEngine.instance());
            float[] b = init.fill32(shape, fans, PhiloxStream.of(seed, reuse ? 1 : 2), ScalarEngine.instance());
            return HolmFamily.of(StreamChecks.checks(Sample.of(a, shape), "weight1", Sample.of(b, shape), "weight2"),
                    battery.alpha(), List.of());
        }

        @Override
        public Power.Bound powerBound(Battery battery) {
            double p = Math.pow(Quantization.collisionBound(Dtype.FLOAT32), size());
            return new Power.Bound(p <= battery.alpha() / 3 ? 1 : 0,
                    "equal_elements: all n elements equal, p = q^n (q = 2^-20)");
        }
    }

    /** One orthogonal matrix plus the many-matrix Haar checks. */
    static final class OrthogonalScenario implements Scenario {
        private final Shape shape;
        private final Orthogonal init;

        OrthogonalScenario(Shape shape, boolean signFix) {
            this.shape = shape;
            this.init = signFix ? Orthogonal.of(1, Layout.TORCH) : Orthogonal.withoutSignFix(1, Layout.TORCH);
        }

        @Override
        public int size() {
            return shape.count();
        }

        @Override
        public HolmFamily run(Battery battery, long seed) {
            List<String> notes = new ArrayList<>();
            Claim claim = Claim.of(Orthogonal.of(1, Layout.TORCH), shape, null, Layout.TORCH);
            float[] one = init.fill32(shape, null, PhiloxStream.of(seed, 0), ScalarEngine.instance());
            List<Check> checks = new ArrayList<>(battery.checks(claim, Sample.of(one, shape), "matrix", notes));
            List<Sample> set = new ArrayList<>();
            for (int k = 0; k < HAAR_MATRICES; k++) {
                set.add(Sample.of(init.fill32(HAAR, null, PhiloxStream.of(seed, 1 + k), ScalarEngine.instance()), HAAR));
            }
            checks.addAll(OrthogonalChecks.haarSet(init, set, HAAR_MATRICES + " matrices " + HAAR));
            return HolmFamily.of(checks, battery.alpha(), notes);
        }

        @Override
        public Power.Bound powerBound(Battery battery) {
            // Without the sign fix, Q00 = a00 / R00 with R00 = -sign(a00) |a_0| (Householder), so Q00 < 0 always.
            double p = 2 * Math.pow(0.5, HAAR_MATRICES);
            return new Power.Bound(p <= battery.alpha() / MAX_CHECKS ? 1 : 0, String.format(Locale.ROOT,
                    "q00_sign: Q00 < 0 in all %d matrices without the sign fix, p = 2^(1-%d) = %.2g", HAAR_MATRICES,
                    HAAR_MATRICES, p));
        }
    }

    /** The correct twin of every mutant (the null experiments). */
    public static List<Scenario> controls() {
        return all().stream().map(Mutant::correct).toList();
    }
}
