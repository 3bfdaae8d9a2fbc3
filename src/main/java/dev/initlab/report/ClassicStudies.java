package dev.initlab.report;

import dev.initlab.experiment.EarlyTrainingMonitor;
import dev.initlab.experiment.GlorotFiguresExperiment;
import dev.initlab.experiment.He30Experiment;
import dev.initlab.experiment.SaxeExperiment;
import dev.initlab.stats.MeanInterval;
import java.awt.Color;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.OptionalDouble;
import java.util.TreeMap;
import java.util.TreeSet;

/**
 * The classic figures reproduced by the experiments, each with the paper's setup in its caption:
 * Glorot &amp; Bengio 2010 Figs. 6-7 (per-layer histograms of activations and back-propagated
 * gradients at initialization), He et al. 2015's 30-layer ReLU network (training curves per seed
 * with the mean and its interval), Saxe et al. 2013 (learning time against depth of deep linear
 * networks) and the early-training monitor (per-layer statistics over the first steps, as small
 * multiples). Every number in a caption or finding is read from the study's CSVs; a study whose
 * CSVs are absent is named as not run, in words.
 */
final class ClassicStudies {
    /** File-name prefixes of the CSVs this class renders (the generic experiment tables skip them). */
    static final List<String> PREFIXES = List.of("glorot2010_", "he30_", "saxe_", "monitor_");

    /**
     * The experiments' scheme labels -> the catalog scheme whose colour they take (the same law:
     * {@code standard} U(+-1/sqrt(fan_in)) is torch_default's weight law; {@code gaussian} is the
     * catalog {@code normal} with std 1/sqrt(N)).
     */
    static final Map<String, String> LABEL_SCHEMES = Map.of("he", "kaiming_normal", "xavier", "xavier_normal",
            "glorot", "xavier_normal", "lecun", "lecun_normal", "orthogonal", "orthogonal", "standard", "torch_default",
            "normalized", "xavier_uniform", "gaussian", "normal");

    /** One colour per layer (a sequential viridis-like scale without its pale yellow end): layer 1 first. */
    static final Color[] LAYER_COLOURS = {new Color(68, 1, 84), new Color(59, 82, 139), new Color(33, 145, 140),
        new Color(53, 183, 121), new Color(144, 200, 50), new Color(190, 160, 0)};
    static final String LAYER_COLOUR_WORDS = "layer 1 dark purple, then blue, teal, green, to the last layer "
            + "yellow-green";

    private ClassicStudies() {
    }

    /** Whether {@code csv} belongs to one of the classic studies. */
    static boolean owns(Path csv) {
        String n = csv.getFileName().toString();
        return n.endsWith(".csv") && PREFIXES.stream().anyMatch(n::startsWith);
    }

    /** The colour of an experiment's scheme label (its catalog scheme's colour, else a fixed fallback). */
    static Color colour(String label) {
        String k = LABEL_SCHEMES.getOrDefault(label, label);
        Color c = Charts.SCHEME_COLOURS.get(k);
        return c != null ? c : new Color(90, 90, 90);
    }

    /** Writes the four studies' subsections. */
    static void write(ReportContext ctx, Path dir) throws IOException {
        glorot(ctx, dir);
        he30(ctx, dir);
        saxe(ctx, dir);
        monitor(ctx, dir);
    }

    // ------------------------------------------------------------------ Glorot & Bengio 2010

