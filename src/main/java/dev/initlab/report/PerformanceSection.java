package dev.initlab.report;

import dev.initlab.bench.BenchRole;
import dev.initlab.bench.ChangePoints;
import dev.initlab.bench.Compare;
import dev.initlab.bench.Estimate;
import dev.initlab.bench.History;
import dev.initlab.bench.JmhResult;
import dev.initlab.bench.MachineSpeed;
import dev.initlab.bench.PairedRatios;
import dev.initlab.bench.RunNote;
import dev.initlab.bench.Targets;
import dev.initlab.bench.Units;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.function.Function;

/** The Performance section: per JMH run, results, charts, within-run ratios, targets, baseline flags; then history. */
final class PerformanceSection {
    /**
     * One JMH JSON file and the bench command's note about it ({@code run-SUITE.json} next to
     * {@code jmh-SUITE.json}: command, JVM, CPU, load), empty when absent.
     */
    record Run(Path file, List<JmhResult> results, Map<String, String> meta) {
        Run {
            meta = Map.copyOf(meta);
        }

        String name() {
            return file.getFileName().toString();
        }
    }

    /** Counts for the summary. */
    record BenchCounts(int regressions, int targetsPass, int targetsMiss, int targetsNotMeasured, int runs) {
    }

    private static final Set<String> NOT_LABEL_PARAMS = Set.of("size", "elements", "n", "length", "len", "count",
            "samples", "bytes", "threads", "parallelism", "workers", "engine");

    private PerformanceSection() {
    }

    static BenchCounts write(ReportContext ctx, List<Run> runs, Path baselineFile, List<JmhResult> baseline,
                         String baselineProblem, Path historyDir, double threshold) throws IOException {
        Doc d = ctx.doc;
        d.heading(2, "Performance");
        int regressions = 0;
        int pass = 0;
        int miss = 0;
        int absent = 0;
        List<Targets.Row> measured = new ArrayList<>();
        if (runs.isEmpty()) {
            d.p(Doc.bold("Not run: "), Doc.plain("no JMH results (expected " + ctx.show(ctx.in.resolve("bench"))
                    + "/*.json written with -rf json)."));
        }
        for (Run run : runs) {
            d.heading(3, "Run " + run.name());
            List<BenchRole> roles = run.results().stream().map(BenchRole::of).toList();
            Function<BenchRole, String> label = labeller(roles);
            runConfig(ctx, run);
            throughputCharts(ctx, run, roles, label);
            scalingChart(ctx, run, roles, label);
            resultsTable(ctx, run, roles);
            ratiosTable(ctx, roles, label);
            List<Targets.Row> rows = Targets.evaluate(roles);
            targetsTable(ctx, rows);
            measured.addAll(rows.stream().filter(r -> !r.status().equals("not measured")).toList());
            regressions += baselineComparison(ctx, run, baselineFile, baseline, baselineProblem, threshold);
        }
        // each target counted once over all runs: missed when any run missed it, not measured when no run measured it
        for (Targets.Target t : Targets.TARGETS) {
            List<Targets.Row> rs = measured.stream().filter(r -> r.target() == t).toList();
            if (rs.isEmpty()) {
                absent++;
            } else if (rs.stream().allMatch(r -> !r.status().equals("miss"))) {
                pass++;
            } else {
                miss++;
            }
        }
        regressions += history(ctx, historyDir, threshold);
        calibration(ctx);
        return new BenchCounts(regressions, pass, miss, absent, runs.size());
    }

