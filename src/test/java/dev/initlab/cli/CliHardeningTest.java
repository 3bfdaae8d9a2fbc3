package dev.initlab.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.initlab.init.Catalog;
import dev.initlab.init.Layout;
import dev.initlab.io.LoadedTensor;
import dev.initlab.io.Safetensors;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** What a new user found on the command line: each case once ran with a silently wrong meaning. */
class CliHardeningTest {
    @TempDir
    Path dir;

    private static CliRun.Result run(String... argv) {
        return FillCommandTest.run(argv);
    }

    private void assertUsage(CliRun.Result r, String fragment) {
        assertEquals(2, r.code(), r.out() + r.err());
        assertTrue(r.err().contains(fragment), r.err());
        assertEquals(1, r.err().strip().lines().count(), "one line: " + r.err());
    }

    @Test
    void strayWordsAndShortOptionsAreRefused() {
        String out = dir.resolve("w.npy").toString();
        assertUsage(run("fill", "--scheme", "uniform", "--shape", "4", "--out", out, "-s", "3"),
                "unknown option '-s': options are spelled --name (e.g. --s)");
        assertUsage(run("fill", "--scheme", "uniform", "--shape", "4", "--out", out, "extra"),
                "unexpected argument 'extra'");
        assertFalse(Files.exists(Path.of(out)));
    }

    @Test
    void nearMissesGetADidYouMean() {
        String out = dir.resolve("w.npy").toString();
        assertUsage(run("fill", "--scheme", "glorot_unifrom", "--shape", "4x4", "--out", out),
                "unknown scheme 'glorot_unifrom' (did you mean glorot_uniform?)");
        assertUsage(run("fill", "--scheme", "uniform", "--shape", "4", "--out", out, "--sead", "3"),
                "unknown option --sead (did you mean --seed?)");
        assertUsage(run("fill", "--scheme", "uniform", "--shape", "4", "--out", out, "--hihg", "3"),
                "does not take --hihg (did you mean --high?)");
        assertUsage(run("verify", out, "--scheme", "uniform", "--tenosr", "x"),
                "unknown option --tenosr (did you mean --tensor?)");
    }

    @Test
    void threadsAndSeedsOutOfRangeAreRefused() {
        String out = dir.resolve("w.npy").toString();
        assertUsage(run("fill", "--scheme", "uniform", "--shape", "4", "--out", out, "--threads", "0"),
                "--threads must be at least 1, got 0");
        assertUsage(run("fill", "--scheme", "uniform", "--shape", "4", "--out", out, "--threads", "-1"),
                "--threads must be at least 1, got -1");
        assertUsage(run("fill", "--scheme", "uniform", "--shape", "4", "--out", out, "--seed", "-5"),
                "--seed must be between 0 and 2^64-1");
        assertEquals(0, run("fill", "--scheme", "uniform", "--shape", "4", "--out", out, "--seed",
                "18446744073709551615").code());
    }

    @Test
    void nanIsWordedTheSameForEveryNumericOption() {
        String out = dir.resolve("w.npy").toString();
        for (String[] opt : List.of(new String[] {"xavier_uniform", "--gain", "NaN"},
                new String[] {"kaiming_uniform", "--a", "nan"}, new String[] {"uniform", "--high", "inf"},
                new String[] {"normal", "--std", "-Infinity"})) {
            CliRun.Result r = run("fill", "--scheme", opt[0], "--shape", "4x4", "--out", out, opt[1], opt[2]);
            assertUsage(r, opt[1] + " must be a finite number, got '" + opt[2] + "'");
        }
        assertUsage(run("verify", out, "--scheme", "uniform", "--alpha", "nan"), "--alpha must be a finite number");
    }

