package dev.initlab.report;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.MappingIterator;
import com.fasterxml.jackson.dataformat.csv.CsvMapper;
import com.fasterxml.jackson.dataformat.csv.CsvSchema;
import dev.initlab.bench.BenchRunner;
import dev.initlab.bench.JmhJson;
import java.io.PrintStream;
import java.io.OutputStream;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Issue #11: the bench command's targets CSV and the report's targets table compute the same
 * numbers the same way (they once disagreed: 1.333 ns vs 1.237 ns for one target). Both are
 * produced here from the committed quick run, each through its own public path, and compared cell
 * by cell.
 */
class TargetsAgreementTest {
    static final Path COMMITTED = Path.of("reports", "bench", "jmh-quick.json");

    @Test
    void benchCsvAndReportTableAgreeOnTheCommittedRun(@TempDir Path dir) throws Exception {
        Path csv = dir.resolve("targets.csv");
        BenchRunner.writeTargets(COMMITTED, csv);
        List<Map<String, String>> rows;
        try (MappingIterator<Map<String, String>> it = new CsvMapper().readerFor(Map.class)
                .with(CsvSchema.emptySchema().withHeader()).readValues(csv.toFile())) {
            rows = it.readAll();
        }

        ReportContext ctx = new ReportContext(dir, dir, new PrintStream(OutputStream.nullOutputStream()));
        PerformanceSection.write(ctx, List.of(new PerformanceSection.Run(COMMITTED, JmhJson.read(COMMITTED), Map.of())),
                null, null, "none", null, 0.05);
        Doc.Table table = ctx.doc.blocks().stream().filter(b -> b instanceof Doc.Table t
                        && t.caption() != null && t.caption().startsWith("Targets")).map(b -> (Doc.Table) b)
                .findFirst().orElseThrow();

        assertEquals(rows.size(), table.rows().size(), "one table row per CSV row");
        int measured = 0;
        for (int i = 0; i < rows.size(); i++) {
            Map<String, String> c = rows.get(i);
            List<Doc.Cell> t = table.rows().get(i);
            assertEquals(c.get("text"), t.get(0).text());
            assertEquals(c.get("size"), t.get(1).text());
            assertEquals(c.get("status"), t.get(5).text());
            assertEquals(c.get("ci"), t.get(6).text());
            if (c.get("value").isEmpty()) {
                assertEquals("n/a", t.get(3).text());
                continue;
            }
            measured++;
            boolean pct = c.get("unit").startsWith("of ");
            double k = pct ? 100 : 1;
            String value = Num.g(k * Double.parseDouble(c.get("value")));
            assertTrue(t.get(3).text().startsWith(value), t.get(3).text() + " vs " + value);
            String lo = Num.g(k * Double.parseDouble(c.get("lo")));
            String hi = Num.g(k * Double.parseDouble(c.get("hi")));
            String p = pct ? "%" : "";
            assertEquals("[" + lo + p + ", " + hi + p + "]", t.get(4).text());
        }
        assertTrue(measured >= 4, "the committed run measures most targets: " + measured);
        assertFalse(rows.isEmpty());
    }

    @Test
    void theCalibrationCsvIsRendered(@TempDir Path dir) throws Exception {
        java.nio.file.Files.createDirectories(dir.resolve("bench"));
        java.nio.file.Files.writeString(dir.resolve("bench").resolve(PerformanceSection.CALIBRATION_CSV),
                "experiment,key,expected,comparisons,flagged,improvements,rate,rate_lo95,rate_hi95,median_change,"
                + "min_change,max_change,threshold,confidence\n"
                + "A/A,\"engine=vector\",no flag,10,0,0,0.000,0.000,0.3085,1.001,0.99,1.01,0.05000,0.9990\n"
                + "injected,\"engine=vector\",regression,10,9,0,0.9000,0.5550,0.9975,0.82,0.80,0.85,0.05000,0.9990\n");
        ReportContext ctx = new ReportContext(dir, dir, new PrintStream(OutputStream.nullOutputStream()));
        PerformanceSection.write(ctx, List.of(), null, null, "none", null, 0.05);
        Doc.Table t = ctx.doc.blocks().stream().filter(b -> b instanceof Doc.Table x && x.caption() != null
                && x.caption().startsWith("Paired rule")).map(b -> (Doc.Table) b).findFirst().orElseThrow();
        assertEquals(2, t.rows().size());
        assertEquals("9", t.rows().get(1).get(4).text());
        assertEquals(Doc.Tone.WARN, t.rows().get(1).get(4).tone(), "9 of 10 detected: not every injection flagged");
        assertEquals(Doc.Tone.GOOD, t.rows().get(0).get(4).tone());
    }
}
