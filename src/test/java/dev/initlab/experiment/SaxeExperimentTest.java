package dev.initlab.experiment;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * Saxe et al. 2013 on a small budget (width 16, depths 2 and 8, 3 seeds): from random orthogonal
 * initialization the learning time barely grows with depth, from scaled Gaussian it grows several-fold
 * at depth 8 and is slower than orthogonal there on every seed.
 */
class SaxeExperimentTest {
    @Test
    void orthogonalLearningTimeIsNearlyDepthIndependentGaussianIsNot() {
        long seed = StudyFixtures.masterSeed("SaxeExperimentTest");
        SaxeExperiment.Settings s = new SaxeExperiment.Settings(16, 64, List.of(2, 8), 0.25, 0.05, 2000, 3);
        SaxeExperiment.Result r = SaxeExperiment.run(s, StudyFixtures.options(seed));
        assertEquals(2 * 2 * 3, r.runs().size());
        r.summary().forEach(x -> System.out.printf("  %s depth %d: %.1f steps [%.1f, %.1f], reached %d/%d%n", x.scheme(),
                x.depth(), x.stepsMean(), x.stepsLo(), x.stepsHi(), x.reached(), x.seeds()));
        for (SaxeExperiment.RunRow row : r.runs()) {
            assertTrue(!row.reached() || row.finalLoss() <= 0.05 * row.zeroLoss(), row.toString());
            assertEquals(0.25 / row.depth(), row.learningRate(), 1e-15);
        }
        SaxeExperiment.SummaryRow o2 = r.summary("orthogonal", 2);
        SaxeExperiment.SummaryRow o8 = r.summary("orthogonal", 8);
        SaxeExperiment.SummaryRow g8 = r.summary("gaussian", 8);
        assertEquals(3, o2.reached());
        assertEquals(3, o8.reached());
        assertTrue(o8.stepsMean() < 4 * o2.stepsMean(), "orthogonal: depth 8 within 4x of depth 2");
        for (int k = 0; k < 3; k++) {
            int kk = k;
            SaxeExperiment.RunRow o = r.runs().stream().filter(x -> x.scheme().equals("orthogonal") && x.depth() == 8 && x.seed() == kk).findFirst().orElseThrow();
            SaxeExperiment.RunRow g = r.runs().stream().filter(x -> x.scheme().equals("gaussian") && x.depth() == 8 && x.seed() == kk).findFirst().orElseThrow();
            assertTrue(!g.reached() || g.stepsToCriterion() > 2 * o.stepsToCriterion(), "seed " + k + ": " + g + " vs " + o);
        }
    }

    @Test
    void signTestMatchesTheBinomial() {
        assertEquals(2 * 0.5 * 0.5 * 0.5 * 0.5 * 0.5, SaxeExperiment.signTest(5, 5), 1e-15);
        assertEquals(2 * 6 / 32.0, SaxeExperiment.signTest(1, 5), 1e-15);
        assertEquals(1.0, SaxeExperiment.signTest(2, 4), 1e-15);
        assertEquals(1.0, SaxeExperiment.signTest(0, 0), 0);
    }
}
