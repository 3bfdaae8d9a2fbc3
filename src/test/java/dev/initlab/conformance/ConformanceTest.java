package dev.initlab.conformance;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.initlab.dist.Normal;
import dev.initlab.dist.Uniform;
import dev.initlab.tensor.Shape;
import dev.initlab.io.CsvTables;
import dev.initlab.stats.Claim;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import java.util.stream.Collectors;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The committed framework fixtures give the committed verdicts: a change to the battery (or to a
 * law, fan rule or reader) that changes any cell of the conformance table fails here and has to
 * update {@code expected_verdicts.csv} on purpose. The study runs once at its documented level
 * (alpha 0.001 per framework family); the fixtures are fixed files, so the outcome is
 * deterministic, and the statistical false-alarm rate applies to the published table, not to this
 * test.
 */
class ConformanceTest {
    static final Path FIXTURES = Path.of("conformance/fixtures");
    static final Path EXPECTED = Path.of("src/test/resources/conformance/expected_verdicts.csv");

    /** One expected row. */
    public record Expected(String id, String verdict, String worst_check) {
    }

    static ConformanceStudy.StudyResult result;

    @BeforeAll
    static void runStudy() {
        result = ConformanceStudy.run(FIXTURES, ConformanceStudy.DEFAULT_ALPHA, line -> System.out.println("[initlab] " + line));
    }

    @Test
    void everyRowHasItsCommittedVerdict() {
        List<Expected> expected = CsvTables.read(EXPECTED, Expected.class);
        Map<String, ConformanceStudy.FixtureResult> byId = result.rows().stream()
                .collect(Collectors.toMap(ConformanceStudy.FixtureResult::id, Function.identity()));
        assertEquals(expected.size(), result.rows().size(), "number of rows");
        List<String> diffs = new ArrayList<>();
        for (Expected e : expected) {
            ConformanceStudy.FixtureResult r = byId.get(e.id());
            if (r == null) {
                diffs.add(e.id() + ": missing");
            } else if (!r.verdict().equals(e.verdict())) {
                diffs.add(e.id() + " " + r.initializer() + " " + r.shape() + ": " + r.verdict() + " (expected "
                        + e.verdict() + "; worst " + r.worst_check() + ": " + r.hint() + ")");
            } else if (r.deviates() && !r.worst_check().equals(e.worst_check())) {
                diffs.add(e.id() + ": worst check " + r.worst_check() + " (expected " + e.worst_check() + ")");
            }
        }
        assertTrue(diffs.isEmpty(), String.join("\n", diffs));
    }

    @Test
    void everyRowCitesItsSourceAndVersion() {
        for (ConformanceStudy.FixtureResult r : result.rows()) {
            assertFalse(r.claimed_law().isBlank(), r.id());
            assertFalse(r.version().isBlank(), r.id());
            assertTrue(r.reference().matches(".*\\d+\\.\\d+.*") && (r.reference().contains("http")
                    || r.reference().contains(".ts") || r.reference().contains(".py") || r.reference().contains(".java")),
                    r.id() + ": " + r.reference());
            if (r.verdict().equals("raises")) {
                assertFalse(r.hint().isBlank(), r.id() + " raised without the framework's message");
            }
        }
    }

    @Test
    void theThreeFrameworksAreEachOneHolmFamily() {
        assertEquals(List.of("deeplearning4j", "tensorflow.js", "pytorch"),
                result.families().stream().map(ConformanceStudy.FrameworkFamily::framework).toList());
        for (ConformanceStudy.FrameworkFamily f : result.families()) {
            assertTrue(f.statisticalChecks() > 500, f.toString());
            assertEquals(0.001, f.alpha());
        }
    }

    @Test
    void findingsPointTheRightWay() {
        // TF.js RandomUniform({minval: 0}): `minval || -0.05` turns 0 into the default
        ConformanceStudy.FixtureResult u = find("tensorflow.js", "randomUniform", "minval=0;maxval=1", "256x64", "doc");
        assertTrue(u.deviates() && u.worst_check().equals("support") && u.hint().contains("min -0.04"), u.toString());
        // TF.js varianceScaling({distribution: 'truncatedNormal'}) falls through to the uniform branch
        ConformanceStudy.FixtureResult vs = find("tensorflow.js", "varianceScaling", "distribution=truncatedNormal", "256x64", "doc");
        assertTrue(vs.deviates() && vs.hint().contains("looks like a uniform"), vs.toString());
        // TF.js glorotNormal follows its own doc (no 0.8796 rescale) but has 0.774x Keras' variance
        ConformanceStudy.FixtureResult gDoc = find("tensorflow.js", "glorotNormal", "", "1024x1024", "doc");
        ConformanceStudy.FixtureResult gKeras = find("tensorflow.js", "glorotNormal", "", "1024x1024", "cross-framework");
        assertFalse(gDoc.deviates(), gDoc.toString());
        assertTrue(gKeras.deviates() && Math.abs(gKeras.variance_ratio() - 0.7737) < 0.01, gKeras.toString());
        // PyTorch: the sparse_ docstring's N(0, 0.01) is 100x the variance drawn with std=0.01
        ConformanceStudy.FixtureResult sp = find("pytorch", "sparse_", "sparsity=0.1", "64x256", "doc-formula");
        assertTrue(sp.deviates() && Math.abs(sp.variance_ratio() - 0.01) < 0.001, sp.toString());
        // DL4J LECUN_UNIFORM draws U(+-3/sqrt(fanIn)) as documented: 3x Keras' lecun_uniform variance
        ConformanceStudy.FixtureResult lu = find("deeplearning4j", "LECUN_UNIFORM", "", "256x64", "cross-framework");
        assertTrue(lu.deviates() && Math.abs(lu.variance_ratio() - 3) < 0.15, lu.toString());
        // every PyTorch row under its own documentation conforms or raises as documented
        for (ConformanceStudy.FixtureResult r : result.of("pytorch")) {
            if (r.basis().equals("doc")) {
                assertFalse(r.deviates(), r.toString());
            }
        }
    }

