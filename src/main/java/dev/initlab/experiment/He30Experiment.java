package dev.initlab.experiment;

import dev.initlab.experiment.nn.Activation;
import dev.initlab.experiment.nn.MatOps;
import dev.initlab.experiment.nn.Mlp;
import dev.initlab.experiment.nn.Mnist;
import dev.initlab.experiment.nn.RunStreams;
import dev.initlab.experiment.nn.Trainer;
import dev.initlab.stats.MeanInterval;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;

/**
 * He et al. 2015 ("Delving Deep into Rectifiers", ICCV), Figure 3: a 30-layer ReLU network trains
 * from He initialization (N(0, 2/fan_in)) and stalls from Xavier initialization (variance 1/n for
 * the square layers, here catalog {@code xavier_normal}, whose 2/(fan_in + fan_out) equals 1/n
 * there). The paper's network is a 30-layer convolutional net on ImageNet; this study uses a
 * 30-weight-layer ReLU MLP (29 hidden layers of a small width, softmax output, zero biases) on MNIST
 * with a short SGD budget, stated in the protocol.
 *
 * <p>Per seed (shared by both schemes: same weight streams up to scale, same shuffles): the held-out
 * loss and accuracy before training and after each tenth of the K steps, and at initialization the
 * log of the output-to-input mean-square ratio ln(|h_29|^2 / |x|^2) on a batch of digits; its spread
 * across seeds is the finite-width per-seed variation Hanin and Rolnick (2018, "How to Start
 * Training: The Effect of Initialization and Architecture") study, growing with depth / width.
 * Summaries: mean with 95% t interval, sd, min and max over seeds; the paired per-seed difference of
 * the final loss (Xavier minus He).
 */
public final class He30Experiment {
    /** Schemes: label, catalog spec. */
    static final List<String[]> SCHEMES = List.of(new String[] {"he", "kaiming_normal"},
            new String[] {"xavier", "xavier_normal"});
    /** Held-out digits used for the loss curve. */
    static final int EVAL_ROWS = 500;

    private He30Experiment() {
    }

    /** Weight layers, hidden width, SGD steps, seeds. */
    public record Settings(int layers, int width, int steps, int seeds) {
        public Settings {
            if (layers < 2 || width < 2 || steps < 10 || seeds < 2) {
                throw new IllegalArgumentException("need layers >= 2, width >= 2, steps >= 10, seeds >= 2");
            }
        }

        /** Quick: 30 layers, width 64, 300 steps, 10 seeds. */
        public static Settings quick(int seeds) {
            return new Settings(30, 64, 300, seeds);
        }

        /** Full: 30 layers, width 64, 1000 steps, 20 seeds. */
        public static Settings full(int seeds) {
            return new Settings(30, 64, 1000, seeds);
        }

        static Settings of(Options o) {
            return o.settings(10, 20, Settings::quick, Settings::full);
        }

        Trainer.Config training() {
            return new Trainer.Config(1, 64, 0.02, 0.9, 0, 10, 0.9);
        }

        /** The protocol in words. */
        public String protocol() {
            return String.format(Locale.ROOT, "He et al. 2015 Fig. 3 analogue: ReLU MLP with %d weight layers (784, %d "
                    + "hidden layers of width %d, 10), zero biases, He N(0, 2/fan_in) vs Xavier (xavier_normal, 1/n on the "
                    + "square layers); SGD lr 0.02, momentum 0.9, batch 64, %d steps (one epoch over the first %d training "
                    + "digits, cycling when the set is smaller), no clipping; held-out loss on %d digits before training and after each tenth of the steps; "
                    + "%d seeds shared by both schemes; per-seed values, mean with 95%% t interval, sd, min, max; paired "
                    + "per-seed differences of the final loss, the best loss on the curve and the final accuracy (alpha 0.05 each).", layers, layers - 1, width, steps, steps * 64,
                    EVAL_ROWS, seeds);
        }
    }

    /** One run (scheme, seed). */
    public record RunRow(String scheme, int seed, long runSeed, double initLogOutputGain, double initialLoss,
                         double finalLoss, double finalAccuracy, double bestLoss, boolean diverged) {
    }

    /** The held-out loss of one run after {@code step} steps. */
    public record CurveRow(String scheme, int seed, int step, double heldOutLoss, double heldOutAccuracy) {
    }

    /** A per-scheme quantity over seeds. */
    public record SummaryRow(String scheme, String quantity, int seeds, double mean, double lo, double hi, double sd,
                             double min, double max) {
    }

    /** The paired comparison of the final loss. */
    public record CompareRow(String quantity, int seeds, double diffMean, double diffLo, double diffHi, String verdict) {
    }

    /** The tables. */
    public record Result(Settings settings, List<RunRow> runs, List<CurveRow> curves, List<SummaryRow> summary,
                         List<CompareRow> compare) {
        /** Writes he30_runs.csv, he30_curves.csv, he30_summary.csv, he30_compare.csv. */
        public List<Path> write(Path dir) {
            return List.of(StudyTable.write(dir, "he30_runs.csv", RunRow.class, runs),
                    StudyTable.write(dir, "he30_curves.csv", CurveRow.class, curves),
                    StudyTable.write(dir, "he30_summary.csv", SummaryRow.class, summary),
                    StudyTable.write(dir, "he30_compare.csv", CompareRow.class, compare));
        }

        /** The summary of (scheme, quantity). */
        public SummaryRow summary(String scheme, String quantity) {
            return summary.stream().filter(r -> r.scheme().equals(scheme) && r.quantity().equals(quantity)).findFirst()
                    .orElseThrow();
        }
    }

