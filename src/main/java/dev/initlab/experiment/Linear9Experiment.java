package dev.initlab.experiment;

import dev.initlab.experiment.nn.Mlp;
import dev.initlab.experiment.nn.MatOps;
import dev.initlab.experiment.nn.Activation;
import dev.initlab.experiment.nn.RunStreams;
import dev.initlab.stats.MeanInterval;
import dev.initlab.stats.LineFit;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * Experiment 2, the 9-layer linear network y = W_9 ... W_1 x (the deep-linear example of the
 * deeplearning.ai course and AI Notes on initialization): square layers of width n, weights
 * N(0, (s / sqrt n)^2), i.e. scale s times the variance-preserving sqrt(1/n), for s below, at and
 * above 1. In expectation E|h_l|^2 = s^(2l) E|x|^2, so the RMS of the activations grows or decays
 * like s^l, and the output like s^9.
 *
 * <p>Every (s, seed) uses its own weight draw (run seed index {@code seed + 1000 * sIndex}), so the
 * fitted exponent is a statistical estimate, not the algebraic identity y(sW) = s^9 y(W). Reported:
 * per layer, the RMS ratio |h_l| / |x| (mean and interval over seeds) next to s^l; the exponent,
 * the slope of ln(|y| / |x|) on ln s (one fit per seed over all s, then mean and interval); and per
 * s, the fitted growth per layer exp(slope of ln ratio on l), expected s.
 */
public final class Linear9Experiment {
    /** The depth of the example. */
    public static final int DEPTH = 9;

    private Linear9Experiment() {
    }

    /** Widths, batch rows, the scales s and the number of seeds. */
    public record Settings(List<Integer> widths, int rows, List<Double> scales, int seeds) {
        public Settings {
            widths = List.copyOf(widths);
            scales = List.copyOf(scales);
            if (seeds < 2 || rows < 2 || scales.size() < 2) {
                throw new IllegalArgumentException("need >= 2 seeds, rows and scales");
            }
        }

        static final List<Double> SCALES = List.of(0.5, 0.75, 0.9, 1.0, 1.1, 1.25, 1.5, 2.0);

        /** Quick: width 256, 128 rows, 8 scales from 0.5 to 2, 5 seeds. */
        public static Settings quick(int seeds) {
            return new Settings(List.of(256), 128, SCALES, seeds);
        }

        /** Full: widths 256 and 1024, 256 rows, 20 seeds. */
        public static Settings full(int seeds) {
            return new Settings(List.of(256, 1024), 256, SCALES, seeds);
        }

        /** The protocol in words (for the report's methods). */
        public String protocol() {
            return String.format(Locale.ROOT, "y = W_9 ... W_1 x, square layers of width %s, weights N(0, s^2/n) for s in %s, "
                    + "%d standard normal input rows, %d seeds, each (s, seed) its own weight draw (run seed index "
                    + "seed + 1000 x index of s); the exponent is the per-seed slope of ln(|y|/|x|) on ln s.", widths, scales,
                    rows, seeds);
        }

        static Settings of(Options o) {
            return o.settings(5, 20, Settings::quick, Settings::full);
        }
    }

    /** Layer l of one (width, s), over seeds, with the prediction s^l. */
    public record Linear9LayerRow(int width, double scale, int layer, int seeds, double rmsRatioMean, double rmsRatioLo,
                           double rmsRatioHi, double predicted) {
    }

    /** A fitted quantity with its interval and the value the theory predicts. */
    public record Fit(int width, String quantity, double scale, double estimate, double lo, double hi,
                      double expected, String tolerance, boolean holds) {
    }

    /** Per-layer rows and fits. */
    public record Result(Settings settings, List<Linear9LayerRow> layers, List<Fit> fits) {
        /** Writes linear9_layers.csv and linear9_fit.csv. */
        public List<Path> write(Path dir) {
            return List.of(StudyTable.write(dir, "linear9_layers.csv", Linear9LayerRow.class, layers),
                    StudyTable.write(dir, "linear9_fit.csv", Fit.class, fits));
        }

        /** The exponent fit for a width, or null. */
        public Fit exponent(int width) {
            return fits.stream().filter(f -> f.width() == width && f.quantity().equals("exponent")).findFirst().orElse(null);
        }
    }

