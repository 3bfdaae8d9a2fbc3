package dev.initlab.experiment;

import dev.initlab.experiment.nn.Mlp;
import dev.initlab.experiment.nn.Activation;
import dev.initlab.experiment.nn.Mnist;
import dev.initlab.experiment.nn.RunStreams;
import dev.initlab.experiment.nn.Trainer;
import dev.initlab.stats.MeanInterval;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * Experiment 6, LSUV (D. Mishkin and J. Matas, "All you need is a good init", ICLR 2016; see
 * {@link Lsuv}): what the procedure does layer by layer (variance before and after, number of
 * rescalings) on the MNIST networks and on the deep probes (ReLU and tanh), and how LSUV compares with orthogonal
 * (its own starting point), He and Glorot on experiment 1 (forward drift over depth) and
 * experiment 4 (MNIST held-out accuracy, with paired intervals over the shared seeds for LSUV minus each
 * other scheme).
 * Reuses the results of experiments 1 and 4 when they ran in the same invocation; otherwise runs
 * them restricted to these four schemes.
 *
 * <p>The thin deep arm ({@link Deep}) trains the four schemes at the depths of the paper's thin deep
 * nets (FitNet-1 with 11 and FitNet-4 with 19 layers, A. Romero et al., "FitNets: Hints for Thin Deep
 * Nets", ICLR 2015, which Mishkin and Matas train on CIFAR-10), as thin MNIST MLPs: per seed the
 * held-out accuracy before training and after each tenth of the SGD steps, and the paired per-seed
 * differences LSUV minus each other scheme, early (after one tenth of the steps) and final.
 */
public final class LsuvExperiment {
    /** The schemes LSUV is compared with. */
    static final List<String> COMPARED = List.of("lsuv", "orthogonal", DepthExperiment.HE, DepthExperiment.GLOROT);

    private LsuvExperiment() {
    }

    /** The thin deep arm's per-seed runs, the table {@link Experiments#asWritten} reads the seeds from. */
    static final String DEEP_RUNS = "lsuv_deep_runs.csv";
    /** The thin deep arm's per-seed learning curves. */
    static final String DEEP_CURVES = "lsuv_deep_curves.csv";

    /**
     * Seeds of the per-layer diagnostics and of the thin deep arm (null: no thin deep arm); the MNIST
     * and probe shapes of the diagnostics come from experiments 1 and 4.
     */
    public record Settings(int seeds, Deep deep) {
        public Settings {
            if (seeds < 2) {
                throw new IllegalArgumentException("need >= 2 seeds");
            }
        }

        /** Diagnostics and comparisons only, without the thin deep arm. */
        public Settings(int seeds) {
            this(seeds, null);
        }

        static Settings of(Options o) {
            return new Settings(o.seedsOr(10, 20), o.full() ? Deep.full() : Deep.quick());
        }

        /** The protocol in words (for the report's methods). */
        public String protocol() {
            String base = String.format(Locale.ROOT, "LSUV (Mishkin & Matas 2016, Algorithm 1): orthogonal pre-initialization "
                    + "(gain 1), then layer by layer the weight is divided by sqrt(v) while |v - 1| >= 0.1 and at most 10 times, "
                    + "v the variance of the layer's pre-activation on a data batch (256 MNIST training rows for the MNIST "
                    + "networks, a standard normal batch for the deep probes); per-layer diagnostics over %d seeds; compared "
                    + "with orthogonal, He and Glorot on the depth and MNIST studies by paired per-seed differences.", seeds);
            return deep == null ? base : base + " " + deep.protocol(seeds);
        }
    }

    /**
     * The thin deep arm: MNIST MLP classifiers 784-w-...-w-10 with {@code depths} weight layers of
     * hidden width {@code width}, trained for {@code steps} SGD steps from each compared scheme.
     */
    public record Deep(List<Integer> depths, int width, int steps, List<Activation> activations) {
        public Deep {
            depths = List.copyOf(depths);
            activations = List.copyOf(activations);
            if (depths.isEmpty() || activations.isEmpty() || width < 2 || steps < 10) {
                throw new IllegalArgumentException("need depths, activations, width >= 2 and steps >= 10");
            }
            for (int d : depths) {
                if (d < 2) {
                    throw new IllegalArgumentException("depth must be >= 2, got " + d);
                }
            }
        }

        /** Quick: the paper's depths 11 and 19 plus 32, width 32, 300 steps, ReLU and tanh. */
        public static Deep quick() {
            return new Deep(List.of(11, 19, 32), 32, 300, List.of(Activation.RELU, Activation.TANH));
        }

        /** Full: depths 11, 19, 32, width 64, 1500 steps, ReLU and tanh. */
        public static Deep full() {
            return new Deep(List.of(11, 19, 32), 64, 1500, List.of(Activation.RELU, Activation.TANH));
        }

        /** SGD lr 0.02, momentum 0.9, batch 64, one pass over steps x 64 rows, 10 evaluations, target 90%. */
        Trainer.Config training() {
            return new Trainer.Config(1, BATCH, 0.02, 0.9, 0, 10, 0.9);
        }

        /** The steps after which the early accuracy is read (the first of the ten evaluations). */
        int earlyStep() {
            return (int) Math.round(steps / 10.0);
        }

        String setting(int depth) {
            return String.format(Locale.ROOT, "%d layers, width %d, %d steps", depth, width, steps);
        }

        String protocol(int seeds) {
            return String.format(Locale.ROOT, "Thin deep arm (the paper's depths): MLP classifiers with %s weight layers "
                    + "(784, hidden layers of width %d, 10), activations %s, schemes lsuv, orthogonal, He (kaiming_normal) "
                    + "and Glorot (xavier_normal), biases zero; SGD lr 0.02, momentum 0.9, batch %d, %d steps (one pass "
                    + "over the first %d training digits, cycling), no clipping; held-out accuracy and loss on the held-out "
                    + "digits before training and after each tenth of the steps; %d seeds shared by the four schemes (same "
                    + "weight streams, LSUV batch and data order); paired per-seed differences, LSUV minus each other "
                    + "scheme, of the final accuracy and of the accuracy after %d steps, 95%% t intervals. What differs "
                    + "from the paper: Mishkin & Matas train thin deep convolutional nets (FitNet-1, 11 layers, and "
                    + "FitNet-4, 19 layers, of Romero et al. 2015) on CIFAR-10 to convergence, with maxout, ReLU, very "
                    + "leaky ReLU, tanh and sigmoid; here fully connected layers of one width on MNIST digits, ReLU and "
                    + "tanh only, a short fixed SGD budget (early training), and one deeper net (32 layers) beyond "
                    + "theirs.", depths, width, activations.stream().map(Activation::label).toList(), BATCH, steps,
                    steps * BATCH, seeds, earlyStep());
        }
    }

    /** Batch size of the thin deep arm. */
    static final int BATCH = 64;

    /**
     * One run of the thin deep arm. {@code earlyAccuracy} is the held-out accuracy after one tenth of
     * the steps; {@code stepsToTarget} the first evaluation step with held-out accuracy >= 90%, -1
     * (and {@code reachedTarget} false) when never.
     */
    public record DeepRunRow(int depth, int width, String init, String activation, int seed, double initialLoss,
                             double earlyAccuracy, double finalAccuracy, double finalLoss, int stepsToTarget,
                             boolean reachedTarget, boolean diverged, double seconds) {
    }

    /** One point of one thin deep learning curve (one seed): held-out loss and accuracy after {@code step} steps. */
    public record DeepCurveRow(int depth, int width, String init, String activation, int seed, int step,
                               double heldOutLoss, double heldOutAccuracy) {
    }

    /** One point of a thin deep learning curve over seeds: held-out accuracy with its 95% t interval. */
    public record DeepCurveSummaryRow(int depth, int width, String init, String activation, int step, int seeds,
                                      double accuracyMean, double accuracyLo, double accuracyHi, double lossMean) {
    }

    /** Thin deep runs of an earlier invocation (lsuv_deep_runs.csv, lsuv_deep_curves.csv), kept instead of recomputed. */
    public record DeepPrior(List<DeepRunRow> runs, List<DeepCurveRow> curves) {
    }

    /** What LSUV did to one layer of one network. */
    public record LsuvLayerRow(String network, String activation, int seed, int layer, double varianceBefore,
                           double varianceAfter, int rescalings, double totalScale, boolean converged) {
    }

    /** One comparison in long format: metric of a scheme in a setting, with interval. */
    public record CompareRow(String experiment, String setting, String activation, String init, String metric,
                             double value, double lo, double hi) {
    }

    /** Everything measured (the thin deep lists are empty without the thin deep arm). */
    public record Result(List<LsuvLayerRow> layers, List<CompareRow> compare, List<DeepRunRow> deepRuns,
                         List<DeepCurveRow> deepCurves) {
        /**
         * Writes lsuv_layers.csv and lsuv_compare.csv, and when the thin deep arm ran lsuv_deep_runs.csv,
         * lsuv_deep_curves.csv (per seed) and lsuv_deep_curve_summary.csv (over seeds).
         */
        public List<Path> write(Path dir) {
            List<Path> out = new ArrayList<>(List.of(StudyTable.write(dir, "lsuv_layers.csv", LsuvLayerRow.class, layers),
                    StudyTable.write(dir, "lsuv_compare.csv", CompareRow.class, compare)));
            if (!deepRuns.isEmpty()) {
                out.add(StudyTable.write(dir, DEEP_RUNS, DeepRunRow.class, deepRuns));
                out.add(StudyTable.write(dir, DEEP_CURVES, DeepCurveRow.class, deepCurves));
                out.add(StudyTable.write(dir, "lsuv_deep_curve_summary.csv", DeepCurveSummaryRow.class, curveSummary()));
            }
            return out;
        }

        /** The thin deep learning curves averaged over seeds, with t intervals of the held-out accuracy. */
        public List<DeepCurveSummaryRow> curveSummary() {
            Map<String, List<DeepCurveRow>> groups = new LinkedHashMap<>();
            for (DeepCurveRow c : deepCurves) {
                groups.computeIfAbsent(c.depth() + "|" + c.activation() + "|" + c.init() + "|" + c.step(),
                        x -> new ArrayList<>()).add(c);
            }
            List<DeepCurveSummaryRow> out = new ArrayList<>();
            for (List<DeepCurveRow> g : groups.values()) {
                DeepCurveRow f = g.get(0);
                MeanInterval acc = MeanInterval.of(g.stream().mapToDouble(DeepCurveRow::heldOutAccuracy).toArray());
                MeanInterval loss = MeanInterval.of(g.stream().mapToDouble(DeepCurveRow::heldOutLoss).toArray());
                out.add(new DeepCurveSummaryRow(f.depth(), f.width(), f.init(), f.activation(), f.step(), acc.n(), acc.mean(),
                        acc.lo(), acc.hi(), loss.mean()));
            }
            return out;
        }

        /** Final (or, with {@code early}, early) accuracies of one thin deep configuration indexed by seed. */
        public double[] deepAccuracies(int depth, String init, Activation f, boolean early, int seeds) {
            return BySeed.values(deepRuns.stream().filter(r -> r.depth() == depth && r.init().equals(init)
                    && r.activation().equals(f.label())).toList(), seeds, DeepRunRow::seed,
                    early ? DeepRunRow::earlyAccuracy : DeepRunRow::finalAccuracy);
        }
    }

    /** The depth design restricted to the compared schemes (the widths that include LSUV). */
    static DepthExperiment.Settings depthSubset(Options o) {
        DepthExperiment.Settings full = DepthExperiment.Settings.of(o);
        List<DepthExperiment.Grid> g = new ArrayList<>();
        for (DepthExperiment.Grid x : full.grids()) {
            if (x.inits().stream().anyMatch(s -> s instanceof Lsuv)) {
                g.add(new DepthExperiment.Grid(x.width(), x.depth(), x.rows(), Scheme.parseList(String.join(",", COMPARED)),
                        x.activations()));
            }
        }
        return new DepthExperiment.Settings(g, full.seeds());
    }

    /** The MNIST design restricted to the compared schemes, without the clipped arm. */
    static MnistExperiment.Settings mnistSubset(Options o) {
        return MnistExperiment.Settings.of(o).restrict(Scheme.parseList(String.join(",", COMPARED)), null, false);
    }

    /** Runs the diagnostics and builds the comparison from {@code depth} and {@code mnist}. */
    public static Result run(Settings s, Options o, Mnist.Split data, DepthExperiment.Result depth,
                             MnistExperiment.Result mnist) {
        return run(s, o, data, depth, mnist, null);
    }

    /**
     * As {@link #run(Settings, Options, Mnist.Split, DepthExperiment.Result, MnistExperiment.Result)},
     * keeping the thin deep runs of {@code prior} (may be null) that belong to the design.
     */
    public static Result run(Settings s, Options o, Mnist.Split data, DepthExperiment.Result depth,
                             MnistExperiment.Result mnist, DeepPrior prior) {
        List<LsuvLayerRow> layers = new ArrayList<>();
        MnistExperiment.Settings ms = mnist.settings();
        List<Integer> depths = ms.arms().get(0).depths();
        List<Activation> acts = ms.arms().get(0).activations();
        DepthExperiment.Grid grid = depth.settings().grids().get(0);
        List<Activation> probeActs = grid.activations().stream()
                .filter(f -> f == Activation.RELU || f == Activation.TANH).toList();
        int tasks = s.seeds() * (depths.size() * acts.size() + probeActs.size());
        o.progress().begin("lsuv: per-layer diagnostics", tasks);
        List<List<LsuvLayerRow>> parts = Parallel.map(tasks, o.threads(), i -> {
            int k = i % s.seeds();
            int c = i / s.seeds();
            long seed = RunStreams.runSeed(o.masterSeed(), k);
            List<LsuvLayerRow> rows = new ArrayList<>();
            if (c < depths.size() * acts.size()) {
                int d = depths.get(c / acts.size());
                Activation f = acts.get(c % acts.size());
                Mlp net = MnistExperiment.network(ms, d, f, data.train().dim());
                String name = "mnist " + d + " layers, width " + ms.width();
                for (Lsuv.LayerReport r : Lsuv.of().normalize(net, seed, MnistExperiment.lsuvBatch(data, seed),
                        MnistExperiment.LSUV_ROWS)) {
                    rows.add(row(name, f, k, r));
                }
            } else {
                Activation f = probeActs.get(c - depths.size() * acts.size());
                int[] widths = new int[grid.depth() + 1];
                java.util.Arrays.fill(widths, grid.width());
                Mlp net = Mlp.deep(f, widths);
                float[] batch = new float[grid.rows() * grid.width()];
                RunStreams.normals(seed, RunStreams.LSUV_STREAM, batch);
                String name = "probe " + grid.depth() + " layers, width " + grid.width();
                for (Lsuv.LayerReport r : Lsuv.of().normalize(net, seed, batch, grid.rows())) {
                    rows.add(row(name, f, k, r));
                }
            }
            o.progress().step("seed " + k);
            return rows;
        });
        parts.forEach(layers::addAll);
        List<CompareRow> compare = compare(depth, mnist);
        if (s.deep() == null) {
            return new Result(layers, compare, List.of(), List.of());
        }
        List<DeepRunRow> runs = new ArrayList<>();
        List<DeepCurveRow> curves = runDeep(s.deep(), s.seeds(), o, data, runs, prior);
        compare.addAll(compareDeep(s.deep(), s.seeds(), runs));
        return new Result(layers, compare, runs, curves);
    }

    private record DeepTask(int depth, Activation act, String init, int seed) {
    }

    private record DeepOutcome(DeepRunRow run, List<DeepCurveRow> curve) {
    }

    private static String key(int depth, String act, String init, int seed) {
        return depth + "|" + act + "|" + init + "|" + seed;
    }

    /** The runs of {@code prior} that belong to the design (width, steps, configuration, seed). */
    private static Map<String, DeepOutcome> kept(Deep d, int seeds, DeepPrior prior) {
        Map<String, DeepOutcome> out = new java.util.HashMap<>();
        if (prior == null) {
            return out;
        }
        Map<String, List<DeepCurveRow>> curves = new java.util.HashMap<>();
        for (DeepCurveRow c : prior.curves()) {
            curves.computeIfAbsent(key(c.depth(), c.activation(), c.init(), c.seed()), x -> new ArrayList<>()).add(c);
        }
        for (DeepRunRow r : prior.runs()) {
            if (r.seed() >= seeds || r.width() != d.width()) {
                continue;
            }
            List<DeepCurveRow> c = curves.getOrDefault(key(r.depth(), r.activation(), r.init(), r.seed()), List.of());
            int last = c.stream().mapToInt(DeepCurveRow::step).max().orElse(-1);
            if (!r.diverged() && last != d.steps()) {
                continue; // another step budget: not this design's run
            }
            out.put(key(r.depth(), r.activation(), r.init(), r.seed()), new DeepOutcome(r, List.copyOf(c)));
        }
        return out;
    }

    /**
     * Trains the thin deep arm: depths x activations x the compared schemes x seeds; fills
     * {@code runs} (design order) and returns the learning curves averaged over seeds.
     */
    static List<DeepCurveRow> runDeep(Deep d, int seeds, Options o, Mnist.Split data, List<DeepRunRow> runs) {
        return runDeep(d, seeds, o, data, runs, null);
    }

    /** As {@link #runDeep(Deep, int, Options, Mnist.Split, List)}, keeping the runs of {@code prior} that belong to the design. */
    static List<DeepCurveRow> runDeep(Deep d, int seeds, Options o, Mnist.Split data, List<DeepRunRow> runs, DeepPrior prior) {
        List<DeepTask> tasks = new ArrayList<>();
        for (int depth : d.depths()) {
            for (Activation f : d.activations()) {
                for (String init : COMPARED) {
                    for (int k = 0; k < seeds; k++) {
                        tasks.add(new DeepTask(depth, f, init, k));
                    }
                }
            }
        }
        Map<String, DeepOutcome> kept = kept(d, seeds, prior);
        DeepOutcome[] byTask = new DeepOutcome[tasks.size()];
        List<Integer> order = new ArrayList<>();
        for (int i = 0; i < tasks.size(); i++) {
            DeepTask t = tasks.get(i);
            byTask[i] = kept.get(key(t.depth(), t.act().label(), t.init(), t.seed()));
            if (byTask[i] == null) {
                order.add(i);
            }
        }
        if (prior != null) {
            o.progress().log("lsuv: kept %d of %d thin deep runs from the tables, %d to run", tasks.size() - order.size(),
                    tasks.size(), order.size());
        }
        order.sort((a, b) -> Integer.compare(tasks.get(b).depth(), tasks.get(a).depth()));
        Mnist.Split split = new Mnist.Split(StepBudget.rows(data.train(), d.steps(), BATCH), data.test(), data.source());
        o.progress().begin(String.format(Locale.ROOT, "lsuv: thin deep MLPs, depths %s, width %d, %d steps, %d seeds",
                d.depths(), d.width(), d.steps(), seeds), order.size());
        List<DeepOutcome> sorted = Parallel.map(order.size(), o.threads(), i -> {
            DeepTask t = tasks.get(order.get(i));
            DeepOutcome out = trainDeep(d, t, data, split, RunStreams.runSeed(o.masterSeed(), t.seed()));
            o.progress().step(String.format(Locale.ROOT, "depth %d %s %s seed %d: %.4f", t.depth(), t.init(),
                    t.act().label(), t.seed(), out.run().finalAccuracy()));
            return out;
        });
        for (int i = 0; i < order.size(); i++) {
            byTask[order.get(i)] = sorted.get(i);
        }
        List<DeepCurveRow> curves = new ArrayList<>();
        for (DeepOutcome out : byTask) {
            runs.add(out.run());
            curves.addAll(out.curve());
        }
        return curves;
    }

    private static DeepOutcome trainDeep(Deep d, DeepTask t, Mnist.Split data, Mnist.Split split, long seed) {
        long t0 = System.nanoTime();
        int[] widths = new int[t.depth() + 1];
        java.util.Arrays.fill(widths, d.width());
        widths[0] = data.train().dim();
        widths[t.depth()] = Mnist.Dataset.CLASSES;
        Mlp net = Mlp.classifier(t.act(), widths);
        Scheme.parse(t.init()).initialize(net, seed, MnistExperiment.lsuvBatch(data, seed), MnistExperiment.LSUV_ROWS);
        Trainer.Result r = Trainer.train(net, split, d.training(), seed, null);
        List<Trainer.Point> c = r.curve();
        double early = c.size() > 1 ? c.get(1).testAccuracy() : Double.NaN;
        int toTarget = Double.isNaN(r.epochsToTarget()) ? -1 : (int) Math.round(r.epochsToTarget() * d.steps());
        List<DeepCurveRow> curve = new ArrayList<>();
        for (Trainer.Point p : c) {
            curve.add(new DeepCurveRow(t.depth(), d.width(), t.init(), t.act().label(), t.seed(), p.step(), p.testLoss(),
                    p.testAccuracy()));
        }
        return new DeepOutcome(new DeepRunRow(t.depth(), d.width(), t.init(), t.act().label(), t.seed(), c.get(0).testLoss(),
                early, r.finalTestAccuracy(), r.finalTestLoss(), toTarget, toTarget >= 0, r.diverged(),
                (System.nanoTime() - t0) / 1e9), curve);
    }

    /** The thin deep arm in the comparison table: accuracies with t intervals, LSUV minus each scheme paired. */
    static List<CompareRow> compareDeep(Deep d, int seeds, List<DeepRunRow> runs) {
        List<CompareRow> out = new ArrayList<>();
        Result r = new Result(List.of(), List.of(), runs, List.of());
        for (int depth : d.depths()) {
            for (Activation f : d.activations()) {
                String setting = d.setting(depth);
                for (boolean early : new boolean[] {false, true}) {
                    String when = early ? "held-out accuracy after " + d.earlyStep() + " steps" : "final held-out accuracy";
                    double[] l = r.deepAccuracies(depth, "lsuv", f, early, seeds);
                    for (String init : COMPARED) {
                        double[] a = r.deepAccuracies(depth, init, f, early, seeds);
                        MeanInterval m = MeanInterval.of(a);
                        out.add(new CompareRow("thin deep mnist", setting, f.label(), init, when, m.mean(), m.lo(), m.hi()));
                        if (!init.equals("lsuv")) {
                            MeanInterval diff = MeanInterval.paired(l, a);
                            out.add(new CompareRow("thin deep mnist", setting, f.label(), init, when
                                    + ", lsuv minus this scheme (paired over seeds)", diff.mean(), diff.lo(), diff.hi()));
                        }
                    }
                }
            }
        }
        return out;
    }

    private static LsuvLayerRow row(String net, Activation f, int seed, Lsuv.LayerReport r) {
        return new LsuvLayerRow(net, f.label(), seed, r.layer(), r.varianceBefore(), r.varianceAfter(), r.rescalings(),
                r.totalScale(), r.converged());
    }

    private static List<CompareRow> compare(DepthExperiment.Result depth, MnistExperiment.Result mnist) {
        List<CompareRow> out = new ArrayList<>();
        for (DepthExperiment.Grid g : depth.settings().grids()) {
            int span = Math.min(50, g.depth());
            for (Activation f : g.activations()) {
                for (String init : COMPARED) {
                    if (depth.layer(g.width(), init, f, 1) == null) {
                        continue;
                    }
                    String setting = "width " + g.width() + ", " + g.depth() + " layers";
                    double drift = DepthExperiment.maxDrift(depth, g.width(), init, f, span, true);
                    out.add(new CompareRow("depth", setting, f.label(), init, "max |log2 forward ratio| over " + span + " layers",
                            drift, Double.NaN, Double.NaN));
                    DepthExperiment.DepthLayerRow last = depth.layer(g.width(), init, f, g.depth());
                    out.add(new CompareRow("depth", setting, f.label(), init, "Var[z_L] (geometric mean)",
                            last.forwardGeoMean(), last.forwardGeoLo(), last.forwardGeoHi()));
                }
            }
        }
        for (MnistExperiment.Arm arm : mnist.settings().arms()) {
            if (arm.clip() > 0) {
                continue;
            }
            for (int d : arm.depths()) {
                for (Activation f : arm.activations()) {
                    String setting = d + " layers, width " + mnist.settings().width();
                    double[] l = mnist.accuracies(d, "lsuv", f, 0);
                    for (String init : COMPARED) {
                        MnistExperiment.MnistSummaryRow r = mnist.row(d, init, f, 0);
                        if (r == null) {
                            continue;
                        }
                        out.add(new CompareRow("mnist", setting, f.label(), init, "held-out accuracy", r.finalTestAccuracyMean(),
                                r.finalTestAccuracyLo(), r.finalTestAccuracyHi()));
                        if (!init.equals("lsuv") && l.length > 0) {
                            MeanInterval diff = MeanInterval.paired(l, mnist.accuracies(d, init, f, 0));
                            out.add(new CompareRow("mnist", setting, f.label(), init, "accuracy of lsuv minus this scheme (paired over seeds)",
                                    diff.mean(), diff.lo(), diff.hi()));
                        }
                    }
                }
            }
        }
        return out;
    }
}
