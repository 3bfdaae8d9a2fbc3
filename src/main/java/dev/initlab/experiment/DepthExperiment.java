package dev.initlab.experiment;

import dev.initlab.experiment.nn.Mlp;
import dev.initlab.experiment.nn.Activation;
import dev.initlab.experiment.nn.RunStreams;
import dev.initlab.stats.MeanInterval;
import dev.initlab.stats.LineFit;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * Experiment 1, variance through depth: X. Glorot and Y. Bengio, AISTATS 2010 (Figures 6-7) and
 * K. He et al., ICCV 2015 (Section 2.2). Deep square MLPs without biases, unit-variance Gaussian
 * inputs, for every init x activation: per-layer forward pre-activation variance and backward
 * gradient variance ({@link DepthProbe}), with the mean and 95% interval over seeds (arithmetic
 * and geometric), and the expected shapes checked against the numbers:
 * <ul>
 *   <li>ReLU + He ({@code kaiming_normal}, Var = 2/n) stays within a factor 2 over 50 layers;</li>
 *   <li>ReLU + Glorot ({@code xavier_normal}, n_in = n_out so Var = 1/n) halves per layer;</li>
 *   <li>tanh + Glorot decays as the mean-field recursion predicts, like 1/(2l), forward and backward
 *       (within a factor 1.25 of the prediction).</li>
 * </ul>
 * One weight draw per (width, scheme, seed) serves every activation (paired comparison); LSUV,
 * being data-dependent, rescales one orthogonal draw per activation on its own unit-normal batch.
 */
public final class DepthExperiment {
    /** He and Glorot as the default design spells them. */
    static final String HE = "kaiming_normal";
    static final String GLOROT = "xavier_normal";
    /** Labels the checks accept as He (Var = 2/fan_in) and as Glorot (Var = 2/(fan_in+fan_out)). */
    static final List<String> HE_LABELS = List.of("kaiming_normal", "kaiming_uniform", "he_normal", "he_uniform");
    static final List<String> GLOROT_LABELS = List.of("xavier_normal", "xavier_uniform", "glorot_normal", "glorot_uniform");

    private DepthExperiment() {
    }

    /** One block of the design: a width, a depth, a batch size and the schemes x activations to cross. */
    public record Grid(int width, int depth, int rows, List<Scheme> inits, List<Activation> activations) {
        public Grid {
            if (width < 1 || depth < 1 || rows < 2) {
                throw new IllegalArgumentException("width and depth must be >= 1 and the batch >= 2");
            }
            inits = List.copyOf(inits);
            activations = List.copyOf(activations);
        }
    }

    /** The design and the number of seeds. */
    public record Settings(List<Grid> grids, int seeds) {
        public Settings {
            grids = List.copyOf(grids);
            if (seeds < 2) {
                throw new IllegalArgumentException("need at least 2 seeds");
            }
        }

        static List<Scheme> defaultInits() {
            return Scheme.parseList(HE + "," + GLOROT + ",lecun_normal,orthogonal,torch_default,lsuv");
        }

        /**
         * Quick: width 256, 50 layers, batch 64, every scheme x activation; plus width 1024 for He and
         * Glorot under linear/ReLU/tanh (the expected shapes); 5 seeds.
         */
        public static Settings quick(int seeds) {
            return new Settings(List.of(
                    new Grid(256, 50, 64, defaultInits(), List.of(Activation.values())),
                    new Grid(1024, 50, 32, Scheme.parseList(HE + "," + GLOROT),
                            List.of(Activation.LINEAR, Activation.RELU, Activation.TANH))), seeds);
        }

        /** Full: widths 256 and 1024, 100 layers, every scheme x activation; 20 seeds. */
        public static Settings full(int seeds) {
            return new Settings(List.of(
                    new Grid(256, 100, 128, defaultInits(), List.of(Activation.values())),
                    new Grid(1024, 100, 64, defaultInits(), List.of(Activation.values()))), seeds);
        }

