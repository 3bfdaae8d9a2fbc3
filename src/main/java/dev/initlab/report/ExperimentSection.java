package dev.initlab.report;

import dev.initlab.stats.MeanInterval;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalDouble;
import java.util.regex.Pattern;
import java.util.stream.Stream;

/**
 * The Experiments section, driven by {@link #SPECS}: a table from experiment CSV file names to
 * chart specifications. A CSV that no spec names, or whose columns a spec does not find, is shown
 * as a plain table, so a new experiment appears in the report without code changes.
 */
final class ExperimentSection {
    static final int MAX_ROWS = 40;

    /**
     * How to chart one experiment CSV. Column names may list alternatives separated by {@code |};
     * the first present is used.
     *
     * @param file regular expression matched against the file name without {@code .csv}
     * @param title chart title
     * @param x x column (numeric: a line chart; text: a bar chart with one group per value)
     * @param y y column; several columns joined by {@code +} (each may list {@code |} alternatives)
     *     draw one series each, for tables in wide format
     * @param series columns whose values name the series (may be empty)
     * @param facets columns whose values split the data into one chart each (may be empty)
     * @param err column of symmetric error half-widths, or null
     * @param lo column of interval lower ends, or null ({@code +}-joined in step with {@code y})
     * @param hi column of interval upper ends, or null ({@code +}-joined in step with {@code y})
     * @param logY logarithmic y axis
     * @param caption figure caption
     */
    record ChartSpec(String file, String title, String x, String y, List<String> series, List<String> facets,
                     String err, String lo, String hi, boolean logY, String caption) {
    }

    /**
     * Known experiment files and their charts. Column names follow the experiment records
     * ({@code dev.initlab.experiment}, written by {@code CsvTables}: component names in order); the
     * alternatives after {@code |} keep older or hand-written files working.
     */
    static final List<ChartSpec> SPECS = List.of(
            new ChartSpec("depth_layers|depth", "Forward variance vs depth", "layer",
                    "forwardGeoMean|act_var", List.of("init|scheme", "width", "depth"), List.of("activation"), null,
                    "forwardGeoLo|act_var_lo", "forwardGeoHi|act_var_hi", true,
                    "Per-layer variance of pre-activations in the forward pass (geometric mean over seeds); error "
                            + "bars cover its interval."),
            new ChartSpec("depth_layers|depth", "Gradient variance vs depth", "layer",
                    "gradientGeoMean|grad_var", List.of("init|scheme", "width", "depth"), List.of("activation"), null,
                    "gradientGeoLo|grad_var_lo", "gradientGeoHi|grad_var_hi", true,
                    "Per-layer variance of back-propagated gradients (geometric mean over seeds); error bars cover "
                            + "its interval."),
            new ChartSpec("linear9_layers|linear9", "9-layer linear network: RMS ratio by layer", "layer",
                    "rmsRatioMean+predicted", List.of("scale", "width"), List.of(), null, "rmsRatioLo+", "rmsRatioHi+",
                    true, "Output/input RMS ratio after each layer of a 9-layer linear network, with the prediction "
                            + "s^l; error bars cover the interval over seeds."),
            new ChartSpec("gains", "Variance ratio after the stack, by gain", "activation",
                    "torchSimRatio+forwardGainSimRatio", List.of(), List.of(), null, "torchSimLo+forwardGainSimLo",
                    "torchSimHi+forwardGainSimHi", true,
                    "Simulated variance ratio through the stack with PyTorch's gain and with the derived forward "
                            + "gain (1 = preserved)."),
            new ChartSpec("mnist_curves|mnist", "MNIST test accuracy by epoch", "epoch|step",
                    "testAccuracy|accuracy", List.of("init|scheme", "clip"), List.of("activation", "depth"), null,
                    null, null, false, "Test accuracy during training."),
            new ChartSpec("mnist_summary|mnist_final", "MNIST final accuracy", "init|scheme",
                    "finalTestAccuracyMean|accuracyMean|accuracy", List.of("activation", "clip"), List.of("depth"), null,
                    "finalTestAccuracyLo|accuracyLo|acc_lo", "finalTestAccuracyHi|accuracyHi|acc_hi", false,
                    "Final test accuracy per initializer; error bars cover the interval over seeds."),
            new ChartSpec("symmetry_trace", "Largest pairwise difference between hidden units", "epoch|step",
                    "maxPairwiseDifference", List.of("init", "activation", "depth"), List.of("layer"), null, null, null,
                    false, "Largest difference between any two hidden units' incoming weights during training: 0 "
                            + "means the units are still identical (symmetry not broken)."),
            new ChartSpec("symmetry_summary", "Accuracy by initializer (symmetry study)", "init",
                    "accuracyMean+trivialAccuracy", List.of("activation", "depth"), List.of(), null, "accuracyLo+",
                    "accuracyHi+", false, "Final accuracy per initializer against the trivial (majority-class) "
                            + "accuracy; error bars cover the interval over seeds."),
            new ChartSpec("lsuv_layers|lsuv", "LSUV: output variance by layer", "layer", "varianceBefore+varianceAfter",
                    List.of("network", "activation"), List.of(), null, null, null, true,
                    "Per-layer output variance before and after LSUV (target 1)."),
            new ChartSpec("lsuv_compare", "LSUV against data-free schemes", "init", "value",
                    List.of("setting", "activation"), List.of("experiment", "metric"), null, "lo", "hi", false,
                    "Each metric per scheme and setting; error bars cover the interval."),
            new ChartSpec("lsuv_deep_curve_summary", "LSUV at the paper's depths: held-out accuracy during training",
                    "step", "accuracyMean", List.of("init"), List.of("activation", "depth"), null, "accuracyLo",
                    "accuracyHi", false, "Thin deep MNIST MLPs (11, 19, 32 weight layers): held-out accuracy over the "
                            + "SGD steps, mean over seeds; error bars cover its 95% t interval."));