    @Test
    void kerasClassNamesResolveWithKerasDefaultsAndTheKerasLayout() {
        assertEquals("glorot_uniform", Catalog.entry("GlorotUniform").name());
        assertEquals("he_normal", Catalog.entry("HeNormal").name());
        assertEquals("lecun_uniform", Catalog.entry("LecunUniform").name());
        assertEquals("variance_scaling", Catalog.entry("VarianceScaling").name());
        assertEquals("random_normal", Catalog.entry("RandomNormal").name());
        assertEquals("random_uniform", Catalog.entry("RandomUniform").name());
        assertEquals("keras_truncated_normal", Catalog.entry("TruncatedNormal").name());
        assertEquals("orthogonal", Catalog.entry("Orthogonal").name());
        // Keras' defaults: RandomNormal stddev 0.05, RandomUniform +-0.05, TruncatedNormal stddev 0.05 cut at 2 sd
        assertTrue(Catalog.of("random_normal").formula().contains("0.05"), Catalog.of("random_normal").formula());
        assertEquals("U(-0.05, 0.05)", Catalog.of("RandomUniform").formula());
        assertTrue(Catalog.of("TruncatedNormal").formula().contains("[-0.1, 0.1]"),
                Catalog.of("TruncatedNormal").formula());
        assertEquals(Layout.KERAS, Catalog.defaultLayout("he_normal"));
        assertEquals(Layout.TORCH, Catalog.defaultLayout("kaiming_normal"));
    }

    @Test
    void aKerasSpelledSchemeReadsAKerasKernelsFansAndSaysSo() throws Exception {
        // a 3x3x64x128 he_normal kernel: fan_in 576 in the keras layout (it got 24576 in the torch layout)
        Path out = dir.resolve("k.npy");
        CliRun.Result r = run("fill", "--scheme", "he_normal", "--shape", "3x3x64x128", "--out", out.toString());
        assertEquals(0, r.code(), r.err());
        assertTrue(r.err().contains("fan_in 576, fan_out 1152"), r.err());
        assertTrue(r.err().contains("note: he_normal is a Keras spelling"), r.err());
        CliRun.Result t = run("fill", "--scheme", "he_normal", "--shape", "128x64x3x3", "--layout", "torch",
                "--out", out.toString());
        assertEquals(0, t.code(), t.err());
        assertTrue(t.err().contains("fan_in 576"), t.err());
        assertFalse(t.err().contains("Keras spelling"), t.err());
    }

    @Test
    void aZeroSizeTensorInAManyTensorFileIsSkippedByName() throws Exception {
        Path f = dir.resolve("m.safetensors");
        Safetensors.write(f, List.of(LoadedTensor.ofFloats("a", new long[] {8, 8}, new float[64]),
                LoadedTensor.ofFloats("empty", new long[] {0, 4}, new float[0]),
                LoadedTensor.ofFloats("b", new long[] {8, 8}, new float[64])));
        CliRun.Result r = run("verify", f.toString(), "--scheme", "zeros");
        assertEquals(0, r.code(), r.out() + r.err());
        assertTrue(r.err().contains("skipped tensor 'empty' 0x4 has no elements"), r.err());
    }

    @Test
    void progressIsAnOptionOfFillAndVerify() throws Exception {
        Path out = dir.resolve("z.npy");
        assertEquals(0, run("fill", "--scheme", "zeros", "--shape", "4x4", "--out", out.toString(), "--progress").code());
        CliRun.Result r = run("verify", out.toString(), "--scheme", "zeros", "--progress");
        assertEquals(0, r.code(), r.out() + r.err());
    }

    @Test
    void versionSaysVersionCommitJdkAndVectorShape() {
        CliRun.Result r = run("--version");
        assertEquals(0, r.code(), r.err());
        assertTrue(r.out().startsWith("initlab "), r.out());
        assertTrue(r.out().contains("JDK " + Runtime.version().feature()), r.out());
        assertTrue(r.out().contains("vector"), r.out());
        assertTrue(r.out().contains("generator"), r.out());
        assertTrue(r.out().contains("transforms version " + dev.initlab.random.PhiloxStream.GENERATOR_VERSION), r.out());
    }

    @Test
    void helpTextsCarryNoInternalWording() {
        for (Command c : Main.commands().values()) {
            String h = c.help().toLowerCase(java.util.Locale.ROOT);
            for (String bad : List.of("issue", "ticket", "todo", "fixme")) {
                assertFalse(h.contains(bad), c.name() + " --help says '" + bad + "'");
            }
        }
    }
}
