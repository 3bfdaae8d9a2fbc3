package dev.initlab.report;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.initlab.stats.MeanInterval;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The four classic figures (Glorot &amp; Bengio 2010, He et al. 2015, Saxe et al. 2013, the
 * early-training monitor) rendered from the committed study CSVs: the figures exist with caption
 * and alt text, the numbers in captions and findings are the CSVs' numbers, intervals on log axes
 * stay positive, and a study without CSVs is named as not run.
 */
class ClassicStudiesTest {
    static final Path COMMITTED = Path.of("reports/experiments");

    private static ReportGenerator.ReportResult generate(Path reports) throws IOException {
        return ReportGenerator.generate(new ReportGenerator.ReportOptions(reports, reports,
                reports.resolve("baseline/jmh.json"), reports.resolve("history"), 0.05, null,
                new PrintStream(new ByteArrayOutputStream())));
    }

    private static void copyClassicCsvs(Path reports) throws IOException {
        try (Stream<Path> s = Files.list(COMMITTED)) {
            for (Path p : s.filter(ClassicStudies::owns).toList()) {
                Files.copy(p, reports.resolve("experiments").resolve(p.getFileName()));
            }
        }
    }

    @Test
    void figuresCaptionsAndFindingsFromTheCommittedCsvs(@TempDir Path dir) throws IOException {
        Path reports = dir.resolve("reports");
        ReportFixtures.write(reports);
        copyClassicCsvs(reports);
        ReportGenerator.ReportResult r = generate(reports);
        String md = Files.readString(r.markdown());
        String html = Files.readString(r.html());
        ReportStructureTest.check(html, md, dir.toString());
        for (String png : List.of("glorot2010-activations-gradients", "he30-training-curves",
                "saxe-learning-time-vs-depth", "monitor-actmean", "monitor-actstd", "monitor-deadfraction",
                "monitor-gradnorm", "monitor-loss")) {
            Path f = reports.resolve("figures/" + png + ".png");
            assertTrue(Files.size(f) > 10_000, png + " written");
            assertTrue(md.contains("](figures/" + png + ".png)"), png + " is in REPORT.md");
            Matcher m = Pattern.compile("<figure><img alt=\"([^\"]+)\" src=\"data:image/png;base64,"
                    + Pattern.quote(java.util.Base64.getEncoder().encodeToString(Files.readAllBytes(f)))
                    + "\"><figcaption>([^<]+)</figcaption>").matcher(html);
            assertTrue(m.find(), png + " is in report.html with alt text and caption");
            assertTrue(m.group(2).contains("seeds"), png + ": the caption states the seeds");
            assertTrue(m.group(2).contains("95%"), png + ": the caption says what the band or bars are");
        }
        for (String heading : List.of("Glorot & Bengio 2010, Figures 6 and 7", "He et al. 2015: a deep ReLU network",
                "Saxe et al. 2013: learning time", "Early-training monitor: per-layer")) {
            assertTrue(html.contains(">" + HtmlWriter.esc(heading)), heading);
        }
        assertFalse(md.contains("this study's results"), "every study has its CSVs");
        // Glorot & Bengio's Fig. 7: the committed study records gradient histograms on fixed bins, drawn as histograms
        assertTrue(md.contains("normalized histograms of the back-propagated gradients d cost/d z of each layer on fixed "
                + "bins"), "gradient histograms in the caption");
        assertFalse(md.contains("no gradient histogram in this table"), "the committed table has them");
        // the checks' numbers reach the findings
        CsvFile checks = CsvFile.read(COMMITTED.resolve("glorot2010_checks.csv"));
        Map<String, String> standardGrad = checks.rows().get(0);
        assertEquals("standard", standardGrad.get("scheme"));
        String findings = html.substring(html.indexOf("id=\"findings\""), html.indexOf("id=\"summary\""));
        assertTrue(findings.contains(Num.g(Double.parseDouble(standardGrad.get("mean")))), findings);
        assertTrue(findings.contains("He et al. 2015"), findings);
        assertTrue(findings.contains("Saxe et al. 2013"), findings);
        assertTrue(findings.contains("Early-training monitor"), findings);
        // the study protocols appear in Methods only for studies that ran, with their setup
        assertTrue(html.contains("he30: He et al. 2015 Fig. 3 analogue"), "protocol listed");
    }

    @Test
    void saxeIntervalsAreOnTheLogScale(@TempDir Path dir) throws IOException {
        Path reports = dir.resolve("reports");
        ReportFixtures.write(reports);
        copyClassicCsvs(reports);
        String html = Files.readString(generate(reports).html());
        CsvFile runs = CsvFile.read(COMMITTED.resolve("saxe_runs.csv"));
        // the deepest Gaussian setting: few runs reached the criterion, and the arithmetic t interval of the
        // committed summary extends below 0 steps; the figure's interval is exp(t interval of the mean log)
        double deepest = runs.rows().stream().mapToDouble(r -> Double.parseDouble(r.get("depth"))).max().orElseThrow();
        double[] steps = runs.rows().stream().filter(r -> r.get("scheme").equals("gaussian")
                && Double.parseDouble(r.get("depth")) == deepest && r.get("reached").equals("true"))
                .mapToDouble(r -> Double.parseDouble(r.get("stepsToCriterion"))).toArray();
        MeanInterval g = MeanInterval.ofLogs(steps);
        assertTrue(steps.length >= 2, "the committed CSV has an interval to draw at depth " + deepest);
        assertTrue(g.lo() > 0, "an interval on the log scale stays above 0");
        assertTrue(html.contains("depth " + (int) deepest + ": " + Num.g(g.mean()) + " [" + Num.g(g.lo()) + ", "
                + Num.g(g.hi()) + "] (" + steps.length + " of "), "geometric mean and interval in the caption");
        CsvFile summary = CsvFile.read(COMMITTED.resolve("saxe_summary.csv"));
        boolean arithmeticBelowZero = summary.rows().stream().anyMatch(r -> Double.parseDouble(r.get("stepsLo")) < 0);
        assertTrue(arithmeticBelowZero, "the committed summary shows why the log scale is needed");
    }

    @Test
    void absentStudiesAreNamedAsNotRun(@TempDir Path dir) throws IOException {
        Path reports = dir.resolve("reports");
        ReportFixtures.write(reports);
        ReportGenerator.ReportResult r = generate(reports);
        String md = Files.readString(r.markdown());
        ReportStructureTest.check(Files.readString(r.html()), md, dir.toString());
        for (String study : List.of("glorot2010", "he30", "saxe", "monitor")) {
            assertTrue(md.contains("`./initlab experiment " + study + "` writes them"), study);
        }
        assertFalse(Files.exists(reports.resolve("figures/he30-training-curves.png")));
        assertFalse(md.contains("he30: He et al. 2015 Fig. 3 analogue"), "no protocol for a study that did not run");
    }

    @Test
    void experimentLabelsTakeTheirCatalogSchemesColour() {
        for (var e : ClassicStudies.LABEL_SCHEMES.entrySet()) {
            assertNotNull(Charts.SCHEME_COLOURS.get(e.getValue()), e.getKey() + " -> " + e.getValue() + " has a colour");
            assertEquals(Charts.SCHEME_COLOURS.get(e.getValue()), ClassicStudies.colour(e.getKey()));
        }
        assertEquals(Charts.SCHEME_COLOURS.get("kaiming_normal"), ClassicStudies.colour("he"));
        // U(+-1/sqrt(fan_in)) is torch_default's weight law
        assertEquals(Charts.SCHEME_COLOURS.get("torch_default"), ClassicStudies.colour("standard"));
    }
}