    private record One(RunRow run, List<CurveRow> curve) {
    }

    /** Runs the study. */
    public static Result run(Settings s, Options o, Mnist.Split data) {
        int tasks = SCHEMES.size() * s.seeds();
        o.progress().begin("he30: " + s.layers() + "-layer ReLU MLP, He vs Xavier, " + s.steps() + " steps", tasks);
        List<One> ones = Parallel.map(tasks, o.threads(), i -> {
            int si = i / s.seeds();
            int k = i % s.seeds();
            One r = train(s, SCHEMES.get(si), k, RunStreams.runSeed(o.masterSeed(), k), data);
            o.progress().step(SCHEMES.get(si)[0] + " seed " + k);
            return r;
        });
        List<RunRow> runs = ones.stream().map(One::run).toList();
        List<CurveRow> curves = ones.stream().flatMap(x -> x.curve().stream()).toList();
        List<SummaryRow> summary = new ArrayList<>();
        for (String[] sc : SCHEMES) {
            List<RunRow> rs = runs.stream().filter(r -> r.scheme().equals(sc[0])).toList();
            summary.add(summarise(sc[0], "final held-out loss", rs.stream().mapToDouble(RunRow::finalLoss).toArray()));
            summary.add(summarise(sc[0], "final held-out accuracy", rs.stream().mapToDouble(RunRow::finalAccuracy).toArray()));
            summary.add(summarise(sc[0], "best held-out loss on the curve", rs.stream().mapToDouble(RunRow::bestLoss).toArray()));
            summary.add(summarise(sc[0], "initial held-out loss", rs.stream().mapToDouble(RunRow::initialLoss).toArray()));
            summary.add(summarise(sc[0], "ln(|h_L|^2/|x|^2) at init", rs.stream().mapToDouble(RunRow::initLogOutputGain).toArray()));
        }
        double[] d = new double[s.seeds()];
        double[] a = new double[s.seeds()];
        double[] b = new double[s.seeds()];
        for (int k = 0; k < s.seeds(); k++) {
            b[k] = runs.get(s.seeds() + k).bestLoss() - runs.get(k).bestLoss();
            d[k] = runs.get(s.seeds() + k).finalLoss() - runs.get(k).finalLoss();
            a[k] = runs.get(s.seeds() + k).finalAccuracy() - runs.get(k).finalAccuracy();
        }
        MeanInterval dl = MeanInterval.of(d);
        MeanInterval da = MeanInterval.of(a);
        MeanInterval db = MeanInterval.of(b);
        List<CompareRow> compare = List.of(
                new CompareRow("final held-out loss, xavier - he", dl.n(), dl.mean(), dl.lo(), dl.hi(),
                        dl.above(0) ? "xavier higher (stalls)" : dl.below(0) ? "xavier lower" : "no difference resolved"),
                new CompareRow("best held-out loss on the curve, xavier - he", db.n(), db.mean(), db.lo(), db.hi(),
                        db.above(0) ? "xavier higher (stalls)" : db.below(0) ? "xavier lower" : "no difference resolved"),
                new CompareRow("final held-out accuracy, xavier - he", da.n(), da.mean(), da.lo(), da.hi(),
                        da.below(0) ? "xavier lower (stalls)" : da.above(0) ? "xavier higher" : "no difference resolved"));
        return new Result(s, runs, curves, summary, compare);
    }

    private static SummaryRow summarise(String scheme, String q, double[] v) {
        MeanInterval m = MeanInterval.of(v);
        double min = Arrays.stream(v).filter(x -> !Double.isNaN(x)).min().orElse(Double.NaN);
        double max = Arrays.stream(v).filter(x -> !Double.isNaN(x)).max().orElse(Double.NaN);
        return new SummaryRow(scheme, q, m.n(), m.mean(), m.lo(), m.hi(), m.sd(), min, max);
    }

    private static One train(Settings s, String[] scheme, int k, long seed, Mnist.Split data) {
        int[] widths = new int[s.layers() + 1];
        Arrays.fill(widths, s.width());
        widths[0] = data.train().dim();
        widths[s.layers()] = Mnist.Dataset.CLASSES;
        Mlp net = Mlp.classifier(Activation.RELU, widths);
        Scheme.parse(scheme[1]).initialize(net, seed, null, 0);
        Mnist.Dataset eval = data.test().head(Math.min(EVAL_ROWS, data.test().n()));
        // initial output gain on the evaluation digits: last hidden layer's mean square over the input's
        Mlp.Workspace ws = net.workspace(eval.n());
        net.forward(eval.x(), eval.n(), ws);
        double gain = Math.log(MatOps.meanSquare(ws.postActivation(s.layers() - 2), eval.n() * s.width())
                / MatOps.meanSquare(eval.x(), eval.n() * eval.dim()));
        Mnist.Split split = new Mnist.Split(StepBudget.rows(data.train(), s.steps(), 64), eval, data.source());
        Trainer.Config cfg = s.training();
        Trainer.Result r = Trainer.train(net, split, cfg, seed, null);
        List<CurveRow> curve = new ArrayList<>();
        for (Trainer.Point p : r.curve()) {
            curve.add(new CurveRow(scheme[0], k, p.step(), p.testLoss(), p.testAccuracy()));
        }
        Trainer.Point first = r.curve().get(0);
        double best = r.curve().stream().mapToDouble(Trainer.Point::testLoss).filter(Double::isFinite).min()
                .orElse(Double.NaN);
        return new One(new RunRow(scheme[0], k, seed, gain, first.testLoss(), r.finalTestLoss(), r.finalTestAccuracy(),
                best, r.diverged()), curve);
    }
}
