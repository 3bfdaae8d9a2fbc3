package dev.initlab.stats;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.initlab.init.FanMode;
import dev.initlab.init.Initializers;
import dev.initlab.init.Parameters;
import dev.initlab.tensor.Shape;
import dev.initlab.init.TensorInitializer;
import org.junit.jupiter.api.Test;

/**
 * Verification as a call: the right scheme passes and a wrong one is rejected, at a stated alpha (0.001)
 * on fills with fixed seeds (documented here, never re-picked), so the verdicts are deterministic.
 */
class VerificationTest {
    private static final double ALPHA = 0.001;
    private static final long SEED = 20261202L;

    @Test
    void theRightSchemePassesAndTheResultCarriesTheFamily() {
        TensorInitializer glorot = Initializers.of("glorot_uniform");
        Shape shape = Shape.of(300, 200);
        float[] w = glorot.fill(new float[shape.count()], shape, SEED, 0);
        VerificationResult r = Verification.of(glorot, shape).withAlpha(ALPHA).check(w);
        assertTrue(r.passed(), r.checks().toString());
        assertEquals("PASS", r.verdict());
        assertEquals(ALPHA, r.alpha());
        long statistical = r.checks().stream().filter(c -> c.alpha() > 0).count();
        assertEquals(statistical, r.familySize());
        assertEquals(r.checks().size() - statistical, r.exactChecks());
        assertTrue(r.familySize() >= 5, "" + r.familySize());
        assertTrue(r.checks().stream().allMatch(c -> c.alpha() <= ALPHA && c.pValue() >= 0 && c.pValue() <= 1));
        assertTrue(r.summary().startsWith("family-wise alpha 0.001 over " + r.familySize() + " statistical checks"));
        assertEquals(1, r.claims().size());
        assertTrue(r.claims().get(0).startsWith("tensor 300x200 float32: glorot_uniform on 300x200"), r.claims().get(0));

        double[] w64 = glorot.fill(new double[shape.count()], shape, SEED, 1);
        assertTrue(Verification.of(glorot, shape).withAlpha(ALPHA).check(w64).passed());
    }

    @Test
    void aWrongSchemeIsRejected() {
        Shape shape = Shape.of(64, 3, 7, 7);
        TensorInitializer fanOut = Initializers.of("kaiming_normal",
                Parameters.none().mode(FanMode.FAN_OUT).nonlinearity("relu"));
        TensorInitializer fanIn = Initializers.of("kaiming_normal", Parameters.none().nonlinearity("relu"));
        float[] w = fanOut.fill(new float[shape.count()], shape, SEED, 0);
        assertTrue(Verification.of(fanOut, shape).withAlpha(ALPHA).check(w).passed());
        VerificationResult wrong = Verification.of(fanIn, shape).withAlpha(ALPHA).check(w);
        assertFalse(wrong.passed());
        assertTrue(wrong.verdict().startsWith("FAIL: "), wrong.verdict());
        assertFalse(wrong.failures().isEmpty());

        // he_uniform weights claimed as glorot_uniform (variance 2/fan_in against 2/(fan_in+fan_out))
        Shape dense = Shape.of(300, 200);
        float[] he = Initializers.of("he_uniform").fill(new float[dense.count()], dense, SEED, 0);
        assertFalse(Verification.of(Initializers.of("glorot_uniform"), dense).withAlpha(ALPHA).check(he).passed());
    }

    @Test
    void badInputIsRefused() {
        TensorInitializer glorot = Initializers.of("glorot_uniform");
        Verification v = Verification.of(glorot, Shape.of(20, 30));
        assertEquals("shape 20x30 needs 600 values, got 599",
                assertThrows(IllegalArgumentException.class, () -> v.check(new float[599])).getMessage());
        assertEquals("alpha must be in (0, 1), got 1.5",
                assertThrows(IllegalArgumentException.class, () -> v.withAlpha(1.5)).getMessage());
        assertThrows(IllegalArgumentException.class, () -> Verification.of(Initializers.of("kaiming_uniform"),
                Shape.of(10)));
    }

    @Test
    void aFamilyOfTensorsSharesOneAlphaAndChecksDistinctStreams() {
        TensorInitializer glorot = Initializers.of("glorot_uniform");
        Shape shape = Shape.of(100, 80);
        VerificationFamily family = VerificationFamily.of(glorot, ALPHA, Battery.DEFAULT_SUBSAMPLE_CAP);
        float[] a = glorot.fill(new float[shape.count()], shape, SEED, 0);
        float[] sameStream = glorot.fill(new float[shape.count()], shape, SEED, 0);
        family.add("a", family.claim(shape), Sample.of(a, shape));
        family.add("b", family.claim(shape), Sample.of(sameStream, shape));
        VerificationResult r = family.result();
        assertFalse(r.passed(), "two tensors from one stream are not independent");
        assertTrue(r.failures().stream().anyMatch(c -> c.subject().contains("a") && c.subject().contains("b")),
                r.failures().toString());
    }
}
