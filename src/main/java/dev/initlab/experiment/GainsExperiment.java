package dev.initlab.experiment;

import dev.initlab.experiment.nn.Mlp;
import dev.initlab.experiment.nn.Activation;
import dev.initlab.experiment.nn.RunStreams;
import dev.initlab.stats.MeanInterval;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * Experiment 5, derived gains: for each activation, the gains that preserve variance computed by
 * composite Gauss-Legendre quadrature split at the kink z = 0, each expectation with an error
 * estimate (the difference between two rule orders; {@link Gains}: forward g_f = E[f(Z)^2]^(-1/2), the gain that makes
 * q = 1 a fixed point of q -&gt; g^2 E[f(sqrt q Z)^2]; backward g_b = E[f'(Z)^2]^(-1/2)), next to
 * PyTorch's {@code calculate_gain} constants (linear and sigmoid 1, tanh 5/3, relu sqrt 2,
 * leaky_relu sqrt(2/(1+0.01^2)), selu 3/4; none for gelu).
 *
 * <p>PyTorch's constants are not all fixed-point gains: 5/3 for tanh is a heuristic, and 3/4 for
 * selu trades the self-normalizing fixed point for gradient flow (PyTorch's documentation says to use
 * {@code nonlinearity='linear'}, gain 1, for self-normalizing networks). So each row reports both
 * gains, the fixed point q*(g) the map reaches from q_1 = g^2 with PyTorch's gain (NaN where every q
 * is a fixed point: relu, leaky_relu and linear at their gains), the predicted
 * Var[z_L]/Var[z_1] from iterating the map from q_1 = 1, and the forward-variance check of
 * experiment 1: deep probes ({@link DepthProbe}) with weights {@code variance_scaling}
 * N(0, g^2/fan_in) for both gains and Gaussian inputs of variance 1/g^2 (so that Var[z_1] = 1 and
 * the first layer adds no transient), measured Var[z_L]/Var[z_1] (arithmetic mean of the per-seed
 * ratios, an unbiased estimate of the expected ratio, with a t interval). "Keeps" means within a
 * factor 2.
 */
public final class GainsExperiment {
    private GainsExperiment() {
    }

    /** Probe width, depth, batch rows and seeds of the simulation check. */
    public record Settings(int width, int depth, int rows, int seeds) {
        public Settings {
            if (width < 1 || depth < 2 || rows < 2 || seeds < 2) {
                throw new IllegalArgumentException("bad gains settings");
            }
        }

        /** Quick: width 256, 30 layers, 32 rows, 5 seeds. */
        public static Settings quick(int seeds) {
            return new Settings(256, 30, 32, seeds);
        }

        /** Full: width 1024, 100 layers, 64 rows, 20 seeds. */
        public static Settings full(int seeds) {
            return new Settings(1024, 100, 64, seeds);
        }

        /** The protocol in words (for the report's methods). */
        public String protocol() {
            return String.format(Locale.ROOT, "Gains from Gaussian expectations by composite Gauss-Legendre quadrature split at "
                    + "z = 0 (%d nodes per piece; the %d-node value gives the error estimate). Simulation: %d-layer square "
                    + "networks of width %d without biases, weights N(0, g^2/fan_in) for PyTorch's gain and for the derived "
                    + "forward gain, %d Gaussian input rows of variance 1/g^2 (so Var[z_1] = 1), %d seeds; reported "
                    + "Var[z_L]/Var[z_1], mean over seeds with its t interval.", Gains.POINTS, Gains.POINTS / 2, depth, width,
                    rows, seeds);
        }

        static Settings of(Options o) {
            return o.settings(5, 20, Settings::quick, Settings::full);
        }
    }

    /** One activation. Simulated ratios are NaN where PyTorch defines no gain (gelu). */
    public record GainRow(String activation, double torchGain, double forwardGain, double backwardGain,
                      double meanSquare, double meanSquareError, double derivativeMeanSquare,
                      double derivativeMeanSquareError, double mean, double meanError,
                      double slopeAtOneForForwardGain, double torchFixedPoint, double torchPredictedRatio,
                      double forwardGainPredictedRatio, int layers,
                      double torchSimRatio, double torchSimLo, double torchSimHi,
                      double forwardGainSimRatio, double forwardGainSimLo, double forwardGainSimHi,
                      boolean torchIsFixedPointGain, boolean torchPreservesInSimulation,
                      boolean forwardGainPreservesInSimulation, String verdict) {
    }

    /** The table. */
    public record Result(Settings settings, List<GainRow> rows) {
        /** Writes gains.csv. */
        public List<Path> write(Path dir) {
            return List.of(StudyTable.write(dir, "gains.csv", GainRow.class, rows));
        }

        /** The row of an activation. */
        public GainRow row(Activation f) {
            return rows.stream().filter(r -> r.activation().equals(f.label())).findFirst().orElseThrow();
        }
    }

