package dev.initlab.init;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.initlab.dist.Distribution;
import dev.initlab.dist.HaarEntry;
import dev.initlab.dist.Normal;
import dev.initlab.dist.TruncatedNormal;
import dev.initlab.dist.Uniform;
import dev.initlab.fill.ScalarEngine;
import dev.initlab.random.PhiloxStream;
import dev.initlab.tensor.Shape;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** Each formula against a hand-computed value. */
class CatalogTest {
    private static final Shape DENSE_KERAS = Shape.of(784, 300);
    private static final Fans F784_300 = Fans.explicit(784, 300);

    private static Distribution law(String name, Map<String, String> p, Fans f) {
        return Catalog.of(name, Params.of(p), Layout.TORCH).distribution(DENSE_KERAS, f);
    }

    private static double upper(Distribution d) {
        return d.upper();
    }

    @Test
    void glorotUniform784x300() {
        Distribution d = law("glorot_uniform", Map.of(), F784_300);
        assertTrue(d instanceof Uniform);
        assertEquals(Math.sqrt(6.0 / 1084), upper(d), 1e-15);
        assertEquals(0.07439795259651642, upper(d), 1e-16); // python3: math.sqrt(6/1084)
        assertEquals(2.0 / 1084, d.variance(), 1e-17);
    }

    @Test
    void kerasNormalPresetsAreTruncatedWithTheRescale() {
        Distribution d = law("glorot_normal", Map.of(), F784_300);
        assertTrue(d instanceof TruncatedNormal);
        TruncatedNormal t = (TruncatedNormal) d;
        assertEquals(Math.sqrt(2.0 / 1084) / 0.87962566103423978, t.sigma(), 1e-15);
        assertEquals(-2 * t.sigma(), t.a(), 1e-15);
        // the rescale makes the truncated variance equal the target 2/(fan_in+fan_out)
        assertEquals(2.0 / 1084, t.variance(), 1e-9 * 2.0 / 1084);
        assertEquals(2.0 / 784, law("he_normal", Map.of(), F784_300).variance(), 1e-9);
        assertEquals(1.0 / 784, law("lecun_normal", Map.of(), F784_300).variance(), 1e-9);
        assertEquals(Math.sqrt(6.0 / 784), upper(law("he_uniform", Map.of(), F784_300)), 1e-15);
        assertEquals(Math.sqrt(3.0 / 784), upper(law("lecun_uniform", Map.of(), F784_300)), 1e-15);
    }

    @Test
    void uniformAndNormalPresetsHaveEqualVariance() {
        for (String[] pair : new String[][] {{"glorot_uniform", "glorot_normal"}, {"he_uniform", "he_normal"},
            {"lecun_uniform", "lecun_normal"}, {"xavier_uniform", "xavier_normal"},
            {"kaiming_uniform", "kaiming_normal"}}) {
            double vu = law(pair[0], Map.of(), F784_300).variance();
            double vn = law(pair[1], Map.of(), F784_300).variance();
            assertEquals(vu, vn, 1e-9 * vu, pair[0] + " vs " + pair[1]);
        }
    }

    @Test
    void torchXavierAndKaiming() {
        Distribution xn = law("xavier_normal", Map.of("gain", "1.6666666666666667"), F784_300);
        assertTrue(xn instanceof Normal);
        assertEquals(5.0 / 3 * Math.sqrt(2.0 / 1084), xn.std(), 1e-15);
        assertEquals(Math.sqrt(6.0 / 1084), upper(law("xavier_uniform", Map.of(), F784_300)), 1e-15);
        // kaiming_normal relu fan_out on conv (128, 64, 3, 3): std = sqrt(2)/sqrt(128*9)
        Shape conv = Shape.of(128, 64, 3, 3);
        Distribution kn = Catalog.of("kaiming_normal", Params.of(Map.of("mode", "fan_out", "nonlinearity", "relu")),
                Layout.TORCH).distribution(conv, Fans.of(conv, Layout.TORCH));
        assertEquals(Math.sqrt(2) / Math.sqrt(1152), kn.std(), 1e-15);
        // torch defaults: kaiming_uniform(a=0, leaky_relu) -> gain sqrt(2): bound sqrt(6/fan_in)
        assertEquals(Math.sqrt(6.0 / 784), upper(law("kaiming_uniform", Map.of(), F784_300)), 1e-15);
        // leaky_relu with a = 0.2: gain sqrt(2/1.04)
        assertEquals(Math.sqrt(2 / 1.04) * Math.sqrt(3.0 / 784),
                upper(law("kaiming_uniform", Map.of("a", "0.2"), F784_300)), 1e-15);
        // kaiming with selu: 3/4
        assertEquals(0.75 / Math.sqrt(784),
                law("kaiming_normal", Map.of("nonlinearity", "selu"), F784_300).std(), 1e-15);
    }

