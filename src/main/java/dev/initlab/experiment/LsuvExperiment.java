package dev.initlab.experiment;

import dev.initlab.experiment.nn.Mlp;
import dev.initlab.experiment.nn.Activation;
import dev.initlab.experiment.nn.Mnist;
import dev.initlab.experiment.nn.RunStreams;
import dev.initlab.stats.MeanInterval;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * Experiment 6, LSUV (D. Mishkin and J. Matas, "All you need is a good init", ICLR 2016; see
 * {@link Lsuv}): what the procedure does layer by layer (variance before and after, number of
 * rescalings) on the MNIST networks and on the deep probes (ReLU and tanh), and how LSUV compares with orthogonal
 * (its own starting point), He and Glorot on experiment 1 (forward drift over depth) and
 * experiment 4 (MNIST held-out accuracy, with paired intervals over the shared seeds for LSUV minus each
 * other scheme).
 * Reuses the results of experiments 1 and 4 when they ran in the same invocation; otherwise runs
 * them restricted to these four schemes.
 */
public final class LsuvExperiment {
    /** The schemes LSUV is compared with. */
    static final List<String> COMPARED = List.of("lsuv", "orthogonal", DepthExperiment.HE, DepthExperiment.GLOROT);

    private LsuvExperiment() {
    }

    /** Seeds of the per-layer diagnostics; the MNIST and probe shapes come from experiments 1 and 4. */
    public record Settings(int seeds) {
        static Settings of(Options o) {
            return new Settings(o.seedsOr(3, 10));
        }
    }

    /** What LSUV did to one layer of one network. */
    public record LayerRow(String network, String activation, int seed, int layer, double varianceBefore,
                           double varianceAfter, int rescalings, double totalScale, boolean converged) {
    }

    /** One comparison in long format: metric of a scheme in a setting, with interval. */
    public record CompareRow(String experiment, String setting, String activation, String init, String metric,
                             double value, double lo, double hi) {
    }

    /** Everything measured. */
    public record Result(List<LayerRow> layers, List<CompareRow> compare) {
        /** Writes lsuv_layers.csv and lsuv_compare.csv. */
        public List<Path> write(Path dir) {
            return List.of(StudyTable.write(dir, "lsuv_layers.csv", LayerRow.class, layers),
                    StudyTable.write(dir, "lsuv_compare.csv", CompareRow.class, compare));
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
        List<LayerRow> layers = new ArrayList<>();
        MnistExperiment.Settings ms = mnist.settings();
        List<Integer> depths = ms.arms().get(0).depths();
        List<Activation> acts = ms.arms().get(0).activations();
        DepthExperiment.Grid grid = depth.settings().grids().get(0);
        List<Activation> probeActs = grid.activations().stream()
                .filter(f -> f == Activation.RELU || f == Activation.TANH).toList();
        int tasks = s.seeds() * (depths.size() * acts.size() + probeActs.size());
        o.progress().begin("lsuv: per-layer diagnostics", tasks);
        List<List<LayerRow>> parts = Parallel.map(tasks, o.threads(), i -> {
            int k = i % s.seeds();
            int c = i / s.seeds();
            long seed = RunStreams.runSeed(o.masterSeed(), k);
            List<LayerRow> rows = new ArrayList<>();
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
        return new Result(layers, compare(depth, mnist));
    }

    private static LayerRow row(String net, Activation f, int seed, Lsuv.LayerReport r) {
        return new LayerRow(net, f.label(), seed, r.layer(), r.varianceBefore(), r.varianceAfter(), r.rescalings(),
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
                    DepthExperiment.LayerRow last = depth.layer(g.width(), init, f, g.depth());
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
