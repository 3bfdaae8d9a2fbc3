package dev.initlab.stats;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.initlab.dist.Normal;
import dev.initlab.dist.Uniform;
import dev.initlab.tensor.Shape;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Minimum detectable effects: closed forms, monotonicity in n, and the sentence verify prints. */
class DetectableTest {
    @Test
    void closedForms() {
        // (z_0.0005 + z_0.999) / sqrt(n) = (3.2905 + 3.0902) / 100
        assertEquals(0.063808, Detectable.meanShift(10_000, 0.001, 0.999), 1e-5);
        // DKW-Massart: 2 sqrt(ln 2000 / 2) / sqrt(n)
        assertEquals(2 * Math.sqrt(Math.log(2000) / 2) / 100, Detectable.ksDistance(10_000, 0.001, 0.999), 1e-12);
        double[] v = Detectable.varianceRatio(10_000, 3, 0.001, 0.999);
        double s = Math.sqrt(10_000 / 2.0);
        assertEquals((s + 3.2905) / (s - 3.0902), v[0], 1e-4);
        assertEquals((s - 3.2905) / (s + 3.0902), v[1], 1e-4);
        // small rho: about the mean-shift number
        assertEquals(Detectable.meanShift(10_000, 0.001, 0.999), Detectable.lag1(10_000, 0.001, 0.999), 1e-3);
    }

    @Test
    void effectsShrinkWithN() {
        List<Detectable.EffectRow> t = Detectable.table(0.001, 0.999);
        for (int i = 1; i < t.size(); i++) {
            assertTrue(t.get(i).mean_shift_sd() < t.get(i - 1).mean_shift_sd());
            assertTrue(t.get(i).variance_up() < t.get(i - 1).variance_up());
            assertTrue(t.get(i).ks_distance() < t.get(i - 1).ks_distance());
        }
        // a tail-mass ratio r beyond 2 sd at n = 1e6: the count moves by (r - 1) n p0, a few standard errors
        Detectable.EffectRow r = Detectable.row(1_000_000, 0.001, 0.999);
        assertTrue(r.tail2_ratio() > 1 && r.tail2_ratio() < 1.05, r.toString());
    }

    @Test
    void sentenceStatesTheUndetectableVariance() {
        String s = Detectable.sentence(9_408, Normal.of(0, 0.1), 0.001, 10);
        assertTrue(s.startsWith("power: at n = 9,408 (level 0.0001 per check, power 0.999) a variance off by less than "),
                s);
        double[] v = Detectable.varianceRatio(9_408, 3, 1e-4, 0.999);
        String pct = String.format(java.util.Locale.ROOT, "%.2g%%", 100 * Math.max(v[0] - 1, 1 - v[1]));
        assertTrue(s.contains(pct), s + " / " + pct);
        // lighter-tailed uniform: a smaller variance error is detectable at the same n
        double[] u = Detectable.varianceRatio(9_408, new Uniform(-1, 1).kurtosis(), 1e-4, 0.999);
        assertTrue(u[0] < v[0]);
        assertEquals("", Detectable.sentence(10, Normal.of(0, 1), 0.001, 10));
    }

    @Test
    void notesOnlyForIidTensors() {
        Claim c = Claim.iid(Normal.of(0, 1), Shape.of(100, 100));
        List<Check> checks = List.of(Check.test("w", "mean", 0, 0.5, "", ""), Check.exact("w", "finite", true, 0, "", ""));
        List<String> notes = Detectable.notes(List.of(new Detectable.CheckedTensor("w", 10_000, c)), checks, 0.001);
        assertEquals(1, notes.size());
        assertTrue(notes.get(0).startsWith("w: power: at n = 10,000 (level 0.001 per check"), notes.get(0));
    }
}
