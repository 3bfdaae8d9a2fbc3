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
 * Monitoring activation statistics during the first SGD steps (the practice the seed articles on
 * initialization recommend: watch per-layer activation mean / std, dead ReLUs and gradient norms
 * while training starts). A ReLU MLP classifier on MNIST is trained with the MNIST study's optimizer
 * (SGD, lr 0.02, momentum 0.9, batch 64) from each scheme; at steps 0 (initialization), 1..5 and then
 * every {@code every} steps up to {@code steps}, a fixed monitor batch of held-out digits is passed
 * forward and backward (no update) and per hidden layer l we record: the mean and std of the
 * activations h_l, the dead-unit fraction (units whose ReLU output is 0 on every monitor row), and
 * the Frobenius norm of d loss / d W_l (the weights feeding layer l), plus the monitor-batch loss.
 * Seeds are shared by all schemes (same shuffles, paired); values are summarised over seeds by mean
 * and 95% t interval, and the monitor loss at the last step is compared with He's by paired per-seed
 * differences.
 */
public final class EarlyTrainingMonitor {
    /** Schemes: label, catalog spec. "standard" is U(+-1/sqrt(fan_in)) with zero biases. */
    static final List<String[]> SCHEMES = List.of(
            new String[] {"he", "kaiming_normal"},
            new String[] {"glorot", "xavier_normal"},
            new String[] {"lecun", "lecun_normal"},
            new String[] {"orthogonal", "orthogonal"},
            new String[] {"standard", String.format(Locale.ROOT, "kaiming_uniform:a=%.17g", Math.sqrt(5))});

    private EarlyTrainingMonitor() {
    }

    /** Hidden layers, width, SGD steps, measurement spacing after step 5, monitor rows, seeds. */
    public record Settings(int hiddenLayers, int width, int steps, int every, int monitorRows, int seeds) {
        public Settings {
            if (hiddenLayers < 1 || width < 2 || steps < 1 || every < 1 || monitorRows < 2 || seeds < 2) {
                throw new IllegalArgumentException("invalid monitor settings");
            }
        }

        /** Quick: 6 hidden layers of 128, 100 steps, 128 monitor digits, 5 seeds. */
        public static Settings quick(int seeds) {
            return new Settings(6, 128, 100, 5, 128, seeds);
        }

        /** Full: 6 hidden layers of 256, 200 steps, 256 monitor digits, 10 seeds. */
        public static Settings full(int seeds) {
            return new Settings(6, 256, 200, 5, 256, seeds);
        }

        static Settings of(Options o) {
            return o.settings(5, 10, Settings::quick, Settings::full);
        }

        /** The measured steps: 0..5, then multiples of every up to steps. */
        int[] measuredSteps() {
            List<Integer> s = new ArrayList<>();
            for (int i = 0; i <= Math.min(5, steps); i++) {
                s.add(i);
            }
            for (int i = every; i <= steps; i += every) {
                if (i > 5) {
                    s.add(i);
                }
            }
            return s.stream().mapToInt(Integer::intValue).toArray();
        }

        /** The protocol in words. */
        public String protocol() {
            return String.format(Locale.ROOT, "Early-training monitor: ReLU MLP 784-%dx%d-10 on MNIST, zero biases, "
                    + "schemes %s (standard = U(+-1/sqrt(fan_in))); %s, first %d steps; at steps 0-5 and every %d steps a "
                    + "fixed batch of %d held-out digits is passed forward/backward without update: per hidden layer the "
                    + "activation mean and std, the dead-unit fraction (ReLU output 0 on every monitor row) and "
                    + "||d loss/d W_l||_F, plus the monitor loss; %d seeds shared by all schemes; 95%% t intervals; "
                    + "last-step monitor loss compared with He by paired per-seed differences (alpha 0.05 per comparison, "
                    + "no multiplicity correction).", width, hiddenLayers,
                    String.join(", ", SCHEMES.stream().map(x -> x[0]).toList()), training().protocol(), steps, every,
                    monitorRows, seeds);
        }

        Trainer.Config training() {
            return MnistExperiment.defaultTraining(1);
        }
    }

