package dev.initlab.stats;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.junit.jupiter.api.Test;

class HolmFamilyTest {
    private static Check t(String name, double p) {
        return Check.test("x", name, 0, p, name, "points somewhere");
    }

    @Test
    void holmStepsDownAndStops() {
        // sorted: 0.005 <= 0.05/4, 0.01 <= 0.05/3, 0.03 > 0.05/2 stops, 0.04 not rejected either
        HolmFamily r = HolmFamily.of(List.of(t("a", 0.01), t("b", 0.04), t("c", 0.03), t("d", 0.005)), 0.05, List.of());
        assertFalse(r.results().get(0).passed());
        assertTrue(r.results().get(1).passed());
        assertTrue(r.results().get(2).passed());
        assertFalse(r.results().get(3).passed());
        assertEquals(0.05 / 4, r.results().get(3).alpha(), 1e-15);
        assertEquals(0.05 / 3, r.results().get(0).alpha(), 1e-15);
        assertEquals(0.05 / 2, r.results().get(2).alpha(), 1e-15);
        assertEquals(0.05, r.results().get(1).alpha(), 1e-15);
        assertTrue(r.results().get(0).verdict().startsWith("FAIL: a; points somewhere"));
        assertEquals("family-wise alpha 0.05 over 4 statistical checks (Holm) + 0 exact checks", r.summary());
    }

    @Test
    void levelsPrintShort() {
        assertEquals("0.001", HolmFamily.fmt(0.001));
        assertEquals("0.05", HolmFamily.fmt(0.05));
        assertEquals("1e-6", HolmFamily.fmt(1e-6));
        assertEquals("2.5e-7", HolmFamily.fmt(2.5e-7));
        assertEquals("0.000333", HolmFamily.fmt(0.001 / 3));
    }

    @Test
    void exactChecksAreOutsideTheFamily() {
        HolmFamily r = HolmFamily.of(List.of(Check.exact("x", "finite", false, 3, "3 inf", "log(0)"), t("a", 0.2)), 0.05,
                List.of());
        assertEquals(1, r.statisticalChecks());
        assertEquals(1, r.exactChecks());
        assertFalse(r.passed());
        assertTrue(r.failed("finite"));
        assertFalse(r.failed("a"));
        assertEquals(0.05, r.results().get(1).alpha(), 0);
    }
}
