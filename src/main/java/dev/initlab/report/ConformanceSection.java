package dev.initlab.report;

import dev.initlab.conformance.ConformanceStudy;
import dev.initlab.conformance.ConformanceReport;
import dev.initlab.io.CsvTables;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/** The framework conformance section: the framework x initializer matrix from {@code conformance/conformance.csv}. */
final class ConformanceSection {
    private ConformanceSection() {
    }

    /** Writes the section; returns the number of deviating rows (0 when not run). */
    static int write(ReportContext ctx, Path csv) {
        Doc d = ctx.doc;
        d.heading(2, "Framework conformance");
        if (!Files.isRegularFile(csv)) {
            d.p(Doc.bold("Not run: "), Doc.plain("no " + ctx.show(csv) + " (./initlab conformance writes it from the "
                    + "committed fixtures in conformance/fixtures)."));
            return 0;
        }
        List<ConformanceStudy.FixtureResult> rows;
        try {
            rows = CsvTables.read(csv, ConformanceStudy.FixtureResult.class);
        } catch (IllegalArgumentException e) {
            ctx.warn(e.getMessage());
            return 0;
        }
        ConformanceStudy.StudyResult r = new ConformanceStudy.StudyResult(rows, List.of(), List.of(), ConformanceStudy.DEFAULT_ALPHA);
        Map<String, Map<String, List<ConformanceStudy.FixtureResult>>> m = ConformanceReport.matrix(r);
        List<String> fws = new ArrayList<>(m.keySet());
        Set<String> fams = new LinkedHashSet<>();
        m.values().forEach(v -> fams.addAll(v.keySet()));
        List<String> headers = new ArrayList<>();
        headers.add("initializer");
        headers.addAll(fws);
        Doc.TableBuilder t = new Doc.TableBuilder("Framework x initializer: each dumped tensor checked against the law "
                + "its framework documents (one Holm family per framework, alpha 0.001); counts over the grid of "
                + "shapes and parameters", headers);
        for (String fam : fams) {
            List<Doc.Cell> cells = new ArrayList<>();
            cells.add(Doc.cell(fam));
            for (String f : fws) {
                List<ConformanceStudy.FixtureResult> g = m.get(f).getOrDefault(fam, List.of());
                boolean dev = g.stream().anyMatch(ConformanceStudy.FixtureResult::deviates);
                cells.add(Doc.cell(ConformanceReport.cell(g).replace("**", ""),
                        g.isEmpty() ? Doc.Tone.MUTED : dev ? Doc.Tone.BAD : Doc.Tone.GOOD));
            }
            t.row(cells);
        }
        d.add(t.build());
        long dev = rows.stream().filter(ConformanceStudy.FixtureResult::deviates).count();
        d.p(Doc.plain(rows.size() + " rows, " + dev + " deviate (including cross-framework rows, which check a dump "
                + "against the law another framework gives the same name); details, fans across frameworks and power "
                + "in "), Doc.mono("reports/conformance/conformance.md"), Doc.plain("."));
        return (int) dev;
    }
}