    private static void glorot(ReportContext ctx, Path dir) throws IOException {
        Doc d = ctx.doc;
        d.heading(3, "Glorot & Bengio 2010, Figures 6 and 7: activations and gradients per layer at initialization");
        Path hist = dir.resolve("glorot2010_hist.csv");
        Path layers = dir.resolve("glorot2010_layers.csv");
        Path checks = dir.resolve("glorot2010_checks.csv");
        if (!Files.isRegularFile(hist) || !Files.isRegularFile(layers)) {
            notRun(d, "glorot2010", "glorot2010_hist.csv and glorot2010_layers.csv");
            return;
        }
        CsvFile h = CsvFile.read(hist);
        CsvFile l = CsvFile.read(layers);
        int seeds = (int) max(l.rows(), "seeds");
        GlorotFiguresExperiment.Settings s = ExperimentProtocols.full(dir)
                ? GlorotFiguresExperiment.Settings.full(Math.max(2, seeds))
                : GlorotFiguresExperiment.Settings.quick(Math.max(2, seeds));
        d.p(Doc.bold("Setup: "), Doc.plain(s.protocol()));
        List<String> schemes = distinct(h.rows(), "scheme");
        List<Panels.Panel> panels = new ArrayList<>();
        List<Integer> layerIds = new ArrayList<>(new TreeSet<>(h.rows().stream().map(r -> (int) num(r.get("layer")))
                .toList()));
        // one row of panels per quantity, one panel per init: each layer's histogram on the study's fixed bins
        boolean gradients = h.rows().stream().anyMatch(r -> "gradient".equals(r.get("quantity")));
        double gMax = h.rows().stream().filter(r -> "gradient".equals(r.get("quantity")))
                .mapToDouble(r -> Math.abs(num(r.get("binHi")))).filter(Double::isFinite).max().orElse(1);
        int exp = (int) Math.floor(Math.log10(gMax));
        for (String quantity : gradients ? List.of("activation", "gradient") : List.of("activation")) {
            boolean act = quantity.equals("activation");
            double scale = act ? 1 : Math.pow(10, -exp);
            for (String scheme : schemes) {
                List<Panels.Band> bands = new ArrayList<>();
                List<Panels.Curve> curves = new ArrayList<>();
                for (int layer : layerIds) {
                    List<Map<String, String>> rows = h.rows().stream().filter(r -> scheme.equals(r.get("scheme"))
                            && quantity.equals(r.getOrDefault("quantity", "activation")) && num(r.get("layer")) == layer)
                            .sorted(java.util.Comparator.comparingDouble(r -> num(r.get("binLo")))).toList();
                    double[] x = rows.stream().mapToDouble(r -> scale * (num(r.get("binLo")) + num(r.get("binHi"))) / 2)
                            .toArray();
                    Color c = layerColour(layer);
                    bands.add(new Panels.Band(x, col(rows, "fractionLo"), col(rows, "fractionHi"), c));
                    curves.add(new Panels.Curve("layer " + layer, x, col(rows, "fractionMean"), c, Panels.Kind.LINE));
                }
                panels.add(act
                        ? new Panels.Panel("Activations (tanh outputs), " + scheme + " init", "activation value",
                                "fraction of values per bin (width " + Num.g(binWidth(h, quantity)) + ")", false, false, bands,
                                curves, List.of(), 0, Double.NaN)
                        : new Panels.Panel("Back-propagated gradients d cost/d z, " + scheme + " init",
                                "gradient value / 1e" + exp, "fraction of values per bin (width " + Num.g(binWidth(h, quantity))
                                        + ")", false, false, bands, curves, List.of(), 0, Double.NaN));
            }
        }
        List<Panels.Key> keys = new ArrayList<>();
        for (int layer : layerIds) {
            keys.add(new Panels.Key("layer " + layer, layerColour(layer), Panels.Kind.MAIN));
        }
        String rel = ctx.figureName("glorot2010-activations-gradients");
        boolean ok = Panels.grid(ctx.out.resolve(rel), "Glorot & Bengio 2010, Figs. 6-7: tanh MLP " + s.hiddenLayers()
                + " x " + s.width() + " at initialization, " + seeds + " seeds", panels, 2, keys, 640, 400);
        String actNumbers = stdNumbers(l, schemes, "activation", layerIds);
        String gradNumbers = stdNumbers(l, schemes, "gradient", layerIds);
        if (ok) {
            ctx.addFigure(rel, "Per-layer histograms of tanh activations and back-propagated gradients at initialization, "
                    + "standard vs normalized init. Activation std by layer: " + actNumbers + ". Gradient std by layer: "
                    + gradNumbers + ".",
                    "Top: normalized histograms (fraction of all values of a layer in each bin of width "
                            + Num.g(binWidth(h, "activation")) + " on [-1, 1]) of the tanh activations of each hidden layer, mean over "
                            + seeds + " seeds, the shaded band the 95% Student-t interval of the mean over seeds (mostly "
                            + "thinner than the line). Bottom: " + gradientWords(h, l, seeds)
                            + " One colour per layer (" + LAYER_COLOUR_WORDS
                            + "). Setup as Glorot & Bengio 2010: " + s.hiddenLayers() + " tanh layers of " + s.width()
                            + " units, MNIST inputs, standard init U(-1/sqrt(n), 1/sqrt(n)) vs normalized init "
                            + "U(+-sqrt(6/(n_in + n_out))), no training. Std of the activations: " + actNumbers
                            + "; of the gradients: " + gradNumbers + "." + glorotVerdict(checks) + " Source: "
                            + ctx.show(hist) + ", " + ctx.show(layers) + ".");
        }
        if (Files.isRegularFile(checks)) {
            ExperimentSection.table(ctx, CsvFile.read(checks));
        }
        ExperimentSection.table(ctx, l);
        d.p(Doc.plain("Histogram data: "), Doc.mono(ctx.show(hist)), Doc.plain(" (" + h.rows().size() + " rows)."));
    }

    /**
     * The paired checks in a sentence: the paper's direction (ratios smaller under standard init)
     * is stated only when every check holds.
     */
    static String glorotVerdict(Path checks) {
        if (!Files.isRegularFile(checks)) {
            return "";
        }
        List<Map<String, String>> rows = CsvFile.read(checks).rows();
        long holds = rows.stream().filter(r -> "true".equalsIgnoreCase(r.get("holds"))).count();
        if (holds == rows.size() && !rows.isEmpty()) {
            return " All " + rows.size() + " checks hold: under standard init the activations shrink towards the "
                    + "output and the gradients towards the input, more than under normalized init (paired per-seed "
                    + "differences of the log ratios exclude 0), the direction of the paper's figures.";
        }
        return " " + holds + " of " + rows.size() + " checks hold (table below): the paper's direction is not fully "
                + "reproduced.";
    }

    /** The bin width of one quantity's histogram (rows without a quantity column are activations). */
    private static double binWidth(CsvFile h, String quantity) {
        return h.rows().stream().filter(r -> quantity.equals(r.getOrDefault("quantity", "activation")))
                .mapToDouble(r -> num(r.get("binHi")) - num(r.get("binLo"))).filter(Double::isFinite)
                .findFirst().orElse(Double.NaN);
    }

    /** The caption's sentence on the gradient panels: their fixed bins and the mass beyond them, or that none were recorded. */
    static String gradientWords(CsvFile h, CsvFile l, int seeds) {
        double range = h.rows().stream().filter(r -> "gradient".equals(r.get("quantity")))
                .mapToDouble(r -> num(r.get("binHi"))).filter(Double::isFinite).max().orElse(Double.NaN);
        if (Double.isNaN(range)) {
            return "no gradient histogram in this table (written before the study recorded one): gradients are "
                    + "described by their std and quantiles in the table below.";
        }
        double outside = l.rows().stream().filter(r -> "gradient".equals(r.get("quantity")) && r.containsKey("outsideBinsFraction"))
                .mapToDouble(r -> num(r.get("outsideBinsFraction"))).filter(Double::isFinite).max().orElse(Double.NaN);
        return "normalized histograms of the back-propagated gradients d cost/d z of each layer on fixed bins of width "
                + Num.g(binWidth(h, "gradient")) + " on [-" + Num.g(range) + ", " + Num.g(range) + "] (the same bins for "
                + "every init, layer and seed: the range is the largest 99.9% quantile of |d cost/d z| in seed 0, rounded "
                + "up), mean over " + seeds + " seeds with the 95% t band"
                + (Double.isNaN(outside) ? "." : "; at most " + Num.g(100 * outside) + "% of a layer's values lie beyond "
                + "the range (column outsideBinsFraction).");
    }

