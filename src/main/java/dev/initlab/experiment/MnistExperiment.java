package dev.initlab.experiment;

import dev.initlab.experiment.nn.Mlp;
import dev.initlab.experiment.nn.Trainer;
import dev.initlab.experiment.nn.Activation;
import dev.initlab.experiment.nn.Mnist;
import dev.initlab.experiment.nn.RunStreams;
import dev.initlab.init.ParameterException;
import dev.initlab.stats.MeanInterval;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * Experiment 4, MNIST accuracy and convergence per scheme: MLPs of a few depths (weight layers;
 * hidden layers all of one width), SGD with momentum ({@link Trainer}), for scheme x activation x
 * depth, several seeds, with and without gradient clipping. Reports the learning curves, the
 * epochs to a target held-out accuracy, and the final held-out accuracy with a 95% t interval over
 * seeds. Every configuration uses the same seeds (paired): seed k's shuffles and LSUV batch are the
 * same for every scheme.
 */
public final class MnistExperiment {
    /** Rows of the LSUV data batch (drawn from the training set by Philox stream LSUV_STREAM). */
    static final int LSUV_ROWS = 256;
    /** The accuracy the "He + ReLU, 3 layers" check requires. */
    public static final double HE_RELU_TARGET = 0.93;

    private MnistExperiment() {
    }

    /** Batch 64, lr 0.02, momentum 0.9, no clipping, 2 evaluations per epoch, target accuracy 0.90. */
    public static Trainer.Config defaultTraining(int epochs) {
        return new Trainer.Config(epochs, 64, 0.02, 0.9, 0, 2, 0.90);
    }

    /** A block of the design: depths x schemes x activations at one clip norm (0 = none). */
    public record Arm(List<Integer> depths, List<Scheme> inits, List<Activation> activations, double clip) {
        public Arm {
            depths = List.copyOf(depths);
            inits = List.copyOf(inits);
            activations = List.copyOf(activations);
            for (int d : depths) {
                if (d < 1) {
                    throw new IllegalArgumentException("depth must be >= 1, got " + d);
                }
            }
            if (!(clip >= 0)) {
                throw new IllegalArgumentException("clip must be >= 0");
            }
        }
    }

    /**
     * The design.
     *
     * @param width hidden width
     * @param arms blocks of configurations
     * @param seeds seeds per configuration
     * @param train training settings (the arm's clip norm replaces {@code train.clipNorm()})
     */
    public record Settings(int width, List<Arm> arms, int seeds, Trainer.Config train) {
        public Settings {
            arms = List.copyOf(arms);
            if (seeds < 2 || width < 1) {
                throw new IllegalArgumentException("need >= 2 seeds and a positive width");
            }
        }

        /**
         * Quick (about 5 minutes on 2 cores): width 128, depths 3 and 10, schemes He, Glorot,
         * orthogonal, PyTorch default, LSUV and N(0,1), activations ReLU and tanh, no clipping; plus
         * He and N(0,1) with clipping at norm 1; 5 seeds, 3 epochs.
         */
        public static Settings quick(int seeds) {
            List<Scheme> inits = Scheme.parseList(DepthExperiment.HE + "," + DepthExperiment.GLOROT
                    + ",orthogonal,torch_default,lsuv,normal:std=1");
            List<Activation> acts = List.of(Activation.RELU, Activation.TANH);
            return new Settings(128, List.of(new Arm(List.of(3, 10), inits, acts, 0),
                    new Arm(List.of(3, 10), Scheme.parseList(DepthExperiment.HE + ",normal:std=1"), acts, 1.0)),
                    seeds, defaultTraining(3));
        }

        /** Full: width 256, more schemes and activations, every configuration with and without clipping, 10 seeds, 10 epochs. */
        public static Settings full(int seeds) {
            List<Scheme> inits = Scheme.parseList(DepthExperiment.HE + ",kaiming_uniform," + DepthExperiment.GLOROT
                    + ",xavier_uniform,lecun_normal,orthogonal,torch_default,lsuv,normal:std=1");
            List<Activation> acts = List.of(Activation.RELU, Activation.TANH, Activation.SELU, Activation.SIGMOID);
            return new Settings(256, List.of(new Arm(List.of(3, 10), inits, acts, 0), new Arm(List.of(3, 10), inits, acts, 1.0)),
                    seeds, defaultTraining(10));
        }