    /** Runs the study. */
    public static Result run(Settings s, Options o) {
        Activation[] acts = Activation.values();
        int tasks = acts.length * 2 * s.seeds();
        o.progress().begin("gains: quadrature and a " + s.depth() + "-layer, width-" + s.width() + " check, "
                + s.seeds() + " seeds", tasks);
        List<Gains.Derived> derived = new ArrayList<>();
        for (Activation f : acts) {
            derived.add(Gains.of(f));
        }
        List<Double> ratios = Parallel.map(tasks, o.threads(), i -> {
            int ai = i / (2 * s.seeds());
            boolean torch = i / s.seeds() % 2 == 0;
            int k = i % s.seeds();
            Activation f = acts[ai];
            double g = torch ? f.torchGain() : derived.get(ai).forwardGain();
            double r = Double.isNaN(g) ? Double.NaN : simulate(f, g, s, RunStreams.runSeed(o.masterSeed(), k));
            o.progress().step(f.label() + (torch ? " torch gain" : " derived gain") + " seed " + k);
            return r;
        });
        List<GainRow> rows = new ArrayList<>();
        for (int ai = 0; ai < acts.length; ai++) {
            Activation f = acts[ai];
            Gains.Derived d = derived.get(ai);
            double[] rt = new double[s.seeds()];
            double[] rd = new double[s.seeds()];
            for (int k = 0; k < s.seeds(); k++) {
                rt[k] = ratios.get(ai * 2 * s.seeds() + k);
                rd[k] = ratios.get(ai * 2 * s.seeds() + s.seeds() + k);
            }
            MeanInterval st = MeanInterval.of(rt);
            MeanInterval sd = MeanInterval.of(rd);
            double tg = f.torchGain();
            boolean hasTorch = !Double.isNaN(tg);
            double qStar = hasTorch ? Gains.fixedPoint(f, tg) : Double.NaN;
            double predT = hasTorch ? Gains.predictedRatio(f, tg, s.depth()) : Double.NaN;
            double predD = Gains.predictedRatio(f, d.forwardGain(), s.depth());
            double slope = Gains.mapSlope(f, d.forwardGain(), 1);
            boolean isFixed = hasTorch && Math.abs(tg / d.forwardGain() - 1) <= 0.01;
            boolean tPres = hasTorch && st.n() == s.seeds() && Math.abs(DepthExperiment.log2(st.mean())) <= 1;
            boolean dPres = sd.n() == s.seeds() && Math.abs(DepthExperiment.log2(sd.mean())) <= 1;
            rows.add(new GainRow(f.label(), tg, d.forwardGain(), d.backwardGain(), d.meanSquare(), d.meanSquareError(),
                    d.derivativeMeanSquare(), d.derivativeMeanSquareError(), d.mean(), d.meanError(), slope, qStar, predT, predD, s.depth(),
                    st.mean(), st.lo(), st.hi(), sd.mean(), sd.lo(), sd.hi(), isFixed, tPres, dPres,
                    verdict(f, tg, d, isFixed, tPres, dPres, qStar, slope, st.mean(), sd.mean(), s.depth())));
        }
        return new Result(s, rows);
    }

    private static String verdict(Activation f, double tg, Gains.Derived d, boolean isFixed, boolean tPres, boolean dPres,
                                  double qStar, double slope, double simT, double simD, int depth) {
        StringBuilder b = new StringBuilder();
        if (Double.isNaN(tg)) {
            b.append("PyTorch defines no gain; ");
        } else if (isFixed) {
            b.append(String.format(Locale.ROOT, "PyTorch's %.4g is the fixed-point gain", tg));
        } else {
            b.append(String.format(Locale.ROOT, "PyTorch's %.4g is not the fixed-point gain %.4g (its fixed point is q* = %s)",
                    tg, d.forwardGain(), DepthExperiment.fmt(qStar)));
        }
        if (!Double.isNaN(tg)) {
            b.append(String.format(Locale.ROOT, "; at %d layers it %s variance (x%s)", depth,
                    tPres ? "keeps" : "does not keep", DepthExperiment.fmt(simT)));
            b.append("; ");
        }
        b.append(String.format(Locale.ROOT, "the derived gain %s it (x%s)", dPres ? "keeps" : "does not keep",
                DepthExperiment.fmt(simD)));
        if (slope > 1 + 1e-6) {
            b.append(String.format(Locale.ROOT, "; q = 1 is an unstable fixed point (map slope %.3g > 1)", slope));
        }
        return b.toString();
    }

    /** Var[z_L] / Var[z_1] of one probe with weights N(0, g^2 / fan_in). */
    static double simulate(Activation f, double g, Settings s, long seed) {
        int[] widths = new int[s.depth() + 1];
        java.util.Arrays.fill(widths, s.width());
        Mlp net = Mlp.deep(f, widths);
        Scheme.parse(String.format(Locale.ROOT, "variance_scaling:scale=%.17g:mode=fan_in:distribution=untruncated_normal",
                g * g)).initialize(net, seed, null, 0);
        float[] x = new float[s.rows() * s.width()];
        RunStreams.normals(seed, RunStreams.INPUT_STREAM, x);
        float inv = (float) (1 / g);
        for (int i = 0; i < x.length; i++) {
            x[i] *= inv;
        }
        List<DepthProbe.ProbedLayer> layers = DepthProbe.run(net, x, s.rows(), seed);
        return layers.get(layers.size() - 1).forwardVariance() / layers.get(0).forwardVariance();
    }
}