    /** Columns whose text or true/false is a verdict: coloured in tables. */
    static final List<String> VERDICT_COLUMNS = List.of("holds", "passed", "verdict", "status", "outcome", "result",
            "converged", "diverged", "noninferior", "reached", "reachedtarget");

    private ExperimentSection() {
    }

    static int write(ReportContext ctx, Path dir) throws IOException {
        Doc d = ctx.doc;
        d.heading(2, "Experiments");
        if (!Files.isDirectory(dir)) {
            d.p(Doc.bold("Not run: "), Doc.plain("no experiment outputs (expected CSVs under " + ctx.show(dir) + ")."));
            return 0;
        }
        List<Path> csvs;
        List<Path> mds;
        try (Stream<Path> s = Files.walk(dir)) {
            List<Path> all = s.filter(Files::isRegularFile).sorted().toList();
            csvs = all.stream().filter(p -> p.getFileName().toString().endsWith(".csv")).toList();
            mds = all.stream().filter(p -> p.getFileName().toString().endsWith(".md")).toList();
        }
        if (csvs.isEmpty() && mds.isEmpty()) {
            d.p(Doc.bold("Not run: "), Doc.plain(ctx.show(dir) + " holds no CSV or Markdown files."));
            return 0;
        }
        List<Path> ordered = new ArrayList<>();
        for (ChartSpec spec : SPECS) {
            for (Path p : csvs) {
                if (matches(spec, p) && !ordered.contains(p)) {
                    ordered.add(p);
                }
            }
        }
        csvs.stream().filter(p -> !ordered.contains(p) && !isClaims(p) && !ClassicStudies.owns(p)).forEach(ordered::add);
        for (Path p : ordered) {
            CsvFile csv;
            try {
                csv = CsvFile.read(p);
            } catch (IllegalArgumentException e) {
                ctx.warn(e.getMessage());
                continue;
            }
            ctx.progress("experiment " + ctx.show(p) + " (" + csv.rows().size() + " rows)");
            d.heading(3, title(p));
            int before = ctx.figures.size();
            for (ChartSpec spec : SPECS) {
                if (matches(spec, p)) {
                    chart(ctx, csv, spec);
                }
            }
            if (ctx.figures.size() > before && csv.rows().size() > MAX_ROWS) {
                // charted long tables: the figure summarises them and a partial table adds nothing
                d.p(Doc.plain("Data: "), Doc.mono(ctx.show(p)), Doc.plain(" (" + csv.rows().size() + " rows; columns "
                        + String.join(", ", csv.columns()) + ")."));
            } else {
                table(ctx, csv);
            }
        }
        ClassicStudies.write(ctx, dir);
        claims(ctx, csvs.stream().filter(ExperimentSection::isClaims).toList(), mds);
        return ordered.size() + (int) csvs.stream().filter(ClassicStudies::owns).count();
    }

