package dev.initlab.stats;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.initlab.dist.HaarEntry;
import dev.initlab.dist.Normal;
import dev.initlab.dist.TruncatedNormal;
import dev.initlab.dist.Uniform;
import org.junit.jupiter.api.Test;

class MomentsTest {
    @Test
    void sixthMomentsAgreeWithNumericalIntegration() {
        for (var d : java.util.List.of(Normal.of(0.3, 2), Uniform.of(-1, 3), TruncatedNormal.symmetric(0, 1, 2),
                TruncatedNormal.of(0.5, 2, -1, 3), new HaarEntry(50, 1.5))) {
            double exact = Moments.central6(d);
            assertEquals(exact, Moments.numericCentral6(d), 1e-6 * exact, d.describe());
        }
        assertEquals(15.0, Moments.central6(Normal.of(0, 1)), 0);
        // reference: scipy.stats.truncnorm(-2, 2).moment(6) = 3.460806481046084
        assertEquals(3.460806481046084, Moments.central6(TruncatedNormal.symmetric(0, 1, 2)), 1e-12);
    }

    @Test
    void secondMomentZIsWilsonHilfertyForNormalData() {
        int n = 500;
        double x = 1.07; // mean of squares of n standard normals
        double wh = (Math.cbrt(x) - (1 - 2.0 / (9 * n))) / Math.sqrt(2.0 / (9 * n));
        assertEquals(wh, Battery.secondMomentZ(x, 1, 3, 15, n), 1e-12);
    }
}
