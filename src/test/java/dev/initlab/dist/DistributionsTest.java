package dev.initlab.dist;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import org.junit.jupiter.api.Test;

/** Hand-computed moments (reference values from scipy.stats where noted). */
class DistributionsTest {
    @Test
    void uniformMoments() {
        Uniform u = Uniform.symmetric(Math.sqrt(3));
        assertEquals(1.0, u.variance(), 1e-15);
        assertEquals(1.8, u.kurtosis(), 1e-12);
        assertEquals(0.75, u.cdf(Math.sqrt(3) / 2), 1e-15);
    }

    @Test
    void normalMoments() {
        Normal n = Normal.of(1, 2);
        assertEquals(4, n.variance());
        assertEquals(3, n.kurtosis(), 1e-15);
        assertEquals(0.8413447460685429, n.cdf(3), 1e-15);
        assertEquals(2 * 0.0013498980316301, n.tailProbability(3), 1e-14);
    }

    @Test
    void truncatedNormalOnTwoSigmaMatchesScipy() {
        // scipy.stats.truncnorm(-2, 2): var 0.7737413035499232, kurtosis (fisher=False) 2.3655367171296495
        TruncatedNormal t = TruncatedNormal.symmetric(0, 1, 2);
        assertEquals(0.7737413035499232, t.variance(), 1e-12);
        assertEquals(0.87962566103423978, 1 / Math.sqrt(1 / t.variance()) , 1e-12);
        assertEquals(2.3655367171296495, t.kurtosis(), 1e-10);
        assertEquals(0, t.mean(), 1e-15);
        // asymmetric: scipy.stats.truncnorm(-1, 3).mean() and .var()
        TruncatedNormal a = TruncatedNormal.of(0, 1, -1, 3);
        assertEquals(0.2827861107271541, a.mean(), 1e-12);
        assertEquals(0.6161417353578291, a.variance(), 1e-12);
    }

    @Test
    void haarEntry() {
        HaarEntry h = new HaarEntry(4, 1);
        assertEquals(0.25, h.variance());
        assertEquals(3.0 / 24, h.centralMoment4(), 1e-15);
        assertEquals(0.5, h.cdf(0), 1e-15);
        // n = 3: q^2 ~ Beta(1/2, 1) so P(|q| <= x) = x: the uniform law on [-1, 1]
        HaarEntry h3 = new HaarEntry(3, 1);
        assertEquals(0.75, h3.cdf(0.5), 1e-12);
    }

    @Test
    void sparseMixture() {
        Mixture m = Mixture.zeroInflated(0.25, Normal.of(0, 2));
        assertEquals(3.0, m.variance(), 1e-15);
        assertEquals(0.75 * 3 * 16, m.centralMoment4(), 1e-12);
        assertEquals(0.25 + 0.75 * 0.5, m.cdf(0), 1e-15);
    }

    @Test
    void validation() {
        assertThrows(IllegalArgumentException.class, () -> Normal.of(0, 0));
        assertThrows(IllegalArgumentException.class, () -> Uniform.of(1, 0));
        assertThrows(IllegalArgumentException.class, () -> TruncatedNormal.of(0, 1, 50, 60));
        assertThrows(IllegalArgumentException.class, () -> PointMass.of(Double.NaN));
    }
}