        /** The protocol in words (for the report's methods). */
        public String protocol() {
            StringBuilder b = new StringBuilder("Deep square MLPs without biases, probed at initialization (no training). ");
            for (Grid g : grids) {
                b.append(String.format(Locale.ROOT, "Width %d, %d layers, a batch of %d standard normal input rows; schemes %s; "
                        + "activations %s. ", g.width(), g.depth(), g.rows(),
                        g.inits().stream().map(Scheme::label).toList(), g.activations().stream().map(Activation::label).toList()));
            }
            return b.append(String.format(Locale.ROOT, "%d seeds; run seed k is shared by every scheme and activation (one "
                    + "weight draw per width, scheme and seed serves every activation). Layer l's weights come from Philox "
                    + "stream 2l of the run seed (PyTorch layout out x in, PyTorch fans); the inputs from stream 2^40; the "
                    + "backward pass starts from a standard normal output gradient (stream 2^40+1, a random linear read-out). "
                    + "Recorded per layer: Var[z_l] of the pre-activations over batch and units, E[h_l^2], and Var of the "
                    + "gradient at the layer's input. LSUV rescales one orthogonal draw per activation on its own standard "
                    + "normal batch (stream 2^40+2).", seeds)).toString();
        }

        static Settings of(Options o) {
            return o.settings(5, 20, Settings::quick, Settings::full);
        }
    }

    /** One layer of one probe (one seed). */
    public record DepthRunRow(int width, int depth, String init, String activation, int seed, int layer,
                         double forwardVariance, double activationMeanSquare, double gradientVariance) {
    }

    /**
     * One layer summarised over seeds: forward pre-activation variance and backward gradient
     * variance, each as arithmetic mean with t interval and geometric mean with interval (for log
     * plots); ratios are of arithmetic means, forward to layer 1 and backward to the top layer.
     */
    public record DepthLayerRow(int width, int depth, String init, String activation, int layer, int seeds,
                           double forwardMean, double forwardLo, double forwardHi,
                           double forwardGeoMean, double forwardGeoLo, double forwardGeoHi, double forwardRatio,
                           double activationMeanSquare,
                           double gradientMean, double gradientLo, double gradientHi,
                           double gradientGeoMean, double gradientGeoLo, double gradientGeoHi, double gradientRatio) {
    }

    /** An expected shape, measured. */
    public record ExpectedShape(String check, String source, int width, int layers, String metric, double value,
                        double lo, double hi, String expected, boolean holds) {
    }

    /** Everything the study measured. */
    public record Result(Settings settings, List<DepthRunRow> runs, List<DepthLayerRow> layers, List<ExpectedShape> checks) {
        /** Writes depth_runs.csv, depth_layers.csv and depth_checks.csv. */
        public List<Path> write(Path dir) {
            return List.of(StudyTable.write(dir, "depth_runs.csv", DepthRunRow.class, runs),
                    StudyTable.write(dir, "depth_layers.csv", DepthLayerRow.class, layers),
                    StudyTable.write(dir, "depth_checks.csv", ExpectedShape.class, checks));
        }

        /** The summary row of (width, init, activation, layer), or null. */
        public DepthLayerRow layer(int width, String init, Activation f, int layer) {
            for (DepthLayerRow r : layers) {
                if (r.width() == width && r.init().equals(init) && r.activation().equals(f.label()) && r.layer() == layer) {
                    return r;
                }
            }
            return null;
        }

        /** Per-seed values of one quantity at one layer. */
        double[] perSeed(int width, String init, Activation f, int layer, boolean forward) {
            return runs.stream().filter(r -> r.width() == width && r.init().equals(init)
                            && r.activation().equals(f.label()) && r.layer() == layer)
                    .mapToDouble(r -> forward ? r.forwardVariance() : r.gradientVariance()).toArray();
        }

        /** Widths studied. */
        public List<Integer> widths() {
            return settings.grids().stream().map(Grid::width).distinct().toList();
        }
    }

    private record DepthTask(Grid grid, Scheme scheme, int seedIndex) {
    }