    /** "standard 0.458 (layer 1) to 0.0466 (layer 5); normalized ..." for one quantity. */
    private static String stdNumbers(CsvFile l, List<String> schemes, String quantity, List<Integer> layerIds) {
        List<String> parts = new ArrayList<>();
        int first = layerIds.get(0);
        int last = layerIds.get(layerIds.size() - 1);
        for (String scheme : schemes) {
            double a = value(l, scheme, quantity, first);
            double b = value(l, scheme, quantity, last);
            if (Double.isFinite(a) && Double.isFinite(b)) {
                parts.add(scheme + " " + Num.g(a) + " at layer " + first + " and " + Num.g(b) + " at layer " + last);
            }
        }
        return String.join("; ", parts);
    }

    private static double value(CsvFile l, String scheme, String quantity, int layer) {
        return l.rows().stream().filter(r -> scheme.equals(r.get("scheme")) && quantity.equals(r.get("quantity"))
                && num(r.get("layer")) == layer).mapToDouble(r -> num(r.get("stdMean"))).findFirst().orElse(Double.NaN);
    }

    static Color layerColour(int layer) {
        return LAYER_COLOURS[Math.floorMod(layer - 1, LAYER_COLOURS.length)];
    }

    // ------------------------------------------------------------------ He et al. 2015, 30 layers

    private static void he30(ReportContext ctx, Path dir) throws IOException {
        Doc d = ctx.doc;
        d.heading(3, "He et al. 2015: a deep ReLU network (30 layers in the paper), He vs Xavier init");
        Path curvesCsv = dir.resolve("he30_curves.csv");
        Path runsCsv = dir.resolve("he30_runs.csv");
        Path summaryCsv = dir.resolve("he30_summary.csv");
        Path compareCsv = dir.resolve("he30_compare.csv");
        if (!Files.isRegularFile(curvesCsv) || !Files.isRegularFile(runsCsv)) {
            notRun(d, "he30", "he30_curves.csv and he30_runs.csv");
            return;
        }
        CsvFile cu = CsvFile.read(curvesCsv);
        CsvFile ru = CsvFile.read(runsCsv);
        int seeds = distinct(ru.rows(), "seed").size();
        double maxStep = max(cu.rows(), "step");
        He30Experiment.Settings s = maxStep > He30Experiment.Settings.quick(2).steps()
                ? He30Experiment.Settings.full(Math.max(2, seeds)) : He30Experiment.Settings.quick(Math.max(2, seeds));
        d.p(Doc.bold("Setup: "), Doc.plain(s.protocol()));
        List<String> schemes = distinct(cu.rows(), "scheme");
        List<Panels.Panel> panels = new ArrayList<>();
        for (String[] q : new String[][] {{"heldOutLoss", "Held-out loss during training", "held-out cross-entropy (nats)"},
            {"heldOutAccuracy", "Held-out accuracy during training", "held-out accuracy (fraction correct)"}}) {
            List<Panels.Band> bands = new ArrayList<>();
            List<Panels.Curve> curves = new ArrayList<>();
            for (String scheme : schemes) {
                Color c = colour(scheme);
                List<Map<String, String>> rows = cu.rows().stream().filter(r -> scheme.equals(r.get("scheme"))).toList();
                for (String seed : distinct(rows, "seed")) {
                    List<Map<String, String>> sr = rows.stream().filter(r -> seed.equals(r.get("seed")))
                            .sorted(java.util.Comparator.comparingDouble(r -> num(r.get("step")))).toList();
                    curves.add(new Panels.Curve(scheme + " seed " + seed, col(sr, "step"), col(sr, q[0]), c,
                            Panels.Kind.THIN));
                }
                StepBand m = summary(rows, "step", q[0]);
                bands.add(new Panels.Band(m.x, m.lo, m.hi, c));
                curves.add(new Panels.Curve(scheme + " mean", m.x, m.mean, c, Panels.Kind.MAIN));
            }
            panels.add(new Panels.Panel(q[1], "SGD step (batch of 64)", q[2], false, false, bands, curves, List.of()));
        }
        // the per-seed spread of the network's gain at initialization
        List<Panels.Curve> gain = new ArrayList<>();
        for (String scheme : schemes) {
            List<Map<String, String>> rows = ru.rows().stream().filter(r -> scheme.equals(r.get("scheme"))).toList();
            gain.add(new Panels.Curve(scheme, col(rows, "seed"), col(rows, "initLogOutputGain"), colour(scheme),
                    Panels.Kind.POINTS));
        }
        panels.add(new Panels.Panel("Log gain of the last hidden layer at init", "seed",
                "ln(|h_L|^2 / |x|^2), L = last hidden layer", false, false, List.of(), gain, List.of()));
        List<Panels.Key> keys = new ArrayList<>();
        for (String scheme : schemes) {
            keys.add(new Panels.Key(scheme + ": mean over seeds (band: 95% t interval)", colour(scheme), Panels.Kind.MAIN));
            keys.add(new Panels.Key(scheme + ": one seed", colour(scheme), Panels.Kind.THIN));
        }
        String rel = ctx.figureName("he30-training-curves");
        boolean ok = Panels.grid(ctx.out.resolve(rel), "He et al. 2015 analogue: ReLU MLP with " + s.layers()
                + " weight layers (width " + s.width() + ") on MNIST, " + seeds + " seeds per scheme", panels, 3, keys,
                460, 380);
        String numbers = he30Numbers(summaryCsv, compareCsv);
        if (ok) {
            ctx.addFigure(rel, "Held-out loss and accuracy of a " + s.layers() + "-layer ReLU network over " + s.steps()
                    + " SGD steps, He vs Xavier init, each seed a thin line and the mean with its 95% interval band; "
                    + "and the per-seed log gain at initialization. " + numbers,
                    "Left and middle: held-out cross-entropy and accuracy (on the held-out digits of the setup) before "
                            + "training and after every tenth of the " + s.steps() + " steps; thin lines are single "
                            + "seeds, the thick line the mean over " + seeds + " seeds and the shaded band its 95% "
                            + "Student-t interval (seeds shared by both schemes). Right: ln(|h_L|^2/|x|^2) of each seed's "
                            + "network at initialization, the finite-width spread that Hanin & Rolnick 2018 describe "
                            + "(it grows with the sum of reciprocal widths). Setup (He et al. 2015 used a 30-layer "
                            + "convolutional net on ImageNet; this is the MLP analogue): " + s.layers() + " weight "
                            + "layers, width " + s.width() + ", zero biases, He N(0, 2/fan_in) vs Xavier normal, SGD lr "
                            + "0.02, momentum 0.9, batch 64. " + numbers + " Source: " + ctx.show(curvesCsv) + ", "
                            + ctx.show(runsCsv) + ".");
        }
        if (Files.isRegularFile(compareCsv)) {
            ExperimentSection.table(ctx, CsvFile.read(compareCsv));
        }
        if (Files.isRegularFile(summaryCsv)) {
            ExperimentSection.table(ctx, CsvFile.read(summaryCsv));
        }
        d.p(Doc.plain("Per-seed data: "), Doc.mono(ctx.show(runsCsv)), Doc.plain(" (" + ru.rows().size() + " runs), "),
                Doc.mono(ctx.show(curvesCsv)), Doc.plain(" (" + cu.rows().size() + " curve points)."));
    }

