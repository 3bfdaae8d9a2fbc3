package dev.initlab.report;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/** The Verification section: {@code initlab verify --format csv} outputs, summarised, failures first. */
final class VerifySection {
    /** Columns written by {@code initlab verify --format csv}. */
    static final List<String> COLUMNS = List.of("file", "tensor", "scheme", "check", "statistic", "p_value", "alpha",
            "passed", "verdict");
    static final int MAX_ROWS = 300;

    /** Counts for the summary. */
    record Summary(int checks, int failed, int files) {
    }

    private VerifySection() {
    }

    static boolean passed(Map<String, String> row) {
        String v = row.getOrDefault("passed", "").trim().toLowerCase(Locale.ROOT);
        return v.equals("true") || v.equals("yes") || v.equals("1") || v.equals("pass") || v.equals("ok");
    }

    static Summary write(ReportContext ctx, List<CsvFile> files) {
        Doc d = ctx.doc;
        d.heading(2, "Verification results");
        if (files.isEmpty()) {
            d.p(Doc.bold("Not run: "), Doc.plain("no verification CSVs (expected " + ctx.show(ctx.in.resolve("verify"))
                    + "/*.csv from initlab verify --format csv)."));
            return new Summary(0, 0, 0);
        }
        int checks = 0;
        int failed = 0;
        Doc.TableBuilder overview = new Doc.TableBuilder("Checks per tensor", "CSV", "file", "tensor", "scheme", "checks",
                "passed", "failed", "family-wise alpha (Holm)");
        List<List<Doc.Cell>> failures = new ArrayList<>();
        for (CsvFile f : files) {
            List<String> missing = COLUMNS.stream().filter(c -> !f.has(c)).toList();
            if (!missing.isEmpty()) {
                ctx.warn(ctx.show(f.path()) + " lacks columns " + missing);
            }
            Map<String, int[]> groups = new LinkedHashMap<>();
            Map<String, Double> alphas = new LinkedHashMap<>();
            for (Map<String, String> r : f.rows()) {
                String g = r.getOrDefault("file", "") + "\u0000" + r.getOrDefault("tensor", "") + "\u0000"
                        + r.getOrDefault("scheme", "");
                int[] c = groups.computeIfAbsent(g, k -> new int[2]);
                boolean ok = passed(r);
                c[ok ? 0 : 1]++;
                CsvFile.number(r.get("alpha")).ifPresent(a -> alphas.merge(g, a, Math::max));
                checks++;
                if (!ok) {
                    failed++;
                    List<Doc.Cell> row = new ArrayList<>();
                    row.add(Doc.cell(f.path().getFileName().toString()));
                    for (String col : COLUMNS) {
                        row.add(col.equals("passed") || col.equals("verdict")
                                ? Doc.cell(r.getOrDefault(col, ""), Doc.Tone.BAD) : Doc.cell(numberText(r.get(col))));
                    }
                    failures.add(row);
                }
            }
            for (var e : groups.entrySet()) {
                String[] k = e.getKey().split("\u0000", -1);
                Double a = alphas.get(e.getKey());
                overview.row(Doc.cell(f.path().getFileName().toString()), Doc.cell(k[0]), Doc.cell(k[1]), Doc.cell(k[2]),
                        Doc.cell(Integer.toString(e.getValue()[0] + e.getValue()[1])),
                        Doc.cell(Integer.toString(e.getValue()[0])),
                        Doc.cell(Integer.toString(e.getValue()[1]), e.getValue()[1] > 0 ? Doc.Tone.BAD : Doc.Tone.GOOD),
                        Doc.cell(a == null ? "n/a (no alpha column)" : Num.g(a)));
            }
        }
        d.p(Doc.bold(checks + " checks, " + (checks - failed) + " passed, " + failed + " failed"),
                Doc.plain(" in " + files.size() + " CSV file(s)."));
        d.add(overview.build());
        List<String> headers = new ArrayList<>();
        headers.add("CSV");
        headers.addAll(COLUMNS);
        if (!failures.isEmpty()) {
            d.add(new Doc.Table("Failed checks", headers, failures));
        }
        for (CsvFile f : files) {
            Doc.TableBuilder t = new Doc.TableBuilder("All checks in " + f.path().getFileName()
                    + (f.rows().size() > MAX_ROWS ? " (first " + MAX_ROWS + " of " + f.rows().size() + " rows)" : ""),
                    COLUMNS);
            for (Map<String, String> r : f.rows().subList(0, Math.min(MAX_ROWS, f.rows().size()))) {
                boolean ok = passed(r);
                List<Doc.Cell> row = new ArrayList<>();
                for (String col : COLUMNS) {
                    Doc.Tone tone = (col.equals("passed") || col.equals("verdict")) && !ok ? Doc.Tone.BAD : Doc.Tone.NONE;
                    row.add(Doc.cell(numberText(r.get(col)), tone));
                }
                t.row(row);
            }
            d.add(t.build());
        }
        return new Summary(checks, failed, files.size());
    }

    /** Shortens full-precision numbers; a NaN cell says n/a. */
    static String numberText(String s) {
        if (s == null) {
            return "(missing)";
        }
        String t = s.trim();
        if (t.equalsIgnoreCase("nan")) {
            return "n/a (NaN in input)";
        }
        if (t.matches("[-+]?\\d*\\.\\d{5,}([eE][-+]?\\d+)?|[-+]?\\d+(\\.\\d+)?[eE][-+]?\\d+")) {
            return Num.g(Double.parseDouble(t));
        }
        return s;
    }
}