    /** One (scheme, step, hidden layer), over seeds. */
    public record StepRow(String scheme, int step, int layer, int seeds, double actMean, double actMeanLo,
                          double actMeanHi, double actStd, double actStdLo, double actStdHi, double deadFraction,
                          double deadFractionLo, double deadFractionHi, double gradNorm, double gradNormLo,
                          double gradNormHi) {
    }

    /** Monitor-batch loss of one (scheme, step), over seeds. */
    public record LossRow(String scheme, int step, int seeds, double lossMean, double lossLo, double lossHi) {
    }

    /** Paired per-seed difference of the last-step monitor loss, scheme minus He. */
    public record CompareRow(String scheme, String baseline, int step, int seeds, double diffMean, double diffLo,
                             double diffHi, String verdict) {
    }

    /** The tables. */
    public record Result(Settings settings, List<StepRow> steps, List<LossRow> losses, List<CompareRow> compare) {
        /** Writes monitor_steps.csv, monitor_loss.csv, monitor_compare.csv. */
        public List<Path> write(Path dir) {
            return List.of(StudyTable.write(dir, "monitor_steps.csv", StepRow.class, steps),
                    StudyTable.write(dir, "monitor_loss.csv", LossRow.class, losses),
                    StudyTable.write(dir, "monitor_compare.csv", CompareRow.class, compare));
        }

        /** The row of (scheme, step, layer). */
        public StepRow row(String scheme, int step, int layer) {
            return steps.stream().filter(r -> r.scheme().equals(scheme) && r.step() == step && r.layer() == layer)
                    .findFirst().orElseThrow();
        }
    }

    /** Per run: [measurement][layer][actMean, actStd, dead, gradNorm], and the loss per measurement. */
    record Run(double[][][] stats, double[] loss) {
    }

    /** Runs the study. */
    public static Result run(Settings s, Options o, Mnist.Split data) {
        int nS = SCHEMES.size();
        int tasks = nS * s.seeds();
        o.progress().begin("monitor: activation statistics over the first " + s.steps() + " SGD steps", tasks);
        List<Run> runs = Parallel.map(tasks, o.threads(), i -> {
            int si = i / s.seeds();
            int k = i % s.seeds();
            Run r = train(s, SCHEMES.get(si)[1], RunStreams.runSeed(o.masterSeed(), k), data);
            o.progress().step(SCHEMES.get(si)[0] + " seed " + k);
            return r;
        });
        int[] ms = s.measuredSteps();
        List<StepRow> steps = new ArrayList<>();
        List<LossRow> losses = new ArrayList<>();
        for (int si = 0; si < nS; si++) {
            String name = SCHEMES.get(si)[0];
            List<Run> rs = runs.subList(si * s.seeds(), (si + 1) * s.seeds());
            for (int m = 0; m < ms.length; m++) {
                int mm = m;
                MeanInterval loss = MeanInterval.of(rs.stream().mapToDouble(r -> r.loss()[mm]).toArray());
                losses.add(new LossRow(name, ms[m], s.seeds(), loss.mean(), loss.lo(), loss.hi()));
                for (int l = 0; l < s.hiddenLayers(); l++) {
                    MeanInterval[] v = new MeanInterval[4];
                    for (int q = 0; q < 4; q++) {
                        int ll = l;
                        int qq = q;
                        v[q] = MeanInterval.of(rs.stream().mapToDouble(r -> r.stats()[mm][ll][qq]).toArray());
                    }
                    steps.add(new StepRow(name, ms[m], l + 1, s.seeds(), v[0].mean(), v[0].lo(), v[0].hi(), v[1].mean(),
                            v[1].lo(), v[1].hi(), v[2].mean(), v[2].lo(), v[2].hi(), v[3].mean(), v[3].lo(), v[3].hi()));
                }
            }
        }
        List<CompareRow> compare = new ArrayList<>();
        int last = ms.length - 1;
        for (int si = 1; si < nS; si++) {
            double[] d = new double[s.seeds()];
            for (int k = 0; k < s.seeds(); k++) {
                d[k] = runs.get(si * s.seeds() + k).loss()[last] - runs.get(k).loss()[last];
            }
            MeanInterval mi = MeanInterval.of(d);
            String verdict = mi.below(0) ? "lower loss than he" : mi.above(0) ? "higher loss than he" : "no difference resolved";
            compare.add(new CompareRow(SCHEMES.get(si)[0], "he", ms[last], s.seeds(), mi.mean(), mi.lo(), mi.hi(), verdict));
        }
        return new Result(s, steps, losses, compare);
    }

