package dev.initlab.experiment;

import dev.initlab.experiment.nn.Activation;

import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.DoubleUnaryOperator;
import org.apache.commons.math3.analysis.integration.gauss.GaussIntegrator;
import org.apache.commons.math3.analysis.integration.gauss.GaussIntegratorFactory;

/**
 * Variance-preserving gains derived by accurate quadrature of Gaussian expectations.
 *
 * <p>Definitions (weights with Var[w] = g^2 / fan_in, square layers, zero-mean weights, so
 * Var[z_(l+1)] = g^2 E[h_l^2] exactly as in K. He et al., ICCV 2015, Eq. 10):
 * <ul>
 *   <li>the forward variance map of pre-activations is q -&gt; V_g(q) = g^2 E[f(sqrt(q) Z)^2], Z ~ N(0,1)
 *       (the mean-field recursion of B. Poole et al., "Exponential expressivity in deep neural
 *       networks through transient chaos", NeurIPS 2016, without bias);</li>
 *   <li>the <b>forward gain</b> g_f = E[f(Z)^2]^(-1/2) is the gain for which q = 1 is a fixed point,
 *       V_g(1) = 1 (for ReLU it gives sqrt 2, He's value);</li>
 *   <li>the <b>backward gain</b> g_b = E[f'(Z)^2]^(-1/2) preserves the gradient variance at q = 1
 *       (He et al. Eq. 13 generalised);</li>
 *   <li>for a given gain g, the fixed point q*(g) is the limit of q_(l+1) = V_g(q_l) from
 *       q_1 = g^2 (unit-variance inputs).</li>
 * </ul>
 *
 * <p><b>Quadrature.</b> The activations studied are smooth except at z = 0 (the kinks of relu,
 * leaky_relu and selu and of their derivatives), so E[h(sqrt(q) Z)] is split at 0 and each half-line
 * is cut further at z = 1, 2, ..., 40 (the Gaussian's scale; beyond 40 the density is below 1e-347)
 * and at z = 2^j / sqrt(q), j = -4..10 (the activation's own scale, which matters when q is far from
 * 1). On every piece the integrand h(x) phi(x) is analytic, and a composite Gauss-Legendre rule
 * (commons-math3 {@link GaussIntegratorFactory#legendre}) converges geometrically. Every expectation
 * is computed with {@link #POINTS} and with {@link #POINTS}/2 nodes per piece: the
 * {@link #POINTS}-node value is reported and the difference of the two is its error estimate
 * (conservative: the error of the finer rule is far below it once the coarse one has converged).
 * The earlier Gauss-Hermite rule on the whole line, which cannot resolve the kink of selu's
 * e^(-|z|)-type integrands, was off by 1e-3 to 1e-2 for selu and by 4e-3 for the relu mean.
 */
public final class Gains {
    /** Gauss-Legendre nodes per piece of the main rule (the error estimate uses half as many). */
    public static final int POINTS = 32;
    /** The integration range on each side of 0, in standard deviations of Z. */
    static final int RANGE = 40;
    private static final double INV_SQRT_2PI = 1 / Math.sqrt(2 * Math.PI);
    private static final GaussIntegratorFactory FACTORY = new GaussIntegratorFactory();
    private static final Map<Integer, GaussIntegrator> RULES = new ConcurrentHashMap<>();

    private Gains() {
    }

    /** An expectation and its error estimate (|finer - coarser rule|). */
    public record Estimate(double value, double error) {
    }

    /** The n-point Gauss-Legendre rule on [0, 1] (cached). */
    private static GaussIntegrator rule(int n) {
        return RULES.computeIfAbsent(n, k -> FACTORY.legendre(k, 0, 1));
    }

    /** Piece boundaries on [0, RANGE] for integrands h(s z): 0, the integers and 2^j / s, sorted. */
    static double[] breakpoints(double s) {
        java.util.TreeSet<Double> b = new java.util.TreeSet<>();
        for (int k = 0; k <= RANGE; k++) {
            b.add((double) k);
        }
        if (s > 0 && Double.isFinite(s)) {
            for (int j = -4; j <= 10; j++) {
                double z = Math.scalb(1.0, j) / s;
                if (z > 0 && z < RANGE) {
                    b.add(z);
                }
            }
        }
        return b.stream().mapToDouble(Double::doubleValue).toArray();
    }

    /** E[h(s Z)] by the composite rule with {@code n} nodes per piece, both half-lines. */
    static double expectation(DoubleUnaryOperator h, double s, int n) {
        GaussIntegrator unit = rule(n);
        double[] b = breakpoints(s);
        double sum = 0;
        for (int i = 0; i + 1 < b.length; i++) {
            double lo = b[i];
            double w = b[i + 1] - lo;
            sum += w * unit.integrate(t -> {
                double z = lo + w * t;
                double dens = INV_SQRT_2PI * Math.exp(-0.5 * z * z);
                return dens * (h.applyAsDouble(s * z) + h.applyAsDouble(-s * z));
            });
        }
        return sum;
    }