    /** Runs the design. */
    public static Result run(Settings s, Options o) {
        List<DepthTask> tasks = new ArrayList<>();
        // heaviest blocks first so the thread pool stays balanced
        List<Grid> grids = new ArrayList<>(s.grids());
        grids.sort((p, q) -> Long.compare((long) q.width() * q.width() * q.depth() * q.activations().size(),
                (long) p.width() * p.width() * p.depth() * p.activations().size()));
        for (Grid g : grids) {
            for (int k = 0; k < s.seeds(); k++) {
                for (Scheme sc : g.inits()) {
                    tasks.add(new DepthTask(g, sc, k));
                }
            }
        }
        o.progress().begin("depth: variance through depth (" + describe(s) + ")", tasks.size());
        List<List<DepthRunRow>> parts = Parallel.map(tasks.size(), o.threads(), i -> {
            DepthTask t = tasks.get(i);
            List<DepthRunRow> rows = probe(t, RunStreams.runSeed(o.masterSeed(), t.seedIndex()));
            o.progress().step(t.grid().width() + "x" + t.grid().depth() + " " + t.scheme().label() + " seed " + t.seedIndex());
            return rows;
        });
        List<DepthRunRow> runs = new ArrayList<>();
        parts.forEach(runs::addAll);
        return fromRuns(s, runs);
    }

    /** The summaries and checks of per-seed rows (as {@link #run} computes them, or as read back from depth_runs.csv). */
    static Result fromRuns(Settings s, List<DepthRunRow> runs) {
        List<DepthLayerRow> layers = summarize(s, runs);
        Result partial = new Result(s, runs, layers, List.of());
        return new Result(s, runs, layers, checks(partial));
    }

    private static String describe(Settings s) {
        StringBuilder b = new StringBuilder();
        for (Grid g : s.grids()) {
            b.append(b.isEmpty() ? "" : "; ").append(String.format(Locale.ROOT, "width %d, %d layers, %d schemes x %d activations",
                    g.width(), g.depth(), g.inits().size(), g.activations().size()));
        }
        return b.append("; ").append(s.seeds()).append(" seeds").toString();
    }

    /** One weight draw of one scheme, probed under every activation of the grid. */
    private static List<DepthRunRow> probe(DepthTask t, long seed) {
        Grid g = t.grid();
        int[] widths = new int[g.depth() + 1];
        java.util.Arrays.fill(widths, g.width());
        float[] x = new float[g.rows() * g.width()];
        RunStreams.normals(seed, RunStreams.INPUT_STREAM, x);
        Mlp base = Mlp.deep(Activation.LINEAR, widths);
        boolean lsuv = t.scheme() instanceof Lsuv;
        float[] lsuvBatch = null;
        if (lsuv) {
            Scheme.parse("orthogonal").initialize(base, seed, null, 0);
            lsuvBatch = new float[g.rows() * g.width()];
            RunStreams.normals(seed, RunStreams.LSUV_STREAM, lsuvBatch);
        } else {
            t.scheme().initialize(base, seed, null, 0);
        }
        zeroBiases(base);
        List<DepthRunRow> out = new ArrayList<>();
        for (Activation f : g.activations()) {
            Mlp net;
            if (lsuv) {
                net = base.copy().withActivation(f);
                ((Lsuv) t.scheme()).rescale(net, lsuvBatch, g.rows());
            } else {
                net = base.withActivation(f);
            }
            for (DepthProbe.ProbedLayer l : DepthProbe.run(net, x, g.rows(), seed)) {
                out.add(new DepthRunRow(g.width(), g.depth(), t.scheme().label(), f.label(), t.seedIndex(), l.layer(),
                        l.forwardVariance(), l.activationMeanSquare(), l.gradientVariance()));
            }
        }
        return out;
    }

    private static void zeroBiases(Mlp net) {
        for (int l = 0; l < net.layers(); l++) {
            java.util.Arrays.fill(net.bias(l), 0f);
        }
    }

