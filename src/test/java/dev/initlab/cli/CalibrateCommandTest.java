package dev.initlab.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.initlab.io.CsvTables;
import dev.initlab.stats.Calibration;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A tiny calibration run: the command works end to end (its numbers are not asserted). */
class CalibrateCommandTest {
    @TempDir
    Path dir;

    @Test
    void smallRunWritesTablesAndProgress() {
        ByteArrayOutputStream o = new ByteArrayOutputStream();
        ByteArrayOutputStream e = new ByteArrayOutputStream();
        int code = Main.run(new String[] {"calibrate", "--seeds", "3", "--n", "300", "--out", dir.toString()},
                new PrintStream(o, true, StandardCharsets.UTF_8), new PrintStream(e, true, StandardCharsets.UTF_8));
        String out = o.toString(StandardCharsets.UTF_8);
        String err = e.toString(StandardCharsets.UTF_8);
        assertTrue(code == 0 || code == 1, out + err); // 1 = a cell judged LIBERAL (3 runs say little)
        assertTrue(out.startsWith("null calibration: 3 runs per scheme"), out);
        assertTrue(out.contains("family (Holm at alpha 0.001) per scheme"), out);
        assertTrue(err.contains("calibrate: 3/3 runs per scheme (100%)"), err);
        List<Calibration.CheckCalibrationRow> rows = CsvTables.read(dir.resolve("calibration_checks.csv"), Calibration.CheckCalibrationRow.class);
        assertTrue(rows.stream().anyMatch(r -> r.scenario().equals("glorot_uniform") && r.check().equals("ks")));
        List<Calibration.FamilyRow> fam = CsvTables.read(dir.resolve("calibration_family.csv"),
                Calibration.FamilyRow.class);
        assertEquals(28, fam.size()); // 27 catalog schemes + the orthogonal Haar-set scenario
        assertEquals(Long.toUnsignedString(Calibration.firstSeed("uniform", 20261123L)),
                fam.stream().filter(f -> f.scenario().equals("uniform")).findFirst().orElseThrow().first_seed());
        assertEquals(2, fam.stream().filter(f -> f.scenario().equals("zeros")).findFirst().orElseThrow().runs());
        assertTrue(CsvTables.read(dir.resolve("calibration_cells.csv"), Calibration.CellRow.class).size() > 100);
    }

    @Test
    void fullAndSeedsAreExclusive() {
        ByteArrayOutputStream e = new ByteArrayOutputStream();
        int code = Main.run(new String[] {"calibrate", "--full", "--seeds", "5"}, new PrintStream(new ByteArrayOutputStream()),
                new PrintStream(e, true, StandardCharsets.UTF_8));
        assertEquals(2, code);
        assertTrue(e.toString(StandardCharsets.UTF_8).contains("--full and --seeds are exclusive"));
    }

    @Test
    void rejectsBadArguments() {
        ByteArrayOutputStream e = new ByteArrayOutputStream();
        int code = Main.run(new String[] {"calibrate", "--seeds", "1"}, new PrintStream(new ByteArrayOutputStream()),
                new PrintStream(e, true, StandardCharsets.UTF_8));
        assertEquals(2, code);
        assertTrue(e.toString(StandardCharsets.UTF_8).contains("--seeds must be >= 2"));
    }
}
