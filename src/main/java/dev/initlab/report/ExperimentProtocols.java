package dev.initlab.report;

import dev.initlab.experiment.DepthExperiment;
import dev.initlab.experiment.Experiments;
import dev.initlab.experiment.Options;
import dev.initlab.experiment.nn.Mnist;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.OptionalDouble;

/**
 * Every experiment's protocol, as the experiments state it ({@link Experiments#protocols}: each
 * study's settings record says what it runs), for the mode (quick or full) read back from the
 * committed CSVs, plus what all studies share and the MNIST split (the loader's constants). The
 * report states protocols here only.
 */
final class ExperimentProtocols {
    /** Study name -> the CSV whose presence means the study ran. */
    private static final Map<String, String> OUTPUTS = new java.util.LinkedHashMap<>();

    static {
        OUTPUTS.put("depth", "depth_layers.csv");
        OUTPUTS.put("linear9", "linear9_layers.csv");
        OUTPUTS.put("gains", "gains.csv");
        OUTPUTS.put("symmetry", "symmetry_summary.csv");
        OUTPUTS.put("mnist", "mnist_summary.csv");
        OUTPUTS.put("lsuv", "lsuv_layers.csv");
        OUTPUTS.put("claims", "claims.csv");
        OUTPUTS.put("glorot2010", "glorot2010_layers.csv");
        OUTPUTS.put("monitor", "monitor_steps.csv");
        OUTPUTS.put("he30", "he30_runs.csv");
        OUTPUTS.put("saxe", "saxe_runs.csv");
    }

    private ExperimentProtocols() {
    }

    static void write(ReportContext ctx) {
        Doc d = ctx.doc;
        Path dir = ctx.in.resolve("experiments");
        d.heading(3, "Experiment protocols");
        if (!Files.isDirectory(dir)) {
            d.p("Not run: no experiment outputs, so no protocol applies.");
            return;
        }
        boolean full = full(dir);
        d.p("Mode " + (full ? "--full" : "--quick") + " (read back from the CSVs: the deepest depth probe), seeds as each study states below (read back from its per-seed table), "
                + "master seed " + Options.DEFAULT_SEED + "; run seed k is shared by every scheme of a study, so schemes "
                + "are compared on the same seeds (a paired design); layer l's weight comes from Philox stream 2l of the "
                + "run seed and its bias from stream 2l + 1; weights are stored out x in with PyTorch's fans; all "
                + "arithmetic is deterministic float32 without fused multiply-add, so results do not depend on the "
                + "thread count or the machine. Each study, as its settings state it:");
        Map<String, String> protocols = Experiments.protocols(new Options(full, 0, dir, null, 1, Options.DEFAULT_SEED,
                null));
        List<String> items = new ArrayList<>();
        for (var e : protocols.entrySet()) {
            String out = OUTPUTS.get(e.getKey());
            if (out == null || Files.isRegularFile(dir.resolve(out))) {
                items.add(e.getKey() + ": " + e.getValue());
            }
        }
        d.bullets(items);
        if (Files.isRegularFile(dir.resolve("mnist_summary.csv"))) {
            d.p("MNIST data (the loader's constants): the 10,000 t10k digits permuted by a Fisher-Yates shuffle on "
                    + "Philox seed " + Mnist.SPLIT_SEED + ", stream 0; the first " + Math.round(Mnist.TRAIN_FRACTION * 100)
                    + "% (8,000) train, the rest (2,000) held out and used for every accuracy in the report (no model "
                    + "selection on it); a folder that also holds the 60,000 training digits gives the standard 60k/10k "
                    + "split instead. Pixels scaled to [0, 1] and standardised with mean " + Mnist.PIXEL_MEAN + ", std "
                    + Mnist.PIXEL_STD + ".");
        }
    }

    /** Whether the committed depth study ran deeper than the quick design (so in --full mode). */
    static boolean full(Path dir) {
        Path csv = dir.resolve("depth_layers.csv");
        if (!Files.isRegularFile(csv)) {
            return false;
        }
        double max = CsvFile.read(csv).rows().stream().map(r -> CsvFile.number(r.get("depth")))
                .filter(OptionalDouble::isPresent).mapToDouble(OptionalDouble::getAsDouble).max().orElse(0);
        return max > DepthExperiment.Settings.quick(5).grids().get(0).depth();
    }
}