    private static List<DepthLayerRow> summarize(Settings s, List<DepthRunRow> runs) {
        Map<String, List<DepthRunRow>> groups = new LinkedHashMap<>();
        for (DepthRunRow r : runs) {
            groups.computeIfAbsent(r.width() + "|" + r.init() + "|" + r.activation(), k -> new ArrayList<>()).add(r);
        }
        List<DepthLayerRow> out = new ArrayList<>();
        for (List<DepthRunRow> g : groups.values()) {
            DepthRunRow first = g.get(0);
            int depth = first.depth();
            double[][] fwd = new double[depth + 1][];
            double[][] bwd = new double[depth + 1][];
            double[][] ams = new double[depth + 1][];
            int seeds = (int) g.stream().mapToInt(DepthRunRow::seed).distinct().count();
            for (int l = 1; l <= depth; l++) {
                int ll = l;
                fwd[l] = g.stream().filter(r -> r.layer() == ll).mapToDouble(DepthRunRow::forwardVariance).toArray();
                bwd[l] = g.stream().filter(r -> r.layer() == ll).mapToDouble(DepthRunRow::gradientVariance).toArray();
                ams[l] = g.stream().filter(r -> r.layer() == ll).mapToDouble(DepthRunRow::activationMeanSquare).toArray();
            }
            double f1 = MeanInterval.of(fwd[1]).mean();
            double bTop = MeanInterval.of(bwd[depth]).mean();
            for (int l = 1; l <= depth; l++) {
                MeanInterval fa = MeanInterval.of(fwd[l]);
                MeanInterval fg = MeanInterval.ofLogs(fwd[l]);
                MeanInterval ba = MeanInterval.of(bwd[l]);
                MeanInterval bg = MeanInterval.ofLogs(bwd[l]);
                out.add(new DepthLayerRow(first.width(), depth, first.init(), first.activation(), l, seeds,
                        fa.mean(), fa.lo(), fa.hi(), fg.mean(), fg.lo(), fg.hi(), fa.mean() / f1,
                        MeanInterval.of(ams[l]).mean(),
                        ba.mean(), ba.lo(), ba.hi(), bg.mean(), bg.lo(), bg.hi(), ba.mean() / bTop));
            }
        }
        return out;
    }

    /** values[seed][layer] of one quantity for (width, init, activation), NaN where missing; one pass over the runs. */
    static double[][] matrix(Result r, int width, String init, Activation f, boolean forward) {
        int depth = 0;
        for (Grid g : r.settings().grids()) {
            if (g.width() == width) {
                depth = Math.max(depth, g.depth());
            }
        }
        double[][] m = new double[r.settings().seeds()][depth + 1];
        for (double[] row : m) {
            java.util.Arrays.fill(row, Double.NaN);
        }
        for (DepthRunRow q : r.runs()) {
            if (q.width() == width && q.init().equals(init) && q.activation().equals(f.label())) {
                m[q.seed()][q.layer()] = forward ? q.forwardVariance() : q.gradientVariance();
            }
        }
        return m;
    }

    /** Per-seed geometric per-layer ratio fitted over layers [from, to] (exp of the slope of ln variance on layer). */
    static double[] perSeedRatios(Result r, int width, String init, Activation f, int from, int to, boolean forward) {
        double[][] m = matrix(r, width, init, f, forward);
        double[] ratios = new double[m.length];
        for (int k = 0; k < m.length; k++) {
            double[] xs = new double[to - from + 1];
            double[] ys = new double[to - from + 1];
            boolean ok = true;
            for (int l = from; l <= to; l++) {
                double v = m[k][l];
                if (!(v > 0) || Double.isInfinite(v)) {
                    ok = false;
                }
                xs[l - from] = l;
                ys[l - from] = Math.log(v);
            }
            ratios[k] = ok ? Math.exp(LineFit.of(xs, ys).slope()) : Double.NaN;
        }
        return ratios;
    }

    /** max over layers 1..span of |log2(mean Var[z_l] / mean Var[z_1])| (forward) or of the gradient ratio to the top layer. */
    public static double maxDrift(Result r, int width, String init, Activation f, int span, boolean forward) {
        int depth = r.settings().grids().stream().filter(g -> g.width() == width).mapToInt(Grid::depth).max().orElseThrow();
        double worst = 0;
        if (forward) {
            for (int l = 1; l <= span; l++) {
                worst = Math.max(worst, Math.abs(log2(r.layer(width, init, f, l).forwardRatio())));
            }
        } else {
            for (int l = Math.max(1, depth - span + 1); l <= depth; l++) {
                worst = Math.max(worst, Math.abs(log2(r.layer(width, init, f, l).gradientRatio())));
            }
        }
        return Double.isNaN(worst) ? Double.POSITIVE_INFINITY : worst;
    }

