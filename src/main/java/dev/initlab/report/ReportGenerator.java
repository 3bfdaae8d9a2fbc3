package dev.initlab.report;

import dev.initlab.bench.JmhJson;
import dev.initlab.bench.JmhResult;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;

/**
 * Writes the methods report: {@code REPORT.md} (figures referenced relatively from
 * {@code figures/}) and a self-contained {@code report.html} (figures embedded; see
 * {@link HtmlWriter}) from the outputs of the bench, verify and experiment commands.
 *
 * <p>Inputs under the input directory, each optional ("not run" in the report when absent):
 * {@code bench/*.json} (JMH, {@code -rf json}; a {@code run-SUITE.json} note beside
 * {@code jmh-SUITE.json} is shown with it), {@code bench/latency*.csv} (percentile, value_ns,
 * engine, workload), {@code verify/*.csv} (initlab verify --format csv), {@code experiments/**}
 * (CSV and Markdown), the baseline JMH JSON and {@code history/*.json}.
 */
public final class ReportGenerator {
    private ReportGenerator() {
    }

    /**
     * ReportOptions.
     *
     * @param in input directory (usually {@code reports})
     * @param out output directory (REPORT.md, report.html, figures/)
     * @param baseline baseline JMH JSON (may not exist)
     * @param history directory of past runs (may not exist)
     * @param threshold tolerated slow-down fraction for regression flags
     * @param commandLine the command line that produced the report, shown under Reproduce
     * @param progress where progress lines go (stderr)
     */
    public record ReportOptions(Path in, Path out, Path baseline, Path history, double threshold, String commandLine,
                          PrintStream progress) {
        /** Validates. */
        public ReportOptions {
            if (!(threshold >= 0 && threshold < 1)) {
                throw new IllegalArgumentException("threshold must be in [0, 1), got " + threshold);
            }
        }
    }

    /**
     * What was written and found.
     *
     * @param markdown the Markdown file
     * @param html the HTML file
     * @param figures PNG files written
     * @param regressions regression flags against the baseline plus history slow-downs
     * @param verifyChecks verification checks read
     * @param verifyFailures failed verification checks
     * @param targetsMissed targets missed in at least one run
     * @param warnings problems with inputs
     */
    public record ReportResult(Path markdown, Path html, List<Path> figures, int regressions, int verifyChecks,
                         int verifyFailures, int targetsMissed, List<String> warnings) {
    }

    /** Generates the report. */
    public static ReportResult generate(ReportOptions o) throws IOException {
        if (!Files.isDirectory(o.in())) {
            throw new IllegalArgumentException(o.in() + ": input directory not found");
        }
        Files.createDirectories(o.out());
        ReportContext ctx = new ReportContext(o.in(), o.out(), o.progress());
        ctx.progress("reading inputs from " + o.in());

        List<PerformanceSection.Run> runs = jmhRuns(ctx, o.in().resolve("bench"));
        List<CsvFile> verify = csvFiles(ctx, o.in().resolve("verify"), name -> true, "verify ");
        List<CsvFile> latency = csvFiles(ctx, o.in().resolve("bench"), name -> name.startsWith("latency"), null);
        Baseline baseline = baseline(ctx, o.baseline());

        VerifySection.VerifyTotals vsum = VerifySection.summarize(verify);
        ProvenanceSection.write(ctx, o.commandLine(), runs);
        MethodsSection.write(ctx, verify, vsum, runs);
        ctx.progress("verification section");
        VerifySection.VerifyTotals vs = VerifySection.write(ctx, verify);
        CalibrationSection.write(ctx);
        ctx.progress("performance section (" + runs.size() + " runs)");
        PerformanceSection.BenchCounts ps = PerformanceSection.write(ctx, runs, o.baseline(), baseline.results(),
                baseline.problem(), o.history(), o.threshold());
        ctx.progress("latency section");
        LatencySection.write(ctx, latency);
        ctx.progress("experiments section");
        int experiments = ExperimentSection.write(ctx, o.in().resolve("experiments"));
        ConformanceSection.write(ctx, o.in().resolve("conformance").resolve("conformance.csv"));
        reproduce(ctx, o, runs);

        Doc doc = new Doc();
        doc.heading(1, "initlab methods and evidence report");
        doc.p(Doc.plain("Generated " + Instant.now().truncatedTo(ChronoUnit.SECONDS) + " from "),
                Doc.mono(ctx.show(o.in())));
        FindingsSection.write(doc, ctx, vs, ps);
        summary(doc, vs, ps, !latency.isEmpty(), experiments, ctx.warnings);
        ctx.doc.blocks().forEach(doc::add);

        Path md = o.out().resolve("REPORT.md");
        Path html = o.out().resolve("report.html");
        write(md, MarkdownWriter.render(doc));
        write(html, HtmlWriter.render(doc, "initlab report", o.out()));
        ctx.progress("wrote " + md + ", " + html + " and " + ctx.figures.size() + " figures");
        return new ReportResult(md, html, List.copyOf(ctx.figures), ps.regressions(), vs.checks(), vs.failed(),
                ps.targetsMiss(), List.copyOf(ctx.warnings));
    }