        /** The protocol in words (for the report's methods). */
        public String protocol() {
            StringBuilder b = new StringBuilder(String.format(Locale.ROOT, "MLP classifiers 784-%d-...-%d-10 (depth = number "
                    + "of weight layers, hidden width %d), biases zero except torch_default's PyTorch Linear bias. ", width,
                    width, width));
            for (Arm a : arms) {
                b.append(String.format(Locale.ROOT, "Depths %s x schemes %s x activations %s, clipping %s. ", a.depths(),
                        a.inits().stream().map(Scheme::label).toList(), a.activations().stream().map(Activation::label).toList(),
                        a.clip() > 0 ? "at global norm " + a.clip() : "off"));
            }
            return b.append("Training: ").append(train.withClip(0).protocol().replace(", gradient clipping off", ""))
                    .append(String.format(Locale.ROOT, ". %d seeds; seed k gives every configuration the same data order and "
                            + "the same LSUV batch (%d training rows), so schemes are compared by paired per-seed differences. "
                            + "Data: MNIST, pixels scaled to [0,1] and standardised (mean 0.1307, std 0.3081); the split is "
                            + "stated with the results.", seeds, LSUV_ROWS)).toString();
        }

        static Settings of(Options o) {
            return o.settings(5, 10, Settings::quick, Settings::full);
        }

        /** The same design with other schemes / activations in every arm (null keeps them), optionally without the clipped arms. */
        Settings restrict(List<Scheme> inits, List<Activation> acts, boolean keepClipped) {
            List<Arm> a = new ArrayList<>();
            for (Arm x : arms) {
                if (x.clip() > 0 && !keepClipped) {
                    continue;
                }
                a.add(new Arm(x.depths(), inits == null ? x.inits() : inits, acts == null ? x.activations() : acts, x.clip()));
            }
            return new Settings(width, a, seeds, train);
        }
    }

    /** One point of one learning curve. */
    public record CurveRow(int depth, String init, String activation, double clip, int seed, double epoch, int step,
                           double trainLoss, double trainAccuracy, double testLoss, double testAccuracy, double gradNorm,
                           double clippedFraction) {
    }

    /** One point of the learning curve of a configuration, over seeds (NaN train values at epoch 0). */
    public record CurveSummaryRow(int depth, String init, String activation, double clip, double epoch, int seeds,
                                  double testAccuracyMean, double testAccuracyLo, double testAccuracyHi,
                                  double testLossMean, double trainLossMean, double trainAccuracyMean) {
    }

    /** One run. {@code epochsToTarget} is NaN when the target was never reached. */
    public record MnistRunRow(int depth, String init, String activation, double clip, int seed, double finalAccuracy,
                         double finalLoss, double epochsToTarget, boolean diverged, double seconds) {
    }

    /** One configuration over seeds; epochs to target averaged over the runs that reached it. */
    public record MnistSummaryRow(int depth, int width, String init, String activation, double clip, int seeds,
                             double finalTestAccuracyMean, double finalTestAccuracyLo, double finalTestAccuracyHi,
                             double finalTestAccuracySd,
                             double finalLossMean, int reachedTarget, double targetAccuracy, double epochsToTargetMean,
                             double epochsToTargetLo, double epochsToTargetHi, int divergedRuns) {
    }

    /** A headline number, checked. */
    public record AccuracyCheck(String check, double value, double lo, double hi, String expected, boolean holds) {
    }

