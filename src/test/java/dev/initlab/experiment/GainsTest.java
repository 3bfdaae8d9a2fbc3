package dev.initlab.experiment;

import dev.initlab.experiment.nn.Activation;
import dev.initlab.experiment.nn.RunStreams;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

/**
 * Quadrature against reference values computed for this test with mpmath (30 digits,
 * {@code mp.quad} on [-inf, 0] and [0, inf]) in python3: E[f(Z)^2], E[f'(Z)^2] and E[f(Z)] of each
 * activation, and known closed forms (relu: E f^2 = E f'^2 = 1/2, E f = 1/sqrt(2 pi); selu: E f^2 = 1,
 * E f = 0 by Klambauer et al.'s choice of constants).
 */
class GainsTest {
    private static final double[][] REF = {
        // E f^2, E f'^2, E f
        {1, 1, 0},                                                             // linear
        {0.39429449039784117, 0.46440290244826824, 0},                         // tanh
        {0.29337903585809296, 0.044836241350194372, 0.5},                      // sigmoid
        {0.5, 0.5, 0.39894228040143268},                                       // relu
        {0.50005, 0.50005, 0.99 * 0.39894228040143268},                        // leaky_relu (slope 0.01)
        {1.0, 1.0715749924557993, 0},                                          // selu
        {0.42522148257029867, 0.45585086564928712, 0.28209479177387814},      // gelu
    };

    @Test
    void quadratureMatchesHighPrecisionReferencesAndItsErrorEstimateCoversTheError() {
        for (Activation f : Activation.values()) {
            Gains.Derived d = Gains.of(f);
            double[] ref = REF[f.ordinal()];
            assertEquals(ref[0], d.meanSquare(), 1e-14, f + " E f^2");
            assertEquals(ref[1], d.derivativeMeanSquare(), 1e-14, f + " E f'^2");
            assertEquals(ref[2], d.mean(), 1e-14, f + " E f");
            // the estimate (difference of two rule orders) must bound the true error, with rounding slack
            assertTrue(Math.abs(d.meanSquare() - ref[0]) <= d.meanSquareError() + 4e-16, f + " E f^2 error estimate");
            assertTrue(Math.abs(d.derivativeMeanSquare() - ref[1]) <= d.derivativeMeanSquareError() + 4e-16,
                    f + " E f'^2 error estimate");
            assertTrue(d.quadratureError() < 1e-12, f + " converged: " + d.quadratureError());
        }
        assertEquals(0.96602577697390117, Gains.of(Activation.SELU).backwardGain(), 1e-13, "selu backward gain");
        assertEquals(1.0, Gains.of(Activation.SELU).forwardGain(), 1e-13, "selu's fixed point is q = 1 at gain 1");
        assertEquals(Math.sqrt(2), Gains.of(Activation.RELU).forwardGain(), 1e-13, "He's sqrt 2 is the relu fixed-point gain");
        assertEquals(1.5925374197228314, Gains.of(Activation.TANH).forwardGain(), 1e-13, "not 5/3");
    }

    @Test
    void theErrorEstimateSeesAnUnresolvedKink() {
        // |z| - 1 has its kink at z = 1, a breakpoint; |z - 0.3| has one inside a piece, which a
        // polynomial rule cannot resolve: the estimate must say so instead of claiming 1e-16
        Gains.Estimate resolved = Gains.estimate(z -> Math.abs(Math.abs(z) - 1));
        Gains.Estimate unresolved = Gains.estimate(z -> Math.abs(z - 0.3));
        assertTrue(resolved.error() < 1e-14, "kink at a breakpoint: " + resolved.error());
        assertTrue(unresolved.error() > 1e-8, "kink inside a piece: " + unresolved.error());
    }

    @Test
    void fixedPointsAndTheirStability() {
        assertEquals(1.1784804903859079, Gains.fixedPoint(Activation.TANH, 5.0 / 3), 1e-8);
        assertEquals(0, Gains.fixedPoint(Activation.TANH, 1.0), "tanh at gain 1 vanishes (slowly)");
        assertTrue(Double.isNaN(Gains.fixedPoint(Activation.RELU, Math.sqrt(2))), "every q is fixed: none is reported");
        assertTrue(Double.isNaN(Gains.fixedPoint(Activation.LINEAR, 1)), "every q is fixed: none is reported");
        assertEquals(Double.POSITIVE_INFINITY, Gains.fixedPoint(Activation.RELU, 1.5));
        assertEquals(0, Gains.fixedPoint(Activation.RELU, 1.3));
        assertTrue(Gains.mapSlope(Activation.TANH, Gains.of(Activation.TANH).forwardGain(), 1) < 1, "tanh: stable");
        assertTrue(Gains.mapSlope(Activation.GELU, Gains.of(Activation.GELU).forwardGain(), 1) > 1, "gelu: unstable");
        assertEquals(1.0, Gains.predictedRatio(Activation.SIGMOID, Gains.of(Activation.SIGMOID).forwardGain(), 30), 1e-9);
    }

    @Test
    void meanFieldTanhAtGlorotDecaysLikeOneOverTwoL() {
        // scipy.integrate.quad of the recursion q_(l+1) = E[tanh(sqrt(q_l) Z)^2], q_1 = 1 (python3, this test)
        double[] q = Gains.forwardVariances(Activation.TANH, 1, 1, 50);
        assertEquals(0.1279047352994149, q[4], 1e-10, "q_5");
        assertEquals(0.010430738400813731, q[49], 1e-10, "q_50");
        assertEquals(1.0 / (2 * 50), q[49], 0.001, "~1/(2l)");
        assertEquals(0.014629312478020538, Gains.gradientRatio(Activation.TANH, 1, 1, 50), 1e-9, "Var[dx_1]/Var[dx_50]");
        // relu at He: the map is the identity, the gradient too
        assertEquals(1, Gains.gradientRatio(Activation.RELU, Math.sqrt(2), 1, 50), 1e-12);
    }

    @Test
    void simulationSeparatesAPreservingGainFromADecayingOne() {
        GainsExperiment.Settings s = new GainsExperiment.Settings(128, 20, 32, 2);
        long seed = RunStreams.runSeed(Long.getLong("initlab.seed", Options.DEFAULT_SEED), 0);
        double selu = GainsExperiment.simulate(Activation.SELU, 1.0, s, seed);
        double seluTorch = GainsExperiment.simulate(Activation.SELU, 0.75, s, seed);
        assertTrue(Math.abs(DepthExperiment.log2(selu)) <= 1, "selu at gain 1: " + selu);
        assertTrue(seluTorch < 0.25, "selu at PyTorch's 3/4 decays: " + seluTorch);
    }
}
