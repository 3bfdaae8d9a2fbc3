package dev.initlab.report;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * The Verification section: {@code initlab verify --format csv} outputs. One row per verify run
 * (one CSV = one Holm family), the report-wide false-alarm rate over all runs (union bound and one
 * Holm procedure over the runs' family p-values), the failed checks, and every check in one
 * collapsed table.
 */
final class VerifySection {
    /** Columns written by {@code initlab verify --format csv}. */
    static final List<String> COLUMNS = List.of("file", "tensor", "scheme", "check", "statistic", "p_value", "alpha",
            "passed", "verdict");
    /** The level of the report-wide Holm procedure over verify runs. */
    static final double REPORT_ALPHA = 0.001;

    /**
     * Counts for the summary.
     *
     * @param checks checks read
     * @param failed failed checks
     * @param files verify runs (CSV files)
     * @param runs per-run family facts, in file order
     */
    record VerifyTotals(int checks, int failed, int files, List<RunFamily> runs) {
        VerifyTotals {
            runs = List.copyOf(runs);
        }

        /** Union bound on the chance that any run raises a false alarm: the sum of the runs' levels. */
        double unionBound() {
            return runs.stream().mapToDouble(r -> Double.isNaN(r.alpha()) ? 0 : r.alpha()).sum();
        }
    }

    /**
     * One verify run as a Holm family.
     *
     * @param csv file name
     * @param scheme scheme(s) checked
     * @param command what produced the tensor (the CSV's file column)
     * @param statistical statistical checks
     * @param exact exact checks (alpha 0)
     * @param alpha the run's family-wise level (largest Holm threshold), NaN if none
     * @param minP smallest p-value of a statistical check, NaN if none
     * @param failed failed checks
     */
    record RunFamily(String csv, String scheme, String command, int statistical, int exact, double alpha, double minP,
                     int failed) {
        /**
         * The run's family p-value: the smallest Holm-adjusted p-value, min(1, m p_min) (Holm's first
         * step is Bonferroni's). The run fails at level a exactly when this is at most a.
         */
        double familyP() {
            return statistical == 0 || Double.isNaN(minP) ? Double.NaN : Math.min(1, statistical * minP);
        }
    }

    private VerifySection() {
    }

    static boolean passed(Map<String, String> row) {
        String v = row.getOrDefault("passed", "").trim().toLowerCase(Locale.ROOT);
        return v.equals("true") || v.equals("yes") || v.equals("1") || v.equals("pass") || v.equals("ok");
    }

    /** Reads the runs without writing anything (the methods and findings use the same numbers). */
    static VerifyTotals summarize(List<CsvFile> files) {
        int checks = 0;
        int failed = 0;
        List<RunFamily> runs = new ArrayList<>();
        for (CsvFile f : files) {
            double family = Double.NaN;
            double minP = Double.NaN;
            int statistical = 0;
            int exact = 0;
            int bad = 0;
            java.util.Set<String> schemes = new java.util.LinkedHashSet<>();
            java.util.Set<String> commands = new java.util.LinkedHashSet<>();
            for (Map<String, String> r : f.rows()) {
                schemes.add(r.getOrDefault("scheme", ""));
                commands.add(r.getOrDefault("file", ""));
                double a = CsvFile.number(r.get("alpha")).orElse(Double.NaN);
                if (a == 0) {
                    exact++;
                } else if (a > 0) {
                    statistical++;
                    family = Double.isNaN(family) ? a : Math.max(family, a);
                    double p = CsvFile.number(r.get("p_value")).orElse(Double.NaN);
                    if (p >= 0) {
                        minP = Double.isNaN(minP) ? p : Math.min(minP, p);
                    }
                }
                checks++;
                if (!passed(r)) {
                    failed++;
                    bad++;
                }
            }
            runs.add(new RunFamily(f.path().getFileName().toString(), String.join(", ", schemes),
                    String.join("; ", commands), statistical, exact, family, minP, bad));
        }
        return new VerifyTotals(checks, failed, files.size(), runs);
    }

    static VerifyTotals write(ReportContext ctx, List<CsvFile> files) {
        Doc d = ctx.doc;
        d.heading(2, "Verification results");
        if (files.isEmpty()) {
            d.p(Doc.bold("Not run: "), Doc.plain("no verification CSVs (expected " + ctx.show(ctx.in.resolve("verify"))
                    + "/*.csv from initlab verify --format csv)."));
            return new VerifyTotals(0, 0, 0, List.of());
        }
        for (CsvFile f : files) {
            List<String> missing = COLUMNS.stream().filter(c -> !f.has(c)).toList();
            if (!missing.isEmpty()) {
                ctx.warn(ctx.show(f.path()) + " lacks columns " + missing);
            }
        }
        VerifyTotals s = summarize(files);
        d.p(Doc.bold(s.checks() + " checks, " + (s.checks() - s.failed()) + " passed, " + s.failed() + " failed"),
                Doc.plain(" in " + files.size() + " verify run(s), one CSV each (" + ctx.show(ctx.in.resolve("verify"))
                        + "). Each run is one Holm family; the tensor of each run was made by the command in its row."));
        // the verdict sits next to the scheme, so a narrow screen shows it without scrolling
        Doc.TableBuilder runs = new Doc.TableBuilder("Verify runs: one Holm family each", "scheme", "failed",
                "statistical checks", "exact checks", "family-wise alpha", "smallest p", "family p (m x smallest p)",
                "CSV", "tensor made by");
        for (RunFamily r : s.runs()) {
            runs.row(Doc.cell(r.scheme()),
                    Doc.cell(Integer.toString(r.failed()), r.failed() > 0 ? Doc.Tone.BAD : Doc.Tone.GOOD),
                    Doc.cell(Integer.toString(r.statistical())), Doc.cell(Integer.toString(r.exact())),
                    Doc.cell(Double.isNaN(r.alpha()) ? "none (exact checks only)" : Num.g(r.alpha())),
                    Doc.cell(Double.isNaN(r.minP()) ? "none" : Num.g(r.minP())),
                    Doc.cell(Double.isNaN(r.familyP()) ? "none" : Num.g(r.familyP())), Doc.cell(r.csv()),
                    Doc.cell(r.command()));
        }
        d.add(runs.source(ctx.link(ctx.in.resolve("verify"))).build());
        reportWide(d, s);
        // the verdict first (check, passed, verdict), the long command and file name last
        List<String> shown = List.of("check", "passed", "verdict", "scheme", "tensor", "statistic", "p_value", "alpha",
                "file");
        List<String> headers = new ArrayList<>(shown);
        headers.add("CSV");
        List<List<Doc.Cell>> failures = new ArrayList<>();
        Doc.TableBuilder all = new Doc.TableBuilder("Every check of every verify run", headers);
        for (CsvFile f : files) {
            for (Map<String, String> r : f.rows()) {
                boolean ok = passed(r);
                List<Doc.Cell> row = new ArrayList<>();
                for (String col : shown) {
                    Doc.Tone tone = (col.equals("passed") || col.equals("verdict")) && !ok ? Doc.Tone.BAD : Doc.Tone.NONE;
                    row.add(Doc.cell(cellText(col, r), tone));
                }
                row.add(Doc.cell(f.path().getFileName().toString()));
                all.row(row);
                if (!ok) {
                    failures.add(row);
                }
            }
        }
        if (!failures.isEmpty()) {
            d.add(new Doc.Table("Failed checks", headers, failures));
        }
        d.add(all.source(ctx.link(ctx.in.resolve("verify"))).build());
        return s;
    }

    /**
     * The false-alarm rate of the report as a whole: K runs each at level alpha may raise at least
     * one false alarm with probability up to K alpha (union bound); one Holm procedure at
     * {@link #REPORT_ALPHA} over the runs' family p-values controls it at that level.
     */
    static void reportWide(Doc d, VerifyTotals s) {
        List<RunFamily> tested = s.runs().stream().filter(r -> !Double.isNaN(r.familyP())).toList();
        if (tested.isEmpty()) {
            return;
        }
        List<RunFamily> sorted = tested.stream().sorted(java.util.Comparator.comparingDouble(RunFamily::familyP)).toList();
        int k = sorted.size();
        int rejected = 0;
        for (int i = 0; i < k; i++) {
            if (sorted.get(i).familyP() <= REPORT_ALPHA / (k - i)) {
                rejected++;
            } else {
                break;
            }
        }
        RunFamily first = sorted.get(0);
        d.p(Doc.bold("False alarms across the report. "), Doc.plain(String.format(Locale.ROOT,
                "%d runs with statistical checks, each at family-wise level %s: if every tensor follows its law, the "
                        + "chance that at least one run fails anyway is at most %s (union bound; about %s if the runs "
                        + "are independent). Controlled over the whole report by one Holm procedure at %s over the "
                        + "runs' family p-values (a run's family p is m x its smallest p, the smallest Holm-adjusted "
                        + "p-value of the run): the smallest is %s (%s) against the first threshold %s / %d = %s; "
                        + "%s.",
                k, Num.g(tested.stream().mapToDouble(RunFamily::alpha).max().orElse(Double.NaN)), Num.g(s.unionBound()),
                Num.g(1 - tested.stream().mapToDouble(r -> 1 - r.alpha()).reduce(1, (a, b) -> a * b)),
                Num.g(REPORT_ALPHA), Num.g(first.familyP()), first.csv(), Num.g(REPORT_ALPHA), k,
                Num.g(REPORT_ALPHA / k), rejected == 0 ? "no run is rejected report-wide"
                        : rejected + " run(s) rejected report-wide")));
    }

    /** A cell of a verify CSV as shown: long numbers shortened; a NaN p-value or statistic in words. */
    static String cellText(String column, Map<String, String> row) {
        String s = row.get(column);
        if (MissingValues.missing(s)) {
            boolean exact = CsvFile.number(row.get("alpha")).orElse(Double.NaN) == 0;
            return exact ? "none (exact check)" : "not computed by the check";
        }
        return numberText(s);
    }

    /** Shortens full-precision numbers; a NaN cell is a dash (callers say why in words). */
    static String numberText(String s) {
        if (s == null) {
            return "(missing)";
        }
        String t = s.trim();
        if (t.equalsIgnoreCase("nan")) {
            return "\u2014";
        }
        if (t.matches("[-+]?\\d*\\.\\d{5,}([eE][-+]?\\d+)?|[-+]?\\d+(\\.\\d+)?[eE][-+]?\\d+")) {
            return Num.g(Double.parseDouble(t));
        }
        return s;
    }
}
