package dev.initlab.experiment;

import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.DoubleUnaryOperator;
import org.apache.commons.math3.analysis.integration.IterativeLegendreGaussIntegrator;
import org.apache.commons.math3.analysis.integration.gauss.GaussIntegrator;
import org.apache.commons.math3.analysis.integration.gauss.GaussIntegratorFactory;

/**
 * Variance-preserving gains derived by Gauss-Hermite quadrature.
 *
 * <p>Definitions (weights with Var[w] = g^2 / fan_in, square layers, zero-mean weights, so
 * Var[z_(l+1)] = g^2 E[h_l^2] exactly as in K. He et al., ICCV 2015, Eq. 10):
 * <ul>
 *   <li>the forward variance map of pre-activations is q -&gt; V_g(q) = g^2 E[f(sqrt(q) Z)^2], Z ~ N(0,1);</li>
 *   <li>the <b>forward gain</b> g_f = E[f(Z)^2]^(-1/2) is the gain for which q = 1 is a fixed point,
 *       V_g(1) = 1 (for ReLU it gives sqrt 2, He's value);</li>
 *   <li>the <b>backward gain</b> g_b = E[f'(Z)^2]^(-1/2) preserves the gradient variance at q = 1
 *       (He et al. Eq. 13 generalised);</li>
 *   <li>for a given gain g, the fixed point q*(g) is the limit of q_(l+1) = V_g(q_l) from
 *       q_1 = g^2 (unit-variance inputs).</li>
 * </ul>
 * Expectations use the n-point Gauss-Hermite rule of commons-math3
 * ({@link GaussIntegratorFactory#hermite}), which integrates against e^(-x^2):
 * E[h(Z)] = pi^(-1/2) sum_i w_i h(sqrt2 x_i). The integrand is first symmetrised,
 * (h(z) + h(-z)) / 2 (exact, since Z is symmetric), which makes the kinked ReLU-family integrands
 * polynomial and the rule exact for them. SELU keeps a kink in its symmetrised integrands
 * (e^(-|z|)), where Gauss-Hermite converges slowly; so every value is cross-checked by adaptive
 * Gauss-Legendre quadrature on [-14, 0] and [0, 14] separately (smooth on each half; the tails
 * beyond 14 weigh below 1e-44), and the difference is reported as the quadrature error.
 */
public final class Gains {
    /** Points of the main rule. */
    public static final int POINTS = 128;
    private static final double INV_SQRT_PI = 1 / Math.sqrt(Math.PI);
    private static final GaussIntegratorFactory FACTORY = new GaussIntegratorFactory();
    private static final Map<Integer, GaussIntegrator> RULES = new ConcurrentHashMap<>();

    private Gains() {
    }

    private static GaussIntegrator rule(int n) {
        return RULES.computeIfAbsent(n, FACTORY::hermite);
    }

    /** E[h(Z)], Z ~ N(0,1), by the symmetrised n-point Gauss-Hermite rule. */
    public static double expectation(DoubleUnaryOperator h, int n) {
        double sqrt2 = Math.sqrt(2);
        return INV_SQRT_PI * rule(n).integrate(x -> 0.5 * (h.applyAsDouble(sqrt2 * x) + h.applyAsDouble(-sqrt2 * x)));
    }

    /** E[h(Z)] with the {@link #POINTS}-point rule. */
    public static double expectation(DoubleUnaryOperator h) {
        return expectation(h, POINTS);
    }

    /**
     * E[h(Z)] by adaptive Gauss-Legendre quadrature on each half-line (the cross-check): relative
     * accuracy 1e-13, absolute 1e-15.
     */
    public static double expectationCheck(DoubleUnaryOperator h) {
        IterativeLegendreGaussIntegrator in = new IterativeLegendreGaussIntegrator(16, 1e-13, 1e-15);
        double c = 1 / Math.sqrt(2 * Math.PI);
        double neg = in.integrate(100_000, z -> h.applyAsDouble(z) * c * Math.exp(-0.5 * z * z), -14, 0);
        in = new IterativeLegendreGaussIntegrator(16, 1e-13, 1e-15);
        double pos = in.integrate(100_000, z -> h.applyAsDouble(z) * c * Math.exp(-0.5 * z * z), 0, 14);
        return neg + pos;
    }

    /**
     * The derived quantities of one activation: Gauss-Hermite values and gains, and the same from
     * the Gauss-Legendre cross-check ({@code ...Check}).
     */
    public record Derived(Activation activation, double meanSquare, double derivativeMeanSquare, double mean,
                          double forwardGain, double backwardGain, double meanSquareCheck,
                          double derivativeMeanSquareCheck, double forwardGainCheck, double backwardGainCheck) {
        /** Largest absolute difference between the two quadratures over E[f^2] and E[f'^2]. */
        public double quadratureError() {
            return Math.max(Math.abs(meanSquare - meanSquareCheck), Math.abs(derivativeMeanSquare - derivativeMeanSquareCheck));
        }
    }

