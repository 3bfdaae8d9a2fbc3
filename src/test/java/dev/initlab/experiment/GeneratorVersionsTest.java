package dev.initlab.experiment;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.initlab.random.PhiloxStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The per-study generator-version record that {@code --reuse} consults. */
class GeneratorVersionsTest {
    @Test
    void recordedStudiesReadBackAsThisBuildOthersAsVersionOne(@TempDir Path dir) throws Exception {
        assertEquals(1, Experiments.writtenVersion(dir, "mnist"), "no record: tables predate versions");
        Files.writeString(dir.resolve(Experiments.VERSIONS_FILE), "study,generator_version\nmnist,1\nsaxe,1\n");
        Experiments.recordVersion(dir, List.of("mnist"));
        assertEquals(PhiloxStream.GENERATOR_VERSION, Experiments.writtenVersion(dir, "mnist"));
        assertEquals(1, Experiments.writtenVersion(dir, "saxe"), "other studies keep their record");
        assertEquals(1, Experiments.writtenVersion(dir, "lsuv"));
    }

    @Test
    void keepingRunsRefusesAnotherVersionOnlyWhenThereAreRunsToKeep(@TempDir Path dir) throws Exception {
        Files.writeString(dir.resolve(Experiments.VERSIONS_FILE), "study,generator_version\nlsuv,1\nmnist,1\n");
        Experiments.Context c = new Experiments.Context(new Options(false, 0, dir, dir, 1, Options.DEFAULT_SEED, null));
        // lsuv's thin deep arm has not run here: nothing of version 1 would be mixed in
        c.keepWrittenRuns("lsuv");
        Files.writeString(dir.resolve(LsuvExperiment.DEEP_RUNS), "depth\n");
        Files.writeString(dir.resolve("mnist_runs.csv"), "depth\n");
        for (String study : List.of("lsuv", "mnist")) {
            var e = assertThrows(dev.initlab.init.ParameterException.class, () -> c.keepWrittenRuns(study));
            assertTrue(e.getMessage().contains("generator version 1"), e.getMessage());
        }
    }
}
