package dev.initlab.model;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.initlab.stats.CheckpointVerifier.Status;
import dev.initlab.stats.CheckpointVerifier.TensorResult;
import dev.initlab.stats.CheckpointVerifier;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Checkpoints made by real PyTorch 1.13 ({@code src/test/resources/models/make_fixtures.py}; the
 * files are committed, so no PyTorch is needed here) verified against the built-in specs at the
 * default family-wise alpha 0.001. The data are fixed files, so these verdicts are deterministic:
 * a correct file here failed with probability at most 0.001 when it was generated, and then
 * always would; the wrong files fail by margins (z &gt; 50, range p ~ 1e-60) far beyond any alpha.
 */
class ModelFixturesTest {
    static final Path MODELS = CheckpointTest.MODELS;
    static final Set<String> C_PROJ = Set.of("h.0.attn.c_proj.weight", "h.0.mlp.c_proj.weight",
            "h.1.attn.c_proj.weight", "h.1.mlp.c_proj.weight");

    @TempDir
    Path dir;

    static CheckpointVerifier.CheckpointResult verify(String file, String spec) {
        return CheckpointVerifier.verify(Checkpoint.open(MODELS.resolve(file)), InitSpec.load(spec),
                CheckpointVerifier.CheckpointOptions.defaults());
    }

    static Set<String> failed(CheckpointVerifier.CheckpointResult r) {
        Set<String> s = new TreeSet<>();
        r.tensors().stream().filter(t -> t.status() == Status.FAIL).forEach(t -> s.add(t.name()));
        return s;
    }

    @Test
    void torchDefaultStateDictPassesAsAWhole() {
        CheckpointVerifier.CheckpointResult r = verify("torch_default.safetensors", "torch-default");
        assertTrue(r.passed(), () -> r.report().failures().toString());
        assertEquals(15, r.count(Status.PASS));
        assertEquals(1, r.count(Status.NOT_FLOAT), "num_batches_tracked is int64");
        assertEquals(0, r.count(Status.UNCHECKED));
        TensorResult bias = r.tensors().stream().filter(t -> t.name().equals("deconv.bias")).findFirst().orElseThrow();
        assertTrue(bias.law().contains("fan_in 1024"), "ConvTranspose bias takes the weight's fan_in: " + bias.law());
        assertTrue(bias.notes().contains("fans from deconv.weight 32x64x4x4"), bias.notes().toString());
        TensorResult g = r.tensors().stream().filter(t -> t.name().equals("gconv.bias")).findFirst().orElseThrow();
        assertTrue(g.law().contains("fan_in 144"), "grouped conv: fan_in = in/groups * k*k: " + g.law());
    }

    @Test
    void wrongFanInBiasFailsOnThatTensorOnly() {
        CheckpointVerifier.CheckpointResult r = verify("torch_default_wrong_bias.safetensors", "torch-default");
        assertEquals(Set.of("fc.bias"), failed(r));
        assertTrue(r.pairFailures().isEmpty());
        TensorResult b = r.tensors().stream().filter(t -> t.name().equals("fc.bias")).findFirst().orElseThrow();
        assertTrue(b.detail().contains("FAIL"), b.detail());
    }

    @Test
    void tinyGpt2PassesAsOneFileAndSharded() {
        for (String f : List.of("tiny_gpt2.safetensors", "tiny_gpt2_sharded/model.safetensors.index.json",
                "tiny_gpt2_sharded")) {
            CheckpointVerifier.CheckpointResult r = verify(f, "gpt2");
            assertTrue(r.passed(), () -> f + ": " + r.report().failures());
            assertEquals(28, r.count(Status.PASS), f);
            assertTrue(r.notes().contains("n_layer = 2 (h.N / layers.N blocks in the checkpoint)"), r.notes().toString());
        }
    }

    @Test
    void withoutCprojScalingExactlyTheCprojTensorsFail() {
        CheckpointVerifier.CheckpointResult r = verify("tiny_gpt2_noscale.safetensors", "gpt2");
        assertEquals(C_PROJ, failed(r));
        // and under torch-default names alone, the same GPT-2 is (rightly) not a torch default model
        assertTrue(!verify("tiny_gpt2.safetensors", "torch-default").passed());
    }

