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
 * Experiment 3, symmetry of zero and constant initialization, trained on MNIST.
 *
 * <p>A hidden unit i of layer l is described by its incoming weights (row i of W_l), its bias and
 * its outgoing weights (column i of W_(l+1)). If two units start equal they receive equal
 * gradients and stay equal forever (D. E. Rumelhart, G. E. Hinton and R. J. Williams, "Learning
 * representations by back-propagating errors", Nature 1986, who introduced random initial weights
 * to break this symmetry). The study measures, during training, the largest pairwise difference
 * between hidden units of a layer, max over pairs (i, j) of max_k |v_i[k] - v_j[k]| (the L-infinity
 * distance; computed as the largest per-coordinate range), every {@code probeEvery} steps, for
 * zeros, a constant, Keras' {@code RandomUniform(0, 1)} (catalog {@code uniform}, low 0 high 1) and
 * He ({@code kaiming_normal}) as the random control; and the held-out accuracy against the
 * majority-class classifier. Depth 1 (softmax regression, no hidden unit) tests the claim that zero
 * initialization works for shallow models. The float32 arithmetic is deterministic and treats
 * every unit alike, so equal units stay <em>exactly</em> equal.
 */
public final class SymmetryExperiment {
    private SymmetryExperiment() {
    }

    /**
     * The design.
     *
     * @param depths weight layers (1 = softmax regression)
     * @param width hidden width
     * @param inits schemes
     * @param activations hidden activations
     * @param seeds seeds
     * @param train training settings
     * @param probeEvery steps between symmetry measurements
     */
    public record Settings(List<Integer> depths, int width, List<Scheme> inits, List<Activation> activations, int seeds,
                           Trainer.Config train, int probeEvery) {
        public Settings {
            depths = List.copyOf(depths);
            inits = List.copyOf(inits);
            activations = List.copyOf(activations);
            if (seeds < 2 || probeEvery < 1 || width < 2) {
                throw new IllegalArgumentException("need >= 2 seeds, width >= 2 and probeEvery >= 1");
            }
        }

        static List<Scheme> defaultInits() {
            return Scheme.parseList("zeros,constant:value=0.05,uniform," + DepthExperiment.HE);
        }

        /** Quick: depths 1-3, width 128, relu, 3 seeds, 3 epochs. */
        public static Settings quick(int seeds) {
            return new Settings(List.of(1, 2, 3), 128, defaultInits(), List.of(Activation.RELU), seeds,
                    MnistExperiment.defaultTraining(3), 25);
        }

        /** Full: also tanh and sigmoid, 10 seeds, 10 epochs. */
        public static Settings full(int seeds) {
            return new Settings(List.of(1, 2, 3), 128, defaultInits(),
                    List.of(Activation.RELU, Activation.TANH, Activation.SIGMOID), seeds, MnistExperiment.defaultTraining(10), 25);
        }

        /** The protocol in words (for the report's methods). */
        public String protocol() {
            return String.format(Locale.ROOT, "MLP classifiers of %s weight layers (1 = softmax regression), hidden width %d, "
                    + "activations %s, schemes %s, biases zero; training: %s; the largest pairwise difference between the "
                    + "hidden units of each layer (incoming weights, bias, outgoing weights) measured every %d steps; "
                    + "%d seeds shared by every scheme.", depths, width, activations.stream().map(Activation::label).toList(),
                    inits.stream().map(Scheme::label).toList(), train.protocol(), probeEvery, seeds);
        }

        static Settings of(Options o) {
            return o.settings(3, 10, Settings::quick, Settings::full);
        }
    }

    /**
     * One symmetry measurement of one hidden layer: the largest pairwise difference and the number of
     * distinct hidden units (bit-for-bit distinct vectors; 1 means all units are one unit).
     */
    public record TraceRow(String init, String activation, int depth, int seed, int step, double epoch, int layer,
                           double maxPairwiseDifference, int distinctUnits) {
    }

    /** One run. {@code finalMaxPairwiseDifference} is the largest over hidden layers (NaN without hidden layers). */
    public record SymmetryRunRow(String init, String activation, int depth, int seed, double finalAccuracy, double finalLoss,
                         boolean diverged, double initialMaxPairwiseDifference, double finalMaxPairwiseDifference) {
    }