    private static boolean matches(ChartSpec spec, Path p) {
        return Pattern.compile(spec.file(), Pattern.CASE_INSENSITIVE).matcher(stem(p)).matches();
    }

    private static boolean isClaims(Path p) {
        return stem(p).toLowerCase(Locale.ROOT).contains("claim");
    }

    private static String stem(Path p) {
        String n = p.getFileName().toString();
        int dot = n.lastIndexOf('.');
        return dot < 0 ? n : n.substring(0, dot);
    }

    private static String title(Path p) {
        String s = stem(p).replace('_', ' ').replace('-', ' ');
        return s.isEmpty() ? p.getFileName().toString() : Character.toUpperCase(s.charAt(0)) + s.substring(1);
    }

    /** The first present column among {@code a|b|c}, or empty (also for a null spec). */
    static Optional<String> column(CsvFile csv, String alternatives) {
        if (alternatives == null) {
            return Optional.empty();
        }
        return csv.firstOf(alternatives.split("\\|"));
    }

    /** The columns a spec resolved in one CSV: x, the y columns and each y's interval columns (lo/hi). */
    private record ChartColumns(String x, List<String> ys, List<Optional<String>> los, List<Optional<String>> his,
                                Optional<String> err) {
    }

    /** The spec's columns as found in {@code csv}; empty when the x column or every y column is missing. */
    static Optional<ChartColumns> resolve(CsvFile csv, ChartSpec spec) {
        Optional<String> x = column(csv, spec.x());
        String[] ySpecs = spec.y().split("\\+", -1);
        String[] loSpecs = spec.lo() == null ? new String[0] : spec.lo().split("\\+", -1);
        String[] hiSpecs = spec.hi() == null ? new String[0] : spec.hi().split("\\+", -1);
        List<String> ys = new ArrayList<>();
        List<Optional<String>> los = new ArrayList<>();
        List<Optional<String>> his = new ArrayList<>();
        for (int i = 0; i < ySpecs.length; i++) {
            Optional<String> y = column(csv, ySpecs[i]);
            if (y.isPresent()) {
                ys.add(y.get());
                los.add(i < loSpecs.length ? column(csv, emptyToNull(loSpecs[i])) : Optional.empty());
                his.add(i < hiSpecs.length ? column(csv, emptyToNull(hiSpecs[i])) : Optional.empty());
            }
        }
        if (x.isEmpty() || ys.isEmpty()) {
            return Optional.empty();
        }
        return Optional.of(new ChartColumns(x.get(), ys, los, his, column(csv, spec.err())));
    }

