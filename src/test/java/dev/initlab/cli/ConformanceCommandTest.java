package dev.initlab.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code initlab conformance} end to end on a two-row copy of the PyTorch fixtures. */
class ConformanceCommandTest {
    @TempDir
    Path dir;

    static CliRun.Result run(String... argv) {
        return CliRun.run(argv);
    }

    /** A fixtures root with one framework: the header, torch-000 (uniform_) and the sparse_ docstring row. */
    private Path smallFixtures() throws Exception {
        Path src = Path.of("conformance/fixtures/torch");
        Path fw = Files.createDirectories(dir.resolve("fixtures/torch"));
        List<String> lines = Files.readAllLines(src.resolve("manifest.csv"));
        List<String> keep = lines.stream().filter(l -> l.startsWith("id,") || l.startsWith("torch-000,")
                || l.startsWith("torch-106,")).toList();
        assertEquals(3, keep.size());
        Files.write(fw.resolve("manifest.csv"), keep);
        Files.copy(src.resolve("torch-000.npy"), fw.resolve("torch-000.npy"));
        Files.copy(src.resolve("torch-106.npy"), fw.resolve("torch-106.npy"));
        return dir.resolve("fixtures");
    }

    @Test
    void writesTheTableAndListsDeviations() throws Exception {
        Path out = dir.resolve("out");
        CliRun.Result r = run("conformance", "--fixtures", smallFixtures().toString(), "--out", out.toString());
        assertEquals(0, r.code(), r.out() + r.err());
        assertTrue(r.out().contains("2 rows over 1 frameworks: 1 deviate"), r.out());
        assertTrue(r.out().contains("torch-106"), r.out());
        String csv = Files.readString(out.resolve("conformance.csv"));
        assertTrue(csv.startsWith("framework,version,initializer,parameters,shape,claimed_law,verdict,worst_check,"
                + "statistic,p_value,hint,reference,"), csv);
        assertTrue(Files.readString(out.resolve("conformance.md")).contains("| sparse | **deviates** 1/1 |"));
        assertTrue(Files.exists(out.resolve("fans.csv")));
        assertTrue(r.err().contains("conformance: pytorch"), r.err());
    }

    @Test
    void badUsageIsOneLineAndWritesNothing() throws Exception {
        Path out = dir.resolve("none");
        for (String[] argv : List.of(new String[] {"conformance", "--alpha", "2", "--out", out.toString()},
                new String[] {"conformance", "--fixtures", dir.resolve("missing").toString(), "--out", out.toString()},
                new String[] {"conformance", "--bogus", "1", "--out", out.toString()},
                new String[] {"conformance", "extra", "--out", out.toString()})) {
            CliRun.Result r = run(argv);
            assertEquals(2, r.code(), String.join(" ", argv) + ": " + r.err());
            assertEquals(1, r.err().strip().lines().count(), r.err());
            assertFalse(r.err().contains("Exception"), r.err());
        }
        assertFalse(Files.exists(out));
    }
}