    @Test
    void torchDefaultsAreOneOverSqrtFanIn() {
        assertEquals(1.0 / 28, upper(law("torch_default", Map.of(), F784_300)), 1e-15);
        assertEquals(1.0 / 28, upper(law("torch_bias_default", Map.of(), F784_300)), 1e-15);
    }

    @Test
    void gains() {
        assertEquals(1.0, Gain.of("sigmoid", null));
        assertEquals(5.0 / 3, Gain.of("tanh", null));
        assertEquals(Math.sqrt(2), Gain.of("relu", null));
        assertEquals(Math.sqrt(2 / (1 + 1e-4)), Gain.of("leaky_relu", null));
        assertEquals(0.75, Gain.of("selu", null));
        assertEquals(1.0, Gain.of("conv_transpose2d", null));
        assertThrows(IllegalArgumentException.class, () -> Gain.of("swish", null));
    }

    @Test
    void varianceScalingGeneral() {
        Distribution d = law("variance_scaling", Map.of("scale", "2", "mode", "fan_avg", "distribution", "uniform"),
                F784_300);
        assertEquals(Math.sqrt(3 * 2 / 542.0), upper(d), 1e-15);
        Distribution n = law("variance_scaling", Map.of("distribution", "untruncated_normal"), F784_300);
        assertEquals(1 / Math.sqrt(784), n.std(), 1e-15);
    }

    @Test
    void orthogonalIsOrthogonalWithGain() {
        for (Shape s : new Shape[] {Shape.of(7, 5), Shape.of(5, 7), Shape.of(6, 6), Shape.of(4, 2, 3)}) {
            Orthogonal o = Orthogonal.of(2.0, Layout.TORCH);
            double[] m = o.fill64(s, null, PhiloxStream.of(1, 2), ScalarEngine.instance());
            long[] rc = o.flatten(s);
            int r = (int) rc[0];
            int c = (int) rc[1];
            boolean tall = r >= c;
            int n = Math.min(r, c);
            for (int i = 0; i < n; i++) {
                for (int j = 0; j < n; j++) {
                    double dot = 0;
                    for (int k = 0; k < Math.max(r, c); k++) {
                        dot += tall ? m[k * c + i] * m[k * c + j] : m[i * c + k] * m[j * c + k];
                    }
                    assertEquals(i == j ? 4.0 : 0.0, dot, 1e-12, s + " (" + i + "," + j + ")");
                }
            }
            assertTrue(o.distribution(s, null) instanceof HaarEntry);
        }
        // keras flattening: cols = last dim
        assertArrayEquals(new long[] {24, 5}, Orthogonal.of(1, Layout.KERAS).flatten(Shape.of(2, 3, 4, 5)));
        assertArrayEquals(new long[] {2, 60}, Orthogonal.of(1, Layout.TORCH).flatten(Shape.of(2, 3, 4, 5)));
    }