    /** Sentences with the he30 numbers from the summary and the paired comparison (empty if absent). */
    static String he30Numbers(Path summaryCsv, Path compareCsv) {
        StringBuilder sb = new StringBuilder();
        if (Files.isRegularFile(summaryCsv)) {
            List<Map<String, String>> rows = CsvFile.read(summaryCsv).rows();
            List<String> parts = new ArrayList<>();
            for (String scheme : distinct(rows, "scheme")) {
                Map<String, String> acc = find(rows, scheme, "final held-out accuracy");
                Map<String, String> loss = find(rows, scheme, "final held-out loss");
                Map<String, String> gain = find(rows, scheme, "ln(|h_L|^2/|x|^2) at init");
                if (acc == null || loss == null) {
                    continue;
                }
                parts.add(scheme + " " + pct(num(acc.get("mean"))) + " [" + pct(num(acc.get("lo"))) + ", "
                        + pct(num(acc.get("hi"))) + "] (seeds " + pct(num(acc.get("min"))) + " to "
                        + pct(num(acc.get("max"))) + "), final loss " + Num.g(num(loss.get("mean"))) + " (sd "
                        + Num.g(num(loss.get("sd"))) + ")" + (gain == null ? "" : ", log gain at init "
                        + Num.g(num(gain.get("mean"))) + " (sd " + Num.g(num(gain.get("sd"))) + " over seeds)"));
            }
            if (!parts.isEmpty()) {
                sb.append("Final held-out accuracy, mean [95% interval]: ").append(String.join("; ", parts)).append(".");
            }
        }
        if (Files.isRegularFile(compareCsv)) {
            List<String> parts = new ArrayList<>();
            for (Map<String, String> r : CsvFile.read(compareCsv).rows()) {
                parts.add(r.get("quantity") + " " + Num.g(num(r.get("diffMean"))) + " [" + Num.g(num(r.get("diffLo")))
                        + ", " + Num.g(num(r.get("diffHi"))) + "]: " + r.get("verdict"));
            }
            if (!parts.isEmpty()) {
                sb.append(sb.isEmpty() ? "" : " ").append("Paired per-seed differences: ").append(String.join("; ", parts))
                        .append(".");
            }
        }
        return sb.toString();
    }

    private static Map<String, String> find(List<Map<String, String>> rows, String scheme, String quantity) {
        return rows.stream().filter(r -> scheme.equals(r.get("scheme")) && quantity.equals(r.get("quantity")))
                .findFirst().orElse(null);
    }

    // ------------------------------------------------------------------ Saxe et al. 2013