    /** Every JMH result file in {@code dir} with its run note; an unreadable file is a warning. */
    private static List<PerformanceSection.Run> jmhRuns(ReportContext ctx, Path dir) throws IOException {
        List<PerformanceSection.Run> runs = new ArrayList<>();
        for (Path p : list(dir, ".json")) {
            String fn = p.getFileName().toString();
            if (fn.startsWith("run-") || fn.endsWith(".run.json")) {
                continue; // the bench command's note about a run, read with its JMH file
            }
            try {
                List<JmhResult> rs = JmhJson.read(p);
                runs.add(new PerformanceSection.Run(p, rs, runNote(ctx, p)));
                ctx.progress("JMH " + ctx.show(p) + ": " + rs.size() + " results");
            } catch (IllegalArgumentException e) {
                ctx.warn(e.getMessage());
            }
        }
        return runs;
    }

    /**
     * The CSV files in {@code dir} whose names {@code accept}; an unreadable file is a warning. With a
     * {@code progressLabel}, each file read is a progress line.
     */
    private static List<CsvFile> csvFiles(ReportContext ctx, Path dir, java.util.function.Predicate<String> accept,
                                          String progressLabel) throws IOException {
        List<CsvFile> files = new ArrayList<>();
        for (Path p : list(dir, ".csv")) {
            if (!accept.test(p.getFileName().toString())) {
                continue;
            }
            try {
                files.add(CsvFile.read(p));
                if (progressLabel != null) {
                    ctx.progress(progressLabel + ctx.show(p) + ": " + files.getLast().rows().size() + " checks");
                }
            } catch (IllegalArgumentException e) {
                ctx.warn(e.getMessage());
            }
        }
        return files;
    }

    /** The baseline run, or null with the reason it is missing ({@code problem} empty when it was read). */
    private record Baseline(List<JmhResult> results, String problem) {
    }

    private static Baseline baseline(ReportContext ctx, Path file) {
        if (file == null || !Files.isRegularFile(file)) {
            return new Baseline(null, "no baseline file " + (file == null ? "" : ctx.show(file)));
        }
        try {
            return new Baseline(JmhJson.read(file), "");
        } catch (IllegalArgumentException e) {
            ctx.warn(e.getMessage());
            return new Baseline(null, e.getMessage());
        }
    }

    private static void summary(Doc doc, VerifySection.VerifyTotals vs, PerformanceSection.BenchCounts ps, boolean latency,
                                int experiments, List<String> warnings) {
        doc.heading(2, "Summary");
        Doc.TableBuilder t = new Doc.TableBuilder(null, "part", "outcome");
        t.row(Doc.cell("Verification"), vs.files() == 0 ? Doc.cell("not run", Doc.Tone.WARN)
                : Doc.cell(vs.checks() + " checks, " + vs.failed() + " failed",
                vs.failed() == 0 ? Doc.Tone.GOOD : Doc.Tone.BAD));
        t.row(Doc.cell("Performance targets"), ps.runs() == 0 ? Doc.cell("not run", Doc.Tone.WARN)
                : Doc.cell(ps.targetsPass() + " met, " + ps.targetsMiss() + " missed, " + ps.targetsNotMeasured()
                + " not measured (each target once over all runs)", ps.targetsMiss() == 0 ? Doc.Tone.NONE : Doc.Tone.BAD));
        t.row(Doc.cell("Regressions"), ps.runs() == 0 ? Doc.cell("not run", Doc.Tone.WARN)
                : Doc.cell(ps.regressions() + " flagged", ps.regressions() == 0 ? Doc.Tone.GOOD : Doc.Tone.BAD));
        t.row(Doc.cell("Latency"), latency ? Doc.cell("measured") : Doc.cell("not run", Doc.Tone.WARN));
        t.row(Doc.cell("Experiments"), experiments == 0 ? Doc.cell("not run", Doc.Tone.WARN)
                : Doc.cell(experiments + " result files"));
        doc.add(t.build());
        if (!warnings.isEmpty()) {
            doc.p(Doc.bold("Input problems:"));
            doc.bullets(warnings);
        }
    }