    /** One configuration over seeds. */
    public record SymmetrySummaryRow(String init, String activation, int depth, int seeds, double accuracyMean,
                             double accuracyLo, double accuracyHi, double trivialAccuracy, boolean learnsBeyondTrivial,
                             int divergedRuns, double finalMaxPairwiseDifferenceMin, double finalMaxPairwiseDifferenceMax,
                             boolean symmetryStaysExact) {
    }

    /** Everything measured. */
    public record Result(Settings settings, List<TraceRow> trace, List<SymmetryRunRow> runs, List<SymmetrySummaryRow> summary) {
        /** Writes symmetry_trace.csv, symmetry_runs.csv and symmetry_summary.csv. */
        public List<Path> write(Path dir) {
            return List.of(StudyTable.write(dir, "symmetry_trace.csv", TraceRow.class, trace),
                    StudyTable.write(dir, "symmetry_runs.csv", SymmetryRunRow.class, runs),
                    StudyTable.write(dir, "symmetry_summary.csv", SymmetrySummaryRow.class, summary));
        }

        /** The summary of (init, activation, depth), or null. */
        public SymmetrySummaryRow row(String init, Activation f, int depth) {
            return summary.stream().filter(r -> r.init().equals(init) && r.activation().equals(f.label())
                    && r.depth() == depth).findFirst().orElse(null);
        }

        /** Final accuracies of (init, activation, depth) indexed by seed (NaN where missing; empty if absent). */
        public double[] accuracies(String init, Activation f, int depth) {
            return BySeed.values(runs.stream().filter(r -> r.init().equals(init) && r.activation().equals(f.label())
                    && r.depth() == depth).toList(), settings.seeds(), SymmetryRunRow::seed, SymmetryRunRow::finalAccuracy);
        }
    }

    private record SymmetryTask(Scheme scheme, Activation act, int depth, int seed) {
    }

    private record SymmetryOutcome(List<TraceRow> trace, SymmetryRunRow run) {
    }

    /**
     * Per-seed results of an earlier run of the same design (the rows of {@code symmetry_runs.csv} and
     * {@code symmetry_trace.csv}), to be kept instead of recomputed.
     */
    public record Prior(List<SymmetryRunRow> runs, List<TraceRow> trace) {
    }

    private static String key(String init, String act, int depth, int seed) {
        return init + "|" + act + "|" + depth + "|" + seed;
    }

    /**
     * The runs of {@code prior} that belong to the design (configuration and seed), by key. A run is a
     * pure function of its configuration, seed and the data; one whose last symmetry measurement is
     * not at the design's last epoch (another number of epochs) is refused.
     */
    private static Map<String, SymmetryOutcome> kept(Settings s, Prior prior) {
        Map<String, SymmetryOutcome> out = new java.util.HashMap<>();
        if (prior == null) {
            return out;
        }
        Map<String, List<TraceRow>> trace = new java.util.HashMap<>();
        for (TraceRow t : prior.trace()) {
            trace.computeIfAbsent(key(t.init(), t.activation(), t.depth(), t.seed()), k -> new ArrayList<>()).add(t);
        }
        for (SymmetryRunRow r : prior.runs()) {
            if (r.seed() >= s.seeds()) {
                continue;
            }
            String k = key(r.init(), r.activation(), r.depth(), r.seed());
            List<TraceRow> t = trace.getOrDefault(k, List.of());
            double last = t.stream().mapToDouble(TraceRow::epoch).max().orElse(Double.NaN);
            if (r.depth() > 1 && !r.diverged() && last != s.train().epochs()) {
                throw new ParameterException(ParameterException.name("reuse") + String.format(Locale.ROOT, ": the symmetry run (%s, %s, depth %d, "
                        + "seed %d) ends at epoch %s, the settings at %d: written with other settings", r.init(),
                        r.activation(), r.depth(), r.seed(), last, s.train().epochs()));
            }
            out.put(k, new SymmetryOutcome(List.copyOf(t), r));
        }
        return out;
    }

    /** Runs the study on {@code data}. */
    public static Result run(Settings s, Options o, Mnist.Split data) {
        return run(s, o, data, null);
    }