    private static void saxe(ReportContext ctx, Path dir) throws IOException {
        Doc d = ctx.doc;
        d.heading(3, "Saxe et al. 2013: learning time against depth of deep linear networks");
        Path runsCsv = dir.resolve("saxe_runs.csv");
        Path compareCsv = dir.resolve("saxe_compare.csv");
        Path summaryCsv = dir.resolve("saxe_summary.csv");
        if (!Files.isRegularFile(runsCsv)) {
            notRun(d, "saxe", "saxe_runs.csv");
            return;
        }
        CsvFile ru = CsvFile.read(runsCsv);
        int seeds = distinct(ru.rows(), "seed").size();
        double maxDepth = max(ru.rows(), "depth");
        SaxeExperiment.Settings quick = SaxeExperiment.Settings.quick(Math.max(2, seeds));
        SaxeExperiment.Settings s = maxDepth > quick.depths().get(quick.depths().size() - 1)
                ? SaxeExperiment.Settings.full(Math.max(2, seeds)) : quick;
        d.p(Doc.bold("Setup: "), Doc.plain(s.protocol()));
        List<Panels.Curve> curves = new ArrayList<>();
        List<Panels.Segment> segments = new ArrayList<>();
        List<String> schemes = distinct(ru.rows(), "scheme");
        List<String> lines = new ArrayList<>();
        int si = 0;
        for (String scheme : schemes) {
            // x is log2 of the depth (labelled with the depth); the schemes side by side around each depth
            double shift = (si - (schemes.size() - 1) / 2.0) * 0.12;
            lines.add(saxeScheme(ru, scheme, shift, s, curves, segments));
            si++;
        }
        double[] capX = {log2(byMin(ru, "depth")) - 0.4, log2(maxDepth) + 0.4};
        curves.add(new Panels.Curve("cap", capX, new double[] {s.maxSteps(), s.maxSteps()}, new Color(120, 120, 120),
                Panels.Kind.DASHED));
        List<Panels.Key> keys = saxeKeys(schemes, s);
        Panels.Panel p = new Panels.Panel("Steps until the loss falls to " + Num.g(100 * s.criterion()) + "% of the "
                + "zero predictor's", "log2 of the depth D (weight matrices): " + depthKey(byDepthValues(ru)),
                "learning time (gradient steps), log scale", false, true, List.of(), curves, segments);
        String rel = ctx.figureName("saxe-learning-time-vs-depth");
        boolean ok = Panels.grid(ctx.out.resolve(rel), "Saxe et al. 2013: learning time vs depth, deep linear networks "
                + "(width " + s.width() + "), " + seeds + " seeds per scheme", List.of(p), 1, keys, 1000, 520);
        String compare = saxeCompare(compareCsv);
        if (ok) {
            ctx.addFigure(rel, "Learning time against depth, orthogonal vs scaled Gaussian init, log-log. Geometric "
                    + "mean steps [95% interval]: " + String.join("; ", lines) + ".",
                    "Gradient steps until the training loss first falls to " + Num.g(s.criterion()) + " x the zero "
                            + "predictor's loss, against depth, both axes logarithmic; dots are single seeds (spread "
                            + "sideways so they do not hide each other), the line joins the geometric means over the seeds "
                            + "that reached the criterion, and the bars are 95% Student-t intervals of the mean log "
                            + "learning time (on the log scale, so they never cross 0); crosses at the dashed cap are "
                            + "runs that did not reach the criterion within " + s.maxSteps() + " steps (or diverged): "
                            + "they are counted, never given a time. Setup as Saxe et al. 2013: deep linear networks of "
                            + "width " + s.width() + " without biases learning a random linear teacher by full-batch "
                            + "gradient descent (learning rate " + Num.g(s.c()) + "/D), random orthogonal vs scaled "
                            + "Gaussian N(0, 1/N) weights, " + seeds + " seeds shared by both schemes. Geometric mean "
                            + "steps [95% interval]: " + String.join("; ", lines) + "." + (compare.isEmpty() ? ""
                            : " " + compare) + " Source: " + ctx.show(runsCsv) + ".");
        }
        if (Files.isRegularFile(compareCsv)) {
            ExperimentSection.table(ctx, CsvFile.read(compareCsv));
        }
        if (Files.isRegularFile(summaryCsv)) {
            ExperimentSection.table(ctx, CsvFile.read(summaryCsv));
            d.p("The summary table's means and t intervals are arithmetic, over the seeds that reached the criterion "
                    + "(with 2 seeds an interval is very wide and may extend below 0); the figure uses the log scale.");
        }
        d.p(Doc.plain("Per-seed data: "), Doc.mono(ctx.show(runsCsv)), Doc.plain(" (" + ru.rows().size() + " runs)."));
    }

    /**
     * One scheme of the Saxe figure: its seeds as dots (crosses at the cap for runs that never reached the
     * criterion), the geometric means and their 95% bars; returns its "depth D: mean [lo, hi]" line for the caption.
     */
    private static String saxeScheme(CsvFile ru, String scheme, double shift, SaxeExperiment.Settings s,
            List<Panels.Curve> curves, List<Panels.Segment> segments) {
        Color c = colour(scheme);
        List<Map<String, String>> rows = ru.rows().stream().filter(r -> scheme.equals(r.get("scheme"))).toList();
        TreeMap<Double, List<Map<String, String>>> byDepth = new TreeMap<>();
        rows.forEach(r -> byDepth.computeIfAbsent(num(r.get("depth")), k -> new ArrayList<>()).add(r));
        List<Double> mx = new ArrayList<>();
        List<Double> my = new ArrayList<>();
        List<Double> px = new ArrayList<>();
        List<Double> py = new ArrayList<>();
        List<Double> nx = new ArrayList<>();
        List<Double> ny = new ArrayList<>();
        List<String> perDepth = new ArrayList<>();
        for (var e : byDepth.entrySet()) {
            double depth = e.getKey();
            List<Map<String, String>> g = e.getValue();
            double[] steps = g.stream().filter(r -> "true".equalsIgnoreCase(r.get("reached")))
                    .mapToDouble(r -> num(r.get("stepsToCriterion"))).toArray();
            int k = 0;
            for (Map<String, String> r : g) {
                double jitter = (k++ - (g.size() - 1) / 2.0) * 0.012;
                if ("true".equalsIgnoreCase(r.get("reached"))) {
                    px.add(log2(depth) + shift + jitter);
                    py.add(num(r.get("stepsToCriterion")));
                } else {
                    nx.add(log2(depth) + shift + jitter);
                    ny.add((double) s.maxSteps());
                }
            }
            long diverged = g.stream().filter(r -> "true".equalsIgnoreCase(r.get("diverged"))).count();
            MeanInterval m = MeanInterval.ofLogs(steps);
            if (m.n() > 0) {
                mx.add(log2(depth) + shift);
                my.add(m.mean());
            }
            if (m.n() > 1) {
                segments.add(new Panels.Segment(log2(depth) + shift, m.lo(), m.hi(), c));
            }
            perDepth.add("depth " + (int) depth + ": " + (m.n() > 0 ? Num.g(m.mean()) + (m.n() > 1 ? " [" + Num.g(m.lo())
                    + ", " + Num.g(m.hi()) + "]" : "") : "none reached") + (steps.length < g.size() ? " (" + steps.length
                    + " of " + g.size() + " reached" + (diverged > 0 ? ", " + diverged + " diverged" : "") + ")" : ""));
        }
        curves.add(new Panels.Curve(scheme + " runs", arr(px), arr(py), c, Panels.Kind.POINTS));
        if (!nx.isEmpty()) {
            curves.add(new Panels.Curve(scheme + " not reached", arr(nx), arr(ny), c, Panels.Kind.CROSSES));
        }
        curves.add(new Panels.Curve(scheme + " geometric mean", arr(mx), arr(my), c, Panels.Kind.MAIN));
        return scheme + " " + String.join(", ", perDepth);
    }