    private static void runConfig(ReportContext ctx, Run run) {
        Optional<RunNote> note = RunNote.beside(run.file());
        if (note.isPresent() && note.get().underLoad()) {
            ctx.doc.p(Doc.bold("Taken under load: "), Doc.plain(note.get().loadNote()
                    + ". Absolute speeds of this run understate the code's; ratios to baselines measured in the same "
                    + "fork are what can be compared."));
            ctx.warn(run.name() + " was taken under load");
        } else if (note.isPresent()) {
            ctx.doc.p(Doc.bold("Load: "), Doc.plain(note.get().loadNote() + "."));
        }
        Optional<MachineSpeed.Pair> speed = note.flatMap(RunNote::speed);
        if (speed.isPresent()) {
            ctx.doc.p(Doc.bold("Machine speed: "), Doc.plain(speed.get().describe() + speed.get().drift()
                    .map(x -> "; " + x).orElse("") + ". A fixed calibration loop timed in the bench command's JVM "
                    + "(MachineSpeed): two runs whose compute figures differ by more than "
                    + Math.round(100 * MachineSpeed.TOLERANCE) + "% ran on machines of different speed."));
        } else if (note.isPresent()) {
            ctx.doc.p(Doc.bold("Machine speed: "), Doc.plain("not recorded (the run note predates the calibration "
                    + "loop)."));
        }
        if (!run.meta().isEmpty()) {
            Doc.TableBuilder t = new Doc.TableBuilder("Benchmark machine and load (from the bench command's run note)",
                    "field", "value");
            new TreeMap<>(run.meta()).forEach(t::rowText);
            ctx.doc.add(t.build());
        }
        if (run.results().isEmpty()) {
            ctx.doc.p("This file holds no results.");
            return;
        }
        JmhResult.RunInfo ri = run.results().get(0).run();
        Set<String> forks = new TreeSet<>();
        Set<String> threads = new TreeSet<>();
        Set<String> modes = new LinkedHashSet<>();
        Set<String> iterations = new LinkedHashSet<>(); // benchmark classes (and suite parts) set their own
        for (JmhResult r : run.results()) {
            forks.add(Integer.toString(r.forks()));
            threads.add(Integer.toString(r.threads()));
            modes.add(r.mode());
            JmhResult.RunInfo i = r.run();
            iterations.add("warmup " + i.warmupIterations() + " x " + i.warmupTime() + ", measurement "
                    + i.measurementIterations() + " x " + i.measurementTime());
        }
        ctx.doc.p(Doc.plain(run.results().size() + " results from " + ctx.show(run.file()) + "; JMH " + ri.jmhVersion()
                + ", " + ri.vmName() + " " + ri.vmVersion() + "; modes " + String.join("/", modes) + "; forks "
                + String.join("/", forks) + "; iterations (by benchmark) " + String.join(" / ", iterations)
                + "; JMH threads "
                + String.join("/", threads) + "; JVM args: "), Doc.mono(ri.jvmArgs().isEmpty() ? "(none)"
                : String.join(" ", ri.jvmArgs())));
    }

    /**
     * Series labels of one run: engine or baseline name plus the parameters that are not size,
     * threads or engine, prefixed by the benchmark class when several initlab classes ran.
     */
    private static Function<BenchRole, String> labeller(List<BenchRole> roles) {
        boolean several = roles.stream().filter(b -> b.kind() == BenchRole.Kind.INITLAB)
                .map(b -> b.result().className()).distinct().count() > 1;
        return b -> (several && b.kind() == BenchRole.Kind.INITLAB ? b.result().className() + " " : "") + seriesLabel(b);
    }

    private static String seriesLabel(BenchRole b) {
        StringBuilder sb = new StringBuilder(b.kind() == BenchRole.Kind.INITLAB ? b.engine() : b.kind().label());
        if (b.kind() == BenchRole.Kind.OTHER) {
            sb.setLength(0);
            sb.append(b.result().shortName());
        }
        b.result().params().forEach((k, v) -> {
            if (!NOT_LABEL_PARAMS.contains(k)) {
                sb.append(' ').append(v);
            }
        });
        return sb.toString();
    }

