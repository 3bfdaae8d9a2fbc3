package dev.initlab.report;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * What a reader needs from the page and can be checked without a browser, on a report generated
 * from the fixtures and on the committed report: every figure has alt text and a caption, every
 * table sits in a horizontally scrolling container, long tables are collapsed, and the text has
 * no NaN, no generator error text, no throw-away temp paths and no internal ticket numbers.
 * (Rendering at desktop and phone widths is checked by eye in headless Chromium; screenshots under
 * reports/screenshots/.)
 */
class ReportStructureTest {
    /** Texts that must not reach a reader. */
    static final List<String> FORBIDDEN = List.of("NaN", "n/a (NaN", "initlab-selfcheck", "issue #", "skipped: columns",
            "/tmp/", "Exception", "\tat ");

    /** Headers of verdict columns in the verification tables. */
    static final List<String> VERDICT_HEADERS = List.of("failed", "passed", "verdict", "holds");

    @Test
    void fixtureReport(@TempDir Path dir) throws IOException {
        Path reports = dir.resolve("reports");
        ReportFixtures.write(reports);
        ReportGenerator.ReportResult r = ReportGenerator.generate(new ReportGenerator.ReportOptions(reports, reports,
                reports.resolve("baseline/jmh.json"), reports.resolve("history"), 0.05, null,
                new PrintStream(new ByteArrayOutputStream())));
        check(Files.readString(r.html()), Files.readString(r.markdown()), dir.toString());
    }

    @Test
    void committedReport() throws IOException {
        Path html = Path.of("reports/report.html");
        Path md = Path.of("reports/REPORT.md");
        assertTrue(Files.isRegularFile(html) && Files.isRegularFile(md), "the committed report exists");
        check(Files.readString(html), Files.readString(md), null);
    }

    /** The classic figures of the committed report, each with alt text and a caption stating seeds and intervals. */
    @Test
    void committedReportHasTheClassicFigures() throws IOException {
        String html = Files.readString(Path.of("reports/report.html"));
        for (String alt : List.of("Per-layer histograms of tanh activations", "Held-out loss and accuracy of a 30-layer",
                "Learning time against depth", "Small multiples of the dead-unit fraction", "Loss on the fixed monitor")) {
            Matcher m = Pattern.compile("<img alt=\"" + Pattern.quote(alt) + "[^\"]*\" src=\"[^\"]+\"><figcaption>([^<]+)"
                    + "</figcaption>").matcher(html);
            assertTrue(m.find(), "committed report lacks the figure '" + alt + "'");
            assertTrue(m.group(1).contains("seeds") && m.group(1).contains("95%"), alt + ": seeds and interval stated");
        }
    }

    static void check(String html, String md, String tempDir) {
        String text = html.replaceAll("data:image/png;base64,[A-Za-z0-9+/=]+", "");
        for (String bad : FORBIDDEN) {
            assertFalse(text.contains(bad), "report.html contains '" + bad + "'");
            assertFalse(md.contains(bad), "REPORT.md contains '" + bad + "'");
        }
        if (tempDir != null) {
            assertFalse(text.contains(tempDir), "report.html shows the temporary input folder");
        }
        // figures: alt text and a caption
        Matcher fig = Pattern.compile("<figure>(.*?)</figure>", Pattern.DOTALL).matcher(html);
        int figures = 0;
        while (fig.find()) {
            figures++;
            String f = fig.group(1);
            Matcher alt = Pattern.compile("<img alt=\"([^\"]*)\"").matcher(f);
            assertTrue(alt.find() && !alt.group(1).isBlank(), "figure without alt text: " + f.substring(0,
                    Math.min(200, f.length())));
            Matcher cap = Pattern.compile("<figcaption>(.+?)</figcaption>", Pattern.DOTALL).matcher(f);
            assertTrue(cap.find() && !cap.group(1).isBlank(), "figure without caption");
        }
        assertTrue(figures > 0, "no figures");
        // tables: each inside a scroll container; long ones collapsed
        int tables = 0;
        int idx = 0;
        while ((idx = html.indexOf("<table", idx)) >= 0) {
            tables++;
            assertTrue(html.substring(Math.max(0, idx - 24), idx).endsWith("<div class=\"tw\">"),
                    "table not in a scroll container at offset " + idx);
            int end = html.indexOf("</table>", idx);
            int rows = countOf(html.substring(idx, end), "<tr>") - 1;
            if (rows > Doc.Table.COLLAPSE_ROWS) {
                int open = html.lastIndexOf("<details class=\"tbl\">", idx);
                int close = html.lastIndexOf("</details>", idx);
                assertTrue(open > close, "a table of " + rows + " rows is not collapsed");
            }
            idx = end;
        }
        assertTrue(tables > 0, "no tables");
        // in the verification tables (the widest of the report: fill commands) the verdict sits among the
        // first three columns, so a 1400 px or phone screen shows it without scrolling
        Matcher head = Pattern.compile("<thead><tr>(.*?)</tr></thead>", Pattern.DOTALL).matcher(html);
        int verifyTables = 0;
        while (head.find()) {
            String before = html.substring(Math.max(0, head.start() - 400), head.start());
            if (!before.contains("Verify runs") && !before.contains("verify run")) {
                continue;
            }
            verifyTables++;
            List<String> cols = new java.util.ArrayList<>();
            Matcher th = Pattern.compile("<th>(.*?)</th>").matcher(head.group(1));
            while (th.find()) {
                cols.add(th.group(1).toLowerCase(java.util.Locale.ROOT));
            }
            for (int i = 3; i < cols.size(); i++) {
                assertFalse(VERDICT_HEADERS.contains(cols.get(i)), "verdict column '" + cols.get(i) + "' is column "
                        + (i + 1) + " of " + cols);
            }
        }
        assertTrue(!html.contains("Verify runs: one Holm family") || verifyTables >= 2, "verification tables checked");
        // long words (paths, formulas) wrap instead of widening captions and paragraphs past a phone's width
        assertTrue(html.contains("figcaption{") && html.substring(html.indexOf("figcaption{")).split("}")[0]
                .contains("overflow-wrap:anywhere"), "figure captions wrap long words");
        assertTrue(html.contains("figure img{max-width:100%"), "figures scale down to the page");
        assertTrue(html.contains("overflow-x:auto"), "scroll containers scroll");
        assertTrue(html.contains("name=\"viewport\""), "phones get the device width");
        assertEquals(countOf(html, "<details class=\"tbl\">"), countOf(html, "</details>"));
    }

    private static int countOf(String s, String sub) {
        int n = 0;
        for (int i = s.indexOf(sub); i >= 0; i = s.indexOf(sub, i + sub.length())) {
            n++;
        }
        return n;
    }
}