    /** Geometric mean over seeds (with interval) of the per-layer forward ratio fitted over layers [from, to]. */
    public static MeanInterval fittedRatio(Result r, int width, String init, Activation f, int from, int to) {
        return MeanInterval.ofLogs(perSeedRatios(r, width, init, f, from, to, true));
    }

    private static List<ExpectedShape> checks(Result r) {
        List<ExpectedShape> out = new ArrayList<>();
        String heSrc = "He et al. 2015, Sec. 2.2 (Eq. 10: Var[y_L] = Var[y_1] when n Var[w] / 2 = 1)";
        String glSrc = "Glorot & Bengio 2010 / He et al. 2015: Var[w] = 1/n with ReLU gives n Var[w] / 2 = 1/2 per layer";
        for (Grid g : r.settings().grids()) {
            int w = g.width();
            int span = Math.min(g.depth(), 50);
            String he = find(g, HE_LABELS, Activation.RELU);
            if (he != null && g.depth() >= 2) {
                double worst = maxDrift(r, w, he, Activation.RELU, span, true);
                out.add(new ExpectedShape("relu + He: forward variance within a factor 2 of layer 1 over " + span + " layers",
                        heSrc, w, span, "max_l |log2(mean Var[z_l] / mean Var[z_1])| (" + he + ")", worst, Double.NaN,
                        Double.NaN, "<= 1", worst <= 1));
                double worstB = maxDrift(r, w, he, Activation.RELU, span, false);
                out.add(new ExpectedShape("relu + He: backward gradient variance within a factor 2 of the top layer over " + span
                        + " layers", "He et al. 2015, Sec. 2.2 (Eq. 14; square layers)", w, span,
                        "max_l |log2(mean Var[dx_l] / mean Var[dx_L])| (" + he + ")", worstB, Double.NaN, Double.NaN,
                        "<= 1", worstB <= 1));
                int within = 0;
                double[] last = r.perSeed(w, he, Activation.RELU, span, true);
                double[] firstL = r.perSeed(w, he, Activation.RELU, 1, true);
                for (int k = 0; k < last.length; k++) {
                    if (Math.abs(log2(last[k] / firstL[k])) <= 1) {
                        within++;
                    }
                }
                double frac = (double) within / last.length;
                out.add(new ExpectedShape("relu + He: single networks (per seed) within a factor 2 at layer " + span,
                        "finite-width spread; He et al. analyse the expectation", w, span,
                        "fraction of seeds with |log2(Var[z_" + span + "] / Var[z_1])| <= 1 (" + he + ")", frac,
                        Double.NaN, Double.NaN, ">= 0.8 (informational)", frac >= 0.8));
            }
            String gl = find(g, GLOROT_LABELS, Activation.RELU);
            if (gl != null && g.depth() >= 3) {
                int to = Math.min(g.depth(), 30);
                MeanInterval s = fittedRatio(r, w, gl, Activation.RELU, 1, to);
                out.add(new ExpectedShape("relu + Glorot (n_in = n_out): forward variance halves per layer", glSrc, w, to,
                        "per-layer ratio, exp(slope of ln Var[z_l]) over layers 1.." + to + ", geometric mean over seeds ("
                        + gl + ")", s.mean(), s.lo(), s.hi(), "0.5 +- 0.05", Math.abs(s.mean() - 0.5) <= 0.05));
            }
            String glt = find(g, GLOROT_LABELS, Activation.TANH);
            if (glt != null && g.depth() >= 10) {
                out.addAll(tanhMeanField(r, w, glt, g.depth()));
            }
            String gll = find(g, GLOROT_LABELS, Activation.LINEAR);
            if (gll != null && g.depth() >= 2) {
                double worst = maxDrift(r, w, gll, Activation.LINEAR, span, true);
                out.add(new ExpectedShape("linear + Glorot: forward variance within a factor 2 over " + span + " layers",
                        "Glorot & Bengio 2010, Eq. 12 (n Var[w] = 1 in the linear regime)", w, span,
                        "max_l |log2(mean Var[z_l] / mean Var[z_1])| (" + gll + ")", worst, Double.NaN, Double.NaN,
                        "<= 1", worst <= 1));
            }
        }
        return out;
    }

