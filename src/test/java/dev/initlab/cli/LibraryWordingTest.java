package dev.initlab.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.initlab.bench.Compare;
import dev.initlab.bench.JmhFixture;
import dev.initlab.bench.JmhJson;
import dev.initlab.bench.JmhResult;
import dev.initlab.experiment.nn.Mnist;
import dev.initlab.init.Engine;
import dev.initlab.init.Initializers;
import dev.initlab.init.Layout;
import dev.initlab.init.Parameters;
import dev.initlab.init.TensorInitializer;
import dev.initlab.io.InputException;
import dev.initlab.io.RawFloats;
import dev.initlab.io.TensorFiles;
import dev.initlab.stats.CheckResult;
import dev.initlab.stats.Verification;
import dev.initlab.stats.VerificationResult;
import dev.initlab.tensor.Shape;
import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Issue #9: flag spelling lives in {@code cli} only. Each library message that tells the caller what to give
 * names the parameter by its Java name; the command line prints the same message with the option. Every
 * message is checked in both spellings: the library's text has no {@code --}, the CLI's has the flag.
 */
class LibraryWordingTest {
    @TempDir
    Path dir;

    private static void javaNamesOnly(String message) {
        assertFalse(message.contains("--"), message);
        assertFalse(message.chars().anyMatch(c -> c >= 0xE000 && c <= 0xF8FF), "no marks leak: " + message);
    }

    @Test
    void rawFloatsNeedAShape() {
        Path x = dir.resolve("x.bin");
        RawFloats.writeFloat32(x, new float[] {1, 2, 3});
        InputException e = assertThrows(InputException.class, () -> TensorFiles.read(x, null, null, null));
        javaNamesOnly(e.getMessage());
        assertTrue(e.getMessage().endsWith("give shape (and dtype) to read raw floats"), e.getMessage());
        CliRun.Result r = CliRun.run("verify", x.toString(), "--scheme", "uniform");
        assertEquals(2, r.code(), r.err());
        assertTrue(r.err().strip().endsWith("give --shape (and --dtype) to read raw floats"), r.err());
    }

    @Test
    void wrongLayoutHint() {
        // a torch conv weight (64x32x3x3) drawn with Keras' fans: variance 288/6144 of the claim
        Shape conv = Shape.of(64, 32, 3, 3);
        TensorInitializer keras = Initializers.of("he_normal", Parameters.none()).withLayout(Layout.KERAS)
                .withEngine(Engine.scalar());
        float[] w = keras.fill(new float[conv.count()], conv, 7L, 0L);
        TensorInitializer torch = Initializers.of("he_normal", Parameters.none()).withLayout(Layout.TORCH);
        VerificationResult v = Verification.of(torch, conv).withAlpha(0.001).check(w);
        CheckResult variance = v.failures().stream().filter(c -> c.verdict().contains("layout's fans"))
                .findFirst().orElseThrow(() -> new AssertionError(v.checks().toString()));
        javaNamesOnly(variance.verdict());
        assertTrue(variance.verdict().contains("matches the keras layout's fans"), variance.verdict());
        assertTrue(variance.verdict().endsWith("wrong layout?"), variance.verdict());
        assertTrue(variance.verdict(OptionSpelling::option).endsWith("wrong --layout?"));

        Path file = dir.resolve("conv.npy");
        CliRun.Result fill = CliRun.run("fill", "--scheme", "he_normal", "--shape", "64x32x3x3", "--layout", "keras",
                "--seed", "7", "--out", file.toString());
        assertEquals(0, fill.code(), fill.err());
        Path csv = dir.resolve("checks.csv");
        CliRun.Result r = CliRun.run("verify", file.toString(), "--scheme", "he_normal", "--layout", "torch", "--csv",
                csv.toString());
        assertEquals(1, r.code(), r.err());
        assertTrue(r.out().contains("wrong --layout?"), r.out());
        assertFalse(r.out().contains("wrong layout?"), r.out());
        assertTrue(dev.initlab.io.CsvTables.read(csv, VerifyCommand.VerifyCsvRow.class).stream()
                .anyMatch(row -> row.verdict().endsWith("wrong --layout?")), "the CLI's CSV spells the option too");
    }

    @Test
    void exactStructureHint() {
        // a normal 8x8 matrix claimed to be the identity: the exact-structure check fails and points at the layout
        Shape square = Shape.of(8, 8);
        float[] w = Initializers.of("normal", Parameters.none()).withEngine(Engine.scalar())
                .fill(new float[square.count()], square, 5L, 0L);
        VerificationResult v = Verification.of(Initializers.of("eye", Parameters.none()), square).check(w);
        CheckResult exact = v.failures().stream().filter(c -> c.name().equals("exact_structure")).findFirst()
                .orElseThrow(() -> new AssertionError(v.checks().toString()));
        javaNamesOnly(exact.verdict());
        assertTrue(exact.verdict().endsWith("; wrong positions or values; another layout or groups?"), exact.verdict());
        assertTrue(exact.verdict(OptionSpelling::option).endsWith("; another --layout or groups?"));

        Path file = dir.resolve("square.npy");
        CliRun.Result fill = CliRun.run("fill", "--scheme", "normal", "--shape", "8x8", "--seed", "5", "--out",
                file.toString());
        assertEquals(0, fill.code(), fill.err());
        CliRun.Result r = CliRun.run("verify", file.toString(), "--scheme", "eye");
        assertEquals(1, r.code(), r.err());
        assertTrue(r.out().contains("another --layout or groups?"), r.out());
    }

    @Test
    void mnistFolder() {
        Path none = dir.resolve("no-mnist");
        InputException e = assertThrows(InputException.class, () -> Mnist.load(none));
        javaNamesOnly(e.getMessage().replace("-Dinitlab.mnist", ""));
        assertTrue(e.getMessage().contains("(give the folder as mnist, or -Dinitlab.mnist=DIR in tests)"),
                e.getMessage());
        assertTrue(OptionSpelling.message(e).contains("(give the folder as --mnist, or -Dinitlab.mnist=DIR in tests)"),
                OptionSpelling.message(e));
    }

    @Test
    void compareSuggestsAbsoluteScores() throws IOException {
        JmhFixture base = new JmhFixture().thrpt("x.Bench.fill", Map.of("size", "4Ki"), 1000, 10);
        JmhFixture cur = new JmhFixture().thrpt("x.Bench.fill", Map.of("size", "4Ki"), 990, 10);
        List<JmhResult> b = JmhJson.parse(base.json(), "base");
        List<JmhResult> c = JmhJson.parse(cur.json(), "cur");
        String library = Compare.of(b, c, 0.05, false).summary();
        javaNamesOnly(library);
        assertTrue(library.contains("or judge absolute scores (absolute, on a quiet dedicated machine only)"), library);
        Path bf = base.write(dir.resolve("base.json"));
        Path cf = cur.write(dir.resolve("cur.json"));
        CliRun.Result r = CliRun.run("compare", bf.toString(), cf.toString());
        assertEquals(0, r.code(), r.err());
        assertTrue(r.err().contains("or judge absolute scores (--absolute, on a quiet dedicated machine only)"), r.err());
        CliRun.Result bad = CliRun.run("compare", bf.toString(), cf.toString(), "--format", "xml");
        assertEquals(2, bad.code(), bad.err());
        assertTrue(bad.err().contains("error: --format must be table, csv or md, got 'xml'"), bad.err());
    }
}