    /** Everything measured. */
    public record Result(Settings settings, String data, List<CurveRow> curves, List<MnistRunRow> runs,
                         List<MnistSummaryRow> summary, List<AccuracyCheck> checks) {
        /** Writes mnist_curves.csv, mnist_curve_summary.csv, mnist_runs.csv, mnist_summary.csv and mnist_checks.csv. */
        public List<Path> write(Path dir) {
            return List.of(StudyTable.write(dir, "mnist_curves.csv", CurveRow.class, curves),
                    StudyTable.write(dir, "mnist_curve_summary.csv", CurveSummaryRow.class, curveSummary()),
                    StudyTable.write(dir, "mnist_runs.csv", MnistRunRow.class, runs),
                    StudyTable.write(dir, "mnist_summary.csv", MnistSummaryRow.class, summary),
                    StudyTable.write(dir, "mnist_checks.csv", AccuracyCheck.class, checks));
        }

        /** The learning curves averaged over seeds, with t intervals of the held-out accuracy. */
        public List<CurveSummaryRow> curveSummary() {
            Map<String, List<CurveRow>> groups = new LinkedHashMap<>();
            for (CurveRow r : curves) {
                groups.computeIfAbsent(r.depth() + "|" + r.init() + "|" + r.activation() + "|" + r.clip() + "|" + r.epoch(),
                        k -> new ArrayList<>()).add(r);
            }
            List<CurveSummaryRow> out = new ArrayList<>();
            for (List<CurveRow> g : groups.values()) {
                CurveRow f = g.get(0);
                MeanInterval acc = MeanInterval.of(g.stream().mapToDouble(CurveRow::testAccuracy).toArray());
                out.add(new CurveSummaryRow(f.depth(), f.init(), f.activation(), f.clip(), f.epoch(), g.size(), acc.mean(),
                        acc.lo(), acc.hi(), MeanInterval.of(g.stream().mapToDouble(CurveRow::testLoss).toArray()).mean(),
                        MeanInterval.of(g.stream().mapToDouble(CurveRow::trainLoss).toArray()).mean(),
                        MeanInterval.of(g.stream().mapToDouble(CurveRow::trainAccuracy).toArray()).mean()));
            }
            return out;
        }

        /**
         * Final accuracies of one configuration indexed by seed (NaN for a seed that did not run;
         * empty if the configuration is absent), so that two configurations pair seed by seed.
         */
        public double[] accuracies(int depth, String init, Activation f, double clip) {
            return BySeed.values(runs.stream().filter(r -> r.depth() == depth && r.init().equals(init)
                    && r.activation().equals(f.label()) && r.clip() == clip).toList(), settings.seeds(), MnistRunRow::seed,
                    MnistRunRow::finalAccuracy);
        }

        /** The summary of one configuration, or null. */
        public MnistSummaryRow row(int depth, String init, Activation f, double clip) {
            return summary.stream().filter(r -> r.depth() == depth && r.init().equals(init)
                    && r.activation().equals(f.label()) && r.clip() == clip).findFirst().orElse(null);
        }
    }

    private record MnistTask(int depth, Scheme scheme, Activation act, double clip, int seed) {
    }

    private record MnistOutcome(List<CurveRow> curve, MnistRunRow run) {
    }

    /** The LSUV batch of a run: {@link #LSUV_ROWS} training rows chosen by Philox stream (seed, LSUV_STREAM). */
    static float[] lsuvBatch(Mnist.Split data, long seed) {
        int rows = Math.min(LSUV_ROWS, data.train().n());
        int[] perm = RunStreams.permutation(seed, RunStreams.LSUV_STREAM, data.train().n());
        float[] b = new float[LSUV_ROWS * data.train().dim()];
        for (int i = 0; i < LSUV_ROWS; i++) {
            int src = perm[i % rows];
            System.arraycopy(data.train().x(), src * data.train().dim(), b, i * data.train().dim(), data.train().dim());
        }
        return b;
    }

    /**
     * Per-seed results of an earlier run of the same design (the rows of {@code mnist_runs.csv} and
     * {@code mnist_curves.csv}), to be kept instead of recomputed.
     */
    public record Prior(List<MnistRunRow> runs, List<CurveRow> curves) {
    }

    private static String key(int depth, String init, String act, double clip, int seed) {
        return depth + "|" + init + "|" + act + "|" + clip + "|" + seed;
    }

