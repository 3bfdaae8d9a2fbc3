package dev.initlab.stats;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.initlab.dist.Normal;
import dev.initlab.dist.PointMass;
import dev.initlab.dist.Uniform;
import org.junit.jupiter.api.Test;

class PowerTest {
    @Test
    void supDistance() {
        assertEquals(0, Power.supDistance(Normal.of(0, 1), Normal.of(0, 1)), 0);
        // U(0, 0.99) vs U(0, 1): largest gap at x = 0.99, 1 - 0.99 = 0.01
        assertEquals(0.01, Power.supDistance(Uniform.of(0, 0.99), Uniform.of(0, 1)), 1e-6);
        // a point mass at 0 vs N(0,1): jump of 1 at 0 against 0.5
        assertEquals(0.5, Power.supDistance(PointMass.of(0), Normal.of(0, 1)), 1e-9);
    }

    @Test
    void ksBoundGrowsWithNAndVanishesForTheClaimItself() {
        assertEquals(0, Power.ks(Normal.of(0, 1), Normal.of(0, 1), 1_000_000, 1e-6, 0), 0);
        double small = Power.ks(Normal.of(0, 1.05), Normal.of(0, 1), 2_000, 1e-6, 0);
        double large = Power.ks(Normal.of(0, 1.05), Normal.of(0, 1), 200_000, 1e-6, 0);
        assertEquals(0, small, 0);
        assertTrue(large > 0.999, "power " + large);
    }
}