    private static void throughputCharts(ReportContext ctx, Run run, List<BenchRole> roles,
                                         Function<BenchRole, String> label) throws IOException {
        Map<String, List<BenchRole>> byDist = new TreeMap<>();
        List<BenchRole> fills = new ArrayList<>();
        for (BenchRole b : roles) {
            if (b.threads() != 1 || b.elements() <= 0 || b.result().samplesPerSecond().isEmpty()) {
                continue;
            }
            if (b.kind() == BenchRole.Kind.ARRAYS_FILL) {
                fills.add(b);
            } else {
                byDist.computeIfAbsent(b.dist().isEmpty() ? "other" : b.dist(), k -> new ArrayList<>()).add(b);
            }
        }
        if (byDist.isEmpty() && !fills.isEmpty()) {
            byDist.put("constant", new ArrayList<>());
        }
        for (var e : byDist.entrySet()) {
            List<BenchRole> group = new ArrayList<>(e.getValue());
            if (!e.getKey().equals("constant")) {
                group.addAll(fills);
            } else {
                group.addAll(fills.stream().filter(f -> !group.contains(f)).toList());
            }
            TreeSet<Long> sizes = new TreeSet<>();
            group.forEach(b -> sizes.add(b.elements()));
            List<String> cats = sizes.stream().map(Units::formatCount).toList();
            Map<String, double[]> vals = new LinkedHashMap<>();
            Map<String, double[]> lows = new LinkedHashMap<>();
            Map<String, double[]> highs = new LinkedHashMap<>();
            group.sort(Comparator.comparing(BenchRole::kind).thenComparing(label));
            for (BenchRole b : group) {
                String s = label.apply(b);
                double[] v = vals.computeIfAbsent(s, k -> nans(cats.size()));
                double[] lo = lows.computeIfAbsent(s, k -> nans(cats.size()));
                double[] hi = highs.computeIfAbsent(s, k -> nans(cats.size()));
                int i = cats.indexOf(b.sizeText());
                Estimate sps = b.result().samplesPerSecond().get();
                v[i] = sps.value();
                lo[i] = sps.hasInterval() ? sps.lo() : Double.NaN;
                hi[i] = sps.hasInterval() ? sps.hi() : Double.NaN;
            }
            String rel = ctx.figureName(stem(run) + "-throughput-" + e.getKey());
            boolean ok = Charts.dots(ctx.out.resolve(rel), e.getKey() + " fill, 1 thread (" + run.name() + ")",
                    "array size (elements)", "samples/s (log)", cats, vals, lows, highs, false);
            if (ok) {
                ctx.addFigure(rel, "throughput of " + e.getKey() + " fills by engine and size, with 99.9% intervals",
                        "Samples per second by engine/baseline and array size, one thread, log scale; each marker is "
                                + "JMH's score and its vertical bar JMH's 99.9% interval drawn on the log scale (an "
                                + "interval whose lower end is at or below 0 runs to the bottom of the axis; most are "
                                + "narrower than the marker). Engines are not schemes, so each series has its own "
                                + "colour and marker. Arrays.fill (no random numbers) marks the memory bound.");
            }
        }
    }

    private static double[] nans(int n) {
        double[] a = new double[n];
        java.util.Arrays.fill(a, Double.NaN);
        return a;
    }

    private static String stem(Run run) {
        String n = run.name();
        return n.endsWith(".json") ? n.substring(0, n.length() - 5) : n;
    }

    private static void scalingChart(ReportContext ctx, Run run, List<BenchRole> roles,
                                     Function<BenchRole, String> labeller) throws IOException {
        Map<String, TreeMap<Integer, Estimate>> series = new TreeMap<>();
        for (BenchRole b : roles) {
            Optional<Estimate> sps = b.result().samplesPerSecond();
            if (sps.isEmpty()) {
                continue;
            }
            String label = labeller.apply(b) + " " + b.sizeText();
            series.computeIfAbsent(label, k -> new TreeMap<>()).put(b.threads(), sps.get());
        }
        List<Charts.Line> lines = new ArrayList<>();
        for (var e : series.entrySet()) {
            if (e.getValue().size() < 2) {
                continue;
            }
            double[] x = e.getValue().keySet().stream().mapToDouble(Integer::doubleValue).toArray();
            double[] y = e.getValue().values().stream().mapToDouble(Estimate::value).toArray();
            double[] lo = e.getValue().values().stream().mapToDouble(Estimate::lo).toArray();
            double[] hi = e.getValue().values().stream().mapToDouble(Estimate::hi).toArray();
            lines.add(Charts.Line.of(e.getKey(), x, y, lo, hi));
        }
        if (lines.isEmpty()) {
            ctx.doc.p("Thread scaling: not measured in this run (no benchmark ran at two or more thread counts).");
            return;
        }
        String rel = ctx.figureName(stem(run) + "-scaling");
        if (Charts.lines(ctx.out.resolve(rel), "Scaling with threads (" + run.name() + ")", "threads",
                "samples/s (log)", lines, false, true, v -> v == Math.rint(v) ? Integer.toString(v.intValue()) : "")) {
            ctx.addFigure(rel, "throughput against thread count",
                    "Samples per second (all threads together) against threads; error bars are JMH's 99.9% intervals. "
                            + "The machine's core count bounds useful scaling.");
        }
    }

