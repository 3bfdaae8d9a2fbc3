package dev.initlab.report;

import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Wide tables put their verdict or status right after the row's name, so it is on screen without
 * scrolling: the calibration tables (Holm family per scheme, simulated power) and the negative
 * controls, rendered from the committed calibration CSVs.
 */
class VerdictColumnsTest {
    @Test
    void calibrationAndNegativeControlTablesLeadWithTheVerdict(@TempDir Path dir) throws IOException {
        Path reports = dir.resolve("reports");
        ReportFixtures.write(reports);
        Path cal = reports.resolve("calibration");
        Files.createDirectories(cal);
        for (String f : List.of("calibration_summary.csv", "calibration_family.csv", "calibration_cells.csv",
                "power_mde.csv", "power_simulated.csv", "mutants.csv")) {
            Files.copy(Path.of("reports/calibration").resolve(f), cal.resolve(f), StandardCopyOption.REPLACE_EXISTING);
        }
        ReportGenerator.ReportResult r = ReportGenerator.generate(new ReportGenerator.ReportOptions(reports, reports,
                reports.resolve("baseline/jmh.json"), reports.resolve("history"), 0.05, null,
                new PrintStream(new ByteArrayOutputStream())));
        String md = Files.readString(r.markdown());
        String html = Files.readString(r.html());
        for (String header : List.of("| scheme | verdict | runs |", "| check | x MDE | power (95% interval) | rejected |",
                "| mistake | wrong sampler rejected | correct twin rejected |")) {
            assertTrue(md.contains(header), header + " in REPORT.md");
        }
        assertTrue(html.contains("<th>scheme</th><th>verdict</th>"), "the HTML table too");
    }
}
