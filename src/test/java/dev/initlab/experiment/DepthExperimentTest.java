package dev.initlab.experiment;

import dev.initlab.experiment.nn.Activation;
import dev.initlab.stats.MeanInterval;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The expected shapes of experiment 1 on small sizes, each with a negative control that the same
 * measurement rejects. Seeds derive from the initlab.seed property (default 20261123), printed.
 * Uniform-law He / Glorot (same variances as the normal ones) keep the weight generation fast.
 */
class DepthExperimentTest {
    static DepthExperiment.Result r;
    static final String HE = "kaiming_uniform";
    static final String GLOROT = "xavier_uniform";
    static final String TOO_BIG = "variance_scaling:scale=2.6:mode=fan_in:distribution=uniform";

    static long seed() {
        return Long.getLong("initlab.seed", Options.DEFAULT_SEED);
    }

    @BeforeAll
    static void run() {
        System.out.println("DepthExperimentTest master seed " + seed());
        DepthExperiment.Settings s = new DepthExperiment.Settings(List.of(
                new DepthExperiment.Grid(1024, 50, 32, Scheme.parseList(HE), List.of(Activation.RELU)),
                new DepthExperiment.Grid(256, 50, 32, Scheme.parseList(GLOROT),
                        List.of(Activation.RELU, Activation.TANH, Activation.LINEAR)),
                new DepthExperiment.Grid(128, 50, 32, Scheme.parseList(TOO_BIG), List.of(Activation.RELU))), 5);
        r = DepthExperiment.run(s, new Options(false, 0, Path.of("unused"), Path.of("unused"), 0, seed(), null));
        r.checks().forEach(c -> System.out.printf("  %s (width %d): %s = %.4g -> %s%n", c.check(), c.width(), c.metric(),
                c.value(), c.holds()));
    }

    @Test
    void reluHeStaysWithinAFactorTwoOverFiftyLayers() {
        double he = DepthExperiment.maxDrift(r, 1024, HE, Activation.RELU, 50, true);
        assertTrue(he <= 1, "He + ReLU drifts by 2^" + he);
        assertTrue(DepthExperiment.maxDrift(r, 1024, HE, Activation.RELU, 50, false) <= 1, "backward");
        // negative controls: Glorot (half the variance) and 1.3x He both leave the band by far
        assertTrue(DepthExperiment.maxDrift(r, 256, GLOROT, Activation.RELU, 50, true) > 10);
        assertTrue(DepthExperiment.maxDrift(r, 128, TOO_BIG, Activation.RELU, 50, true) > 10);
        assertTrue(r.checks().stream().anyMatch(c -> c.width() == 1024 && c.check().startsWith("relu + He: forward") && c.holds()));
    }

    @Test
    void reluGlorotHalvesPerLayer() {
        MeanInterval g = DepthExperiment.fittedRatio(r, 256, GLOROT, Activation.RELU, 1, 30);
        assertEquals(0.5, g.mean(), 0.05, "Glorot + ReLU per-layer ratio");
        MeanInterval he = DepthExperiment.fittedRatio(r, 1024, HE, Activation.RELU, 1, 30);
        assertTrue(Math.abs(he.mean() - 0.5) > 0.3, "He does not halve: " + he.mean());
    }

    @Test
    void tanhGlorotDecaysAsTheMeanFieldPredicts() {
        List<DepthExperiment.ExpectedShape> tanh = r.checks().stream().filter(c -> c.check().startsWith("tanh + Glorot")).toList();
        assertEquals(2, tanh.size());
        tanh.forEach(c -> assertTrue(c.holds(), c.check() + ": measured / mean field = " + c.value()));
        assertTrue(r.layer(256, GLOROT, Activation.TANH, 50).forwardRatio() < 0.1, "it does decay");
        assertTrue(r.layer(256, GLOROT, Activation.TANH, 5).forwardRatio() < 1.0 / 6, "fast at first: 8x by layer 5");
        // the same fit on ReLU + Glorot is far below 0.9 (the criterion has power)
        assertTrue(DepthExperiment.fittedRatio(r, 256, GLOROT, Activation.RELU, 10, 50).mean() < 0.6);
        assertTrue(DepthExperiment.maxDrift(r, 256, GLOROT, Activation.LINEAR, 50, true) <= 1, "linear + Glorot preserved");
    }

    @Test
    void everyLayerIsSummarisedWithIntervals() {
        DepthExperiment.LayerRow row = r.layer(256, GLOROT, Activation.TANH, 7);
        assertEquals(5, row.seeds());
        assertTrue(row.forwardLo() <= row.forwardMean() && row.forwardMean() <= row.forwardHi());
        assertTrue(row.forwardGeoLo() <= row.forwardGeoMean() && row.forwardGeoMean() <= row.forwardGeoHi());
        assertEquals(1.0, r.layer(256, GLOROT, Activation.TANH, 1).forwardRatio(), 0);
        assertEquals((50 + 3 * 50 + 50) * 5, r.runs().size());
        assertFalse(r.checks().isEmpty());
    }
}
