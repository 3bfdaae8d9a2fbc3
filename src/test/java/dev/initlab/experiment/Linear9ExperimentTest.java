package dev.initlab.experiment;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.junit.jupiter.api.Test;

/** Experiment 2 on a small width: activations scale like s^l and the fitted exponent is 9. */
class Linear9ExperimentTest {
    @Test
    void activationsScaleLikeSToTheNinth() {
        long seed = StudyFixtures.masterSeed("Linear9ExperimentTest");
        Linear9Experiment.Settings s = new Linear9Experiment.Settings(List.of(128), 64, List.of(0.5, 0.9, 1.0, 1.1, 2.0), 4);
        Linear9Experiment.Result r = Linear9Experiment.run(s, StudyFixtures.options(seed));
        Linear9Experiment.Fit e = r.exponent(128);
        System.out.printf("fitted exponent %.4f [%.4f, %.4f]%n", e.estimate(), e.lo(), e.hi());
        assertEquals(9, e.estimate(), 0.5);
        assertTrue(e.lo() <= e.estimate() && e.estimate() <= e.hi());
        for (Linear9Experiment.Fit f : r.fits()) {
            if (f.quantity().equals("growth per layer")) {
                assertEquals(f.scale(), f.estimate(), 0.05 * f.scale(), "growth per layer at s=" + f.scale());
            }
        }
        // at s = 2 the output is ~2^9 = 512 times the input; at s = 0.5, ~1/512: far outside each other's range
        double up = r.layers().stream().filter(l -> l.scale() == 2.0 && l.layer() == 9).findFirst().orElseThrow().rmsRatioMean();
        double down = r.layers().stream().filter(l -> l.scale() == 0.5 && l.layer() == 9).findFirst().orElseThrow().rmsRatioMean();
        assertTrue(up > 256 && up < 1024, "s=2: " + up);
        assertTrue(down > 1 / 1024.0 && down < 1 / 256.0, "s=0.5: " + down);
    }
}
