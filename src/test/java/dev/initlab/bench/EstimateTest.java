package dev.initlab.bench;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

class EstimateTest {
    @Test
    void ratioIsTheQuotientOfIntervalEnds() {
        // 10 +- 1 over 4 +- 0.5: by hand 10/4 = 2.5, 9/4.5 = 2, 11/3.5 = 3.142857...
        Estimate r = Estimate.ratio(Estimate.of(10, 1), Estimate.of(4, 0.5));
        assertEquals(2.5, r.value(), 1e-15);
        assertEquals(2.0, r.lo(), 1e-15);
        assertEquals(11 / 3.5, r.hi(), 1e-15);
    }

    @Test
    void negativeLowerEndsAreClippedAtZero() {
        // JMH writes lower ends below 0 when the error exceeds the score (seen in jmh-real-thrpt.json)
        Estimate r = Estimate.ratio(Estimate.of(5, 7), Estimate.of(2, 3));
        assertEquals(2.5, r.value(), 1e-15);
        assertEquals(0.0, r.lo());
        assertEquals(Double.POSITIVE_INFINITY, r.hi());
    }

    @Test
    void noIntervalWhenEitherSideHasNone() {
        assertFalse(Estimate.ratio(Estimate.of(10, 1), Estimate.of(4, Double.NaN)).hasInterval());
        assertFalse(Estimate.of(3, Double.NaN).hasInterval());
    }

    @Test
    void reciprocalAndScaleMapTheInterval() {
        Estimate ns = Estimate.of(2e9, 5e8).reciprocal().times(1e9); // samples/s -> ns/sample
        assertEquals(0.5, ns.value(), 1e-15);
        assertEquals(1e9 / 2.5e9, ns.lo(), 1e-15);
        assertEquals(1e9 / 1.5e9, ns.hi(), 1e-15);
        assertTrue(Estimate.of(1, 2).reciprocal().hi() == Double.POSITIVE_INFINITY);
    }

    @Test
    void rejectsNonsense() {
        assertThrows(IllegalArgumentException.class, () -> Estimate.point(Double.NaN));
        assertThrows(IllegalArgumentException.class, () -> Estimate.of(1, -1));
        assertThrows(IllegalArgumentException.class, () -> new Estimate(1, 2, 3));
        assertThrows(IllegalArgumentException.class, () -> Estimate.ratio(Estimate.point(1), Estimate.point(0)));
    }
}
