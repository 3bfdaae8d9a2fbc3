package dev.initlab.stats;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

class AndersonDarlingTest {
    @Test
    void statisticMatchesTheDefinition() {
        // reference: numpy, A = -n - sum((2i-1)(log u_i + log(1-u_{n+1-i})))/n on these ten values
        double[] u = {0.02, 0.11, 0.19, 0.23, 0.35, 0.41, 0.58, 0.62, 0.77, 0.93};
        assertEquals(0.4844750978137089, AndersonDarling.statistic(u, 1e-300), 1e-13);
    }

    @Test
    void limitingDistributionMatchesStephensCriticalValues() {
        // M. A. Stephens, "EDF statistics for goodness of fit and some comparisons", JASA 69 (1974),
        // table 1A, case 0 (fully specified law), n = infinity: 10% 1.933, 5% 2.492, 2.5% 3.070, 1% 3.857
        assertEquals(0.90, AndersonDarling.adinf(1.933), 5e-4);
        assertEquals(0.95, AndersonDarling.adinf(2.492), 5e-4);
        assertEquals(0.975, AndersonDarling.adinf(3.070), 5e-4);
        assertEquals(0.99, AndersonDarling.adinf(3.857), 5e-4);
    }

    @Test
    void finiteSampleCorrectionMatchesSimulationAtTenValues() {
        // reference: numpy simulation, 4e6 samples of 10 uniforms (seed 12345):
        // P(A2 >= 2.512) = 0.04992, P(A2 >= 3.924) = 0.009926, P(A2 >= 6.044) = 0.0010075 (sd about 2e-5)
        assertEquals(0.04992, AndersonDarling.pValue(10, 2.512), 4e-4);
        assertEquals(0.009926, AndersonDarling.pValue(10, 3.924), 1.5e-4);
        assertEquals(0.0010075, AndersonDarling.pValue(10, 6.044), 6e-5);
    }

    @Test
    void upperTailDoesNotCancel() {
        double p = AndersonDarling.pValue(1_000_000, 40);
        assertTrue(p > 0 && p < 1e-9, "p=" + p);
        assertEquals(1, AndersonDarling.pValue(100, 0), 0);
        assertTrue(AndersonDarling.pValue(100, 8) < AndersonDarling.pValue(100, 6));
        // the finite-n correction leaves a floor of about 6e-4/n (its fit residual at adinf = 1): conservative
        assertEquals(6e-6, AndersonDarling.pValue(100, 30), 1e-7);
    }

    @Test
    void clampKeepsBoundaryValuesFinite() {
        double[] u = {0, 0.3, 0.6, 1};
        double a = AndersonDarling.statistic(u, 0x1p-26);
        assertTrue(Double.isFinite(a) && a > 0);
    }
}