    /**
     * The runs of {@code prior} that belong to the design {@code s} (configuration and seed), by key.
     * A run is a pure function of its configuration, seed and the data, so a kept run equals a
     * recomputed one; a run whose curve does not have the design's evaluation points (another
     * number of epochs or evaluations) is refused.
     */
    private static Map<String, MnistOutcome> kept(Settings s, Prior prior) {
        Map<String, MnistOutcome> out = new java.util.HashMap<>();
        if (prior == null) {
            return out;
        }
        Map<String, List<CurveRow>> curves = new java.util.HashMap<>();
        for (CurveRow c : prior.curves()) {
            curves.computeIfAbsent(key(c.depth(), c.init(), c.activation(), c.clip(), c.seed()), k -> new ArrayList<>()).add(c);
        }
        int points = s.train().epochs() * s.train().evalsPerEpoch() + 1;
        for (MnistRunRow r : prior.runs()) {
            if (r.seed() >= s.seeds()) {
                continue;
            }
            String k = key(r.depth(), r.init(), r.activation(), r.clip(), r.seed());
            List<CurveRow> c = curves.getOrDefault(k, List.of());
            if (!r.diverged() && c.size() != points) {
                throw new ParameterException(ParameterException.name("reuse") + String.format(Locale.ROOT, ": the mnist run (depth %d, %s, %s, "
                        + "clip %s, seed %d) has %d curve points, the settings %d (%d epochs x %d evaluations + 1): written "
                        + "with other settings", r.depth(), r.init(), r.activation(), r.clip(), r.seed(), c.size(), points,
                        s.train().epochs(), s.train().evalsPerEpoch()));
            }
            out.put(k, new MnistOutcome(List.copyOf(c), r));
        }
        return out;
    }

    /** Runs the design on {@code data}. */
    public static Result run(Settings s, Options o, Mnist.Split data) {
        return run(s, o, data, null);
    }

    /**
     * Runs the design on {@code data}, keeping the runs of {@code prior} (may be null) that belong to
     * it and computing only the others; the tables come out in the same order as a fresh run's.
     */
    public static Result run(Settings s, Options o, Mnist.Split data, Prior prior) {
        List<MnistTask> tasks = new ArrayList<>();
        for (Arm arm : s.arms()) {
            for (int depth : arm.depths()) {
                for (Activation f : arm.activations()) {
                    for (Scheme sc : arm.inits()) {
                        for (int k = 0; k < s.seeds(); k++) {
                            tasks.add(new MnistTask(depth, sc, f, arm.clip(), k));
                        }
                    }
                }
            }
        }
        Map<String, MnistOutcome> kept = kept(s, prior);
        MnistOutcome[] byTask = new MnistOutcome[tasks.size()];
        List<Integer> order = new ArrayList<>();
        for (int i = 0; i < tasks.size(); i++) {
            MnistTask t = tasks.get(i);
            byTask[i] = kept.get(key(t.depth(), t.scheme().label(), t.act().label(), t.clip(), t.seed()));
            if (byTask[i] == null) {
                order.add(i);
            }
        }
        if (prior != null) {
            o.progress().log("mnist: kept %d of %d runs from the tables, %d to run", tasks.size() - order.size(),
                    tasks.size(), order.size());
        }
        order.sort((a, b) -> Integer.compare(tasks.get(b).depth(), tasks.get(a).depth()));
        o.progress().begin(String.format(Locale.ROOT, "mnist: %d configurations x %d seeds, width %d, %d epochs (%s)",
                tasks.size() / s.seeds(), s.seeds(), s.width(), s.train().epochs(), data.source()), order.size());
        List<MnistOutcome> sorted = Parallel.map(order.size(), o.threads(), i -> {
            MnistTask t = tasks.get(order.get(i));
            MnistOutcome out = runOne(t, s, data, RunStreams.runSeed(o.masterSeed(), t.seed()));
            o.progress().step(String.format(Locale.ROOT, "depth %d %s %s clip %s seed %d: %.4f", t.depth(), t.scheme().label(),
                    t.act().label(), t.clip() > 0 ? t.clip() : "off", t.seed(), out.run().finalAccuracy()));
            return out;
        });
        for (int i = 0; i < order.size(); i++) {
            byTask[order.get(i)] = sorted.get(i);
        }
        List<CurveRow> curves = new ArrayList<>();
        List<MnistRunRow> runs = new ArrayList<>();
        for (MnistOutcome out : byTask) {
            curves.addAll(out.curve());
            runs.add(out.run());
        }
        List<MnistSummaryRow> summary = summarize(s, runs);
        return new Result(s, data.source(), curves, runs, summary, checks(summary));
    }

