package dev.initlab.stats;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

/**
 * Non-inferiority and TOST p-values against scipy.stats (python3, for this test:
 * {@code ttest_1samp(x, -margin, alternative='greater')} and the larger of the two one-sided
 * t tests), Holm's adjustment against its definition, and the false-"as well as" rate at the margin
 * (a negative control: differences whose true mean is exactly -margin must be declared
 * non-inferior in at most alpha of the samples).
 */
class MarginTestTest {
    @Test
    void pValuesMatchScipy() {
        double[] d = {0.004, -0.002, 0.006, 0.001, 0.003};
        MarginTest t = MarginTest.of("x", d, 0.01);
        assertEquals(0.0004057176336530588, t.pNonInferior(), 1e-12);
        assertEquals(0.002540794632461495, t.pEquivalent(), 1e-12);
        assertEquals(5, t.n());
        // a mean below -margin: not non-inferior
        MarginTest worse = MarginTest.of("y", new double[] {-0.03, -0.02, -0.025}, 0.01);
        assertTrue(worse.pNonInferior() > 0.9);
        // all differences equal: the limit se -> 0
        assertEquals(0, MarginTest.of("z", new double[] {0.001, 0.001}, 0.01).pNonInferior());
        assertEquals(1, MarginTest.of("z", new double[] {-0.02, -0.02}, 0.01).pNonInferior());
        assertThrows(IllegalArgumentException.class, () -> MarginTest.of("m", d, 0));
    }

    @Test
    void holmAdjustsStepDown() {
        double[] adj = MarginTest.holm(new double[] {0.01, 0.04, 0.03, Double.NaN});
        // sorted 0.01, 0.03, 0.04 with m = 4: 0.04, max(0.04, 0.09), max(0.09, 0.08)
        assertArrayEquals(new double[] {0.04, 0.09, 0.09, Double.NaN}, adj, 1e-15);
    }

    @Test
    void falseAsWellAsRateAtTheMarginIsAtMostAlpha() {
        SplittableRandom r = new SplittableRandom(20261123L);
        int trials = 4000;
        int declared = 0;
        for (int i = 0; i < trials; i++) {
            double[] d = new double[5];
            for (int k = 0; k < d.length; k++) {
                d[k] = -0.01 + 0.005 * gaussian(r);
            }
            if (MarginTest.of("null", d, 0.01).pNonInferior() <= 0.05) {
                declared++;
            }
        }
        // exact size 0.05; binomial(4000, 0.05) has sd 13.8: 0.05 * 4000 + 4 sd = 255
        assertTrue(declared <= 255, "false non-inferiority " + declared + " of " + trials);
        assertTrue(declared >= 145, "the test is not dead: " + declared);
    }

    private static double gaussian(SplittableRandom r) {
        double u = r.nextDouble();
        double v = r.nextDouble();
        return Math.sqrt(-2 * Math.log1p(-u)) * Math.cos(2 * Math.PI * v);
    }
}
