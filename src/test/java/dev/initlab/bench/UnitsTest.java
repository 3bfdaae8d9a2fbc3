package dev.initlab.bench;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

class UnitsTest {
    @Test
    void counts() {
        assertEquals(4096, Units.parseCount("4Ki").getAsLong());
        assertEquals(262144, Units.parseCount("256ki").getAsLong());
        assertEquals(16L << 20, Units.parseCount("16Mi").getAsLong());
        assertEquals(1_000_000, Units.parseCount("1M").getAsLong());
        assertEquals(123, Units.parseCount(" 123 ").getAsLong());
        assertTrue(Units.parseCount("normal").isEmpty());
        assertTrue(Units.parseCount("99999999999Gi").isEmpty());
        assertEquals("16Mi", Units.formatCount(16L << 20));
        assertEquals("1000", Units.formatCount(1000));
    }

    @Test
    void scoreUnits() {
        assertEquals(1.0, Units.rateOrTime("ops/s").getAsDouble());
        assertEquals(1e3, Units.rateOrTime("ops/ms").getAsDouble(), 1e-9);
        assertEquals(1e6, Units.rateOrTime("ops/us").getAsDouble(), 1e-6);
        assertEquals(-1e-9, Units.rateOrTime("ns/op").getAsDouble(), 1e-24);
        assertEquals(-60, Units.rateOrTime("min/op").getAsDouble());
        assertTrue(Units.rateOrTime("B/op").isEmpty());
        assertTrue(Units.rateOrTime("ops").isEmpty());
    }
}
