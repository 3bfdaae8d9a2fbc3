package dev.initlab.stats;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.initlab.dist.Normal;
import dev.initlab.dist.Uniform;
import dev.initlab.fill.ScalarEngine;
import dev.initlab.init.Catalog;
import dev.initlab.init.Fans;
import dev.initlab.init.Initializer;
import dev.initlab.init.Layout;
import dev.initlab.init.Params;
import dev.initlab.io.MarkedNames;
import dev.initlab.tensor.Dtype;
import dev.initlab.tensor.Shape;
import dev.initlab.random.PhiloxStream;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * Unit tests of the battery's checks. Tests that run the battery on correct output are statistical:
 * they use family-wise alpha {@link #ALPHA} per run with fixed seeds derived from the master seed;
 * {@link #NULL_RUNS} such runs here bound this class's false-failure probability by
 * NULL_RUNS * ALPHA = 1.2e-5 (union bound).
 */
class BatteryTest {
    static final double ALPHA = 1e-6;
    static final int NULL_RUNS = 12;
    static final long SEED = StatSeeds.master();

    @org.junit.jupiter.api.AfterAll
    static void budget() {
        System.out.printf(java.util.Locale.ROOT, "[initlab] BatteryTest: %d battery runs on correct output at family-wise "
                + "alpha %.0e: false-failure probability <= %.2e (union bound)%n", NULL_RUNS, ALPHA, NULL_RUNS * ALPHA);
    }

    static Sample fill(String scheme, Params p, Shape shape, long stream) {
        Initializer init = Catalog.of(scheme, p, Layout.TORCH);
        Fans fans = init.needsFans() ? Fans.of(shape, Layout.TORCH) : null;
        return Sample.of(init.fill32(shape, fans, PhiloxStream.of(SEED, stream), ScalarEngine.instance()), shape);
    }

    static Claim claim(String scheme, Params p, Shape shape) {
        return Claim.of(scheme, p, Layout.TORCH, shape, null);
    }

    @Test
    void correctOutputPassesForEachFamily() {
        Battery b = Battery.of(ALPHA);
        Shape s = Shape.of(256, 300);
        int runs = 0;
        for (String scheme : List.of("glorot_uniform", "xavier_normal", "he_normal", "orthogonal", "sparse",
                "identity", "zeros")) {
            Params p = scheme.equals("sparse") ? Params.empty().with("sparsity", 0.2) : Params.empty();
            HolmFamily r = b.run(claim(scheme, p, s), fill(scheme, p, s, 3));
            runs++;
            assertTrue(r.passed(), scheme + " (seed " + SEED + "):\n" + r);
            assertTrue(r.results().stream().allMatch(c -> c.verdict().startsWith("ok: ")));
        }
        assertTrue(runs <= NULL_RUNS);
    }

    @Test
    void smallSamplesRunWithoutSpuriousChecks() {
        Shape s = Shape.of(10, 10);
        HolmFamily r = Battery.of(ALPHA).run(claim("he_uniform", Params.empty(), s), fill("he_uniform", Params.empty(), s, 4));
        assertTrue(r.passed(), r.toString());
        assertTrue(r.results().stream().anyMatch(c -> c.name().equals("ks")));
        assertFalse(r.results().stream().anyMatch(c -> c.name().equals("row_corr")), "rows of 10 are too short");
    }

    @Test
    void coarseTypesUseTheirRoundingCells() {
        // N(0, 0.05^2) rounded to bfloat16 and float16: the plain PIT would reject at this n, the randomized one must not
        Shape s = Shape.of(200_000);
        Sample f32 = fill("normal", Params.empty().with("std", 0.05), s, 5);
        for (Dtype d : List.of(Dtype.BFLOAT16, Dtype.FLOAT16)) {
            double[] v = f32.values().clone();
            for (int i = 0; i < v.length; i++) {
                v[i] = d.round(v[i]);
            }
            HolmFamily r = Battery.of(ALPHA).run(Claim.iid(Normal.of(0, 0.05), s), Sample.of(v, s, d));
            assertTrue(r.passed(), d + ":\n" + r);
        }
    }

    @Test
    void subsamplingIsReported() {
        Shape s = Shape.of(300, 200);
        HolmFamily r = Battery.of(ALPHA).withSubsampleCap(10_000)
                .run(claim("lecun_normal", Params.empty(), s), fill("lecun_normal", Params.empty(), s, 6));
        assertTrue(r.passed(), r.toString());
        assertTrue(r.notes().stream().anyMatch(n -> n.contains("subsample of 10000 of 60000")), r.notes().toString());
    }

    @Test
    void infinitiesFailTheFiniteCheck() {
        Shape s = Shape.of(1000);
        Sample x = fill("normal", Params.empty(), s, 7);
        x.values()[17] = Double.NEGATIVE_INFINITY;
        HolmFamily r = Battery.of(0.001).run(Claim.iid(Normal.of(0, 1), s), x);
        assertTrue(r.failed("finite"));
        String v = r.failures().get(0).verdict();
        assertTrue(v.contains("1 -inf") && v.contains("index 17") && v.contains("log(0)"), v);
        assertTrue(r.notes().get(0).contains("999 finite values"));
    }

    @Test
    void supportAllowsOneUlpOfTheBoundAndNoMore() {
        Shape s = Shape.of(1000);
        Sample x = fill("uniform", Params.empty().with("low", -0.3).with("high", 0.3), s, 8);
        Claim c = Claim.iid(Uniform.of(-0.3, 0.3), s);
        x.values()[0] = (float) 0.3; // (float) 0.3 > 0.3: the bound's own rounding is allowed
        assertFalse(Battery.of(0.001).run(c, x).failed("support"));
        x.values()[0] = Math.nextUp(Math.nextUp((float) 0.3)); // more than one float32 ulp beyond the bound
        assertTrue(Battery.of(0.001).run(c, x).failed("support"));
        x.values()[0] = 0.3 * 1.001;
        HolmFamily r = Battery.of(0.001).run(c, x);
        assertTrue(r.failed("support"), r.toString());
    }

    @Test
    void rangeCatchesAShortUniformLimitAndSaysSo() {
        Shape s = Shape.of(100_000);
        Sample x = fill("uniform", Params.empty().with("low", -0.99).with("high", 0.99), s, 9);
        HolmFamily r = Battery.of(ALPHA).run(Claim.iid(Uniform.symmetric(1), s), x);
        assertTrue(r.failed("range"), r.toString());
        String v = r.failures().stream().filter(c -> c.name().equals("range")).findFirst().orElseThrow().verdict();
        assertTrue(v.contains("uniform limit too short (by 1.00%)"), v);
    }

    @Test
    void varianceHintsNameTheMistake() {
        Shape s = Shape.of(256, 784);
        Claim glorot = claim("glorot_normal", Params.empty(), s);
        assertEquals("looks like variance 1/(fan_in+fan_out) instead of variance 2/(fan_in+fan_out)",
                Hints.varianceHint(glorot, 0.5, 0.001));
        double lecun = (1.0 / 784) / (2.0 / (784 + 256));
        assertTrue(Hints.varianceHint(glorot, lecun, 0.001).contains("variance 1/fan_in (LeCun)"));
        Claim he = claim("he_normal", Params.empty(), s);
        assertEquals("variance ratio = fan_in/fan_out (784/256): fans swapped?", Hints.varianceHint(he, 784.0 / 256, 0.01));
        Claim heU = claim("he_uniform", Params.empty(), s);
        assertTrue(Hints.varianceHint(heU, 0.5, 0.001).contains("U(+-sqrt(3/fan_in)) instead of U(+-sqrt(6/fan_in))"));
        assertTrue(Hints.varianceHint(glorot, 0.7737, 0.001).contains("without the 0.8796 rescale"));
        assertEquals("", Hints.varianceHint(glorot, 0.9, 0.001));
        Shape conv = Shape.of(64, 32, 3, 3);
        Claim torchConv = Claim.of("he_normal", Params.empty(), Layout.TORCH, conv, null);
        double kerasFanIn = Fans.of(conv, Layout.KERAS).fanIn();
        double ratio = Fans.of(conv, Layout.TORCH).fanIn() / kerasFanIn;
        String hint = Hints.varianceHint(torchConv, ratio, 0.001);
        assertTrue(MarkedNames.plain(hint).endsWith("): wrong layout?"), hint);
        assertTrue(MarkedNames.render(hint, n -> "--" + n).endsWith("): wrong --layout?"), hint);
    }

    @Test
    void exactStructureFindsAPerturbedElement() {
        Shape s = Shape.of(40, 30);
        Sample x = fill("identity", Params.empty(), s, 0);
        x.values()[31] = 1e-7;
        HolmFamily r = Battery.of(0.001).run(claim("identity", Params.empty(), s), x);
        assertTrue(r.failed("exact_structure"));
        assertTrue(r.failures().get(0).verdict().contains("first at index 31"), r.toString());
    }

    @Test
    void identicalTensorsFailStreamChecks() {
        Shape s = Shape.of(100, 100);
        Sample a = fill("glorot_uniform", Params.empty(), s, 1);
        Sample b = fill("glorot_uniform", Params.empty(), s, 2);
        assertTrue(Battery.of(ALPHA).independence(a, b).passed());
        HolmFamily same = Battery.of(ALPHA).independence(a, a);
        assertTrue(same.failed("equal_elements") && same.failed("cross_corr") && same.failed("shared_pairs"),
                same.toString());
        // a stream reused at an offset of 1000 elements
        double[] shifted = new double[9000];
        System.arraycopy(a.values(), 1000, shifted, 0, 9000);
        HolmFamily off = Battery.of(ALPHA).independence(a, Sample.of(shifted, Shape.of(9000), Dtype.FLOAT32));
        assertTrue(off.failed("shared_pairs") && !off.failed("equal_elements"), off.toString());
    }
}