    /** The Saxe figure's legend: per scheme the mean and one seed, then the not-reached crosses and the cap. */
    private static List<Panels.Key> saxeKeys(List<String> schemes, SaxeExperiment.Settings s) {
        List<Panels.Key> keys = new ArrayList<>();
        for (String scheme : schemes) {
            keys.add(new Panels.Key(scheme + ": geometric mean (bars: 95% interval)", colour(scheme), Panels.Kind.MAIN));
            keys.add(new Panels.Key(scheme + ": one seed", colour(scheme), Panels.Kind.POINTS));
        }
        keys.add(new Panels.Key("did not reach the criterion (drawn at the cap)", new Color(60, 60, 60),
                Panels.Kind.CROSSES));
        keys.add(new Panels.Key("step cap (" + s.maxSteps() + ")", new Color(120, 120, 120), Panels.Kind.DASHED));
        return keys;
    }

    private static double log2(double v) {
        return Math.log(v) / Math.log(2);
    }

    /** "1 = depth 2, 2 = depth 4, ..." for the depths of the runs. */
    static String depthKey(List<Double> depths) {
        List<String> parts = new ArrayList<>();
        for (double d : depths) {
            parts.add(Num.g(log2(d)) + " = depth " + Num.g(d));
        }
        return String.join(", ", parts);
    }

    private static List<Double> byDepthValues(CsvFile f) {
        return new ArrayList<>(new TreeSet<>(f.rows().stream().map(r -> num(r.get("depth"))).filter(Double::isFinite)
                .toList()));
    }

    private static double byMin(CsvFile f, String column) {
        return f.rows().stream().mapToDouble(r -> num(r.get(column))).filter(Double::isFinite).min().orElse(1);
    }

    /** The paired verdicts per depth, in a sentence (empty when the CSV is absent). */
    static String saxeCompare(Path compareCsv) {
        if (!Files.isRegularFile(compareCsv)) {
            return "";
        }
        List<String> parts = new ArrayList<>();
        for (Map<String, String> r : CsvFile.read(compareCsv).rows()) {
            parts.add("depth " + r.get("depth") + " " + r.get("verdict") + " (Gaussian slower in "
                    + r.get("gaussianSlowerSeeds") + " of " + r.get("signSeeds") + " seeds, sign test p "
                    + Num.g(num(r.get("signTestP"))) + ")");
        }
        return "Paired, per depth: " + String.join("; ", parts) + ".";
    }

    // ------------------------------------------------------------------ early-training monitor

    private static void monitor(ReportContext ctx, Path dir) throws IOException {
        Doc d = ctx.doc;
        d.heading(3, "Early-training monitor: per-layer statistics over the first steps");
        Path stepsCsv = dir.resolve("monitor_steps.csv");
        Path lossCsv = dir.resolve("monitor_loss.csv");
        Path compareCsv = dir.resolve("monitor_compare.csv");
        if (!Files.isRegularFile(stepsCsv)) {
            notRun(d, "monitor", "monitor_steps.csv");
            return;
        }
        CsvFile st = CsvFile.read(stepsCsv);
        int seeds = (int) max(st.rows(), "seeds");
        double maxStep = max(st.rows(), "step");
        EarlyTrainingMonitor.Settings quick = EarlyTrainingMonitor.Settings.quick(Math.max(2, seeds));
        EarlyTrainingMonitor.Settings s = maxStep > quick.steps() ? EarlyTrainingMonitor.Settings.full(Math.max(2, seeds))
                : quick;
        d.p(Doc.bold("Setup: "), Doc.plain(s.protocol()));
        List<String> schemes = distinct(st.rows(), "scheme");
        List<Integer> layers = new ArrayList<>(new TreeSet<>(st.rows().stream().map(r -> (int) num(r.get("layer")))
                .toList()));
        List<Panels.Key> keys = new ArrayList<>();
        for (String scheme : schemes) {
            keys.add(new Panels.Key(scheme + " (" + LABEL_SCHEMES.getOrDefault(scheme, scheme).replace("torch_default",
                    "U(+-1/sqrt(fan_in))") + ")", colour(scheme), Panels.Kind.MAIN));
        }
        String[][] quantities = {
            {"actMean", "activation mean", "mean of the layer's ReLU outputs"},
            {"actStd", "activation std", "std of the layer's ReLU outputs"},
            {"deadFraction", "dead-unit fraction", "fraction of units that output 0 on every monitor digit"},
            {"gradNorm", "gradient norm", "||d loss / d W_l||_F (Frobenius norm)"}};
        for (String[] q : quantities) {
            monitorQuantity(ctx, st, stepsCsv, s, seeds, schemes, layers, keys, q);
        }
        if (Files.isRegularFile(lossCsv)) {
            monitorLoss(ctx, lossCsv, compareCsv, s, seeds, keys);
        }
        if (Files.isRegularFile(compareCsv)) {
            ExperimentSection.table(ctx, CsvFile.read(compareCsv));
        }
        if (Files.isRegularFile(lossCsv)) {
            d.p(Doc.plain("Data: "), Doc.mono(ctx.show(stepsCsv)), Doc.plain(" (" + st.rows().size() + " rows), "),
                    Doc.mono(ctx.show(lossCsv)), Doc.plain("."));
        } else {
            d.p(Doc.plain("Data: "), Doc.mono(ctx.show(stepsCsv)), Doc.plain(" (" + st.rows().size() + " rows)."));
        }
    }

