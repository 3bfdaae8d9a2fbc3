package dev.initlab.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.initlab.fill.ScalarEngine;
import dev.initlab.init.Catalog;
import dev.initlab.init.Fans;
import dev.initlab.init.Initializer;
import dev.initlab.init.Layout;
import dev.initlab.init.Params;
import dev.initlab.tensor.Dtype;
import dev.initlab.tensor.Shape;
import dev.initlab.io.CsvTables;
import dev.initlab.io.LoadedTensor;
import dev.initlab.io.Npy;
import dev.initlab.io.RawFloats;
import dev.initlab.io.Safetensors;
import dev.initlab.random.PhiloxStream;
import dev.initlab.stats.StatSeeds;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code initlab verify} end to end. Runs on correct output use {@code --alpha 1e-6} (fixed seeds
 * from the master seed): {@link #NULL_RUNS} such runs add at most 1e-5 to the suite's false-failure
 * probability (union bound).
 */
class VerifyCommandTest {
    static final int NULL_RUNS = 12;
    static final long SEED = StatSeeds.master();
    static final Path FIXTURE = Path.of("src/test/resources/stats/xavier_half_variance_300x200.npy");

    @TempDir
    Path dir;

    @org.junit.jupiter.api.AfterAll
    static void budget() {
        System.out.printf(java.util.Locale.ROOT, "[initlab] VerifyCommandTest: %d verify runs on correct output at "
                + "family-wise alpha 1e-06: false-failure probability <= %.2e (union bound)%n", NULL_RUNS, NULL_RUNS * 1e-6);
    }

    record Run(int code, String out, String err) {
    }

    static Run verify(String... argv) {
        ByteArrayOutputStream o = new ByteArrayOutputStream();
        ByteArrayOutputStream e = new ByteArrayOutputStream();
        String[] all = new String[argv.length + 1];
        all[0] = "verify";
        System.arraycopy(argv, 0, all, 1, argv.length);
        int code = Main.run(all, new PrintStream(o, true, StandardCharsets.UTF_8), new PrintStream(e, true,
                StandardCharsets.UTF_8));
        return new Run(code, o.toString(StandardCharsets.UTF_8), e.toString(StandardCharsets.UTF_8));
    }

    private float[] fill(String scheme, Params p, Shape shape, Layout layout, long stream) {
        Initializer init = Catalog.of(scheme, p, layout);
        Fans fans = init.needsFans() ? Fans.of(shape, layout) : null;
        return init.fill32(shape, fans, PhiloxStream.of(SEED, stream), ScalarEngine.instance());
    }

    @Test
    void numpyXavierWithHalfTheVarianceIsRejectedAndTheVerdictSaysWhy() {
        for (String scheme : List.of("glorot_normal", "xavier_normal")) {
            Run r = verify(FIXTURE.toString(), "--scheme", scheme);
            assertEquals(1, r.code(), r.out() + r.err());
            assertTrue(r.out().contains("looks like variance 1/(fan_in+fan_out) instead of variance 2/(fan_in+fan_out)"),
                    r.out());
            assertTrue(r.out().contains("family-wise alpha 0.001 over"), r.out());
        }
        Run keras = verify(FIXTURE.toString(), "--scheme", "glorot_normal");
        assertTrue(keras.out().contains("FAIL support"), "an untruncated normal breaks Keras' +-2 std bound");
        assertTrue(keras.out().contains("looks like an untruncated normal"), keras.out());
    }

    @Test
    void numpyWrittenFloat16AndBfloat16WeightsPass() {
        // made by make_fixtures.py with NumPy's generator: Fortran-order float16 .npy, bfloat16 safetensors
        Run f16 = verify("src/test/resources/stats/glorot_uniform_f16_96x128.npy", "--scheme", "glorot_uniform",
                "--alpha", "1e-6");
        assertEquals(0, f16.code(), f16.out() + f16.err());
        assertTrue(f16.out().contains("96x128 float16"), f16.out());
        Run bf16 = verify("src/test/resources/stats/he_normal_bf16.safetensors", "--scheme", "he_normal", "--layout",
                "keras", "--alpha", "1e-6");
        assertEquals(0, bf16.code(), bf16.out() + bf16.err());
        assertTrue(bf16.out().contains("dense2.kernel 150x100 bfloat16"), bf16.out());
        assertTrue(bf16.out().contains("dense1.kernel vs dense2.kernel"), bf16.out());
    }

    @Test
    void fillOutputVerifiesCleanThroughTheCli() throws Exception {
        record Case(String scheme, Params p, Shape shape, Layout layout) {
        }
        List<Case> cases = List.of(
                new Case("glorot_uniform", Params.empty(), Shape.of(300, 200), Layout.TORCH),
                new Case("kaiming_normal", Params.empty().with("nonlinearity", "relu").with("mode", "fan_out"),
                        Shape.of(64, 32, 3, 3), Layout.TORCH),
                new Case("he_normal", Params.empty(), Shape.of(3, 3, 32, 64), Layout.KERAS),
                new Case("orthogonal", Params.empty().with("gain", 2), Shape.of(120, 90), Layout.JAX),
                new Case("sparse", Params.empty().with("sparsity", 0.25), Shape.of(200, 100), Layout.TORCH),
                new Case("identity", Params.empty(), Shape.of(50, 70), Layout.TORCH));
        for (Case c : cases) {
            Path f = dir.resolve(c.scheme() + ".npy");
            Npy.writeFloat32(f, c.shape().dims(), fill(c.scheme(), c.p(), c.shape(), c.layout(), 1));
            List<String> argv = new ArrayList<>(List.of(f.toString(), "--scheme", c.scheme(), "--layout",
                    c.layout().label(), "--alpha", "1e-6"));
            c.p().asMap().forEach((k, v) -> {
                argv.add("--" + k);
                argv.add(v);
            });
            Run r = verify(argv.toArray(String[]::new));
            assertEquals(0, r.code(), c + "\n" + r.out() + r.err());
            assertTrue(r.out().endsWith("PASS\n"), r.out());
        }
    }

    @Test
    void safetensorsCheckpointsAreCheckedTensorByTensorAndForDistinctStreams() {
        Shape s = Shape.of(128, 256);
        LoadedTensor a = LoadedTensor.ofFloats("layer1.weight", s.dims(), fill("glorot_uniform", Params.empty(), s,
                Layout.TORCH, 1));
        LoadedTensor b = LoadedTensor.ofFloats("layer2.weight", s.dims(), fill("glorot_uniform", Params.empty(), s,
                Layout.TORCH, 2));
        LoadedTensor bias = LoadedTensor.ofFloats("layer2.bias", new long[] {128}, new float[128]);
        Path good = dir.resolve("good.safetensors");
        Safetensors.write(good, List.of(a, b, bias));
        Run r = verify(good.toString(), "--scheme", "glorot_uniform", "--layout", "torch", "--alpha", "1e-6");
        assertEquals(0, r.code(), r.out() + r.err());
        assertTrue(r.out().contains("layer1.weight vs layer2.weight"), r.out());
        assertTrue(r.err().contains("skipped tensor 'layer2.bias'"), r.err());
        // the same stream used for both layers
        LoadedTensor copy = new LoadedTensor("layer2.weight", s.dims(), Dtype.FLOAT32, a.values());
        Path bad = dir.resolve("bad.safetensors");
        Safetensors.write(bad, List.of(a, copy));
        Run rb = verify(bad.toString(), "--scheme", "glorot_uniform", "--layout", "torch");
        assertEquals(1, rb.code(), rb.out());
        assertTrue(rb.out().contains("the same stream used twice?"), rb.out());
        Run one = verify(good.toString(), "--tensor", "layer2.weight", "--scheme", "glorot_uniform", "--layout", "torch",
                "--alpha", "1e-6");
        assertEquals(0, one.code(), one.out() + one.err());
        assertTrue(!one.out().contains("layer1.weight"), one.out());
    }

    @Test
    void rawFilesNeedAShapeAndResultsComeAsCsvAndJson() throws Exception {
        Shape s = Shape.of(256, 100);
        Path raw = dir.resolve("w.bin");
        RawFloats.writeFloat32(raw, fill("xavier_normal", Params.empty().with("gain", 2), s, Layout.TORCH, 3));
        Path csv = dir.resolve("out.csv");
        Run r = verify(raw.toString(), "--shape", "256x100", "--scheme", "xavier_normal", "--gain", "2", "--alpha", "1e-6",
                "--format", "json", "--csv", csv.toString());
        assertEquals(0, r.code(), r.out() + r.err());
        JsonNode doc = new ObjectMapper().readTree(r.out());
        assertTrue(doc.get("passed").asBoolean());
        assertTrue(doc.get("checks").size() >= 10);
        assertEquals("xavier_normal", doc.get("checks").get(0).get("scheme").asText());
        List<VerifyCommand.VerifyCsvRow> rows = CsvTables.read(csv, VerifyCommand.VerifyCsvRow.class);
        assertEquals(doc.get("checks").size(), rows.size());
        assertTrue(rows.stream().allMatch(VerifyCommand.VerifyCsvRow::passed));
        assertEquals("file,tensor,scheme,check,statistic,p_value,alpha,passed,verdict",
                Files.readAllLines(csv).get(0));
        Run c = verify(raw.toString(), "--shape", "256x100", "--scheme", "xavier_normal", "--gain", "2", "--alpha", "1e-6",
                "--format", "csv");
        assertEquals(0, c.code());
        assertTrue(c.out().startsWith("file,tensor,scheme,check,statistic,p_value,alpha,passed,verdict\n"), c.out());
    }

    @Test
    void badUsageAndUnreadableInputExitTwoWithOneLine() throws Exception {
        Path raw = dir.resolve("short.bin");
        Files.write(raw, new byte[10]);
        Path npy = dir.resolve("trunc.npy");
        byte[] full = Files.readAllBytes(FIXTURE);
        Files.write(npy, java.util.Arrays.copyOf(full, 1000));
        String[][] cases = {
            {FIXTURE.toString()},                                                   // no scheme
            {FIXTURE.toString(), "--scheme", "nope"},                               // unknown scheme
            {FIXTURE.toString(), "--scheme", "glorot_normal", "--gain", "2"},       // parameter the scheme does not take
            {FIXTURE.toString(), "--scheme", "xavier_normal", "--alpha", "2"},      // bad alpha
            {raw.toString(), "--scheme", "glorot_uniform"},                         // raw without shape
            {raw.toString(), "--scheme", "glorot_uniform", "--shape", "4x4"},       // size mismatch
            {npy.toString(), "--scheme", "glorot_uniform"},                         // truncated .npy
            {dir.resolve("missing.npy").toString(), "--scheme", "glorot_uniform"},  // missing file
            {FIXTURE.toString(), "--scheme", "glorot_uniform", "--fan-in", "3"},    // fan-in without fan-out
        };
        for (String[] c : cases) {
            Run r = verify(c);
            assertEquals(2, r.code(), String.join(" ", c) + "\n" + r.out() + r.err());
            assertEquals(1, r.err().strip().lines().count(), r.err());
            assertTrue(r.err().startsWith("initlab verify: error: "), r.err());
        }
        assertTrue(verify(FIXTURE.toString(), "--scheme", "glorot_normal", "--gain", "2").err()
                .contains("does not take --gain"));
    }
}