    /**
     * Runs the study on {@code data}, keeping the runs of {@code prior} (may be null) that belong to
     * the design and computing only the others; the tables come out in a fresh run's order.
     */
    public static Result run(Settings s, Options o, Mnist.Split data, Prior prior) {
        List<SymmetryTask> tasks = new ArrayList<>();
        for (int depth : s.depths()) {
            for (Activation f : depth == 1 ? List.of(s.activations().get(0)) : s.activations()) {
                for (Scheme sc : s.inits()) {
                    for (int k = 0; k < s.seeds(); k++) {
                        tasks.add(new SymmetryTask(sc, f, depth, k));
                    }
                }
            }
        }
        tasks.sort((a, b) -> Integer.compare(b.depth(), a.depth()));
        Map<String, SymmetryOutcome> kept = kept(s, prior);
        SymmetryOutcome[] outs = new SymmetryOutcome[tasks.size()];
        List<Integer> todo = new ArrayList<>();
        for (int i = 0; i < tasks.size(); i++) {
            SymmetryTask t = tasks.get(i);
            outs[i] = kept.get(key(t.scheme().label(), t.act().label(), t.depth(), t.seed()));
            if (outs[i] == null) {
                todo.add(i);
            }
        }
        if (prior != null) {
            o.progress().log("symmetry: kept %d of %d runs from the tables, %d to run", tasks.size() - todo.size(),
                    tasks.size(), todo.size());
        }
        o.progress().begin("symmetry: zero/constant/uniform vs He on MNIST, depths " + s.depths() + ", "
                + s.seeds() + " seeds", todo.size());
        List<SymmetryOutcome> computed = Parallel.map(todo.size(), o.threads(), i -> {
            SymmetryTask t = tasks.get(todo.get(i));
            SymmetryOutcome out = runOne(t, s, data, RunStreams.runSeed(o.masterSeed(), t.seed()));
            o.progress().step(t.scheme().label() + " " + t.act().label() + " depth " + t.depth() + " seed " + t.seed());
            return out;
        });
        for (int i = 0; i < todo.size(); i++) {
            outs[todo.get(i)] = computed.get(i);
        }
        List<TraceRow> trace = new ArrayList<>();
        List<SymmetryRunRow> runs = new ArrayList<>();
        for (SymmetryOutcome out : outs) {
            trace.addAll(out.trace());
            runs.add(out.run());
        }
        return new Result(s, trace, runs, summarize(runs, data.trivialAccuracy()));
    }

    private static SymmetryOutcome runOne(SymmetryTask t, Settings s, Mnist.Split data, long seed) {
        int[] widths = new int[t.depth() + 1];
        widths[0] = data.train().dim();
        for (int l = 1; l < t.depth(); l++) {
            widths[l] = s.width();
        }
        widths[t.depth()] = Mnist.Dataset.CLASSES;
        Mlp net = Mlp.classifier(t.act(), widths);
        t.scheme().initialize(net, seed, MnistExperiment.lsuvBatch(data, seed), MnistExperiment.LSUV_ROWS);
        List<TraceRow> trace = new ArrayList<>();
        double[] initial = {maxOverLayers(net)};
        measure(trace, t, net, 0, 0);
        Trainer.Result r = Trainer.train(net, data, s.train(), seed, (step, epoch, n) -> {
            if (step % s.probeEvery() == 0) {
                measure(trace, t, n, step, epoch);
            }
        });
        measure(trace, t, net, r.steps(), r.curve().get(r.curve().size() - 1).epoch());
        return new SymmetryOutcome(trace, new SymmetryRunRow(t.scheme().label(), t.act().label(), t.depth(), t.seed(), r.finalTestAccuracy(),
                r.finalTestLoss(), r.diverged(), initial[0], maxOverLayers(net)));
    }

    private static void measure(List<TraceRow> trace, SymmetryTask t, Mlp net, int step, double epoch) {
        for (int l = 1; l < net.layers(); l++) {
            trace.add(new TraceRow(t.scheme().label(), t.act().label(), t.depth(), t.seed(), step, epoch, l,
                    maxPairwiseDifference(net, l), distinctUnits(net, l)));
        }
    }

    private static double maxOverLayers(Mlp net) {
        double m = Double.NaN;
        for (int l = 1; l < net.layers(); l++) {
            double d = maxPairwiseDifference(net, l);
            m = Double.isNaN(m) ? d : Math.max(m, d);
        }
        return m;
    }

