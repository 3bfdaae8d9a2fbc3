package dev.initlab.experiment;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

/**
 * Quadrature against reference values computed with scipy.integrate.quad (split at 0, on
 * [-40, 0] and [0, 40], epsrel 1e-14) in python3 for this test:
 * E[f(Z)^2] and E[f'(Z)^2] of each activation, and the tanh fixed point at gain 5/3 by iterating
 * the map 2000 times.
 */
class GainsTest {
    private static final double[][] REF = {
        // E f^2, E f'^2
        {1, 1},                                        // linear
        {0.394294490397841, 0.464402902448268},        // tanh
        {0.293379035858093, 0.0448362413501944},       // sigmoid
        {0.5, 0.5},                                    // relu
        {0.50005, 0.50005},                            // leaky_relu (slope 0.01)
        {1.0, 1.0715749924558},                        // selu
        {0.425221482570299, 0.455850865649287},        // gelu
    };

    @Test
    void gaussHermiteMatchesScipyAndTheCrossCheck() {
        for (Activation f : Activation.values()) {
            Gains.Derived d = Gains.of(f);
            double[] ref = REF[f.ordinal()];
            assertEquals(ref[0], d.meanSquareCheck(), 1e-10, f + " E f^2 (Legendre)");
            assertEquals(ref[1], d.derivativeMeanSquareCheck(), 1e-10, f + " E f'^2 (Legendre)");
            // Gauss-Hermite: exact-to-rounding except for selu's kinked integrands
            double tol = f == Activation.SELU ? 1e-2 : 1e-10;
            assertEquals(ref[0], d.meanSquare(), tol, f + " E f^2 (Hermite)");
            assertEquals(ref[1], d.derivativeMeanSquare(), tol, f + " E f'^2 (Hermite)");
            assertEquals(1 / Math.sqrt(ref[0]), d.forwardGainCheck(), 1e-9);
        }
        assertEquals(Math.sqrt(2), Gains.of(Activation.RELU).forwardGain(), 1e-12, "He's sqrt 2 is the relu fixed-point gain");
        assertEquals(1.59253741972, Gains.of(Activation.TANH).forwardGain(), 1e-9, "not 5/3");
    }

    @Test
    void fixedPointsAndTheirStability() {
        assertEquals(1.1784804903859079, Gains.fixedPoint(Activation.TANH, 5.0 / 3), 1e-8);
        assertEquals(0, Gains.fixedPoint(Activation.TANH, 1.0), "tanh at gain 1 vanishes (slowly)");
        assertEquals(2.0, Gains.fixedPoint(Activation.RELU, Math.sqrt(2)), 1e-12, "every q is fixed: the start is returned");
        assertEquals(Double.POSITIVE_INFINITY, Gains.fixedPoint(Activation.RELU, 1.5));
        assertEquals(0, Gains.fixedPoint(Activation.RELU, 1.3));
        assertTrue(Gains.mapSlope(Activation.TANH, Gains.of(Activation.TANH).forwardGain(), 1) < 1, "tanh: stable");
        assertTrue(Gains.mapSlope(Activation.GELU, Gains.of(Activation.GELU).forwardGain(), 1) > 1, "gelu: unstable");
        assertEquals(1.0, Gains.predictedRatio(Activation.SIGMOID, Gains.of(Activation.SIGMOID).forwardGain(), 30), 1e-9);
    }

    @Test
    void simulationSeparatesAPreservingGainFromADecayingOne() {
        GainsExperiment.Settings s = new GainsExperiment.Settings(128, 20, 32, 2);
        long seed = Rng.runSeed(Long.getLong("initlab.seed", Options.DEFAULT_SEED), 0);
        double selu = GainsExperiment.simulate(Activation.SELU, 1.0, s, seed);
        double seluTorch = GainsExperiment.simulate(Activation.SELU, 0.75, s, seed);
        assertTrue(Math.abs(DepthExperiment.log2(selu)) <= 1, "selu at gain 1: " + selu);
        assertTrue(seluTorch < 0.25, "selu at PyTorch's 3/4 decays: " + seluTorch);
    }
}