    /** Runs the study. */
    public static Result run(Settings s, Options o) {
        int nScales = s.scales().size();
        int tasks = s.widths().size() * nScales * s.seeds();
        o.progress().begin("linear9: 9-layer linear network, scales " + s.scales() + ", widths " + s.widths(), tasks);
        List<double[]> ratios = Parallel.map(tasks, o.threads(), i -> {
            int wi = i / (nScales * s.seeds());
            int si = i / s.seeds() % nScales;
            int k = i % s.seeds();
            double[] r = probe(s.widths().get(wi), s.rows(), s.scales().get(si), RunStreams.runSeed(o.masterSeed(), k + 1000 * si));
            o.progress().step("width " + s.widths().get(wi) + " s=" + s.scales().get(si) + " seed " + k);
            return r;
        });
        List<Linear9LayerRow> layers = new ArrayList<>();
        List<Fit> fits = new ArrayList<>();
        for (int wi = 0; wi < s.widths().size(); wi++) {
            int width = s.widths().get(wi);
            double[][][] r = new double[nScales][s.seeds()][];
            for (int si = 0; si < nScales; si++) {
                for (int k = 0; k < s.seeds(); k++) {
                    r[si][k] = ratios.get((wi * nScales + si) * s.seeds() + k);
                }
            }
            for (int si = 0; si < nScales; si++) {
                double sc = s.scales().get(si);
                for (int l = 1; l <= DEPTH; l++) {
                    double[] v = new double[s.seeds()];
                    for (int k = 0; k < s.seeds(); k++) {
                        v[k] = r[si][k][l];
                    }
                    MeanInterval sum = MeanInterval.of(v);
                    layers.add(new Linear9LayerRow(width, sc, l, s.seeds(), sum.mean(), sum.lo(), sum.hi(), Math.pow(sc, l)));
                }
            }
            double[] exps = new double[s.seeds()];
            for (int k = 0; k < s.seeds(); k++) {
                double[] xs = new double[nScales];
                double[] ys = new double[nScales];
                for (int si = 0; si < nScales; si++) {
                    xs[si] = Math.log(s.scales().get(si));
                    ys[si] = Math.log(r[si][k][DEPTH]);
                }
                exps[k] = LineFit.of(xs, ys).slope();
            }
            MeanInterval e = MeanInterval.of(exps);
            fits.add(new Fit(width, "exponent", Double.NaN, e.mean(), e.lo(), e.hi(), DEPTH, "+-0.5",
                    Math.abs(e.mean() - DEPTH) <= 0.5));
            for (int si = 0; si < nScales; si++) {
                double sc = s.scales().get(si);
                double[] g = new double[s.seeds()];
                for (int k = 0; k < s.seeds(); k++) {
                    double[] xs = new double[DEPTH + 1];
                    double[] ys = new double[DEPTH + 1];
                    for (int l = 0; l <= DEPTH; l++) {
                        xs[l] = l;
                        ys[l] = Math.log(r[si][k][l]);
                    }
                    g[k] = Math.exp(LineFit.of(xs, ys).slope());
                }
                MeanInterval gs = MeanInterval.of(g);
                fits.add(new Fit(width, "growth per layer", sc, gs.mean(), gs.lo(), gs.hi(), sc, "+-5%",
                        Math.abs(gs.mean() / sc - 1) <= 0.05));
            }
        }
        return new Result(s, layers, fits);
    }

    /** RMS ratios |h_l| / |x| for l = 0..9 (index 0 is 1) of one draw. */
    static double[] probe(int width, int rows, double scale, long seed) {
        int[] widths = new int[DEPTH + 1];
        java.util.Arrays.fill(widths, width);
        Mlp net = Mlp.deep(Activation.LINEAR, widths);
        Scheme.parse(String.format(Locale.ROOT, "normal:std=%.17g", scale / Math.sqrt(width))).initialize(net, seed, null, 0);
        float[] x = new float[rows * width];
        RunStreams.normals(seed, RunStreams.INPUT_STREAM, x);
        Mlp.Workspace ws = net.workspace(rows);
        net.forward(x, rows, ws);
        double x2 = MatOps.meanSquare(x, x.length);
        double[] r = new double[DEPTH + 1];
        r[0] = 1;
        for (int l = 0; l < DEPTH; l++) {
            r[l + 1] = Math.sqrt(MatOps.meanSquare(ws.postActivation(l), rows * width) / x2);
        }
        return r;
    }
}