    static Mlp network(Settings s, int depth, Activation f, int inputs) {
        int[] widths = new int[depth + 1];
        widths[0] = inputs;
        for (int l = 1; l < depth; l++) {
            widths[l] = s.width();
        }
        widths[depth] = Mnist.Dataset.CLASSES;
        return Mlp.classifier(f, widths);
    }

    private static MnistOutcome runOne(MnistTask t, Settings s, Mnist.Split data, long seed) {
        long t0 = System.nanoTime();
        Mlp net = network(s, t.depth(), t.act(), data.train().dim());
        t.scheme().initialize(net, seed, lsuvBatch(data, seed), LSUV_ROWS);
        Trainer.Result r = Trainer.train(net, data, s.train().withClip(t.clip()), seed, null);
        List<CurveRow> curve = new ArrayList<>();
        for (Trainer.Point p : r.curve()) {
            curve.add(new CurveRow(t.depth(), t.scheme().label(), t.act().label(), t.clip(), t.seed(), p.epoch(), p.step(),
                    p.trainLoss(), p.trainAccuracy(), p.testLoss(), p.testAccuracy(), p.gradNorm(), p.clippedFraction()));
        }
        return new MnistOutcome(curve, new MnistRunRow(t.depth(), t.scheme().label(), t.act().label(), t.clip(), t.seed(),
                r.finalTestAccuracy(), r.finalTestLoss(), r.epochsToTarget(), r.diverged(), (System.nanoTime() - t0) / 1e9));
    }

    static List<MnistSummaryRow> summarize(Settings s, List<MnistRunRow> runs) {
        Map<String, List<MnistRunRow>> groups = new LinkedHashMap<>();
        for (MnistRunRow r : runs) {
            groups.computeIfAbsent(r.depth() + "|" + r.init() + "|" + r.activation() + "|" + r.clip(), k -> new ArrayList<>()).add(r);
        }
        List<MnistSummaryRow> out = new ArrayList<>();
        for (List<MnistRunRow> g : groups.values()) {
            MnistRunRow f = g.get(0);
            MeanInterval acc = MeanInterval.of(g.stream().mapToDouble(MnistRunRow::finalAccuracy).toArray());
            MeanInterval loss = MeanInterval.of(g.stream().mapToDouble(MnistRunRow::finalLoss).toArray());
            double[] e = g.stream().mapToDouble(MnistRunRow::epochsToTarget).toArray();
            MeanInterval ep = MeanInterval.of(e);
            out.add(new MnistSummaryRow(f.depth(), s.width(), f.init(), f.activation(), f.clip(), g.size(), acc.mean(), acc.lo(),
                    acc.hi(), acc.sd(), loss.mean(), ep.n(), s.train().targetAccuracy(), ep.mean(), ep.lo(), ep.hi(),
                    (int) g.stream().filter(MnistRunRow::diverged).count()));
        }
        return out;
    }

    static List<AccuracyCheck> checks(List<MnistSummaryRow> summary) {
        List<AccuracyCheck> out = new ArrayList<>();
        for (MnistSummaryRow r : summary) {
            if (r.depth() == 3 && DepthExperiment.HE_LABELS.contains(r.init()) && r.activation().equals("relu") && r.clip() == 0) {
                out.add(new AccuracyCheck("He (" + r.init() + ") + ReLU, 3 layers, width " + r.width() + ": held-out accuracy",
                        r.finalTestAccuracyMean(), r.finalTestAccuracyLo(), r.finalTestAccuracyHi(), ">= " + HE_RELU_TARGET,
                        r.finalTestAccuracyMean() >= HE_RELU_TARGET));
            }
        }
        return out;
    }
}