    /** JMH's {@code -prof gc} allocation per operation. */
    static final String ALLOC = "gc.alloc.rate.norm";

    private static void resultsTable(ReportContext ctx, Run run, List<BenchRole> roles) {
        boolean alloc = roles.stream().anyMatch(b -> b.result().secondary().containsKey(ALLOC));
        List<String> headers = new ArrayList<>(List.of("benchmark", "params", "threads", "Gsamples/s [CI]",
                "ns/sample [CI]", "score ± 99.9% error", "unit", "mode"));
        if (alloc) {
            headers.add("alloc B/op");
        }
        headers.add("recognised as");
        Doc.TableBuilder t = new Doc.TableBuilder("All results of " + run.name(), headers);
        for (BenchRole b : roles) {
            JmhResult r = b.result();
            String noSize = "no size parameter";
            String sps = r.samplesPerSecond().map(e -> Num.withInterval(e.times(1e-9), "single iteration"))
                    .orElse("n/a (" + (r.opsPerSecond().isEmpty() ? "unit " + r.unit() + " is not a rate or time" : noSize)
                            + ")");
            String ns = r.nsPerSample().map(e -> Num.withInterval(e, "single iteration")).orElse("n/a");
            String score = Num.g(r.score()) + (Double.isFinite(r.scoreError()) ? " ± " + Num.g(r.scoreError())
                    : " (no error: single iteration)");
            List<Doc.Cell> row = new ArrayList<>(List.of(Doc.cell(r.shortName()), Doc.cell(r.paramText()),
                    Doc.cell(Integer.toString(b.threads())), Doc.cell(sps), Doc.cell(ns), Doc.cell(score),
                    Doc.cell(r.unit()), Doc.cell(r.mode())));
            if (alloc) {
                Double a = r.secondary().get(ALLOC);
                row.add(Doc.cell(a == null ? "n/a (not profiled)" : Num.g(a)));
            }
            row.add(Doc.cell(b.kind() == BenchRole.Kind.OTHER ? "unrecognised" : b.describe(),
                    b.kind() == BenchRole.Kind.OTHER ? Doc.Tone.MUTED : Doc.Tone.NONE));
            t.row(row);
        }
        ctx.doc.add(t.build());
    }