    /** E[h(Z)] with its error estimate. */
    public static Estimate estimate(DoubleUnaryOperator h) {
        return estimate(h, 1);
    }

    /** E[h(s Z)] with its error estimate. */
    public static Estimate estimate(DoubleUnaryOperator h, double s) {
        double fine = expectation(h, s, POINTS);
        double coarse = expectation(h, s, POINTS / 2);
        return new Estimate(fine, Math.abs(fine - coarse));
    }

    /** E[h(Z)], Z ~ N(0,1), by the main rule. */
    public static double expectation(DoubleUnaryOperator h) {
        return expectation(h, 1, POINTS);
    }

    /**
     * The derived quantities of one activation: E[f^2], E[f'^2] and E[f] with their error estimates,
     * and the forward and backward gains.
     */
    public record Derived(Activation activation, double meanSquare, double meanSquareError, double derivativeMeanSquare,
                          double derivativeMeanSquareError, double mean, double meanError, double forwardGain,
                          double backwardGain) {
        /** The largest of the three error estimates. */
        public double quadratureError() {
            return Math.max(meanSquareError, Math.max(derivativeMeanSquareError, meanError));
        }
    }

    /** E[f^2], E[f'^2], E[f] (with error estimates) and the forward and backward gains. */
    public static Derived of(Activation f) {
        Estimate m2 = estimate(z -> {
            double v = f.apply(z);
            return v * v;
        });
        Estimate d2 = estimate(z -> {
            double v = f.derivative(z);
            return v * v;
        });
        Estimate m = estimate(f::apply);
        return new Derived(f, m2.value(), m2.error(), d2.value(), d2.error(), m.value(), m.error(),
                1 / Math.sqrt(m2.value()), 1 / Math.sqrt(d2.value()));
    }

    /** V_g(q) = g^2 E[f(sqrt(q) Z)^2]. */
    public static double varianceMap(Activation f, double g, double q) {
        return g * g * expectation(x -> {
            double v = f.apply(x);
            return v * v;
        }, Math.sqrt(q), POINTS);
    }

    /** chi(q) = E[f'(sqrt(q) Z)^2]: the factor by which a layer multiplies the gradient variance (times g^2). */
    public static double derivativeMeanSquare(Activation f, double q) {
        return expectation(x -> {
            double v = f.derivative(x);
            return v * v;
        }, Math.sqrt(q), POINTS);
    }

    /**
     * The mean-field recursion of a deep square network without biases (sigma_b = 0): q_1 given,
     * q_(l+1) = V_g(q_l) = g^2 E[f(sqrt(q_l) Z)^2]; element l-1 of the result is q_l, l = 1..layers.
     * Stops (leaving the rest at the last value's limit, 0 or infinity) when q leaves [1e-300, 1e300].
     */
    public static double[] forwardVariances(Activation f, double g, double q1, int layers) {
        double[] q = new double[layers];
        q[0] = q1;
        for (int l = 1; l < layers; l++) {
            double prev = q[l - 1];
            q[l] = prev < 1e-300 ? 0 : prev > 1e300 ? Double.POSITIVE_INFINITY : varianceMap(f, g, prev);
        }
        return q;
    }

    /**
     * Mean-field Var[dx_1] / Var[dx_L], the gradient at the network's input relative to the gradient
     * at the last layer's input: each layer l &lt; L multiplies the back-propagated variance by
     * g^2 E[f'(sqrt(q_l) Z)^2] (square layers), so the ratio is the product over l = 1..L-1.
     */
    public static double gradientRatio(Activation f, double g, double q1, int layers) {
        double[] q = forwardVariances(f, g, q1, layers);
        double r = 1;
        for (int l = 0; l + 1 < layers; l++) {
            r *= g * g * derivativeMeanSquare(f, q[l]);
        }
        return r;
    }

    /** Predicted Var[z_L] / Var[z_1] from q_1 = 1, iterating the map. */
    public static double predictedRatio(Activation f, double g, int layers) {
        return forwardVariances(f, g, 1, layers)[layers - 1];
    }

    /**
     * The fixed point q*(g) that the map reaches from q_1 = g^2: the positive roots of
     * V_g(q) = q are bracketed on a log grid over [1e-8, 1e8] and refined by bisection; the one
     * nearest (in log scale) to the 200th iterate is returned. 0 when V_g(q) &lt; q everywhere or the
     * iterate falls below 1e-12 (the variance vanishes), +inf when V_g(q) &gt; q everywhere or the
     * iterate exceeds 1e12 (it explodes), and NaN when every q is a fixed point (the map is the
     * identity: relu at g = sqrt 2, leaky_relu at its He gain, linear at g = 1), where no particular
     * fixed point exists to report.
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
            return Double.NaN;
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
