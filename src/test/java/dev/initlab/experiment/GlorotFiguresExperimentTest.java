package dev.initlab.experiment;

import dev.initlab.experiment.nn.Mnist;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
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
        assertEquals(2 * 5 * (GlorotFiguresExperiment.BINS + GlorotFiguresExperiment.GRADIENT_BINS), r.bins().size());
        double range = r.bins().stream().filter(b -> b.quantity().equals("gradient"))
                .mapToDouble(GlorotFiguresExperiment.BinRow::binHi).max().orElseThrow();
        assertEquals(range, GlorotFiguresExperiment.niceCeil(range), 0.0, "the gradient bins end at 1, 2 or 5 x 10^k");
        for (String scheme : new String[] {"standard", "normalized"}) {
            for (int l = 1; l <= 5; l++) {
                int ll = l;
                double sum = r.bins().stream().filter(b -> b.scheme().equals(scheme) && b.layer() == ll
                                && b.quantity().equals("activation"))
                        .mapToDouble(GlorotFiguresExperiment.BinRow::fractionMean).sum();
                assertEquals(1.0, sum, 1e-9, "histogram of " + scheme + " layer " + l + " sums to 1");
                // gradients: the fixed bins hold all but the mass beyond the range (below 1% by the choice of the range)
                List<GlorotFiguresExperiment.BinRow> g = r.bins().stream().filter(b -> b.scheme().equals(scheme)
                        && b.layer() == ll && b.quantity().equals("gradient")).toList();
                assertEquals(GlorotFiguresExperiment.GRADIENT_BINS, g.size());
                double gSum = g.stream().mapToDouble(GlorotFiguresExperiment.BinRow::fractionMean).sum();
                double outside = r.layer(scheme, "gradient", l).outsideBinsFraction();
                assertEquals(1.0, gSum + outside, 1e-9, "gradient histogram of " + scheme + " layer " + l + " + outside = 1");
                assertTrue(outside < 0.01, "outside " + outside);
                assertEquals(-range, g.get(0).binLo(), 1e-15);
                assertEquals(0.0, r.layer(scheme, "activation", l).outsideBinsFraction());
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
        // the niceCeil rounding
        assertEquals(2e-4, GlorotFiguresExperiment.niceCeil(1.3e-4), 1e-18);
        assertEquals(5e-4, GlorotFiguresExperiment.niceCeil(2.01e-4), 1e-18);
        assertEquals(1e-3, GlorotFiguresExperiment.niceCeil(5.2e-4), 1e-18);
        assertEquals(1.0, GlorotFiguresExperiment.niceCeil(1.0), 0.0);
        GlorotFiguresExperiment.CheckRow g = r.check("paired ln gradient ratio, standard - normalized", "standard-normalized");
        GlorotFiguresExperiment.CheckRow a = r.check("paired ln activation ratio, standard - normalized", "standard-normalized");
        assertTrue(g.holds() && g.hi() < 0, "gradient ratio smaller under standard init: " + g);
        assertTrue(a.holds() && a.hi() < 0, "activation ratio smaller under standard init: " + a);
    }
}