    /** One small-multiples figure: quantity {@code q} = {column, name, axis text} per hidden layer, per scheme. */
    private static void monitorQuantity(ReportContext ctx, CsvFile st, Path stepsCsv, EarlyTrainingMonitor.Settings s,
            int seeds, List<String> schemes, List<Integer> layers, List<Panels.Key> keys, String[] q) throws IOException {
        double[] all = st.rows().stream().mapToDouble(r -> num(r.get(q[0]))).filter(Double::isFinite).toArray();
        boolean dead = q[0].equals("deadFraction");
        boolean log = !dead && Charts.spansDecades(all);
        List<Panels.Panel> panels = new ArrayList<>();
        for (int layer : layers) {
            List<Panels.Band> bands = new ArrayList<>();
            List<Panels.Curve> curves = new ArrayList<>();
            for (String scheme : schemes) {
                List<Map<String, String>> rows = st.rows().stream().filter(r -> scheme.equals(r.get("scheme"))
                        && num(r.get("layer")) == layer).sorted(java.util.Comparator.comparingDouble(
                        r -> num(r.get("step")))).toList();
                double[] lo = col(rows, q[0] + "Lo");
                double[] hi = col(rows, q[0] + "Hi");
                if (dead) {
                    for (int i = 0; i < lo.length; i++) {
                        lo[i] = Math.max(0, lo[i]);
                        hi[i] = Math.min(1, hi[i]);
                    }
                }
                bands.add(new Panels.Band(col(rows, "step"), lo, hi, colour(scheme)));
                curves.add(new Panels.Curve(scheme, col(rows, "step"), col(rows, q[0]), colour(scheme),
                        Panels.Kind.MAIN));
            }
            panels.add(new Panels.Panel("Hidden layer " + layer, "SGD step", q[2] + (log ? ", log scale" : ""), false,
                    log, bands, curves, List.of(), dead ? 0 : Double.NaN, Double.NaN));
        }
        String rel = ctx.figureName("monitor-" + q[0]);
        boolean ok = Panels.grid(ctx.out.resolve(rel), "Early-training monitor: " + q[1] + " per hidden layer, "
                + "ReLU MLP 784-" + s.width() + "x" + s.hiddenLayers() + "-10, " + seeds + " seeds", panels, 3, keys,
                450, 310);
        if (ok) {
            String numbers = monitorNumbers(st, schemes, q[0], layers);
            ctx.addFigure(rel, "Small multiples of the " + q[1] + " of each hidden layer over the first " + s.steps()
                    + " SGD steps, one panel per layer, one colour per scheme. " + numbers,
                    "The " + q[1] + " (" + q[2] + ") of hidden layers 1 to " + layers.get(layers.size() - 1)
                            + " over the first " + s.steps() + " steps, measured at steps 0-5 and every " + s.every()
                            + " steps on a fixed batch of " + s.monitorRows() + " held-out digits without update; "
                            + "line: mean over " + seeds + " seeds, shaded band: its 95% Student-t interval"
                            + (dead ? " (cut to [0, 1])" : "") + (log ? "; log axis (the values span decades; "
                            + "band ends at or below 0 are drawn at the panel's floor)" : "") + ". One colour per "
                            + "scheme, as in every figure of this report. Setup: ReLU MLP 784-" + s.width() + "x"
                            + s.hiddenLayers() + "-10, zero biases, SGD lr 0.02, momentum 0.9, batch 64, "
                            + seeds + " seeds shared by every scheme. " + numbers + " Source: " + ctx.show(stepsCsv)
                            + ".");
        }
    }

    /** The loss on the monitor batch per scheme, with its interval band and the paired comparison with He. */
    private static void monitorLoss(ReportContext ctx, Path lossCsv, Path compareCsv, EarlyTrainingMonitor.Settings s,
            int seeds, List<Panels.Key> keys) throws IOException {
        CsvFile lo = CsvFile.read(lossCsv);
        List<Panels.Band> bands = new ArrayList<>();
        List<Panels.Curve> curves = new ArrayList<>();
        for (String scheme : distinct(lo.rows(), "scheme")) {
            List<Map<String, String>> rows = lo.rows().stream().filter(r -> scheme.equals(r.get("scheme")))
                    .sorted(java.util.Comparator.comparingDouble(r -> num(r.get("step")))).toList();
            bands.add(new Panels.Band(col(rows, "step"), col(rows, "lossLo"), col(rows, "lossHi"), colour(scheme)));
            curves.add(new Panels.Curve(scheme, col(rows, "step"), col(rows, "lossMean"), colour(scheme),
                    Panels.Kind.MAIN));
        }
        String rel = ctx.figureName("monitor-loss");
        boolean ok = Panels.grid(ctx.out.resolve(rel), "Early-training monitor: loss on the monitor batch, "
                + seeds + " seeds", List.of(new Panels.Panel("Monitor loss", "SGD step",
                "cross-entropy on the monitor batch (nats)", false, false, bands, curves, List.of())), 1, keys, 900, 420);
        String compare = monitorCompare(compareCsv);
        if (ok) {
            ctx.addFigure(rel, "Loss on the fixed monitor batch over the first " + s.steps() + " steps per scheme, "
                    + "mean with 95% interval band. " + compare,
                    "Cross-entropy on the " + s.monitorRows() + " held-out monitor digits, mean over " + seeds
                            + " seeds with its 95% Student-t interval (shaded). " + compare + " Source: "
                            + ctx.show(lossCsv) + ".");
        }
    }

    /** Step-0 and last-step values of one quantity at the first and last layer, per scheme. */
    private static String monitorNumbers(CsvFile st, List<String> schemes, String q, List<Integer> layers) {
        int first = layers.get(0);
        int last = layers.get(layers.size() - 1);
        double lastStep = max(st.rows(), "step");
        List<String> parts = new ArrayList<>();
        for (String scheme : schemes) {
            double a = at(st, scheme, 0, first, q);
            double b = at(st, scheme, 0, last, q);
            double c = at(st, scheme, lastStep, last, q);
            if (Double.isFinite(a) && Double.isFinite(b) && Double.isFinite(c)) {
                parts.add(scheme + " " + Num.g(a) + " / " + Num.g(b) + " / " + Num.g(c));
            }
        }
        return parts.isEmpty() ? "" : "Layer " + first + " at step 0 / layer " + last + " at step 0 / layer " + last
                + " at step " + (int) lastStep + ": " + String.join("; ", parts) + ".";
    }

    private static double at(CsvFile st, String scheme, double step, int layer, String q) {
        return st.rows().stream().filter(r -> scheme.equals(r.get("scheme")) && num(r.get("step")) == step
                && num(r.get("layer")) == layer).mapToDouble(r -> num(r.get(q))).findFirst().orElse(Double.NaN);
    }

