package dev.initlab.report;

import dev.initlab.experiment.Activation;
import dev.initlab.experiment.DepthExperiment;
import dev.initlab.experiment.GainsExperiment;
import dev.initlab.experiment.Linear9Experiment;
import dev.initlab.experiment.Mnist;
import dev.initlab.experiment.MnistExperiment;
import dev.initlab.experiment.Options;
import dev.initlab.experiment.Scheme;
import dev.initlab.experiment.SymmetryExperiment;
import dev.initlab.experiment.Trainer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.OptionalDouble;
import java.util.stream.Collectors;

/**
 * Every experiment's protocol, written from the settings records the experiments run with
 * ({@code DepthExperiment.Settings.quick}, {@code MnistExperiment.Settings.quick}, ...,
 * {@code Trainer.Config}, the {@code Mnist} split constants), at the number of seeds and the mode
 * (quick or full) read back from the committed CSVs. Statements that no public constant carries
 * (stream ids, the run-seed derivation, the LSUV defaults) are written from the experiment package's
 * documentation and say so ("from the experiment package's documentation"). This is the one place
 * the report states protocols; when the experiments gain a {@code protocol()} method of their own,
 * this class should print that instead.
 */
final class ExperimentProtocols {
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
        d.p("Shared by every study (from the experiment package's documentation): master seed "
                + Options.DEFAULT_SEED + "; run seed k = SplitMix64(master seed, k), shared by every scheme of a "
                + "study, so schemes are compared on the same seeds (a paired design); layer l's weight comes from "
                + "Philox stream 2l of the run seed and its bias from stream 2l + 1; weights are stored out x in and "
                + "their fans read in PyTorch's layout; all arithmetic is deterministic float32 without fused "
                + "multiply-add, so results do not depend on the thread count or the machine. Biases are zero, "
                + "except under torch_default, whose biases follow PyTorch's Linear default U(+-1/sqrt(fan_in)). "
                + "Intervals are 95% Student-t intervals over seeds unless a table says otherwise.");
        List<String> items = new ArrayList<>();
        depth(dir).ifPresent(items::add);
        linear9(dir).ifPresent(items::add);
        gains(dir).ifPresent(items::add);
        Trainer.Config mnistTrain = null;
        java.util.Optional<MnistExperiment.Settings> mnist = mnistSettings(dir);
        if (mnist.isPresent()) {
            mnistTrain = mnist.get().train();
            items.add(mnist(mnist.get()));
        }
        symmetry(dir).ifPresent(items::add);
        lsuv(dir).ifPresent(items::add);
        d.bullets(items);
        if (mnistTrain != null) {
            d.p("MNIST data (from the Mnist loader's constants): the " + "10,000 t10k digits permuted by a "
                    + "Fisher-Yates shuffle on Philox seed " + Mnist.SPLIT_SEED + ", stream 0; the first "
                    + Math.round(Mnist.TRAIN_FRACTION * 100) + "% (8,000) train, the rest (2,000) held out and used "
                    + "for every accuracy in the report (no model selection on it); a folder that also holds the "
                    + "60,000 training digits gives the standard 60k/10k split instead. Pixels scaled to [0, 1] and "
                    + "standardised with the customary constants mean " + Mnist.PIXEL_MEAN + ", std " + Mnist.PIXEL_STD
                    + ". Training: mini-batch SGD with momentum on softmax cross-entropy (PyTorch's SGD update, no "
                    + "dampening, no weight decay), the training set reshuffled every epoch from Philox stream "
                    + "2^41 + epoch of the run seed; a step with a non-finite loss ends the run as diverged.");
        }
    }

    /** Seeds in a CSV with a {@code seeds} column (largest value), or in a {@code seed} column (distinct values). */
    private static int seeds(Path csv) {
        if (!Files.isRegularFile(csv)) {
            return 0;
        }
        CsvFile f = CsvFile.read(csv);
        if (f.has("seeds")) {
            return (int) f.rows().stream().map(r -> CsvFile.number(r.get("seeds"))).filter(OptionalDouble::isPresent)
                    .mapToDouble(OptionalDouble::getAsDouble).max().orElse(0);
        }
        if (f.has("seed")) {
            return (int) f.rows().stream().map(r -> r.get("seed")).distinct().count();
        }
        return 0;
    }

    /** The largest value of a numeric column, or NaN. */
    private static double max(Path csv, String column) {
        if (!Files.isRegularFile(csv)) {
            return Double.NaN;
        }
        return CsvFile.read(csv).rows().stream().map(r -> CsvFile.number(r.get(column)))
                .filter(OptionalDouble::isPresent).mapToDouble(OptionalDouble::getAsDouble).max().orElse(Double.NaN);
    }

    private static String schemes(List<Scheme> s) {
        return s.stream().map(Scheme::label).collect(Collectors.joining(", "));
    }

    private static String acts(List<Activation> a) {
        return a.stream().map(x -> x.name().toLowerCase(Locale.ROOT)).collect(Collectors.joining(", "));
    }

    private static String mode(boolean full) {
        return full ? "--full" : "--quick";
    }

    static java.util.Optional<String> depth(Path dir) {
        Path csv = dir.resolve("depth_layers.csv");
        int k = seeds(csv);
        if (k < 2) {
            return java.util.Optional.empty();
        }
        DepthExperiment.Settings quick = DepthExperiment.Settings.quick(k);
        boolean full = max(csv, "depth") > quick.grids().get(0).depth();
        DepthExperiment.Settings s = full ? DepthExperiment.Settings.full(k) : quick;
        String grids = s.grids().stream().map(g -> "width " + g.width() + ", " + g.depth() + " layers, a batch of "
                + g.rows() + " inputs: " + schemes(g.inits()) + " x " + acts(g.activations())).collect(
                Collectors.joining("; "));
        return java.util.Optional.of("Variance through depth (" + mode(full) + ", " + s.seeds() + " seeds; after Glorot "
                + "and Bengio 2010, Fig. 6-7, and He et al. 2015, Sec. 2.2): square MLPs without biases, the activation "
                + "after every layer, inputs IID N(0, 1); " + grids + ". Measured per layer: the variance of the "
                + "pre-activations (forward) and of the gradient with respect to each layer's input for an IID N(0, 1) "
                + "output gradient (backward); one weight draw per (width, scheme, seed) serves every activation. "
                + "No training.");
    }

    static java.util.Optional<String> linear9(Path dir) {
        Path csv = dir.resolve("linear9_layers.csv");
        int k = seeds(csv);
        if (k < 2) {
            return java.util.Optional.empty();
        }
        Linear9Experiment.Settings quick = Linear9Experiment.Settings.quick(k);
        boolean full = max(csv, "width") > quick.widths().get(quick.widths().size() - 1);
        Linear9Experiment.Settings s = full ? Linear9Experiment.Settings.full(k) : quick;
        return java.util.Optional.of("The " + Linear9Experiment.DEPTH + "-layer linear network (" + mode(full) + ", "
                + s.seeds() + " seeds): y = W9 ... W1 x, square layers of width " + s.widths().stream()
                .map(String::valueOf).collect(Collectors.joining(" and ")) + ", weights N(0, (s / sqrt n)^2) for s in "
                + s.scales() + ", a batch of " + s.rows() + " IID N(0, 1) inputs, no biases, a fresh weight draw per "
                + "(s, seed); the exponent is the slope of ln(|y| / |x|) on ln s per seed.");
    }

    static java.util.Optional<String> gains(Path dir) {
        Path csv = dir.resolve("gains.csv");
        if (!Files.isRegularFile(csv)) {
            return java.util.Optional.empty();
        }
        double layers = max(csv, "layers");
        GainsExperiment.Settings quick = GainsExperiment.Settings.quick(5);
        boolean full = layers > quick.depth();
        GainsExperiment.Settings s = full ? GainsExperiment.Settings.full(5) : quick;
        return java.util.Optional.of("Derived gains (" + mode(full) + "): per activation, the forward gain "
                + "E[f(Z)^2]^(-1/2) and backward gain E[f'(Z)^2]^(-1/2), Z ~ N(0, 1), by Gauss-Hermite quadrature, "
                + "next to PyTorch's calculate_gain; checked by deep probes of width " + s.width() + " and " + s.depth()
                + " layers (weights N(0, g^2 / fan_in), inputs of variance 1/g^2, a batch of " + s.rows() + ", "
                + s.seeds() + " seeds by default).");
    }

    static java.util.Optional<MnistExperiment.Settings> mnistSettings(Path dir) {
        Path csv = dir.resolve("mnist_summary.csv");
        int k = seeds(csv);
        if (k < 2) {
            return java.util.Optional.empty();
        }
        MnistExperiment.Settings quick = MnistExperiment.Settings.quick(k);
        boolean full = max(csv, "width") > quick.width();
        return java.util.Optional.of(full ? MnistExperiment.Settings.full(k) : quick);
    }

    static String mnist(MnistExperiment.Settings s) {
        Trainer.Config t = s.train();
        String arms = s.arms().stream().map(a -> "depths " + a.depths() + " x " + schemes(a.inits()) + " x "
                + acts(a.activations()) + (a.clip() > 0 ? " with the gradient clipped to global norm " + Num.g(a.clip())
                : " without clipping")).collect(Collectors.joining("; "));
        return "MNIST accuracy and convergence (" + s.seeds() + " seeds): MLP classifiers 784 -> hidden layers of width "
                + s.width() + " -> 10 (depth = number of weight layers), activation on hidden layers only; " + arms
                + ". SGD: learning rate " + Num.g(t.learningRate()) + ", momentum " + Num.g(t.momentum()) + ", batch "
                + t.batchSize() + ", " + t.epochs() + " epochs, held-out accuracy measured " + t.evalsPerEpoch()
                + " times per epoch and before training; epochs to target = first evaluation at or above "
                + Num.g(t.targetAccuracy()) + " held-out accuracy. LSUV uses a batch of 256 training digits chosen by "
                + "Philox stream 2^40 + 2 of the run seed.";
    }

    static java.util.Optional<String> symmetry(Path dir) {
        Path csv = dir.resolve("symmetry_summary.csv");
        int k = seeds(csv);
        if (k < 2) {
            return java.util.Optional.empty();
        }
        SymmetryExperiment.Settings quick = SymmetryExperiment.Settings.quick(k);
        CsvFile f = CsvFile.read(csv);
        boolean full = f.rows().stream().map(r -> r.get("activation")).distinct().count() > quick.activations().size();
        SymmetryExperiment.Settings s = full ? SymmetryExperiment.Settings.full(k) : quick;
        Trainer.Config t = s.train();
        return java.util.Optional.of("Symmetry (" + mode(full) + ", " + s.seeds() + " seeds): MNIST classifiers of "
                + "depth " + s.depths() + " (depth 1 = softmax regression), hidden width " + s.width() + ", "
                + schemes(s.inits()) + " x " + acts(s.activations()) + "; the same SGD as the MNIST study (learning "
                + "rate " + Num.g(t.learningRate()) + ", momentum " + Num.g(t.momentum()) + ", batch " + t.batchSize()
                + ", " + t.epochs() + " epochs); every " + s.probeEvery() + " steps the largest difference between "
                + "any two hidden units' weight vectors (L-infinity) and the number of distinct units.");
    }

    static java.util.Optional<String> lsuv(Path dir) {
        Path csv = dir.resolve("lsuv_layers.csv");
        int k = seeds(csv);
        if (k < 1) {
            return java.util.Optional.empty();
        }
        return java.util.Optional.of("LSUV (Mishkin and Matas, \"All you need is a good init\", ICLR 2016; defaults "
                + "from the experiment package's documentation): orthogonal weights (gain 1), zero biases, then layer "
                + "by layer the weight is divided by the square root of the variance of the layer's pre-activation "
                + "output on a data batch until it is within 0.1 of 1, at most 10 rescalings; diagnostics over " + k
                + " seeds on the MNIST networks and the deep probes, and compared with orthogonal, He (kaiming_normal) "
                + "and Glorot (xavier_normal) on the depth and MNIST studies' own runs.");
    }
}
