package dev.initlab.report;

import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The report's conformance section: the matrix from a conformance.csv, or "Not run" without one. */
class ConformanceSectionTest {
    @TempDir
    Path dir;

    private String report(boolean withTable) throws Exception {
        Path reports = dir.resolve(withTable ? "with" : "without");
        ReportFixtures.write(reports);
        if (withTable) {
            Files.createDirectories(reports.resolve("conformance"));
            Files.copy(Path.of("reports/conformance/conformance.csv"), reports.resolve("conformance/conformance.csv"));
        }
        ReportGenerator.ReportResult r = ReportGenerator.generate(new ReportGenerator.ReportOptions(reports, reports,
                reports.resolve("baseline/jmh.json"), reports.resolve("history"), 0.05, null,
                new PrintStream(new ByteArrayOutputStream(), true)));
        return Files.readString(r.markdown());
    }

    @Test
    void matrixFromTheTable() throws Exception {
        String md = report(true);
        assertTrue(md.contains("\n## Framework conformance\n"), md);
        assertTrue(md.contains("| initializer | deeplearning4j | tensorflow.js | pytorch |"), md);
        assertTrue(md.contains("| sparse | *-* | *-* | **deviates 2/4** |"), md);
        assertTrue(md.contains("355 rows, 49 deviate"), md);
    }

    @Test
    void notRunWithoutTheTable() throws Exception {
        String md = report(false);
        assertTrue(md.contains("\n## Framework conformance\n"), md);
        assertTrue(md.contains("**Not run:**"), md);
    }
}
