package dev.initlab.report;

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
     * @param y y column
     * @param series columns whose values name the series (may be empty)
     * @param facets columns whose values split the data into one chart each (may be empty)
     * @param err column of symmetric error half-widths, or null
     * @param lo column of interval lower ends, or null
     * @param hi column of interval upper ends, or null
     * @param logY logarithmic y axis
     * @param caption figure caption
     */
    record ChartSpec(String file, String title, String x, String y, List<String> series, List<String> facets,
                     String err, String lo, String hi, boolean logY, String caption) {
    }

    /** Known experiment files and their charts. */
    static final List<ChartSpec> SPECS = List.of(
            new ChartSpec("depth.*", "Activation variance vs depth", "layer|depth", "act_var|activation_variance|act_variance",
                    List.of("init|scheme", "width"), List.of("activation"), null, "act_var_lo|act_lo|act_ci_lo",
                    "act_var_hi|act_hi|act_ci_hi", true,
                    "Per-layer variance of activations in the forward pass; error bars cover the confidence interval."),
            new ChartSpec("depth.*", "Gradient variance vs depth", "layer|depth", "grad_var|gradient_variance|grad_variance",
                    List.of("init|scheme", "width"), List.of("activation"), null, "grad_var_lo|grad_lo|grad_ci_lo",
                    "grad_var_hi|grad_hi|grad_ci_hi", true,
                    "Per-layer variance of back-propagated gradients; error bars cover the confidence interval."),
            new ChartSpec("mnist.*curve.*|mnist", "MNIST test accuracy by epoch", "epoch|step", "test_accuracy|accuracy|acc",
                    List.of("init|scheme"), List.of(), "ci|acc_ci|half_width", "acc_lo|lo|ci_lo", "acc_hi|hi|ci_hi", false,
                    "Test accuracy during training; error bars cover the confidence interval over seeds."),
            new ChartSpec("mnist.*final.*", "MNIST final accuracy", "init|scheme", "accuracy|final_accuracy|test_accuracy|acc",
                    List.of(), List.of(), "ci|acc_ci|half_width", "acc_lo|lo|ci_lo", "acc_hi|hi|ci_hi", false,
                    "Final test accuracy per initializer; error bars cover the confidence interval over seeds."),
            new ChartSpec("linear9.*", "Deep linear network (9 layers)", "epoch|step", "loss|train_loss",
                    List.of("init|scheme"), List.of(), null, "loss_lo|lo", "loss_hi|hi", true,
                    "Training loss of a 9-layer linear network."),
            new ChartSpec("gains.*", "Variance ratio by gain", "gain|slope", "ratio|variance_ratio|var_ratio",
                    List.of("activation|nonlinearity"), List.of(), null, "lo|ratio_lo", "hi|ratio_hi", true,
                    "Output/input variance ratio against the gain."),
            new ChartSpec("lsuv.*", "LSUV: variance by layer", "layer|depth", "variance|var|act_var",
                    List.of("init|scheme", "stage|phase"), List.of(), null, "lo|var_lo", "hi|var_hi", true,
                    "Per-layer output variance before and after LSUV normalisation."),
            new ChartSpec("symmetry.*", "Symmetry breaking", "epoch|step", "distinct_units|rank|distinct|min_distance",
                    List.of("init|scheme"), List.of(), null, "lo", "hi", false,
                    "Distinct hidden units during training."));

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
        csvs.stream().filter(p -> !ordered.contains(p) && !isClaims(p)).forEach(ordered::add);
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
            for (ChartSpec spec : SPECS) {
                if (matches(spec, p)) {
                    chart(ctx, csv, spec);
                }
            }
            table(ctx, csv, null);
        }
        claims(ctx, csvs.stream().filter(ExperimentSection::isClaims).toList(), mds);
        return ordered.size();
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

    static void chart(ReportContext ctx, CsvFile csv, ChartSpec spec) throws IOException {
        Optional<String> x = column(csv, spec.x());
        Optional<String> y = column(csv, spec.y());
        if (x.isEmpty() || y.isEmpty()) {
            ctx.doc.p(Doc.em("Chart \"" + spec.title() + "\" skipped: columns " + spec.x() + " and " + spec.y()
                    + " expected, found " + String.join(", ", csv.columns()) + "."));
            return;
        }
        List<String> series = spec.series().stream().map(s -> column(csv, s)).flatMap(Optional::stream).toList();
        List<String> facets = spec.facets().stream().map(s -> column(csv, s)).flatMap(Optional::stream).toList();
        Optional<String> err = column(csv, spec.err());
        Optional<String> lo = column(csv, spec.lo());
        Optional<String> hi = column(csv, spec.hi());
        boolean numericX = csv.numeric(x.get());
        Map<String, List<Map<String, String>>> byFacet = group(csv.rows(), facets);
        for (var f : byFacet.entrySet()) {
            String title = spec.title() + (f.getKey().isEmpty() ? "" : " (" + f.getKey() + ")");
            String rel = ctx.figureName(stem(csv.path()) + "-" + spec.title() + "-" + f.getKey());
            // series columns constant within this chart would only lengthen the legend
            List<String> varying = series.stream()
                    .filter(c -> f.getValue().stream().map(r -> r.getOrDefault(c, "")).distinct().count() > 1).toList();
            Map<String, List<Map<String, String>>> bySeries = group(f.getValue(), varying);
            boolean ok;
            if (numericX) {
                List<Charts.Line> lines = new ArrayList<>();
                for (var s : bySeries.entrySet()) {
                    List<double[]> pts = new ArrayList<>();
                    for (Map<String, String> r : s.getValue()) {
                        OptionalDouble xv = CsvFile.number(r.get(x.get()));
                        OptionalDouble yv = CsvFile.number(r.get(y.get()));
                        if (xv.isPresent() && yv.isPresent()) {
                            pts.add(new double[] {xv.getAsDouble(), yv.getAsDouble(), halfWidth(r, yv.getAsDouble(), err, lo, hi)});
                        }
                    }
                    pts.sort((a, b) -> Double.compare(a[0], b[0]));
                    lines.add(new Charts.Line(s.getKey().isEmpty() ? y.get() : s.getKey(),
                            pts.stream().mapToDouble(p -> p[0]).toArray(), pts.stream().mapToDouble(p -> p[1]).toArray(),
                            pts.stream().mapToDouble(p -> p[2]).toArray()));
                }
                ok = Charts.lines(ctx.out.resolve(rel), title, x.get(), y.get() + (spec.logY() ? " (log)" : ""), lines,
                        false, spec.logY(), null);
            } else {
                List<String> cats = f.getValue().stream().map(r -> r.get(x.get())).distinct().toList();
                Map<String, double[]> vals = new LinkedHashMap<>();
                Map<String, double[]> errs = new LinkedHashMap<>();
                for (var s : bySeries.entrySet()) {
                    double[] v = new double[cats.size()];
                    double[] e = new double[cats.size()];
                    Arrays.fill(v, Double.NaN);
                    Arrays.fill(e, Double.NaN);
                    for (Map<String, String> r : s.getValue()) {
                        OptionalDouble yv = CsvFile.number(r.get(y.get()));
                        if (yv.isPresent()) {
                            int i = cats.indexOf(r.get(x.get()));
                            v[i] = yv.getAsDouble();
                            e[i] = halfWidth(r, yv.getAsDouble(), err, lo, hi);
                        }
                    }
                    vals.put(s.getKey().isEmpty() ? y.get() : s.getKey(), v);
                    errs.put(s.getKey().isEmpty() ? y.get() : s.getKey(), e);
                }
                ok = Charts.bars(ctx.out.resolve(rel), title, y.get(), cats, vals, errs, spec.logY());
            }
            if (ok) {
                ctx.addFigure(rel, title, spec.caption() + " Source: " + ctx.show(csv.path()) + ".");
            }
        }
    }

    /** Symmetric half-width: the err column, else the larger distance to lo/hi, else NaN. */
    private static double halfWidth(Map<String, String> r, double y, Optional<String> err, Optional<String> lo,
                                    Optional<String> hi) {
        if (err.isPresent()) {
            return CsvFile.number(r.get(err.get())).orElse(Double.NaN);
        }
        if (lo.isPresent() && hi.isPresent()) {
            OptionalDouble l = CsvFile.number(r.get(lo.get()));
            OptionalDouble h = CsvFile.number(r.get(hi.get()));
            if (l.isPresent() && h.isPresent()) {
                return Math.max(y - l.getAsDouble(), h.getAsDouble() - y);
            }
        }
        return Double.NaN;
    }

    private static Map<String, List<Map<String, String>>> group(List<Map<String, String>> rows, List<String> cols) {
        Map<String, List<Map<String, String>>> m = new LinkedHashMap<>();
        for (Map<String, String> r : rows) {
            StringBuilder k = new StringBuilder();
            for (String c : cols) {
                k.append(k.isEmpty() ? "" : ", ").append(cols.size() > 1 ? c + "=" : "").append(r.getOrDefault(c, ""));
            }
            m.computeIfAbsent(k.toString(), z -> new ArrayList<>()).add(r);
        }
        return m;
    }

    /** The CSV as a table (first {@link #MAX_ROWS} rows); {@code toneColumn} marks pass/fail cells. */
    static void table(ReportContext ctx, CsvFile csv, String toneColumn) {
        int n = csv.rows().size();
        Doc.TableBuilder t = new Doc.TableBuilder(ctx.show(csv.path()) + (n > MAX_ROWS ? " (first " + MAX_ROWS + " of "
                + n + " rows; the CSV has them all)" : ""), csv.columns());
        for (Map<String, String> r : csv.rows().subList(0, Math.min(MAX_ROWS, n))) {
            List<Doc.Cell> row = new ArrayList<>();
            for (String c : csv.columns()) {
                String v = r.get(c);
                Doc.Tone tone = Doc.Tone.NONE;
                if (c.equals(toneColumn)) {
                    tone = toneOf(v);
                }
                row.add(Doc.cell(VerifySection.numberText(v), tone));
            }
            t.row(row);
        }
        ctx.doc.add(t.build());
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
        if (s.isEmpty() || s.startsWith("inconclusive") || s.startsWith("partial")) {
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
                CsvFile csv = CsvFile.read(p);
                String tone = csv.firstOf("verdict", "status", "outcome", "holds", "passed", "result").orElse(null);
                table(ctx, csv, tone);
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