    @Test
    void identityAndDirac() {
        float[] eye = Catalog.of("eye").fill32(Shape.of(2, 3), null, PhiloxStream.of(0, 0), ScalarEngine.instance());
        assertArrayEquals(new float[] {1, 0, 0, 0, 1, 0}, eye);
        // torch dirac_ on (4, 2, 3): out 4, in 2, groups 1: [d, d, 1] = 1 for d < 2
        float[] dirac = Catalog.of("dirac").fill32(Shape.of(4, 2, 3), null, PhiloxStream.of(0, 0),
                ScalarEngine.instance());
        float[] want = new float[24];
        want[0 * 6 + 0 * 3 + 1] = 1;
        want[1 * 6 + 1 * 3 + 1] = 1;
        assertArrayEquals(want, dirac);
        // groups=2 on (4, 2, 3): out per group 2, min(2, 2) = 2: rows g*2+d, channel d
        float[] dg = Catalog.of("dirac", Params.of(Map.of("groups", "2")), Layout.TORCH)
                .fill32(Shape.of(4, 2, 3), null, PhiloxStream.of(0, 0), ScalarEngine.instance());
        float[] want2 = want.clone();
        want2[2 * 6 + 0 * 3 + 1] = 1;
        want2[3 * 6 + 1 * 3 + 1] = 1;
        assertArrayEquals(want2, dg);
        assertThrows(IllegalArgumentException.class, () -> Catalog.of("dirac").distribution(Shape.of(4, 4), null));
    }

    @Test
    void sparseHasExactZerosPerColumn() {
        Shape s = Shape.of(10, 6);
        Initializer sp = Catalog.of("sparse", Params.of(Map.of("sparsity", "0.25")), Layout.TORCH);
        float[] w = sp.fill32(s, null, PhiloxStream.of(3, 0), ScalarEngine.instance());
        for (int c = 0; c < 6; c++) {
            int zeros = 0;
            for (int r = 0; r < 10; r++) {
                if (w[r * 6 + c] == 0f) {
                    zeros++;
                }
            }
            assertEquals(3, zeros, "column " + c); // ceil(0.25 * 10)
        }
        assertEquals(0.7 * 1e-4, sp.distribution(s, null).variance(), 1e-15);
    }

    @Test
    void everyEntryConstructsWithDefaultsOrSaysWhatIsMissing() {
        for (Catalog.SchemeEntry e : Catalog.entries()) {
            if (e.name().equals("constant") || e.name().equals("sparse")) {
                IllegalArgumentException ex = assertThrows(IllegalArgumentException.class, () -> Catalog.of(e.name()));
                assertTrue(ex.getMessage().startsWith("missing "), ex.getMessage());
            } else {
                assertEquals(e.name(), Catalog.of(e.name()).name());
            }
        }
    }

    @Test
    void userErrors() {
        assertThrows(IllegalArgumentException.class, () -> Catalog.of("glorot_unifrom"));
        IllegalArgumentException lsuv = assertThrows(IllegalArgumentException.class, () -> Catalog.of("lsuv"));
        assertTrue(lsuv.getMessage().contains("experiment"));
        IllegalArgumentException extra = assertThrows(IllegalArgumentException.class,
                () -> Catalog.of("glorot_uniform", Params.of(Map.of("gain", "2")), Layout.TORCH));
        assertEquals("scheme glorot_uniform does not take gain", extra.getMessage());
        // the library speaks Java names; a front end renders them in its own spelling
        assertEquals("scheme glorot_uniform does not take --gain",
                ((ParameterException) extra).message(k -> "--" + k.replace('_', '-')));
        assertThrows(IllegalArgumentException.class,
                () -> Catalog.of("xavier_normal", Params.of(Map.of("gain", "-1")), Layout.TORCH));
        assertThrows(IllegalArgumentException.class,
                () -> Catalog.of("xavier_normal", Params.of(Map.of("gain", "NaN")), Layout.TORCH));
        assertThrows(IllegalArgumentException.class,
                () -> Catalog.of("normal", Params.of(Map.of("std", "0")), Layout.TORCH));
        assertThrows(IllegalArgumentException.class,
                () -> Catalog.of("uniform", Params.of(Map.of("low", "1", "high", "1")), Layout.TORCH));
        assertThrows(IllegalArgumentException.class,
                () -> Catalog.of("kaiming_normal", Params.of(Map.of("a", "0.1", "nonlinearity", "relu")),
                        Layout.TORCH));
        // aliases
        assertEquals("xavier_uniform", Catalog.of("xavier_uniform_").name());
        assertEquals("torch_default", Catalog.of("pytorch-default").name());
    }
}