    /** Trains one scheme from one seed, measuring on the monitor batch. */
    static Run train(Settings s, String spec, long seed, Mnist.Split data) {
        int[] widths = new int[s.hiddenLayers() + 2];
        Arrays.fill(widths, s.width());
        widths[0] = data.train().dim();
        widths[widths.length - 1] = Mnist.Dataset.CLASSES;
        Mlp net = Mlp.classifier(Activation.RELU, widths);
        Scheme.parse(spec).initialize(net, seed, null, 0);
        Trainer.Config cfg = s.training();
        Mnist.Split split = new Mnist.Split(StepBudget.rows(data.train(), s.steps(), cfg.batchSize()),
                data.test().head(Math.min(500, data.test().n())), data.source());
        Mnist.Dataset mon = data.test().head(Math.min(s.monitorRows(), data.test().n()));
        int[] ms = s.measuredSteps();
        double[][][] stats = new double[ms.length][][];
        double[] loss = new double[ms.length];
        Arrays.fill(loss, Double.NaN);
        Probe probe = new Probe(net, mon);
        int[] next = {0};
        probe.measure(net, stats, loss, next[0]++);
        Trainer.train(net, split, cfg, seed, (step, epoch, n) -> {
            if (next[0] < ms.length && step == ms[next[0]]) {
                probe.measure(n, stats, loss, next[0]++);
            }
        });
        for (int m = next[0]; m < ms.length; m++) {
            double[][] nan = new double[s.hiddenLayers()][4];
            for (double[] row : nan) {
                Arrays.fill(row, Double.NaN);
            }
            stats[m] = nan;
        }
        return new Run(stats, loss);
    }

    /** Forward/backward on the monitor batch without an update. */
    static final class Probe {
        final Mnist.Dataset mon;
        final Mlp.Workspace ws;
        final int rows;

        Probe(Mlp net, Mnist.Dataset mon) {
            this.mon = mon;
            this.rows = mon.n();
            this.ws = net.workspace(rows);
        }

        void measure(Mlp net, double[][][] stats, double[] loss, int m) {
            int hidden = net.layers() - 1;
            net.forward(mon.x(), rows, ws);
            float[] dlogits = new float[rows * Mnist.Dataset.CLASSES];
            loss[m] = Trainer.softmaxCrossEntropy(ws.output(), mon.y(), rows, dlogits)[0];
            double[][] st = new double[hidden][4];
            for (int l = 0; l < hidden; l++) {
                int n = net.width(l + 1);
                float[] h = ws.postActivation(l);
                double sum = 0;
                for (int i = 0; i < rows * n; i++) {
                    sum += h[i];
                }
                st[l][0] = sum / (rows * n);
                st[l][1] = Math.sqrt(MatOps.variance(h, rows * n));
                int dead = 0;
                for (int j = 0; j < n; j++) {
                    boolean alive = false;
                    for (int r = 0; r < rows && !alive; r++) {
                        alive = h[r * n + j] > 0;
                    }
                    if (!alive) {
                        dead++;
                    }
                }
                st[l][2] = (double) dead / n;
            }
            // d loss / d W_l for hidden layer l = delta_l^T h_(l-1), delta_l = (d loss / d h_l) * relu'(z_l)
            net.backward(ws, dlogits, null, (layer, grad, r) -> {
                int l = layer - 1;
                int nOut = net.width(layer);
                int nIn = net.width(layer - 1);
                float[] z = ws.preActivation(l);
                float[] delta = new float[r * nOut];
                for (int i = 0; i < r * nOut; i++) {
                    delta[i] = z[i] > 0 ? grad[i] : 0f;
                }
                float[] in = l == 0 ? mon.x() : ws.postActivation(l - 1);
                float[] dt = new float[nOut * r];
                MatOps.transpose(delta, r, nOut, dt);
                float[] gw = new float[nOut * nIn];
                MatOps.multiply(dt, in, gw, nOut, r, nIn, null);
                st[l][3] = Math.sqrt(MatOps.meanSquare(gw, gw.length) * gw.length);
            }, 1);
            stats[m] = st;
        }
    }
}