    /** How far (as a factor) the measured tanh + Glorot ratios may sit from the mean-field prediction. */
    static final double MEAN_FIELD_BAND = 1.25;

    /**
     * tanh + Glorot (sigma_w^2 = 1, no bias, q_1 = 1) against the mean-field recursion
     * q_(l+1) = E[tanh(sqrt(q_l) Z)^2] ({@link Gains#forwardVariances}), which decays like 1/(2l),
     * forward (Var[z_L]/Var[z_1]) and backward (Var[dx_1]/Var[dx_L] = prod chi(q_l),
     * {@link Gains#gradientRatio}): the geometric mean over seeds of the per-seed ratio, with its
     * interval, divided by the prediction; it holds within a factor {@link #MEAN_FIELD_BAND} (the
     * recursion is the infinite-width limit; finite-width corrections of order depth/width are not
     * modelled).
     */
    private static List<ExpectedShape> tanhMeanField(Result r, int w, String glt, int depth) {
        double[] lastF = r.perSeed(w, glt, Activation.TANH, depth, true);
        double[] firstF = r.perSeed(w, glt, Activation.TANH, 1, true);
        double[] lastB = r.perSeed(w, glt, Activation.TANH, depth, false);
        double[] firstB = r.perSeed(w, glt, Activation.TANH, 1, false);
        double[] fwd = new double[lastF.length];
        double[] bwd = new double[lastF.length];
        for (int k = 0; k < fwd.length; k++) {
            fwd[k] = lastF[k] / firstF[k];
            bwd[k] = firstB[k] / lastB[k];
        }
        double predF = Gains.predictedRatio(Activation.TANH, 1, depth);
        double predB = Gains.gradientRatio(Activation.TANH, 1, 1, depth);
        String src = "Glorot & Bengio 2010, Sec. 4.2; mean field: B. Poole et al., NeurIPS 2016 (q_(l+1) = E[tanh(sqrt(q_l) Z)^2])";
        String band = String.format(Locale.ROOT, "within a factor %.2f of the mean field", MEAN_FIELD_BAND);
        List<ExpectedShape> out = new ArrayList<>();
        MeanInterval f = MeanInterval.ofLogs(fwd);
        out.add(new ExpectedShape("tanh + Glorot: forward variance decays as the mean field predicts (~1/(2l), not constant)",
                src, w, depth, String.format(Locale.ROOT, "Var[z_%d]/Var[z_1] (geometric mean over seeds; %s) / mean-field %s",
                depth, glt, fmt(predF)), f.mean() / predF, f.lo() / predF, f.hi() / predF, band,
                withinBand(f.mean() / predF)));
        MeanInterval b = MeanInterval.ofLogs(bwd);
        out.add(new ExpectedShape("tanh + Glorot: gradient variance shrinks toward the input as the mean field predicts",
                src, w, depth, String.format(Locale.ROOT, "Var[dx_1]/Var[dx_%d] (geometric mean over seeds; %s) / mean-field %s",
                depth, glt, fmt(predB)), b.mean() / predB, b.lo() / predB, b.hi() / predB, band,
                withinBand(b.mean() / predB)));
        return out;
    }

    private static boolean withinBand(double ratio) {
        return ratio >= 1 / MEAN_FIELD_BAND && ratio <= MEAN_FIELD_BAND;
    }

    private static String find(Grid g, List<String> family, Activation f) {
        if (!g.activations().contains(f)) {
            return null;
        }
        for (Scheme s : g.inits()) {
            if (family.contains(s.label())) {
                return s.label();
            }
        }
        return null;
    }

    static double log2(double v) {
        return Math.log(v) / Math.log(2);
    }

    static String fmt(double v) {
        return String.format(Locale.ROOT, "%.4g", v);
    }
}