    /** The last-step loss comparisons with He, in a sentence (empty when absent). */
    static String monitorCompare(Path compareCsv) {
        if (!Files.isRegularFile(compareCsv)) {
            return "";
        }
        List<String> parts = new ArrayList<>();
        String step = null;
        for (Map<String, String> r : CsvFile.read(compareCsv).rows()) {
            step = r.get("step");
            parts.add(r.get("scheme") + " - " + r.get("baseline") + " " + Num.g(num(r.get("diffMean"))) + " ["
                    + Num.g(num(r.get("diffLo"))) + ", " + Num.g(num(r.get("diffHi"))) + "] (" + r.get("verdict") + ")");
        }
        return parts.isEmpty() ? "" : "Monitor loss at step " + step + ", paired per-seed differences: "
                + String.join("; ", parts) + ".";
    }

    // ------------------------------------------------------------------ findings

    /** Findings sentences for the four studies (those whose CSVs are present). */
    static List<String> findings(Path dir) {
        List<String> out = new ArrayList<>();
        Path checks = dir.resolve("glorot2010_checks.csv");
        if (Files.isRegularFile(checks)) {
            List<Map<String, String>> rows = CsvFile.read(checks).rows();
            List<String> parts = new ArrayList<>();
            for (Map<String, String> r : rows) {
                if (r.get("scheme").contains("-")) {
                    continue;
                }
                parts.add(r.get("quantity") + " " + Num.g(num(r.get("mean"))) + " (" + r.get("scheme") + ")");
            }
            out.add("Glorot & Bengio 2010 (Figs. 6-7, tanh MLP at initialization): " + String.join(", ", parts) + "."
                    + glorotVerdict(checks));
        }
        String he = he30Numbers(dir.resolve("he30_summary.csv"), dir.resolve("he30_compare.csv"));
        if (!he.isEmpty()) {
            out.add("He et al. 2015 (deep ReLU MLP, study he30): " + he);
        }
        Path saxeSummary = dir.resolve("saxe_summary.csv");
        if (Files.isRegularFile(saxeSummary)) {
            List<Map<String, String>> rows = CsvFile.read(saxeSummary).rows();
            List<String> parts = new ArrayList<>();
            for (String scheme : distinct(rows, "scheme")) {
                List<String> per = new ArrayList<>();
                for (Map<String, String> r : rows.stream().filter(r -> scheme.equals(r.get("scheme"))).toList()) {
                    per.add(Num.g(num(r.get("stepsMean"))) + (num(r.get("reached")) < num(r.get("seeds")) ? " ("
                            + r.get("reached") + " of " + r.get("seeds") + " reached)" : ""));
                }
                parts.add(scheme + " " + String.join(", ", per));
            }
            String depths = String.join(", ", distinct(rows, "depth"));
            out.add("Saxe et al. 2013, deep linear networks: mean steps to the criterion at depths " + depths + ": "
                    + String.join("; ", parts) + ". " + saxeCompare(dir.resolve("saxe_compare.csv")));
        }
        String mon = monitorCompare(dir.resolve("monitor_compare.csv"));
        Path steps = dir.resolve("monitor_steps.csv");
        if (Files.isRegularFile(steps)) {
            CsvFile st = CsvFile.read(steps);
            List<String> schemes = distinct(st.rows(), "scheme");
            List<Integer> layers = new ArrayList<>(new TreeSet<>(st.rows().stream().map(r -> (int) num(r.get("layer")))
                    .toList()));
            int last = layers.get(layers.size() - 1);
            List<String> parts = new ArrayList<>();
            for (String scheme : schemes) {
                parts.add(scheme + " " + Num.g(at(st, scheme, 0, last, "actStd")));
            }
            out.add("Early-training monitor (ReLU MLP, " + layers.size() + " hidden layers): activation std of the last "
                    + "hidden layer at step 0: " + String.join(", ", parts) + ". " + mon);
        }
        return out.stream().map(String::strip).toList();
    }

    // ------------------------------------------------------------------ helpers

    private static void notRun(Doc d, String study, String files) {
        d.p(Doc.bold("Not run: "), Doc.plain("this study's results (" + files + ") are not in the inputs; "),
                Doc.mono("./initlab experiment " + study), Doc.plain(" writes them."));
    }

    /** Mean with 95% t interval of {@code y} over the rows sharing each {@code x}. */
    private record StepBand(double[] x, double[] mean, double[] lo, double[] hi) {
    }

    private static StepBand summary(List<Map<String, String>> rows, String x, String y) {
        TreeMap<Double, List<Double>> by = new TreeMap<>();
        for (Map<String, String> r : rows) {
            double xv = num(r.get(x));
            double yv = num(r.get(y));
            if (Double.isFinite(xv)) {
                by.computeIfAbsent(xv, k -> new ArrayList<>()).add(yv);
            }
        }
        int n = by.size();
        double[] xs = new double[n];
        double[] m = new double[n];
        double[] lo = new double[n];
        double[] hi = new double[n];
        int i = 0;
        for (var e : by.entrySet()) {
            MeanInterval mi = MeanInterval.of(e.getValue().stream().mapToDouble(Double::doubleValue).toArray());
            xs[i] = e.getKey();
            m[i] = mi.mean();
            lo[i] = mi.lo();
            hi[i] = mi.hi();
            i++;
        }
        return new StepBand(xs, m, lo, hi);
    }

    static List<String> distinct(List<Map<String, String>> rows, String column) {
        return rows.stream().map(r -> r.getOrDefault(column, "")).distinct().toList();
    }

    private static double[] col(List<Map<String, String>> rows, String column) {
        return rows.stream().mapToDouble(r -> num(r.get(column))).toArray();
    }

    private static double[] arr(List<Double> l) {
        return l.stream().mapToDouble(Double::doubleValue).toArray();
    }

    private static double max(List<Map<String, String>> rows, String column) {
        return rows.stream().mapToDouble(r -> num(r.get(column))).filter(Double::isFinite).max().orElse(0);
    }

    static double num(String s) {
        OptionalDouble d = CsvFile.number(s);
        return d.isPresent() ? d.getAsDouble() : Double.NaN;
    }

    private static String pct(double x) {
        return Double.isFinite(x) ? String.format(Locale.ROOT, "%.1f%%", 100 * x) : "not measured";
    }
}
