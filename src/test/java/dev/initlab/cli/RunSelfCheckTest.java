package dev.initlab.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.initlab.io.CsvTables;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The main job's self-check step: every catalog scheme filled and verified; the published CSVs say how each tensor
 * was made (a command a reader can rerun), never the temporary folder it lived in. Fixed seeds: deterministic.
 */
class RunSelfCheckTest {
    @TempDir
    Path dir;

    @Test
    void selfCheckCsvsNameTheFillCommandNotATemporaryPath() throws Exception {
        CliRun.Result r = FillCommandTest.run("run", "--quick", "--only", "selfcheck", "--out", dir.toString());
        assertEquals(0, r.code(), r.out() + r.err());
        List<Path> csvs;
        try (var s = Files.list(dir.resolve("verify"))) {
            csvs = s.toList();
        }
        assertTrue(csvs.size() >= 26, csvs.toString());
        for (Path csv : csvs) {
            for (VerifyCommand.VerifyCsvRow row : CsvTables.read(csv, VerifyCommand.VerifyCsvRow.class)) {
                assertTrue(row.file().startsWith("./initlab fill --scheme " + row.scheme() + " "), row.file());
                assertTrue(!row.file().contains("/tmp") && !row.file().contains("--out"), row.file());
            }
        }
    }
}
