package dev.initlab.fill;

import static org.quicktheories.QuickTheory.qt;
import static org.quicktheories.generators.SourceDSL.integers;

import dev.initlab.dist.Distribution;
import dev.initlab.dist.Normal;
import dev.initlab.dist.TruncatedNormal;
import org.junit.jupiter.api.Test;

/**
 * The float32 and float64 twins of every transform (and so of the kernels under them:
 * {@code Kernels.normalFromErfDomain} / {@code normalQuantile}, the float and double {@code log},
 * {@code unit24} / {@code unit53}, {@code centered24} / {@code open52}) compute the same law: a
 * float32 element made from word {@code w} and a float64 element whose high word is {@code w}
 * come from the same 2^-24-wide cell of probability, so their values sit at the same quantile.
 * Checked in probability space, {@code |F(x32) - F(x64)| <= TOLERANCE} with {@code F} the
 * transform's exact CDF (for a truncated normal, its parent normal's: {@link #drawSpace}): the cell width 2^-24, plus the float kernels' documented relative error
 * (below 2e-6 in z, KernelsTest) times the density, plus the law's mass within
 * {@link #ROUNDING_ULPS} float32 ulps of the element (float32 rounding of parameters and value). A wrong
 * constant or a branch taken differently in one twin moves F by orders of magnitude more.
 *
 * <p>Deterministic: QuickTheories runs with the fixed seed {@code initlab.seed} (printed).
 */
class FloatDoubleTwinsProperties {
    /** 2^-18: the 2^-24 cell plus kernel error (at most ~1e-6 in F) with margin. */
    static final double TOLERANCE = 0x1p-18;
    /**
     * Float32 rounding of the parameters (low and width, mean and std) and of the value: the law's
     * mass within this many float32 ulps of the float32 element is added to the tolerance, which
     * matters only where the law is narrow compared with its location (e.g. U[-0.5, -0.499995)).
     */
    static final int ROUNDING_ULPS = 4;

    @Test
    void float32AndFloat64TwinsSampleTheSameQuantile() {
        System.out.println("FloatDoubleTwinsProperties seed " + EnginesEquivalenceProperties.SEED);
        qt().withFixedSeed(EnginesEquivalenceProperties.SEED).withExamples(2000)
                .forAll(EnginesEquivalenceProperties.specs(), integers().all(), integers().all())
                .assuming((spec, w, lo) -> !(spec.t() instanceof ConstantTransform)
                        && spec.t().float32Problem() == null && spec.t().float64Problem() == null
                        && withinFloat32Reach(spec.t().distribution()))
                .checkAssert((spec, w, lo) -> {
                    Distribution law = drawSpace(spec.t().distribution());
                    double x32 = spec.t().apply32(w);
                    double x64 = spec.t().apply64(lo, w);
                    double gap = Math.abs(law.cdf(x32) - law.cdf(x64));
                    // float32 holds the parameters and the value to a few ulps: the law's mass there
                    double ulps = ROUNDING_ULPS * Math.ulp((float) x32);
                    double rounding = law.cdf(x32 + ulps) - law.cdf(x32 - ulps);
                    if (!(gap <= TOLERANCE + rounding)) {
                        throw new AssertionError(spec + " word " + Integer.toHexString(w) + "/" + Integer.toHexString(lo)
                                + ": float32 " + x32 + " at F=" + law.cdf(x32) + ", float64 " + x64 + " at F="
                                + law.cdf(x64));
                    }
                });
    }

    /**
     * The float32 normal sampler reaches |z| up to {@link NormalTransform#MAX_ABS_Z32} (5.42), the
     * float64 one 8.21: a truncated normal whose mass beyond +-5.42 sd is more than the tolerance
     * (an interval out in the tail, e.g. (-inf, mu - 5 sd]) is clamped by design in float32, and
     * {@code fill} refuses it there (init.Limits). Those laws are left out; the normal's own mass
     * beyond 5.42 sd is 6e-8, below the tolerance.
     */
    /**
     * The probability space both twins draw in: the law itself, or for a truncated normal its
     * parent normal (the twins map a uniform probability inside [F(a), F(b)] of the parent through
     * its quantile; float32 resolves that probability to ~2^-25 however small the interval's mass,
     * so an interval of mass 1e-8 cannot be compared in its own CDF).
     */
    static Distribution drawSpace(Distribution law) {
        return law instanceof TruncatedNormal tn ? Normal.of(tn.mu(), tn.sigma()) : law;
    }

    static boolean withinFloat32Reach(Distribution law) {
        if (law instanceof TruncatedNormal tn) {
            double reach = NormalTransform.MAX_ABS_Z32 * tn.sigma();
            return law.cdf(tn.mu() - reach) <= TOLERANCE && 1 - law.cdf(tn.mu() + reach) <= TOLERANCE;
        }
        return true;
    }
}