    /** E[f^2], E[f'^2], E[f] and the forward and backward gains, by both quadratures. */
    public static Derived of(Activation f) {
        DoubleUnaryOperator sq = z -> {
            double v = f.apply(z);
            return v * v;
        };
        DoubleUnaryOperator dsq = z -> {
            double v = f.derivative(z);
            return v * v;
        };
        double m2 = expectation(sq);
        double d2 = expectation(dsq);
        double m2c = expectationCheck(sq);
        double d2c = expectationCheck(dsq);
        return new Derived(f, m2, d2, expectation(f::apply), 1 / Math.sqrt(m2), 1 / Math.sqrt(d2), m2c, d2c,
                1 / Math.sqrt(m2c), 1 / Math.sqrt(d2c));
    }

    /** V_g(q) = g^2 E[f(sqrt(q) Z)^2]. */
    public static double varianceMap(Activation f, double g, double q) {
        double s = Math.sqrt(q);
        return g * g * expectation(z -> {
            double v = f.apply(s * z);
            return v * v;
        });
    }

    /** Predicted Var[z_L] / Var[z_1] from q_1 = 1, iterating the map. */
    public static double predictedRatio(Activation f, double g, int layers) {
        double q1 = 1;
        double q = q1;
        for (int l = 2; l <= layers; l++) {
            q = varianceMap(f, g, q);
            if (!(q > 1e-300) || q > 1e300) {
                break;
            }
        }
        return q / q1;
    }

    /**
     * The fixed point q*(g) that the map reaches from q_1 = g^2: the positive roots of
     * V_g(q) = q are bracketed on a log grid over [1e-8, 1e8] and refined by bisection; the one
     * nearest (in log scale) to the 200th iterate is returned. 0 when V_g(q) &lt; q everywhere or the
     * iterate falls below 1e-12 (the variance vanishes), +inf when V_g(q) &gt; q everywhere or the
     * iterate exceeds 1e12 (it explodes), and q_1 itself when every q is a fixed point (ReLU at
     * g = sqrt 2, linear at g = 1).
     */
    public static double fixedPoint(Activation f, double g) {
        int n = 161;
        double[] qs = new double[n];
        double[] fs = new double[n];
        boolean allZero = true;
        boolean allNeg = true;
        boolean allPos = true;
        for (int i = 0; i < n; i++) {
            qs[i] = Math.pow(10, -8 + 0.1 * i);
            fs[i] = Math.log(varianceMap(f, g, qs[i]) / qs[i]);
            allZero &= Math.abs(fs[i]) < 1e-9;
            allNeg &= fs[i] < 0;
            allPos &= fs[i] > 0;
        }
        double q1 = g * g;
        if (allZero) {
            return q1;
        }
        if (allNeg) {
            return 0;
        }
        if (allPos) {
            return Double.POSITIVE_INFINITY;
        }
        double it = q1;
        for (int i = 0; i < 200 && it > 1e-300 && it < 1e300; i++) {
            it = varianceMap(f, g, it);
        }
        if (it < 1e-12) {
            return 0;
        }
        if (it > 1e12) {
            return Double.POSITIVE_INFINITY;
        }
        double best = Double.NaN;
        for (int i = 0; i + 1 < n; i++) {
            if (fs[i] == 0 || (fs[i] < 0) != (fs[i + 1] < 0)) {
                double lo = qs[i];
                double hi = qs[i + 1];
                double flo = fs[i];
                for (int k = 0; k < 200 && hi - lo > 1e-15 * hi; k++) {
                    double mid = Math.sqrt(lo * hi);
                    double fm = Math.log(varianceMap(f, g, mid) / mid);
                    if ((fm < 0) == (flo < 0)) {
                        lo = mid;
                        flo = fm;
                    } else {
                        hi = mid;
                    }
                }
                double root = Math.sqrt(lo * hi);
                if (Double.isNaN(best) || Math.abs(Math.log(root / it)) < Math.abs(Math.log(best / it))) {
                    best = root;
                }
            }
        }
        return best;
    }

    /**
     * dV_g/dq at q: the fixed point q is stable when this is below 1 (central difference, relative
     * step 1e-4).
     */
    public static double mapSlope(Activation f, double g, double q) {
        double h = 1e-4 * q;
        return (varianceMap(f, g, q + h) - varianceMap(f, g, q - h)) / (2 * h);
    }
}