    private static void ratiosTable(ReportContext ctx, List<BenchRole> roles, Function<BenchRole, String> label) {
        Doc.TableBuilder t = new Doc.TableBuilder("Speed ratios within this run (samples/s of the initlab fill over the "
                + "reference at the same size and thread count; interval = conservative quotient of 99.9% intervals)",
                "initlab fill", "reference", "size", "threads", "ratio", "interval");
        for (BenchRole a : roles) {
            if (a.kind() != BenchRole.Kind.INITLAB || a.elements() <= 0 || a.result().samplesPerSecond().isEmpty()) {
                continue;
            }
            for (BenchRole b : roles) {
                boolean sameDistBaseline = b.kind().baseline() && (b.dist().equals(a.dist())
                        || b.kind() == BenchRole.Kind.ARRAYS_FILL);
                boolean fewerThreads = b.kind() == BenchRole.Kind.INITLAB && b != a && b.threads() < a.threads()
                        && b.threads() == 1 && b.engine().equals(a.engine()) && sameParams(a, b);
                if (!sameDistBaseline && !fewerThreads || b.elements() != a.elements()
                        || b.result().samplesPerSecond().isEmpty()) {
                    continue;
                }
                if (sameDistBaseline && b.threads() != a.threads()) {
                    continue;
                }
                Estimate r = Estimate.ratio(a.result().samplesPerSecond().get(), b.result().samplesPerSecond().get());
                String ref = fewerThreads ? "same fill, 1 thread" : b.kind().label() + (b.kind() == BenchRole.Kind.ARRAYS_FILL
                        ? " (bandwidth)" : "") + labelExtras(b);
                String who = label.apply(a);
                t.row(Doc.cell(who.contains(a.dist()) ? who : who + " " + a.dist()), Doc.cell(ref), Doc.cell(a.sizeText()),
                        Doc.cell(Integer.toString(a.threads())), Doc.cell(Num.g(r.value()) + "x"),
                        Doc.cell(r.hasInterval() ? "[" + Num.g(r.lo()) + ", " + Num.g(r.hi()) + "]"
                                : "n/a (single iteration)"));
            }
        }
        if (t.size() == 0) {
            ctx.doc.p("Speed ratios: not measured (this run has no initlab fill together with a baseline at the same size).");
        } else {
            ctx.doc.add(t.build());
        }
    }

    private static String labelExtras(BenchRole b) {
        StringBuilder sb = new StringBuilder();
        b.result().params().forEach((k, v) -> {
            if (!NOT_LABEL_PARAMS.contains(k)) {
                sb.append(sb.isEmpty() ? " (" : ", ").append(k).append('=').append(v);
            }
        });
        return sb.isEmpty() ? "" : sb.append(')').toString();
    }

    private static boolean sameParams(BenchRole a, BenchRole b) {
        if (!a.result().benchmark().equals(b.result().benchmark())) {
            return false;
        }
        Map<String, String> pa = new TreeMap<>(a.result().params());
        Map<String, String> pb = new TreeMap<>(b.result().params());
        JmhResult.THREAD_PARAMS.forEach(k -> {
            pa.remove(k);
            pb.remove(k);
        });
        return pa.equals(pb);
    }

    private static void targetsTable(ReportContext ctx, List<Targets.Row> rows) {
        Doc.TableBuilder t = new Doc.TableBuilder("Targets (pass = point estimate meets the target; CI column: whether "
                + "the whole interval does)", "target", "size", "measured", "value", "interval", "status", "CI",
                "missed by", "note");
        for (Targets.Row r : rows) {
            Doc.Tone tone = switch (r.status()) {
                case "pass" -> Doc.Tone.GOOD;
                case "miss" -> Doc.Tone.BAD;
                default -> Doc.Tone.WARN;
            };
            String unit = r.target().unit().equals("x") ? "x" : " " + r.target().unit();
            String value = r.value() == null ? "n/a" : r.target().unit().startsWith("of ")
                    ? Num.g(100 * r.value().value()) + "%" : Num.g(r.value().value()) + unit;
            String interval = r.value() == null ? "" : !r.value().hasInterval() ? "n/a (single iteration)"
                    : r.target().unit().startsWith("of ") ? "[" + Num.g(100 * r.value().lo()) + "%, "
                    + Num.g(100 * r.value().hi()) + "%]" : "[" + Num.g(r.value().lo()) + ", " + Num.g(r.value().hi()) + "]";
            t.row(Doc.cell(r.target().text()), Doc.cell(r.sizeText()), Doc.cell(r.measured()), Doc.cell(value),
                    Doc.cell(interval), Doc.cell(r.status(), tone), Doc.cell(r.ci()),
                    Doc.cell(missedBy(r)), Doc.cell(r.note()));
        }
        ctx.doc.add(t.build());
    }

    /** "20%" below twice the target; beyond that "5.1x the limit" reads better than "410%". */
    static String missedBy(Targets.Row r) {
        if (Double.isNaN(r.missedBy())) {
            return "";
        }
        if (r.missedBy() > 1 && r.value() != null) {
            return Num.g(r.value().value() / r.target().threshold()) + "x the limit";
        }
        return Num.g(100 * r.missedBy()) + "%";
    }