    @Test
    void measuredFansSeparateTheFrameworkRules() {
        // transposed conv: PyTorch and TF.js use the output channels (fan_in 288), DL4J the input channels (144)
        FanTable.FanRow torch = fan("ConvTranspose2d 16 -> 32, 3x3", "pytorch");
        FanTable.FanRow dl4j = fan("ConvTranspose2d 16 -> 32, 3x3", "deeplearning4j");
        assertTrue(torch.ci_low() <= 288 && 288 <= torch.ci_high() && torch.ci_low() > 144, torch.toString());
        assertTrue(dl4j.ci_low() <= 144 && 144 <= dl4j.ci_high() && dl4j.ci_high() < 288, dl4j.toString());
        // depthwise: Keras-style fan_in 288 vs PyTorch's 9
        FanTable.FanRow tfjs = fan("Depthwise 3x3 on 32 channels", "tensorflow.js");
        FanTable.FanRow pt = fan("Depthwise 3x3 on 32 channels", "pytorch");
        assertTrue(tfjs.ci_low() > 100 && pt.ci_high() < 20, tfjs + " / " + pt);
        // TF.js' rank-1 rule: sqrt(64) = 8, not Keras' 64
        FanTable.FanRow bias = fan("Bias (64,)", "tensorflow.js");
        assertTrue(bias.ci_low() <= 8 && 8 <= bias.ci_high() && bias.ci_high() < 64, bias.toString());
        assertEquals("288/144", torch.pytorch_rule());
        assertEquals("144/288", torch.jax_rule());
    }

    @Test
    void claimsAreReadThroughTheCatalog() {
        FixtureRow r = new FixtureRow("x-1", "pytorch", "v", "f", "", "dense_oi", "64x256", "x.npy", "kaiming_normal",
                "mode=fan_out;nonlinearity=relu", "torch", "N(0, 2/fan_out)", "ref", "doc", "");
        Claim c = ConformanceStudy.claim(r, Shape.of(64, 256));
        assertEquals(64, c.fans().fanOut());
        assertEquals(2.0 / 64, c.law().variance(), 1e-15);
        FixtureRow e = new FixtureRow("x-2", "tensorflow.js", "v", "f", "", "bias", "64", "x.npy", "variance_scaling",
                "scale=2;mode=fan_in;distribution=uniform", "8/8", "U", "ref", "doc", "");
        assertEquals(2.0 / 8, ConformanceStudy.claim(e, Shape.of(64)).law().variance(), 1e-15);
        FixtureRow bad = new FixtureRow("x-3", "pytorch", "v", "f", "", "s", "4x4", "x.npy", "kaiming_normal", "", "",
                "", "", "doc", "");
        assertThrows(IllegalArgumentException.class, () -> ConformanceStudy.claim(bad, Shape.of(4, 4)));
        assertThrows(IllegalArgumentException.class, () -> ConformanceStudy.params("novalue"));
        assertEquals(Map.of("a", "1", "b", "x"), ConformanceStudy.params(" a=1; b = x"));
    }

    @Test
    void detectableChangeShrinksLikeOneOverSqrtN() {
        double d1 = ConformanceStudy.detectable(Normal.of(0, 1), 10_000, 0.001, 100);
        double d4 = ConformanceStudy.detectable(Normal.of(0, 1), 40_000, 0.001, 100);
        assertEquals(2.0, d1 / d4, 1e-9);
        // uniform (kurtosis 1.8) needs fewer values than normal (kurtosis 3)
        assertTrue(ConformanceStudy.detectable(Uniform.symmetric(1), 10_000, 0.001, 100) < d1);
        assertTrue(Double.isNaN(ConformanceStudy.detectable(Normal.of(0, 1), 10_000, 0.001, 0)));
    }

    private static ConformanceStudy.FixtureResult find(String fw, String init, String params, String shape, String basis) {
        return result.of(fw).stream().filter(r -> r.initializer().equals(init) && r.parameters().equals(params)
                        && r.shape().equals(shape) && r.basis().equals(basis)).findFirst()
                .orElseThrow(() -> new AssertionError("no row " + fw + " " + init + " " + params + " " + shape));
    }

    private static FanTable.FanRow fan(String layer, String fw) {
        return result.fans().stream().filter(f -> f.layer().equals(layer) && f.framework().equals(fw)).findFirst()
                .orElseThrow(() -> new AssertionError("no fan row " + layer + " " + fw));
    }
}
