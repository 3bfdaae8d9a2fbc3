package dev.initlab.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.initlab.model.Checkpoint;
import dev.initlab.model.InitSpec;
import dev.initlab.stats.CheckpointVerifier;
import dev.initlab.tensor.Dtype;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Issue #9: dtypes are {@link Dtype} values from the command line to the checkpoint writer and verifier, and
 * option spelling lives in the CLI: the library says {@code spec}, the CLI {@code --spec}.
 */
class DtypeAndSpellingTest {
    static final Path MODELS = Path.of("src", "test", "resources", "models");

    @Test
    void initRefusesANonFloatDtypeAndABadShardSizeInOneLineWithoutWriting(@TempDir Path dir) {
        Path out = dir.resolve("m.safetensors");
        CliRun.Result r = CliRun.run("init", "--model", "gpt2-small", "--spec", "gpt2", "--out", out.toString(),
                "--dtype", "int64");
        assertEquals(2, r.code(), r.err());
        assertEquals("initlab init: error: --dtype must be float32, float64, float16 or bfloat16, got int64",
                r.err().strip());
        r = CliRun.run("init", "--model", "gpt2-small", "--spec", "gpt2", "--out", out.toString(),
                "--max-shard-size", "0.1");
        assertEquals(2, r.code(), r.err());
        assertTrue(r.err().contains("--max-shard-size must be a positive size such as 5GB"), r.err());
        assertFalse(Files.exists(out));
    }

    @Test
    void shardSizes() {
        assertEquals(5_000_000_000L, InitCommand.parseSize("5GB"));
        assertEquals(65536, InitCommand.parseSize("64KiB"));
        assertEquals(1048576, InitCommand.parseSize("1048576"));
        assertThrows(IllegalArgumentException.class, () -> InitCommand.parseSize("NaN"));
        assertThrows(IllegalArgumentException.class, () -> InitCommand.parseSize("-1MB"));
    }

    @Test
    void theLibrarySaysSpecAndTheCliSaysDashDashSpec(@TempDir Path dir) {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> InitSpec.load(dir.resolve("none.spec").toString()));
        assertTrue(e.getMessage().startsWith("spec " + dir.resolve("none.spec") + ": neither a built-in spec"),
                e.getMessage());
        CliRun.Result r = CliRun.run("verify", dir.resolve("model.safetensors").toString(), "--spec",
                dir.resolve("none.spec").toString());
        assertEquals(2, r.code(), r.err());
        assertTrue(r.err().contains(": --spec " + dir.resolve("none.spec") + ": neither a built-in spec"), r.err());
    }

    @Test
    void benchAndExperimentErrorsAreJavaNamesInTheLibraryAndOptionsOnTheCommandLine() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> dev.initlab.bench.BenchRunner.parseParams("engine"));
        assertTrue(e.getMessage().startsWith("param wants NAME=V1,V2"), e.getMessage());
        e = assertThrows(IllegalArgumentException.class, () -> new dev.initlab.experiment.Options(false, 1, Path.of("x"),
                Path.of("x"), 0, 1, null));
        assertTrue(e.getMessage().startsWith("seeds must be at least 2"), e.getMessage());
        e = assertThrows(IllegalArgumentException.class, () -> new dev.initlab.experiment.Options(false, 0, Path.of("x"),
                Path.of("x"), -1, 1, null));
        assertTrue(e.getMessage().startsWith("threads must be >= 0"), e.getMessage());
        String[][] argv = {{"bench", "--forks", "0"}, {"bench", "--param", "engine"},
            {"experiment", "linear9", "--seeds", "1"}};
        String[] said = {"--forks must be between 1 and 20", "--param wants NAME=V1,V2", "--seeds must be at least 2"};
        for (int i = 0; i < argv.length; i++) {
            CliRun.Result r = CliRun.run(argv[i]);
            assertEquals(2, r.code(), r.err());
            assertTrue(r.err().contains(": error: " + said[i]), r.err());
        }
    }

    @Test
    void checkpointResultsCarryTypedDtypesAndPrintLabels() throws IOException {
        CheckpointVerifier.CheckpointResult r = CheckpointVerifier.verify(Checkpoint.open(MODELS.resolve("torch_default.safetensors")),
                InitSpec.load("torch-default"), CheckpointVerifier.CheckpointOptions.defaults());
        CheckpointVerifier.TensorResult steps = r.tensors().stream()
                .filter(t -> t.name().endsWith("num_batches_tracked")).findFirst().orElseThrow();
        assertEquals(Dtype.INT64, steps.dtype());
        assertEquals(Dtype.FLOAT32, r.tensors().get(0).dtype());
        CliRun.Result csv = CliRun.run("verify", MODELS.resolve("torch_default.safetensors").toString(), "--spec",
                "torch-default", "--format", "csv");
        assertEquals(0, csv.code(), csv.err());
        assertTrue(csv.out().lines().anyMatch(l -> l.contains("num_batches_tracked,scalar,int64,")), csv.out());
    }
}