    private static int baselineComparison(ReportContext ctx, Run run, Path baselineFile, List<JmhResult> baseline,
                                          String problem, double threshold) {
        Doc d = ctx.doc;
        if (baseline == null) {
            d.p(Doc.bold("Regression check:"), Doc.plain(" not run (" + problem + ")."));
            return 0;
        }
        Compare c = Compare.of(baseline, run.results(), threshold);
        long paired = c.rows().stream().filter(r -> r.baseline() != null && r.current() != null).count();
        if (paired == 0) {
            d.p(Doc.bold("Regression check:"), Doc.plain(" not applicable: no benchmark of " + run.name() + " is in "
                    + ctx.show(baselineFile) + "."));
            return 0;
        }
        d.p(Doc.bold("Regression check against " + ctx.show(baselineFile) + ":"), Doc.plain(" " + c.summary() + "."));
        int regressions = c.regressions().size();
        if (regressions > 0) {
            ctx.progress(regressions + " regression(s) in " + run.name() + " against the baseline");
        }
        // unpaired benchmarks are counted in the summary line, not listed
        Doc.Table full = BenchTables.table(c);
        List<List<Doc.Cell>> pairedRows = full.rows().stream().filter(r -> {
            String v = r.get(r.size() - 2).text();
            return !v.equals(Compare.Outcome.NEW.label()) && !v.equals(Compare.Outcome.BASELINE_ONLY.label());
        }).toList();
        if (pairedRows.size() <= 60) {
            d.add(new Doc.Table("Current/baseline speed ratios for " + run.name(), full.headers(), pairedRows));
        } else {
            List<List<Doc.Cell>> flagged = pairedRows.stream()
                    .filter(r -> !r.get(r.size() - 2).text().equals(Compare.Outcome.UNCHANGED.label())).toList();
            if (!flagged.isEmpty()) {
                d.add(new Doc.Table("Flagged benchmarks of " + run.name() + " (" + (pairedRows.size() - flagged.size())
                        + " unchanged not listed)", full.headers(), flagged));
            }
        }
        return regressions;
    }

    /** File of the A/A and injected-slowdown runs' rates ({@code compare --calibration}), under the input's bench/. */
    static final String CALIBRATION_CSV = "regression-calibration.csv";

    /** The regression rule's measured false-alarm and detection rates (issue #11), when the CSV is there. */
    private static void calibration(ReportContext ctx) {
        Doc d = ctx.doc;
        d.heading(3, "Regression tracking: measured false-alarm and detection rates");
        Path file = ctx.in.resolve("bench").resolve(CALIBRATION_CSV);
        d.p("Rule: compare judges a regression only "
                + "on same-fork paired ratios: PairedBench alternates an initlab fill and an outside baseline "
                + "(A B A B) in one fork; per run the log ratios of adjacent iterations (first pair of a fork "
                + "dropped); between two runs the Hodges-Lehmann shift with its "
                + Num.g(100 * PairedRatios.CONFIDENCE) + "% Mann-Whitney interval; a regression when the whole "
                + "interval lies below 1 - threshold. Absolute scores are shown, not judged; outside baselines "
                + "(Arrays.fill, Random, ThreadLocalRandom, SplittableRandom, Commons RNG) are never initlab "
                + "regressions.");
        if (!Files.isRegularFile(file)) {
            d.p("Not run: no " + ctx.show(file) + " (./initlab compare --calibration DIR --out FILE on A/A and "
                    + "injected-slowdown runs).");
            return;
        }
        CsvFile csv;
        try {
            csv = CsvFile.read(file);
        } catch (IllegalArgumentException e) {
            ctx.warn(e.getMessage());
            d.p("Not shown: " + e.getMessage());
            return;
        }
        List<String> cols = List.of("experiment", "key", "expected", "comparisons", "flagged", "rate", "rate_lo95",
                "rate_hi95", "median_change", "threshold");
        List<String> missing = cols.stream().filter(c -> !csv.has(c)).toList();
        if (!missing.isEmpty()) {
            d.p("Not shown: " + ctx.show(file) + " lacks columns " + missing + ".");
            return;
        }
        Doc.TableBuilder t = new Doc.TableBuilder("Paired rule on real runs (" + ctx.show(file) + "); the settings and "
                + "the load during the runs are in regression-calibration.md beside it", "experiment", "benchmark key",
                "expected", "comparisons", "flagged", "rate", "95% interval (exact)", "median ratio change",
                "threshold");
        for (Map<String, String> r : csv.rows()) {
            boolean bad = r.get("expected").equals("no flag") ? !r.get("flagged").equals("0")
                    : !r.get("flagged").equals(r.get("comparisons"));
            t.row(Doc.cell(r.get("experiment")), Doc.cell(r.get("key")), Doc.cell(r.get("expected")),
                    Doc.cell(r.get("comparisons")), Doc.cell(r.get("flagged"), bad ? Doc.Tone.WARN : Doc.Tone.GOOD),
                    Doc.cell(r.get("rate")), Doc.cell("[" + r.get("rate_lo95") + ", " + r.get("rate_hi95") + "]"),
                    Doc.cell(r.get("median_change")), Doc.cell(r.get("threshold")));
        }
        d.add(t.build());
    }