    @Test
    void cliExitCodesAndFormats() throws IOException {
        var ok = CheckpointTest.cli("verify", MODELS.resolve("tiny_gpt2.safetensors").toString(), "--spec", "gpt2");
        assertEquals(0, ok.code(), ok.err());
        assertTrue(ok.out().contains("28 tensors: 28 pass, 0 FAIL"), ok.out());
        assertTrue(ok.out().lines().anyMatch(l -> l.startsWith("pass") && l.contains("h.1.mlp.c_proj.weight")
                && l.contains("256x64") && l.contains("float32") && l.contains("builtin:gpt2:12")
                && l.contains("N(0, 0.01^2)") && l.contains("worst: ")), ok.out());
        var bad = CheckpointTest.cli("verify", MODELS.resolve("torch_default_wrong_bias.safetensors").toString(),
                "--spec", "torch-default", "--format", "json");
        assertEquals(1, bad.code());
        JsonNode doc = new ObjectMapper().readTree(bad.out());
        assertEquals(false, doc.get("passed").asBoolean());
        int fails = 0;
        for (JsonNode t : doc.get("tensors")) {
            if (t.get("verdict").asText().equals("FAIL")) {
                fails++;
                assertEquals("fc.bias", t.get("tensor").asText());
            }
        }
        assertEquals(1, fails);
        var csv = CheckpointTest.cli("verify", MODELS.resolve("torch_default.npz").toString(), "--spec",
                "torch-default", "--format", "csv");
        assertEquals(0, csv.code(), csv.err());
        assertEquals("tensor,shape,dtype,rule,law,verdict,worst_check,detail,checks,notes", csv.out().lines().findFirst()
                .orElseThrow());
        assertEquals(4, csv.out().lines().count());
    }

    @Test
    void strictUncheckedAndWarnings() throws IOException {
        Path spec = dir.resolve("partial.spec");
        Files.writeString(spec, "# only the linear layer\nfc.weight torch_default\nfc.bias torch_bias_default\n"
                + "nothing.* zeros\n");
        String f = MODELS.resolve("torch_default.safetensors").toString();
        var r = CheckpointTest.cli("verify", f, "--spec", spec.toString());
        assertEquals(0, r.code(), r.out() + r.err());
        assertTrue(r.out().contains("2 pass, 0 FAIL, 13 unchecked"), r.out());
        assertTrue(r.err().contains("warning: rule " + spec + ":4 (nothing.* zeros) matches no tensor"), r.err());
        var strict = CheckpointTest.cli("verify", f, "--spec", spec.toString(), "--strict");
        assertEquals(1, strict.code());
        Files.writeString(spec, "fc.weight torch_default\nfc.bias torch_bias_default --gain 2\n");
        var broken = CheckpointTest.cli("verify", f, "--spec", spec.toString());
        assertEquals(2, broken.code());
        assertEquals("initlab verify: error: " + spec + ":2: scheme torch_bias_default does not take --gain",
                broken.err().strip());
        var both = CheckpointTest.cli("verify", f, "--spec", "gpt2", "--scheme", "normal");
        assertEquals(2, both.code());
    }

    @Test
    void smallTensorsGetExactChecksOnlyAndSayWhich() throws IOException {
        Path spec = dir.resolve("s.spec");
        Files.writeString(spec, "*.weight normal --std 0.02 --min-ndim 2\n*.weight ones\n*.bias zeros\n");
        Path tiny = dir.resolve("tiny.safetensors");
        dev.initlab.io.Safetensors.write(tiny, List.of(dev.initlab.io.LoadedTensor.ofFloats("a.weight",
                new long[] {4, 4}, new float[] {0.01f, -0.02f, 0.03f, 0.0f, 0.015f, -0.01f, 0.02f, -0.03f, 0.005f,
                    -0.005f, 0.012f, -0.018f, 0.022f, -0.001f, 0.007f, -0.011f})));
        CheckpointVerifier.CheckpointResult t = CheckpointVerifier.verify(Checkpoint.open(tiny), InitSpec.load(spec.toString()),
                CheckpointVerifier.CheckpointOptions.defaults());
        assertEquals(0, t.report().statisticalChecks());
        assertTrue(t.tensors().get(0).notes().stream().anyMatch(n -> n.startsWith("16 elements: exact checks only (dropped ")
                && n.contains("mean") && n.contains("variance")), t.tensors().get(0).notes().toString());
    }
}