    /**
     * Draws the spec's charts of one CSV (one per facet). A CSV that lacks the spec's columns gets
     * no chart and a progress note (the table still shows its data), never a message in the report.
     */
    static void chart(ReportContext ctx, CsvFile csv, ChartSpec spec) throws IOException {
        Optional<ChartColumns> resolved = resolve(csv, spec);
        if (resolved.isEmpty()) {
            ctx.progress("chart \"" + spec.title() + "\" not drawn for " + ctx.show(csv.path()) + ": columns " + spec.x()
                    + " and " + spec.y() + " expected, found " + String.join(", ", csv.columns()));
            return;
        }
        ChartColumns c = resolved.get();
        List<String> series = spec.series().stream().map(s -> column(csv, s)).flatMap(Optional::stream).toList();
        List<String> facets = spec.facets().stream().map(s -> column(csv, s)).flatMap(Optional::stream).toList();
        boolean numericX = csv.numeric(c.x());
        String yTitle = (c.ys().size() == 1 ? c.ys().get(0) : "value") + (spec.logY() ? " (log)" : "");
        for (var f : group(csv.rows(), facets).entrySet()) {
            String title = spec.title() + (f.getKey().isEmpty() ? "" : " (" + f.getKey() + ")");
            String rel = ctx.figureName(stem(csv.path()) + "-" + spec.title() + "-" + f.getKey());
            // series columns constant within this chart would only lengthen the legend
            List<String> varying = series.stream()
                    .filter(col -> f.getValue().stream().map(r -> r.getOrDefault(col, "")).distinct().count() > 1).toList();
            Map<String, List<Map<String, String>>> bySeries = group(f.getValue(), varying);
            boolean ok = numericX
                    ? Charts.lines(ctx.out.resolve(rel), title, c.x(), yTitle, lines(c, bySeries), false, spec.logY(), null)
                    : bars(ctx.out.resolve(rel), title, yTitle, c, f.getValue(), bySeries, spec.logY());
            if (ok) {
                boolean repeated = repeats(f.getValue(), c.x(), varying);
                ctx.addFigure(rel, title, spec.caption() + (repeated ? " Rows repeating a point (such as seeds) are "
                        + "averaged; their error bars are 95% Student-t intervals of the mean." : "") + " Source: "
                        + ctx.show(csv.path()) + ".");
            }
        }
    }

    /** One line per series and y column over a numeric x; repeated x values averaged ({@link #aggregate}). */
    private static List<Charts.Line> lines(ChartColumns c, Map<String, List<Map<String, String>>> bySeries) {
        List<Charts.Line> lines = new ArrayList<>();
        for (var s : bySeries.entrySet()) {
            for (int k = 0; k < c.ys().size(); k++) {
                String yc = c.ys().get(k);
                List<double[]> pts = new ArrayList<>();
                for (Map<String, String> r : s.getValue()) {
                    OptionalDouble xv = CsvFile.number(r.get(c.x()));
                    OptionalDouble yv = CsvFile.number(r.get(yc));
                    if (xv.isPresent() && yv.isPresent()) {
                        pts.add(point(xv.getAsDouble(), yv.getAsDouble(), r, c.err(), c.los().get(k), c.his().get(k)));
                    }
                }
                pts = aggregate(pts);
                lines.add(new Charts.Line(seriesName(s.getKey(), yc, c.ys().size()),
                        pts.stream().mapToDouble(p -> p[0]).toArray(),
                        pts.stream().mapToDouble(p -> p[1]).toArray(),
                        pts.stream().mapToDouble(p -> p[2]).toArray(),
                        pts.stream().mapToDouble(p -> p[3]).toArray(), s.getKey(),
                        yc.toLowerCase(Locale.ROOT).matches(".*(predicted|expected|theory|reference).*")));
            }
        }
        return lines;
    }