    private static int history(ReportContext ctx, Path dir, double threshold) throws IOException {
        Doc d = ctx.doc;
        d.heading(3, "History and change points");
        if (dir == null || !Files.isDirectory(dir)) {
            d.p("Not run: no run history (put one JMH JSON per run in " + (dir == null ? "reports/history"
                    : ctx.show(dir)) + ", named so that file-name order is time order).");
            return 0;
        }
        History h;
        try {
            h = History.read(dir);
        } catch (IllegalArgumentException e) {
            ctx.warn(e.getMessage());
            d.p("Not run: " + e.getMessage());
            return 0;
        }
        ChangePoints cp = ChangePoints.defaults();
        d.p("E-divisive means (Matteson and James, JASA 2014; as used for CI performance data by Daly et al., "
                + "ICPE 2020) on log throughput of each benchmark over " + h.runs().size() + " runs in "
                + ctx.show(dir) + ": significance " + cp.alpha() + " per split by a permutation test with "
                + cp.permutations() + " shuffles (fixed seed), segments of at least " + cp.minSize() + " runs.");
        if (h.runs().size() < 2 * cp.minSize()) {
            d.p("Fewer than " + 2 * cp.minSize() + " runs: no change point can be detected yet.");
            return 0;
        }
        List<History.Change> cs = h.changes(cp, threshold);
        if (cs.isEmpty()) {
            d.p("No change points.");
            return 0;
        }
        d.add(BenchTables.table(cs));
        List<Charts.Line> lines = new ArrayList<>();
        for (String key : cs.stream().map(History.Change::key).distinct().limit(10).toList()) {
            List<History.Point> pts = h.points(key);
            double first = pts.get(0).opsPerSecond().value();
            lines.add(Charts.Line.of(pts.get(0).result().label(),
                    pts.stream().mapToDouble(p -> p.run() + 1).toArray(),
                    pts.stream().mapToDouble(p -> p.opsPerSecond().value() / first).toArray(),
                    pts.stream().mapToDouble(p -> p.opsPerSecond().lo() / first).toArray(),
                    pts.stream().mapToDouble(p -> p.opsPerSecond().hi() / first).toArray()));
        }
        String rel = ctx.figureName("history-change-points");
        if (Charts.lines(ctx.out.resolve(rel), "Throughput history (benchmarks with change points)", "run",
                "throughput / first run", lines, false, false, null)) {
            ctx.addFigure(rel, "throughput history", "Throughput relative to the first run, for benchmarks with a change "
                    + "point (at most 10); error bars are JMH's 99.9% intervals.");
        }
        return (int) cs.stream().filter(c -> c.latest() && c.slowdown()).count();
    }
}
