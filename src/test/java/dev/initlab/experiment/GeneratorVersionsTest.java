package dev.initlab.experiment;

import static org.junit.jupiter.api.Assertions.assertEquals;

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
}
