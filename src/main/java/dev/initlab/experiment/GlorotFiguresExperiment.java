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
 * Glorot and Bengio 2010 ("Understanding the difficulty of training deep feedforward neural
 * networks", AISTATS), Figures 6 and 7: the distribution of the activations (tanh outputs) and of the
 * back-propagated gradients d cost / d z (z the pre-activation) of each hidden layer at
 * initialization, for the paper's network (5 tanh hidden layers of 1000 units, softmax output on
 * MNIST, zero biases), under the "standard" initialization W ~ U(-1/sqrt(n), 1/sqrt(n)) (n = fan-in;
 * catalog {@code kaiming_uniform:a=sqrt(5)}, which is exactly that bound) and the "normalized"
 * initialization W ~ U(+-sqrt(6/(n_in + n_out))) (catalog {@code xavier_uniform}).
 *
 * <p>No training: one forward and one backward pass of the mean cross-entropy on a batch of MNIST
 * training digits per seed. Seed k's batch is a random draw (Philox stream
 * {@link RunStreams#INPUT_STREAM} of run seed k) shared by both schemes, and so are the weight
 * streams, so scheme differences are paired per seed. Per (scheme, layer, seed): std of the
 * activations and of the gradients over all batch rows and units, quantiles, a 40-bin histogram of
 * the activations on [-1, 1] and a {@value #GRADIENT_BINS}-bin histogram of the gradients on fixed
 * bins [-R, R] (see {@link #gradientRange}); summarised over seeds by mean and 95% t interval. Checks, each a
 * paired per-seed comparison at 95%: the ratio std(grad layer 1) / std(grad layer 5) and
 * std(act layer 5) / std(act layer 1) are smaller under standard initialization (gradients shrink
 * towards the input and activations shrink towards the output, the paper's direction).
 */
public final class GlorotFiguresExperiment {
    /** The two schemes of the figures: label in the CSV and catalog spec. */
    static final List<String[]> SCHEMES = List.of(
            new String[] {"standard", String.format(Locale.ROOT, "kaiming_uniform:a=%.17g", Math.sqrt(5))},
            new String[] {"normalized", "xavier_uniform"});
    /** Quantiles reported per layer. */
    static final double[] QUANTILES = {0.01, 0.05, 0.25, 0.5, 0.75, 0.95, 0.99};
    /** Histogram bins of the activations on [-1, 1]. */
    static final int BINS = 40;
    /** Histogram bins of the back-propagated gradients on [-R, R] ({@link #gradientRange}). */
    static final int GRADIENT_BINS = 100;
    /** The quantile of |d cost/d z| that sets the gradient bins' range R ({@link #gradientRange}). */
    static final double RANGE_QUANTILE = 0.999;

    private GlorotFiguresExperiment() {
    }

    /** Hidden width, hidden layers, batch rows and seeds. */
    public record Settings(int width, int hiddenLayers, int rows, int seeds) {
        public Settings {
            if (width < 2 || hiddenLayers < 2 || rows < 2 || seeds < 2) {
                throw new IllegalArgumentException("need width, layers, rows, seeds >= 2");
            }
        }

        /** Quick: the paper's 5 x 1000 tanh network, 256 digits, 10 seeds. */
        public static Settings quick(int seeds) {
            return new Settings(1000, 5, 256, seeds);
        }

        /** Full: 1000 digits, 30 seeds. */
        public static Settings full(int seeds) {
            return new Settings(1000, 5, 1000, seeds);
        }

        static Settings of(Options o) {
            return o.settings(10, 30, Settings::quick, Settings::full);
        }

        /** The protocol in words. */
        public String protocol() {
            return String.format(Locale.ROOT, "Glorot & Bengio 2010, Figs. 6-7: MLP 784-%s-10, tanh hidden layers, "
                    + "softmax output, zero biases; standard init U(-1/sqrt(fan_in), 1/sqrt(fan_in)) vs normalized init "
                    + "U(+-sqrt(6/(fan_in+fan_out))); no training: one forward/backward pass of the mean cross-entropy on "
                    + "%d MNIST training digits per seed (batch drawn per seed, shared by both schemes); %d seeds; "
                    + "per-layer std, quantiles and a %d-bin histogram of activations on [-1,1]; std, quantiles and a "
                    + "%d-bin histogram of the back-propagated gradient d cost/d z on fixed bins [-R, R], R the largest "
                    + "99.9%% quantile of |d cost/d z| over both inits and all layers in seed 0, rounded up to 1, 2 or "
                    + "5 x 10^k (the mass beyond R is reported per layer); 95%% t intervals over seeds; paired per-seed "
                    + "checks at alpha 0.05 (two-sided 95%% interval of the difference excludes 0).",
                    String.join("-", java.util.Collections.nCopies(hiddenLayers, Integer.toString(width))), rows, seeds,
                    BINS, GRADIENT_BINS);
        }
    }

    /**
     * One (scheme, quantity, layer): std over seeds, and the quantiles (mean over seeds);
     * {@code outsideBinsFraction} is the mean fraction of values outside the histogram's range (0 for
     * the activations, whose bins cover tanh's range).
     */
    public record LayerRow(String scheme, String quantity, int layer, int seeds, double stdMean, double stdLo,
                           double stdHi, double q01, double q05, double q25, double q50, double q75, double q95,
                           double q99, double saturatedFraction, double outsideBinsFraction) {
    }

    /**
     * One histogram bin of the activations or the gradients ({@code quantity}) of one (scheme, layer):
     * fraction of all values of the layer in the bin, mean and interval over seeds.
     */
    public record BinRow(String scheme, String quantity, int layer, double binLo, double binHi, int seeds,
                         double fractionMean, double fractionLo, double fractionHi) {
    }

    /** A per-seed ratio per scheme, or the paired difference of log ratios between schemes. */
    public record CheckRow(String quantity, String scheme, int seeds, double mean, double lo, double hi,
                           String expectation, boolean holds) {
    }

    /** Per-seed measurements of one run; {@code gradOutside} is the fraction of each layer's gradients beyond the bins. */
    record Run(double[] actStd, double[] gradStd, double[][] actQ, double[][] gradQ, double[][] actHist,
               double[][] gradHist, double[] gradOutside, double[] saturated) {
    }

    /** The tables. */
    public record Result(Settings settings, List<LayerRow> layers, List<BinRow> bins, List<CheckRow> checks) {
        /** Writes glorot2010_layers.csv, glorot2010_hist.csv, glorot2010_checks.csv. */
        public List<Path> write(Path dir) {
            return List.of(StudyTable.write(dir, "glorot2010_layers.csv", LayerRow.class, layers),
                    StudyTable.write(dir, "glorot2010_hist.csv", BinRow.class, bins),
                    StudyTable.write(dir, "glorot2010_checks.csv", CheckRow.class, checks));
        }

        /** The check of {@code quantity} for {@code scheme}. */
        public CheckRow check(String quantity, String scheme) {
            return checks.stream().filter(c -> c.quantity().equals(quantity) && c.scheme().equals(scheme)).findFirst()
                    .orElseThrow();
        }

        /** The row of (scheme, quantity, layer). */
        public LayerRow layer(String scheme, String quantity, int layer) {
            return layers.stream().filter(r -> r.scheme().equals(scheme) && r.quantity().equals(quantity)
                    && r.layer() == layer).findFirst().orElseThrow();
        }
    }

    /**
     * The range R of the gradient histogram's fixed bins [-R, R]: the largest {@link #RANGE_QUANTILE}
     * quantile of |d cost/d z| over every scheme and hidden layer in seed 0 (a pilot pass, so the bins are
     * fixed before any run is binned and the same for every seed, scheme and layer), rounded up to
     * 1, 2 or 5 x 10^k.
     */
    static double gradientRange(Settings s, Options o, Mnist.Dataset train) {
        double r = 0;
        for (String[] scheme : SCHEMES) {
            for (double q : probe(s, scheme[1], RunStreams.runSeed(o.masterSeed(), 0), train, Double.NaN).gradOutside()) {
                r = Math.max(r, q);
            }
        }
        return niceCeil(r);
    }

    /** The smallest 1, 2 or 5 x 10^k at or above {@code x > 0}. */
    static double niceCeil(double x) {
        if (!(x > 0) || !Double.isFinite(x)) {
            throw new IllegalArgumentException("range must be positive and finite, got " + x);
        }
        double p = Math.pow(10, Math.floor(Math.log10(x)));
        for (double m : new double[] {1, 2, 5, 10}) {
            if (m * p >= x * (1 - 1e-12)) {
                return m * p;
            }
        }
        return 10 * p;
    }

    /** Runs the study on {@code data}'s training digits. */
    public static Result run(Settings s, Options o, Mnist.Split data) {
        int nS = SCHEMES.size();
        double range = gradientRange(s, o, data.train());
        o.progress().log("glorot2010: gradient histogram bins on [-%s, %s] (%d bins)", range, range, GRADIENT_BINS);
        int tasks = nS * s.seeds();
        o.progress().begin("glorot2010: tanh 5-layer activations and gradients at initialization", tasks);
        List<Run> runs = Parallel.map(tasks, Math.min(o.threads(), 2), i -> {
            int si = i / s.seeds();
            int k = i % s.seeds();
            Run r = probe(s, SCHEMES.get(si)[1], RunStreams.runSeed(o.masterSeed(), k), data.train(), range);
            o.progress().step(SCHEMES.get(si)[0] + " seed " + k);
            return r;
        });
        int hl = s.hiddenLayers();
        List<LayerRow> layers = new ArrayList<>();
        List<BinRow> bins = new ArrayList<>();
        for (int si = 0; si < nS; si++) {
            String name = SCHEMES.get(si)[0];
            List<Run> rs = runs.subList(si * s.seeds(), (si + 1) * s.seeds());
            for (String quantity : List.of("activation", "gradient")) {
                boolean act = quantity.equals("activation");
                for (int l = 0; l < hl; l++) {
                    int ll = l;
                    MeanInterval sd = MeanInterval.of(rs.stream().mapToDouble(r -> (act ? r.actStd() : r.gradStd())[ll]).toArray());
                    double[] q = new double[QUANTILES.length];
                    for (int j = 0; j < q.length; j++) {
                        int jj = j;
                        q[j] = rs.stream().mapToDouble(r -> (act ? r.actQ() : r.gradQ())[ll][jj]).average().orElse(Double.NaN);
                    }
                    double sat = act ? rs.stream().mapToDouble(r -> r.saturated()[ll]).average().orElse(Double.NaN) : Double.NaN;
                    double outside = act ? 0 : rs.stream().mapToDouble(r -> r.gradOutside()[ll]).average().orElse(Double.NaN);
                    layers.add(new LayerRow(name, quantity, l + 1, s.seeds(), sd.mean(), sd.lo(), sd.hi(), q[0], q[1], q[2],
                            q[3], q[4], q[5], q[6], sat, outside));
                }
            }
            for (String quantity : List.of("activation", "gradient")) {
                boolean act = quantity.equals("activation");
                int nb = act ? BINS : GRADIENT_BINS;
                double half = act ? 1 : range;
                for (int l = 0; l < hl; l++) {
                    for (int b = 0; b < nb; b++) {
                        int ll = l;
                        int bb = b;
                        MeanInterval f = MeanInterval.of(rs.stream().mapToDouble(r -> (act ? r.actHist() : r.gradHist())[ll][bb])
                                .toArray());
                        bins.add(new BinRow(name, quantity, l + 1, half * (-1 + 2.0 * b / nb), half * (-1 + 2.0 * (b + 1) / nb),
                                s.seeds(), f.mean(), f.lo(), f.hi()));
                    }
                }
            }
        }
        List<CheckRow> checks = new ArrayList<>();
        double[][] gradRatio = new double[nS][s.seeds()];
        double[][] actRatio = new double[nS][s.seeds()];
        for (int si = 0; si < nS; si++) {
            for (int k = 0; k < s.seeds(); k++) {
                Run r = runs.get(si * s.seeds() + k);
                gradRatio[si][k] = r.gradStd()[0] / r.gradStd()[hl - 1];
                actRatio[si][k] = r.actStd()[hl - 1] / r.actStd()[0];
            }
            String name = SCHEMES.get(si)[0];
            MeanInterval g = MeanInterval.of(gradRatio[si]);
            checks.add(new CheckRow("gradient std ratio layer 1 / layer " + hl, name, s.seeds(), g.mean(), g.lo(), g.hi(),
                    "reported", true));
            MeanInterval a = MeanInterval.of(actRatio[si]);
            checks.add(new CheckRow("activation std ratio layer " + hl + " / layer 1", name, s.seeds(), a.mean(), a.lo(),
                    a.hi(), "reported", true));
        }
        // paired: ln ratio(standard) - ln ratio(normalized), per seed
        double[] dg = new double[s.seeds()];
        double[] da = new double[s.seeds()];
        for (int k = 0; k < s.seeds(); k++) {
            dg[k] = Math.log(gradRatio[0][k]) - Math.log(gradRatio[1][k]);
            da[k] = Math.log(actRatio[0][k]) - Math.log(actRatio[1][k]);
        }
        MeanInterval pg = MeanInterval.of(dg);
        checks.add(new CheckRow("paired ln gradient ratio, standard - normalized", "standard-normalized", s.seeds(),
                pg.mean(), pg.lo(), pg.hi(), "< 0 (gradients shrink towards the input under standard init)", pg.below(0)));
        MeanInterval pa = MeanInterval.of(da);
        checks.add(new CheckRow("paired ln activation ratio, standard - normalized", "standard-normalized", s.seeds(),
                pa.mean(), pa.lo(), pa.hi(), "< 0 (activations shrink with depth under standard init)", pa.below(0)));
        return new Result(s, layers, bins, checks);
    }

    /**
     * One forward/backward pass of one scheme and seed; the gradients are binned on [-range, range]
     * (values beyond go to {@code gradOutside}), or, with {@code range} NaN (the pilot pass of
     * {@link #gradientRange}), {@code gradOutside} holds each layer's {@link #RANGE_QUANTILE} quantile
     * of |d cost/d z| and no histogram is made.
     */
    static Run probe(Settings s, String spec, long seed, Mnist.Dataset train, double range) {
        int hl = s.hiddenLayers();
        int[] widths = new int[hl + 2];
        Arrays.fill(widths, s.width());
        widths[0] = train.dim();
        widths[hl + 1] = Mnist.Dataset.CLASSES;
        Mlp net = Mlp.classifier(Activation.TANH, widths);
        Scheme.parse(spec).initialize(net, seed, null, 0);
        int rows = Math.min(s.rows(), train.n());
        int[] perm = RunStreams.permutation(seed, RunStreams.INPUT_STREAM, train.n());
        float[] x = new float[rows * train.dim()];
        int[] y = new int[rows];
        for (int r = 0; r < rows; r++) {
            System.arraycopy(train.x(), perm[r] * train.dim(), x, r * train.dim(), train.dim());
            y[r] = train.y()[perm[r]];
        }
        Mlp.Workspace ws = net.workspace(rows);
        net.forward(x, rows, ws);
        float[] dlogits = new float[rows * Mnist.Dataset.CLASSES];
        Trainer.softmaxCrossEntropy(ws.output(), y, rows, dlogits);
        double[] actStd = new double[hl];
        double[] gradStd = new double[hl];
        double[][] actQ = new double[hl][];
        double[][] gradQ = new double[hl][];
        double[][] hist = new double[hl][BINS];
        double[][] gradHist = new double[hl][GRADIENT_BINS];
        double[] gradOutside = new double[hl];
        double[] sat = new double[hl];
        int n = rows * s.width();
        for (int l = 0; l < hl; l++) {
            float[] h = ws.postActivation(l);
            actStd[l] = Math.sqrt(MatOps.variance(h, n));
            actQ[l] = quantiles(h, n);
            int satCount = 0;
            for (int i = 0; i < n; i++) {
                int b = (int) Math.floor((h[i] + 1) / 2 * BINS);
                hist[l][Math.max(0, Math.min(BINS - 1, b))] += 1.0 / n;
                if (Math.abs(h[i]) > 0.9) {
                    satCount++;
                }
            }
            sat[l] = (double) satCount / n;
        }
        net.backward(ws, dlogits, null, (layer, grad, r) -> {
            // grad = d cost / d h_layer (layer 1..hl are hidden outputs); d cost / d z = grad * (1 - h^2)
            if (layer >= 1 && layer <= hl) {
                float[] h = ws.postActivation(layer - 1);
                float[] dz = new float[n];
                for (int i = 0; i < n; i++) {
                    double t = h[i];
                    dz[i] = (float) (grad[i] * (1 - t * t));
                }
                gradStd[layer - 1] = Math.sqrt(MatOps.variance(dz, n));
                gradQ[layer - 1] = quantiles(dz, n);
                if (Double.isNaN(range)) {
                    gradOutside[layer - 1] = absQuantile(dz, n, RANGE_QUANTILE);
                    return;
                }
                for (int i = 0; i < n; i++) {
                    double b = Math.floor((dz[i] + range) / (2 * range) * GRADIENT_BINS);
                    if (b < 0 || b >= GRADIENT_BINS) {
                        gradOutside[layer - 1] += 1.0 / n;
                    } else {
                        gradHist[layer - 1][(int) b] += 1.0 / n;
                    }
                }
            }
        }, 1);
        return new Run(actStd, gradStd, actQ, gradQ, hist, gradHist, gradOutside, sat);
    }

    /** The {@code p} quantile of |x[0..n)| (type 7, linear interpolation). */
    static double absQuantile(float[] x, int n, double p) {
        double[] a = new double[n];
        for (int i = 0; i < n; i++) {
            a[i] = Math.abs((double) x[i]);
        }
        Arrays.sort(a);
        double pos = p * (n - 1);
        int lo = (int) Math.floor(pos);
        int hi = Math.min(lo + 1, n - 1);
        return a[lo] + (pos - lo) * (a[hi] - a[lo]);
    }

    /** {@link #QUANTILES} of x[0..n) (type 7, linear interpolation). */
    static double[] quantiles(float[] x, int n) {
        float[] c = Arrays.copyOf(x, n);
        Arrays.sort(c);
        double[] q = new double[QUANTILES.length];
        for (int j = 0; j < q.length; j++) {
            double pos = QUANTILES[j] * (n - 1);
            int lo = (int) Math.floor(pos);
            int hi = Math.min(lo + 1, n - 1);
            q[j] = c[lo] + (pos - lo) * (c[hi] - c[lo]);
        }
        return q;
    }
}
