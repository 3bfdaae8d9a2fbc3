package dev.initlab.experiment;

import dev.initlab.experiment.nn.Mnist;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

/**
 * Glorot & Bengio 2010 Figs. 6-7 on a narrow network (width 100, 5 tanh layers, 64 digits, 3 seeds):
 * under standard init the activation std falls layer by layer and the back-propagated gradient std
 * falls towards the input, both more steeply than under normalized init (paired per seed).
 */
class GlorotFiguresExperimentTest {
    @Test
    void standardInitShrinksActivationsAndGradientsMoreThanNormalized() {
        Mnist.Split all = StudyFixtures.mnist();
        long seed = StudyFixtures.masterSeed("GlorotFiguresExperimentTest");
        GlorotFiguresExperiment.Result r = GlorotFiguresExperiment.run(new GlorotFiguresExperiment.Settings(100, 5, 64, 3),
                StudyFixtures.options(seed), all);
        r.checks().forEach(c -> System.out.printf("  %s %s: %.4f [%.4f, %.4f]%n", c.quantity(), c.scheme(), c.mean(), c.lo(), c.hi()));
        assertEquals(2 * 2 * 5, r.layers().size());
        assertEquals(2 * 5 * GlorotFiguresExperiment.BINS, r.bins().size());
        for (String scheme : new String[] {"standard", "normalized"}) {
            for (int l = 1; l <= 5; l++) {
                int ll = l;
                double sum = r.bins().stream().filter(b -> b.scheme().equals(scheme) && b.layer() == ll)
                        .mapToDouble(GlorotFiguresExperiment.BinRow::fractionMean).sum();
                assertEquals(1.0, sum, 1e-9, "histogram of " + scheme + " layer " + l + " sums to 1");
                GlorotFiguresExperiment.LayerRow a = r.layer(scheme, "activation", l);
                assertTrue(a.q01() <= a.q50() && a.q50() <= a.q99() && a.q99() <= 1 && a.q01() >= -1);
                assertTrue(a.stdLo() <= a.stdMean() && a.stdMean() <= a.stdHi());
            }
        }
        for (int l = 2; l <= 5; l++) {
            assertTrue(r.layer("standard", "activation", l).stdMean() < r.layer("standard", "activation", l - 1).stdMean(),
                    "standard: activations shrink at layer " + l);
            assertTrue(r.layer("standard", "gradient", l).stdMean() > r.layer("standard", "gradient", l - 1).stdMean(),
                    "standard: gradients grow towards the output at layer " + l);
        }
        GlorotFiguresExperiment.CheckRow g = r.check("paired ln gradient ratio, standard - normalized", "standard-normalized");
        GlorotFiguresExperiment.CheckRow a = r.check("paired ln activation ratio, standard - normalized", "standard-normalized");
        assertTrue(g.holds() && g.hi() < 0, "gradient ratio smaller under standard init: " + g);
        assertTrue(a.holds() && a.hi() < 0, "activation ratio smaller under standard init: " + a);
    }
}