    /**
     * The largest L-infinity distance between two hidden units of hidden layer {@code hidden}
     * (1-based: the output of weight layer hidden-1 in 0-based terms), each unit described by its
     * incoming weights, bias and outgoing weights. NaN (not 0) if any weight is NaN.
     */
    public static double maxPairwiseDifference(Mlp net, int hidden) {
        HiddenLayer h = HiddenLayer.of(net, hidden);
        double worst = 0;
        for (int k = 0; k < h.fanIn(); k++) {
            worst = Math.max(worst, range(h.in(), k, h.fanIn(), h.units()));
        }
        worst = Math.max(worst, range(h.bias(), 0, 1, h.units()));
        for (int o = 0; o < h.next(); o++) {
            worst = Math.max(worst, range(h.out(), o * h.units(), 1, h.units()));
        }
        return worst;
    }

    /** The weights that describe the units of one hidden layer: incoming, bias, outgoing. */
    private record HiddenLayer(float[] in, float[] bias, float[] out, int units, int fanIn, int next) {
        static HiddenLayer of(Mlp net, int hidden) {
            if (hidden < 1 || hidden >= net.layers()) {
                throw new IllegalArgumentException("hidden layer must be in 1.." + (net.layers() - 1) + ", got " + hidden);
            }
            return new HiddenLayer(net.weight(hidden - 1), net.bias(hidden - 1), net.weight(hidden),
                    net.width(hidden), net.width(hidden - 1), net.width(hidden + 1));
        }
    }

    /** The number of distinct hidden units of hidden layer {@code hidden} (exact comparison of the full vectors). */
    public static int distinctUnits(Mlp net, int hidden) {
        HiddenLayer h = HiddenLayer.of(net, hidden);
        float[] in = h.in();
        float[] bias = h.bias();
        float[] out = h.out();
        int units = h.units();
        int fanIn = h.fanIn();
        int next = h.next();
        java.util.Set<java.nio.FloatBuffer> seen = new java.util.HashSet<>();
        for (int i = 0; i < units; i++) {
            float[] v = new float[fanIn + 1 + next];
            System.arraycopy(in, i * fanIn, v, 0, fanIn);
            v[fanIn] = bias[i];
            for (int o = 0; o < next; o++) {
                v[fanIn + 1 + o] = out[o * units + i];
            }
            seen.add(java.nio.FloatBuffer.wrap(v));
        }
        return seen.size();
    }

    /** max - min of a[start + i * stride], i &lt; count; NaN if any is NaN. */
    private static double range(float[] a, int start, int stride, int count) {
        float lo = Float.POSITIVE_INFINITY;
        float hi = Float.NEGATIVE_INFINITY;
        for (int i = 0; i < count; i++) {
            float v = a[start + i * stride];
            if (Float.isNaN(v)) {
                return Double.NaN;
            }
            lo = Math.min(lo, v);
            hi = Math.max(hi, v);
        }
        return (double) hi - lo;
    }

    static List<SymmetrySummaryRow> summarize(List<SymmetryRunRow> runs, double trivial) {
        Map<String, List<SymmetryRunRow>> groups = new LinkedHashMap<>();
        for (SymmetryRunRow r : runs) {
            groups.computeIfAbsent(r.init() + "|" + r.activation() + "|" + r.depth(), k -> new ArrayList<>()).add(r);
        }
        List<SymmetrySummaryRow> out = new ArrayList<>();
        for (List<SymmetryRunRow> g : groups.values()) {
            SymmetryRunRow f = g.get(0);
            MeanInterval acc = MeanInterval.of(g.stream().mapToDouble(SymmetryRunRow::finalAccuracy).toArray());
            double dmin = g.stream().mapToDouble(SymmetryRunRow::finalMaxPairwiseDifference).min().orElse(Double.NaN);
            double dmax = g.stream().mapToDouble(SymmetryRunRow::finalMaxPairwiseDifference).max().orElse(Double.NaN);
            boolean exact = f.depth() > 1 && g.stream().allMatch(r -> r.finalMaxPairwiseDifference() == 0.0);
            int div = (int) g.stream().filter(SymmetryRunRow::diverged).count();
            out.add(new SymmetrySummaryRow(f.init(), f.activation(), f.depth(), g.size(), acc.mean(), acc.lo(), acc.hi(), trivial,
                    acc.lo() > trivial + 0.02, div, dmin, dmax, exact));
        }
        return out;
    }
}