    /** A grouped bar chart: one group per x category, one bar per series and y column. */
    private static boolean bars(Path file, String title, String yTitle, ChartColumns c, List<Map<String, String>> rows,
                                Map<String, List<Map<String, String>>> bySeries, boolean logY) throws IOException {
        List<String> cats = rows.stream().map(r -> r.get(c.x())).distinct().toList();
        Map<String, double[]> vals = new LinkedHashMap<>();
        Map<String, double[]> errs = new LinkedHashMap<>();
        Map<String, double[]> lows = new LinkedHashMap<>();
        Map<String, double[]> highs = new LinkedHashMap<>();
        for (var s : bySeries.entrySet()) {
            for (int k = 0; k < c.ys().size(); k++) {
                double[] v = new double[cats.size()];
                double[] e = new double[cats.size()];
                Arrays.fill(v, Double.NaN);
                Arrays.fill(e, Double.NaN);
                List<double[]> pts = new ArrayList<>();
                for (Map<String, String> r : s.getValue()) {
                    OptionalDouble yv = CsvFile.number(r.get(c.ys().get(k)));
                    if (yv.isPresent()) {
                        pts.add(point(cats.indexOf(r.get(c.x())), yv.getAsDouble(), r, c.err(), c.los().get(k),
                                c.his().get(k)));
                    }
                }
                double[] lo = new double[cats.size()];
                double[] hi = new double[cats.size()];
                Arrays.fill(lo, Double.NaN);
                Arrays.fill(hi, Double.NaN);
                for (double[] p : aggregate(pts)) {
                    v[(int) p[0]] = p[1];
                    e[(int) p[0]] = Math.max(p[1] - p[2], p[3] - p[1]); // NaN when there is no interval
                    lo[(int) p[0]] = p[2];
                    hi[(int) p[0]] = p[3];
                }
                String name = seriesName(s.getKey(), c.ys().get(k), c.ys().size());
                vals.put(name, v);
                errs.put(name, e);
                lows.put(name, lo);
                highs.put(name, hi);
            }
        }
        return Charts.bars(file, title, yTitle, cats, vals, errs, logY, lows, highs);
    }

    /**
     * Sorts points {x, y, lo, hi} by x and merges points with equal x: mean y with its 95%
     * Student-t interval over the merged values ({@link MeanInterval#of}; their own intervals are dropped).
     */
    static List<double[]> aggregate(List<double[]> pts) {
        java.util.TreeMap<Double, List<double[]>> byX = new java.util.TreeMap<>();
        for (double[] p : pts) {
            byX.computeIfAbsent(p[0], k -> new ArrayList<>()).add(p);
        }
        List<double[]> out = new ArrayList<>();
        for (var e : byX.entrySet()) {
            List<double[]> g = e.getValue();
            if (g.size() == 1) {
                out.add(g.get(0));
                continue;
            }
            MeanInterval m = MeanInterval.of(g.stream().mapToDouble(p -> p[1]).toArray());
            out.add(new double[] {e.getKey(), m.mean(), m.lo(), m.hi()});
        }
        return out;
    }

    private static boolean repeats(List<Map<String, String>> rows, String x, List<String> series) {
        java.util.Set<String> seen = new java.util.HashSet<>();
        for (Map<String, String> r : rows) {
            StringBuilder k = new StringBuilder(r.getOrDefault(x, ""));
            series.forEach(c -> k.append('\u0000').append(r.getOrDefault(c, "")));
            if (!seen.add(k.toString())) {
                return true;
            }
        }
        return false;
    }

    private static String emptyToNull(String s) {
        return s == null || s.isEmpty() ? null : s;
    }

    private static String seriesName(String group, String yColumn, int yCount) {
        if (yCount == 1) {
            return group.isEmpty() ? yColumn : group;
        }
        return group.isEmpty() ? yColumn : group + " " + yColumn;
    }

    /** A point {x, y, lo, hi}: interval from the err column (symmetric), else the lo/hi columns, else NaN. */
    private static double[] point(double x, double y, Map<String, String> r, Optional<String> err, Optional<String> lo,
                                  Optional<String> hi) {
        if (err.isPresent()) {
            double h = CsvFile.number(r.get(err.get())).orElse(Double.NaN);
            return new double[] {x, y, y - h, y + h};
        }
        double l = lo.map(c -> CsvFile.number(r.get(c)).orElse(Double.NaN)).orElse(Double.NaN);
        double u = hi.map(c -> CsvFile.number(r.get(c)).orElse(Double.NaN)).orElse(Double.NaN);
        return new double[] {x, y, l, u};
    }

