package dev.initlab.experiment;

import dev.initlab.experiment.nn.Mnist;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

/**
 * The 30-layer ReLU study on a tiny budget (width 32, 60 steps, 3 seeds, 2,000 digits): Xavier's
 * output is He's scaled by exactly (784/816) 2^-28 in mean square per seed (same draws, ReLU is
 * positively homogeneous), so the per-seed spread is the same and Xavier's logits start at ~0 and its
 * held-out loss stays at ln 10, while He's moves away from it.
 */
class He30ExperimentTest {
    @Test
    void xavierStallsAtChanceWhileHeMoves() {
        Mnist.Split small = StudyFixtures.mnistHead(2000, 500);
        long seed = StudyFixtures.masterSeed("He30ExperimentTest");
        He30Experiment.Result r = He30Experiment.run(new He30Experiment.Settings(30, 32, 60, 3),
                StudyFixtures.options(seed), small);
        assertEquals(6, r.runs().size());
        assertEquals(6 * 11, r.curves().size(), "11 curve points per run");
        double expected = Math.log(784.0 / 816.0) + 28 * Math.log(0.5);
        for (int k = 0; k < 3; k++) {
            He30Experiment.RunRow he = r.runs().get(k);
            He30Experiment.RunRow xa = r.runs().get(3 + k);
            assertEquals(he.runSeed(), xa.runSeed());
            assertEquals(expected, xa.initLogOutputGain() - he.initLogOutputGain(), 1e-3, "seed " + k);
            assertEquals(Math.log(10), xa.initialLoss(), 1e-3, "xavier logits start at ~0");
            assertEquals(Math.log(10), xa.bestLoss(), 0.02, "xavier stays at chance, seed " + k);
        }
        He30Experiment.SummaryRow heBest = r.summary("he", "best held-out loss on the curve");
        System.out.printf("  he best loss %.3f [%.3f, %.3f]; xavier %.4f%n", heBest.mean(), heBest.lo(), heBest.hi(),
                r.summary("xavier", "best held-out loss on the curve").mean());
        assertTrue(heBest.max() < Math.log(10) - 0.1, "every He seed gets below chance loss: " + heBest);
        assertEquals(r.summary("he", "ln(|h_L|^2/|x|^2) at init").sd(), r.summary("xavier", "ln(|h_L|^2/|x|^2) at init").sd(),
                1e-3, "same per-seed spread");
    }
}