    private static void reproduce(ReportContext ctx, ReportOptions o, List<PerformanceSection.Run> runs) {
        Doc d = ctx.doc;
        d.heading(2, "Reproduce");
        d.p("From a clone of the repository with JDK 25 and Maven (the launcher builds on first use), each step "
                + "writing under reports/:");
        List<String> benchCommands = runs.stream().map(r -> r.meta().get("command")).filter(c -> c != null)
                .distinct().toList();
        List<String> lines = new ArrayList<>(List.of(
                "# verification: one CSV per verify run (Holm over the run's checks)",
                "./initlab verify WEIGHTS.npy --scheme kaiming_normal --csv reports/verify/WEIGHTS.csv",
                "# JMH benchmarks: jmh-quick.json, latency.csv and run-quick.json in reports/bench"));
        lines.addAll(benchCommands.isEmpty() ? List.of("./initlab bench --quick          # or --full (hours)")
                : benchCommands.stream().map(c -> c + "   # as recorded in run-*.json").toList());
        lines.addAll(List.of(
                "# experiments: CSV tables and the claims ledger in reports/experiments",
                "./initlab experiment all --quick   # or --full (hours)",
                "# this report",
                o.commandLine() == null ? "./initlab report --in reports --out reports" : o.commandLine(),
                "# regression check against the committed baseline (exit 1 on a regression)",
                "./initlab compare reports/baseline/jmh.json reports/bench/jmh-quick.json",
                "# keep each run for change-point detection, named so that name order is time order",
                "cp reports/bench/jmh-quick.json reports/history/$(date +%Y-%m-%d)-jmh-quick.json",
                "./initlab compare --history reports/history"));
        d.code(String.join("\n", lines));
    }

    /**
     * The flat fields of the run note beside a JMH file: {@code run-SUITE.json} for
     * {@code jmh-SUITE.json}, or {@code NAME.run.json} for {@code NAME.json}; an empty map when none.
     */
    private static java.util.Map<String, String> runNote(ReportContext ctx, Path jmhFile) {
        String name = jmhFile.getFileName().toString();
        Path note = jmhFile.resolveSibling(name.replaceAll("\\.json$", "") + ".run.json");
        if (!Files.isRegularFile(note) && name.startsWith("jmh-")) {
            note = jmhFile.resolveSibling("run-" + name.substring(4));
        }
        if (!Files.isRegularFile(note)) {
            return java.util.Map.of();
        }
        try {
            com.fasterxml.jackson.databind.JsonNode n = new com.fasterxml.jackson.databind.ObjectMapper().readTree(
                    note.toFile());
            java.util.Map<String, String> m = new java.util.LinkedHashMap<>();
            n.fields().forEachRemaining(e -> {
                if (e.getValue().isValueNode()) {
                    m.put(e.getKey(), e.getValue().asText());
                }
            });
            return m;
        } catch (IOException | RuntimeException e) {
            ctx.warn(ctx.show(note) + ": unreadable run note (" + e.getMessage() + ")");
            return java.util.Map.of();
        }
    }

    private static List<Path> list(Path dir, String ext) throws IOException {
        if (!Files.isDirectory(dir)) {
            return List.of();
        }
        try (Stream<Path> s = Files.list(dir)) {
            return s.filter(p -> Files.isRegularFile(p) && p.getFileName().toString().endsWith(ext)).sorted().toList();
        }
    }

    private static void write(Path p, String text) {
        dev.initlab.io.AtomicFiles.writeString(p, text);
    }
}