    private static Map<String, List<Map<String, String>>> group(List<Map<String, String>> rows, List<String> cols) {
        Map<String, List<Map<String, String>>> m = new LinkedHashMap<>();
        for (Map<String, String> r : rows) {
            StringBuilder k = new StringBuilder();
            for (String c : cols) {
                String v = r.getOrDefault(c, "");
                boolean named = cols.size() > 1 || CsvFile.number(v).isPresent();
                k.append(k.isEmpty() ? "" : ", ").append(named ? c + "=" : "").append(v);
            }
            m.computeIfAbsent(k.toString(), z -> new ArrayList<>()).add(r);
        }
        return m;
    }

    /** The CSV as a table (first {@link #MAX_ROWS} rows); verdict-like columns are coloured. */
    static void table(ReportContext ctx, CsvFile csv) {
        int n = csv.rows().size();
        // verdict-like columns move up to third place, next to what they judge
        List<String> cols = new ArrayList<>(csv.columns());
        List<String> verdicts = cols.stream().filter(c -> VERDICT_COLUMNS.contains(c.toLowerCase(Locale.ROOT))).toList();
        cols.removeAll(verdicts);
        cols.addAll(Math.min(2, cols.size()), verdicts);
        Doc.TableBuilder t = new Doc.TableBuilder(ctx.show(csv.path()) + (n > MAX_ROWS ? " (first " + MAX_ROWS + " of "
                + n + " rows; the CSV has them all)" : ""), cols);
        for (Map<String, String> r : csv.rows().subList(0, Math.min(MAX_ROWS, n))) {
            List<Doc.Cell> row = new ArrayList<>();
            for (String c : cols) {
                String v = r.get(c);
                Doc.Tone tone = Doc.Tone.NONE;
                if (VERDICT_COLUMNS.contains(c.toLowerCase(Locale.ROOT))) {
                    tone = c.equalsIgnoreCase("diverged") ? invert(toneOf(v)) : toneOf(v);
                }
                row.add(Doc.cell(VerifySection.numberText(v), tone));
            }
            t.row(row);
        }
        ctx.doc.add(t.source(ctx.link(csv.path())).build());
        String missing = MissingValues.note(cols, csv.rows().subList(0, Math.min(MAX_ROWS, n)));
        if (missing != null) {
            ctx.doc.p(missing);
        }
    }

    private static Doc.Tone invert(Doc.Tone t) {
        return t == Doc.Tone.GOOD ? Doc.Tone.BAD : t == Doc.Tone.BAD ? Doc.Tone.GOOD : t;
    }

    static Doc.Tone toneOf(String v) {
        String s = v == null ? "" : v.trim().toLowerCase(Locale.ROOT);
        if (s.startsWith("fail") || s.startsWith("refuted") || s.equals("false") || s.startsWith("not ")
                || s.startsWith("contradict") || s.equals("no")) {
            return Doc.Tone.BAD;
        }
        if (s.startsWith("pass") || s.startsWith("confirm") || s.startsWith("support") || s.equals("true")
                || s.equals("holds") || s.equals("yes") || s.equals("ok")) {
            return Doc.Tone.GOOD;
        }
        if (s.isEmpty() || s.startsWith("inconclusive") || s.startsWith("partial") || s.startsWith("depends")
                || s.startsWith("mixed")) {
            return Doc.Tone.WARN;
        }
        return Doc.Tone.NONE;
    }

    private static void claims(ReportContext ctx, List<Path> csvs, List<Path> mds) throws IOException {
        ctx.doc.heading(3, "Claims ledger");
        if (csvs.isEmpty() && mds.isEmpty()) {
            ctx.doc.p("Not run: no claims ledger (expected a CSV or Markdown file with \"claims\" in its name).");
            return;
        }
        for (Path p : csvs) {
            try {
                table(ctx, CsvFile.read(p));
            } catch (IllegalArgumentException e) {
                ctx.warn(e.getMessage());
            }
        }
        for (Path p : mds) {
            if (csvs.isEmpty() && isClaims(p)) {
                ctx.doc.p("From " + ctx.show(p) + ":");
                ctx.doc.code(Files.readString(p));
            } else {
                ctx.doc.p(Doc.plain("Also written: "), Doc.mono(ctx.show(p)));
            }
        }
    }
}
