package dev.initlab.experiment;

import dev.initlab.init.Catalog;
import dev.initlab.init.Fans;
import dev.initlab.init.Initializer;
import dev.initlab.init.Layout;
import dev.initlab.init.Shape;
import dev.initlab.io.AtomicFiles;
import dev.initlab.io.CsvTables;
import dev.initlab.random.PhiloxStream;
import java.io.OutputStreamWriter;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.function.Function;

/**
 * Experiment 7, the claims ledger: concrete claims from widely read material on initialization,
 * each with the experiment that tests it, the evidence numbers, and a verdict computed from the
 * results by the rule stated in the row (never written by hand): {@code supported},
 * {@code refuted}, or {@code depends} (and on what).
 *
 * <p>Comparisons of accuracies use the Welch 95% interval of the difference of means over seeds:
 * "better" when it lies above 0, "worse" when below, otherwise "no detectable difference".
 * Variance statements use the factor-2 band of experiment 1.
 */
public final class ClaimsLedger {
    private ClaimsLedger() {
    }

    /** The verdicts. */
    public enum Verdict {
        SUPPORTED, REFUTED, DEPENDS;

        /** Lower-case word for tables. */
        public String word() {
            return name().toLowerCase(Locale.ROOT);
        }
    }

    /** One row of the ledger. */
    public record Claim(String id, String claim, String source, String experiment, String evidence, String verdict,
                        String dependsOn, String rule) {
    }

    /** The ledger. */
    public record Result(List<Claim> claims) {
        /** Writes claims.csv and claims.md. */
        public List<Path> write(Path dir) {
            Path csv = dir.resolve("claims.csv");
            Path md = dir.resolve("claims.md");
            CsvTables.write(csv, Claim.class, claims);
            AtomicFiles.write(md, out -> {
                try (Writer w = new OutputStreamWriter(out, StandardCharsets.UTF_8)) {
                    w.write(markdown());
                }
            });
            return List.of(csv, md);
        }

        /** The ledger as a Markdown table (claim, source, experiment, evidence, verdict). */
        public String markdown() {
            StringBuilder b = new StringBuilder();
            b.append("# Claims ledger\n\n");
            b.append("Verdicts are computed from the experiment results by the rule in `claims.csv` (column `rule`).\n\n");
            b.append("| id | claim | source | experiment | evidence | verdict |\n|---|---|---|---|---|---|\n");
            for (Claim c : claims) {
                String v = c.verdict() + (c.dependsOn().isEmpty() ? "" : " (" + c.dependsOn() + ")");
                b.append("| ").append(c.id()).append(" | ").append(cell(c.claim())).append(" | ").append(cell(c.source()))
                        .append(" | ").append(cell(c.experiment())).append(" | ").append(cell(c.evidence())).append(" | **")
                        .append(cell(v)).append("** |\n");
            }
            return b.toString();
        }

        /** The claim with an id. */
        public Claim claim(String id) {
            return claims.stream().filter(c -> c.id().equals(id)).findFirst().orElseThrow();
        }

        private static String cell(String s) {
            return s.replace("|", "\\|").replace("\n", " ");
        }
    }

    /** Comparison of two samples of accuracies. */
    enum Cmp {
        BETTER, TIE, WORSE
    }

    static Cmp cmp(Stats.Summary diff) {
        if (diff.lo() > 0) {
            return Cmp.BETTER;
        }
        if (diff.hi() < 0) {
            return Cmp.WORSE;
        }
        return Cmp.TIE;
    }

    static String pp(Stats.Summary d) {
        return String.format(Locale.ROOT, "%+.2f pp [%+.2f, %+.2f]", 100 * d.mean(), 100 * d.lo(), 100 * d.hi());
    }

    static String pct(double v) {
        return String.format(Locale.ROOT, "%.2f%%", 100 * v);
    }

    static String g(double v) {
        return DepthExperiment.fmt(v);
    }

    /** Evaluates every claim, computing the studies it needs through {@code c}. */
    public static Result evaluate(Experiments.Context c) {
        List<Function<Experiments.Context, Claim>> all = List.of(
                x -> heSuitsRelu(x.depth(), x.mnist()),
                x -> xavierSuitsTanh(x.depth(), x.mnist()),
                x -> zeroInitShallow(x.symmetry()),
                x -> constantInitSymmetry(x.symmetry()),
                x -> xavierBeyondFifty(x.depth()),
                x -> xavierNormalVariance(x.options().masterSeed(), 1.0),
                x -> uniformZeroOneBreaksSymmetry(x.symmetry()),
                x -> heKeepsVariance(x.depth()),
                x -> glorotReluHalves(x.depth()),
                x -> linearNetworkPower(x.linear9()),
                x -> torchGainsPreserve(x.gains()),
                x -> lsuvAsGood(x.mnist()),
                x -> clippingRescues(x.mnist()),
                x -> torchDefaultVanishes(x.depth(), x.mnist()));
        List<Claim> out = new ArrayList<>();
        for (Function<Experiments.Context, Claim> f : all) {
            out.add(f.apply(c));
        }
        out.addAll(conformance(c.options().out().toAbsolutePath().resolveSibling("conformance").resolve("conformance.csv"),
                c.options().progress()));
        c.options().progress().log("claims: %d evaluated", out.size());
        return new Result(out);
    }

    private static final String NG_COURSE = "A. Ng, Coursera Deep Learning Specialization (course 2, week 1, "
            + "'Weight Initialization for Deep Networks'); cruxible.dev 'Weight initialization' ('Use Xavier for tanh and He for ReLU')";

    static Claim heSuitsRelu(DepthExperiment.Result d, MnistExperiment.Result m) {
        String he = DepthExperiment.HE;
        String gl = DepthExperiment.GLOROT;
        StringBuilder ev = new StringBuilder();
        boolean preserves = true;
        for (int w : d.widths()) {
            double drift = DepthExperiment.maxDrift(d, w, he, Activation.RELU, 50, true);
            Stats.Summary half = DepthExperiment.fittedRatio(d, w, gl, Activation.RELU, 1, 30);
            preserves &= drift <= 1;
            ev.append(String.format(Locale.ROOT, "width %d: He drift 2^%.2f over 50 layers, Glorot x%.3f per layer; ", w, drift,
                    half.mean()));
        }
        List<Cmp> cmps = new ArrayList<>();
        for (int depth : depths(m)) {
            Stats.Summary diff = Stats.difference(m.accuracies(depth, he, Activation.RELU, 0), m.accuracies(depth, gl, Activation.RELU, 0));
            cmps.add(cmp(diff));
            ev.append(String.format(Locale.ROOT, "MNIST %d layers, He - Glorot: %s; ", depth, pp(diff)));
        }
        Verdict v;
        String dep = "";
        if (!preserves) {
            v = Verdict.REFUTED;
        } else if (cmps.stream().noneMatch(x -> x == Cmp.WORSE) && cmps.contains(Cmp.BETTER)) {
            v = Verdict.SUPPORTED;
        } else if (cmps.stream().noneMatch(x -> x == Cmp.WORSE)) {
            v = Verdict.DEPENDS;
            dep = "on the criterion: He keeps the ReLU signal through depth and Glorot does not, but no accuracy difference was detected at the depths trained";
        } else {
            v = Verdict.DEPENDS;
            dep = "on depth: He is less accurate than Glorot at " + depthsWhere(m, cmps, Cmp.WORSE);
        }
        return new Claim("C1", "He initialization suits ReLU networks (better than Xavier/Glorot)",
                NG_COURSE + "; He et al. 2015", "depth (relu), mnist (relu, no clipping)", trim(ev), v.word(), dep,
                "refuted if He + ReLU leaves the factor-2 band within 50 layers; supported if He is never less accurate "
                        + "than Glorot and more accurate at some depth; depends otherwise");
    }

    static Claim xavierSuitsTanh(DepthExperiment.Result d, MnistExperiment.Result m) {
        String he = DepthExperiment.HE;
        String gl = DepthExperiment.GLOROT;
        StringBuilder ev = new StringBuilder();
        for (int w : d.widths()) {
            DepthExperiment.LayerRow lastG = last(d, w, gl, Activation.TANH);
            DepthExperiment.LayerRow lastH = last(d, w, he, Activation.TANH);
            ev.append(String.format(Locale.ROOT, "width %d, layer %d: Var[z] ratio to layer 1 Glorot %s, He %s; ", w,
                    lastG.layer(), g(lastG.forwardRatio()), g(lastH.forwardRatio())));
        }
        List<Cmp> cmps = new ArrayList<>();
        for (int depth : depths(m)) {
            Stats.Summary diff = Stats.difference(m.accuracies(depth, gl, Activation.TANH, 0), m.accuracies(depth, he, Activation.TANH, 0));
            cmps.add(cmp(diff));
            ev.append(String.format(Locale.ROOT, "MNIST %d layers, Glorot - He: %s; ", depth, pp(diff)));
        }
        Verdict v;
        String dep = "";
        if (cmps.stream().noneMatch(x -> x == Cmp.WORSE)) {
            v = Verdict.SUPPORTED;
        } else if (cmps.stream().allMatch(x -> x == Cmp.WORSE)) {
            v = Verdict.REFUTED;
        } else {
            v = Verdict.DEPENDS;
            dep = "on depth: Glorot is less accurate than He at " + depthsWhere(m, cmps, Cmp.WORSE);
        }
        return new Claim("C2", "Xavier/Glorot initialization suits tanh networks",
                NG_COURSE + "; ho1-lee.github.io 'Why initialize weights' ('For Sigmoid or Tanh, Use Xavier')",
                "depth (tanh), mnist (tanh, no clipping)", trim(ev), v.word(), dep,
                "supported if Glorot + tanh is at no trained depth less accurate than He + tanh; refuted if less accurate "
                        + "at every depth; depends otherwise (forward variances shown for context)");
    }

    static Claim zeroInitShallow(SymmetryExperiment.Result s) {
        Activation f = s.settings().activations().get(0);
        Stats.Summary d1 = Stats.difference(s.accuracies("zeros", f, 1), s.accuracies(DepthExperiment.HE, f, 1));
        boolean shallowWorks = cmp(d1) != Cmp.WORSE || d1.mean() > -0.01;
        StringBuilder ev = new StringBuilder(String.format(Locale.ROOT,
                "softmax regression (no hidden layer): zeros %s vs random %s (diff %s); ",
                pct(s.row("zeros", f, 1).accuracyMean()), pct(s.row(DepthExperiment.HE, f, 1).accuracyMean()), pp(d1)));
        boolean deepFails = true;
        boolean anyDeep = false;
        for (int depth : s.settings().depths()) {
            if (depth < 2) {
                continue;
            }
            anyDeep = true;
            SymmetryExperiment.SummaryRow z = s.row("zeros", f, depth);
            deepFails &= !z.learnsBeyondTrivial();
            ev.append(String.format(Locale.ROOT, "%d layers (%s): zeros %s, majority class %s; ", depth, f.cliName(),
                    pct(z.accuracyMean()), pct(z.trivialAccuracy())));
        }
        Verdict v;
        String dep = "";
        if (shallowWorks && anyDeep && deepFails) {
            v = Verdict.DEPENDS;
            dep = "on depth: works without hidden layers (a convex model), fails with one or more hidden layers";
        } else if (shallowWorks && !deepFails) {
            v = Verdict.SUPPORTED;
        } else {
            v = Verdict.REFUTED;
        }
        return new Claim("C3", "Zero initialization can work for shallow networks (e.g. logistic regression)",
                "A. Ng, Coursera Deep Learning Specialization (course 1, week 3, 'Random Initialization': zero is okay for "
                        + "logistic regression, not for a neural network); community.deeplearning.ai 'Why zero initializations fails?'",
                "symmetry (depths 1-3)", trim(ev), v.word(), dep,
                "shallow works if zero-init softmax regression is within 1 pp of random init or not detectably worse; "
                        + "deep fails if zero init does not beat the majority class by 2 pp (lower CI bound); depends when both");
    }

    static Claim constantInitSymmetry(SymmetryExperiment.Result s) {
        long points = 0;
        long nonzero = 0;
        for (SymmetryExperiment.TraceRow t : s.trace()) {
            if (t.init().equals("zeros") || t.init().startsWith("constant")) {
                points++;
                if (t.maxPairwiseDifference() != 0.0) {
                    nonzero++;
                }
            }
        }
        double randomMin = s.runs().stream().filter(r -> r.init().equals(DepthExperiment.HE) && r.depth() > 1)
                .mapToDouble(SymmetryExperiment.RunRow::finalMaxPairwiseDifference).min().orElse(Double.NaN);
        String ev = String.format(Locale.ROOT, "zeros and constant 0.05: %d of %d measurements during training have a "
                + "nonzero largest pairwise difference between hidden units; random (He) control: smallest final difference %s",
                nonzero, points, g(randomMin));
        Verdict v = points > 0 && nonzero == 0 && randomMin > 0 ? Verdict.SUPPORTED : Verdict.REFUTED;
        return new Claim("C4", "With all-zero or constant weights every hidden unit of a layer stays identical (symmetry is never broken)",
                "CS231n notes ('Pitfall: all zero initialization'); M. Brenndoerfer, 'Weight Initialization: Xavier, He & "
                        + "Variance Preservation' (2025)", "symmetry (trace)", ev, v.word(), "",
                "supported if every measurement for zeros/constant is exactly 0 and the random control is > 0");
    }

    static Claim xavierBeyondFifty(DepthExperiment.Result d) {
        String gl = DepthExperiment.GLOROT;
        int w = d.widths().get(0);
        int depth = d.settings().grids().stream().filter(x -> x.width() == w).mapToInt(DepthExperiment.Grid::depth).max().orElseThrow();
        StringBuilder ev = new StringBuilder("width " + w + ", last layer within a factor 2 of layer 1 under Glorot: ");
        List<Integer> effective = new ArrayList<>();
        for (Activation f : List.of(Activation.LINEAR, Activation.TANH, Activation.RELU, Activation.SIGMOID)) {
            if (d.layer(w, gl, f, 1) == null) {
                continue;
            }
            int eff = 0;
            for (int l = 1; l <= depth; l++) {
                if (Math.abs(DepthExperiment.log2(d.layer(w, gl, f, l).forwardRatio())) <= 1) {
                    eff = l;
                } else {
                    break;
                }
            }
            effective.add(eff);
            ev.append(f.cliName()).append(' ').append(eff == depth ? "all " + depth : Integer.toString(eff)).append("; ");
        }
        boolean allMid = effective.stream().allMatch(e -> e >= 25 && e < depth);
        boolean allEarly = effective.stream().allMatch(e -> e < 25);
        Verdict v;
        String dep = "";
        if (allMid) {
            v = Verdict.SUPPORTED;
        } else if (allEarly) {
            v = Verdict.REFUTED;
        } else {
            v = Verdict.DEPENDS;
            dep = "on the activation: the depth at which Glorot loses the signal ranges over " + effective
                    + " layers (" + depth + " = never within the depth tested); ~50 is not a general threshold";
        }
        return new Claim("C5", "Xavier/Glorot is less effective beyond ~50 layers", "a paraphrase of widely read articles on "
                + "initialization (no primary source located)", "depth (Glorot, several activations)",
                trim(ev), v.word(), dep, "supported if for every activation the signal stays within a factor 2 for at least "
                + "25 layers but not for all; refuted if it leaves the band before layer 25 for every activation; depends otherwise");
    }

    /**
     * C6. {@code claimedFactor} multiplies 1/(n_in + n_out): 1 is the claim as stated; tests pass 2
     * (the true Glorot variance) as a positive control of the rule.
     */
    static Claim xavierNormalVariance(long masterSeed, double claimedFactor) {
        int out = 256;
        int in = 784;
        Shape shape = Shape.of(out, in);
        Fans fans = Fans.of(shape, Layout.TORCH);
        Initializer init = Catalog.create("xavier_normal");
        double[] x = init.fill64(shape, fans, PhiloxStream.of(Rng.runSeed(masterSeed, 0), 0), Rng.engine());
        double mean = 0;
        for (double v : x) {
            mean += v;
        }
        mean /= x.length;
        double ss = 0;
        for (double v : x) {
            ss += (v - mean) * (v - mean);
        }
        double var = ss / (x.length - 1);
        double half = 1.96 * var * Math.sqrt(2.0 / (x.length - 1));
        double claimed = claimedFactor / (in + out);
        double glorot = 2.0 / (in + out);
        boolean containsClaimed = var - half <= claimed && claimed <= var + half;
        String ev = String.format(Locale.ROOT, "xavier_normal fill of a %dx%d weight (fan_in %d, fan_out %d, %d values): sample "
                        + "variance %s, 95%% CI [%s, %s]; claimed %s/(n_in+n_out) = %s (ratio %.3f); 2/(n_in+n_out) = %s (ratio %.3f)",
                out, in, in, out, x.length, g(var), g(var - half), g(var + half), g(claimedFactor), g(claimed), var / claimed,
                g(glorot), var / glorot);
        Verdict v = containsClaimed ? Verdict.SUPPORTED : Verdict.REFUTED;
        return new Claim("C6", "Xavier normal has variance 1/(n_in + n_out)", "a paraphrase of widely read articles on "
                + "initialization; Glorot & Bengio 2010 Eq. 16 and PyTorch/Keras use 2/(n_in + n_out)",
                "catalog fill (xavier_normal)", ev, v.word(), "",
                "supported if the 95% CI of the sample variance (normal theory, 2 var^2/(N-1)) contains 1/(n_in+n_out)");
    }

    static Claim uniformZeroOneBreaksSymmetry(SymmetryExperiment.Result s) {
        Activation f = s.settings().activations().get(0);
        StringBuilder ev = new StringBuilder();
        boolean broken = true;
        List<Cmp> cmps = new ArrayList<>();
        List<Double> diffs = new ArrayList<>();
        for (int depth : s.settings().depths()) {
            if (depth < 2) {
                continue;
            }
            SymmetryExperiment.SummaryRow u = s.row("uniform", f, depth);
            broken &= u.finalMaxPairwiseDifferenceMin() > 0;
            Stats.Summary diff = Stats.difference(s.accuracies("uniform", f, depth), s.accuracies(DepthExperiment.HE, f, depth));
            cmps.add(cmp(diff));
            diffs.add(diff.mean());
            ev.append(String.format(Locale.ROOT, "%d layers (%s): pairwise difference %s, accuracy %s vs He %s (%s), %d of %d "
                            + "runs diverged; ", depth, f.cliName(), g(u.finalMaxPairwiseDifferenceMin()), pct(u.accuracyMean()),
                    pct(s.row(DepthExperiment.HE, f, depth).accuracyMean()), pp(diff), u.divergedRuns(), u.seeds()));
        }
        Verdict v;
        String dep = "";
        boolean muchWorse = diffs.stream().allMatch(x -> x < -0.05) && cmps.stream().allMatch(x -> x == Cmp.WORSE);
        if (!broken) {
            v = Verdict.REFUTED;
        } else if (cmps.stream().noneMatch(x -> x == Cmp.WORSE)) {
            v = Verdict.SUPPORTED;
        } else if (muchWorse) {
            v = Verdict.REFUTED;
            dep = "";
        } else {
            v = Verdict.DEPENDS;
            dep = "on depth: it trains as well as He at some depths but not at others";
        }
        return new Claim("C7", "RandomUniform(minval=0, maxval=1) breaks symmetry well enough", "a paraphrase of widely read articles on "
                + "initialization; the Keras RandomUniform documentation example uses minval=0, maxval=1",
                "symmetry (uniform 0..1 vs He)", trim(ev), v.word(), dep,
                "refuted if symmetry is not broken, or if it is broken but accuracy is more than 5 pp below He "
                        + "(and detectably so) at every depth; supported if never detectably below He; depends otherwise");
    }

    static Claim heKeepsVariance(DepthExperiment.Result d) {
        List<DepthExperiment.Check> cs = d.checks().stream()
                .filter(x -> x.check().startsWith("relu + He: forward variance")).toList();
        return fromChecks("C8", "He initialization keeps the forward variance of a deep ReLU network constant",
                "K. He et al., 'Delving Deep into Rectifiers', ICCV 2015, Sec. 2.2", "depth (relu + He, 50 layers)", cs,
                "supported if the mean variance stays within a factor 2 of layer 1 over 50 layers at every width; "
                        + "depends (on width) if only at some; refuted if at none");
    }

    static Claim glorotReluHalves(DepthExperiment.Result d) {
        List<DepthExperiment.Check> cs = d.checks().stream().filter(x -> x.check().startsWith("relu + Glorot")).toList();
        return fromChecks("C9", "With Glorot initialization (n_in = n_out) the variance of a ReLU network halves at every layer",
                "He et al. 2015, Sec. 2.2 (n Var[w] / 2 = 1/2 per layer)", "depth (relu + Glorot)", cs,
                "supported if the fitted per-layer ratio is 0.5 +- 0.05 at every width; depends (on width) if only at some");
    }

    private static Claim fromChecks(String id, String claim, String source, String exp, List<DepthExperiment.Check> cs,
                                    String rule) {
        StringBuilder ev = new StringBuilder();
        int holds = 0;
        List<Integer> failing = new ArrayList<>();
        for (DepthExperiment.Check x : cs) {
            ev.append(String.format(Locale.ROOT, "width %d: %s = %s%s (%s); ", x.width(), x.metric(), g(x.value()),
                    Double.isNaN(x.lo()) ? "" : " [" + g(x.lo()) + ", " + g(x.hi()) + "]", x.holds() ? "holds" : "fails"));
            if (x.holds()) {
                holds++;
            } else {
                failing.add(x.width());
            }
        }
        Verdict v = cs.isEmpty() ? Verdict.DEPENDS : holds == cs.size() ? Verdict.SUPPORTED : holds == 0 ? Verdict.REFUTED
                : Verdict.DEPENDS;
        String dep = cs.isEmpty() ? "not measured in this run" : v == Verdict.DEPENDS
                ? "on width: fails at width " + failing + " (finite-width fluctuations)" : "";
        return new Claim(id, claim, source, exp, trim(ev), v.word(), dep, rule);
    }

    static Claim linearNetworkPower(Linear9Experiment.Result r) {
        StringBuilder ev = new StringBuilder();
        boolean all = true;
        for (int w : r.settings().widths()) {
            Linear9Experiment.Fit e = r.exponent(w);
            all &= e.holds();
            ev.append(String.format(Locale.ROOT, "width %d: fitted exponent of |y|/|x| in s: %.3f [%.3f, %.3f]; ", w,
                    e.estimate(), e.lo(), e.hi()));
            for (Linear9Experiment.LayerRow l : r.layers()) {
                if (l.width() == w && l.layer() == Linear9Experiment.DEPTH && (l.scale() == 0.5 || l.scale() == 2.0)) {
                    ev.append(String.format(Locale.ROOT, "s=%s: |y|/|x| = %s (s^9 = %s); ", g(l.scale()), g(l.rmsRatioMean()),
                            g(l.predicted())));
                }
            }
        }
        Verdict v = all ? Verdict.SUPPORTED : Verdict.REFUTED;
        return new Claim("C10", "In a deep linear network, weights a factor s off the variance-preserving scale make the "
                + "activations grow or shrink like s^depth (9 layers: s^9)", "A. Ng, Coursera Deep Learning Specialization "
                + "(course 2, week 1, 'Vanishing / Exploding Gradients'); deeplearning.ai AI Notes 'Initializing neural networks'",
                "linear9", trim(ev), v.word(), "", "supported if the fitted exponent is 9 +- 0.5 at every width");
    }

    static Claim torchGainsPreserve(GainsExperiment.Result r) {
        StringBuilder ev = new StringBuilder();
        List<String> keep = new ArrayList<>();
        List<String> lose = new ArrayList<>();
        for (GainsExperiment.Row row : r.rows()) {
            if (Double.isNaN(row.torchGain())) {
                continue;
            }
            ev.append(String.format(Locale.ROOT, "%s: torch %s vs fixed-point %s, %d-layer ratio %s; ", row.activation(),
                    g(row.torchGain()), g(row.forwardGain()), row.layers(), g(row.torchSimRatio())));
            (row.torchPreservesInSimulation() ? keep : lose).add(row.activation());
        }
        Verdict v = lose.isEmpty() ? Verdict.SUPPORTED : keep.isEmpty() ? Verdict.REFUTED : Verdict.DEPENDS;
        String dep = v == Verdict.DEPENDS ? "on the activation: kept within a factor 2 for " + keep + ", not for " + lose
                + " (tanh's 5/3 is a heuristic and selu's 3/4 is meant for gradient flow, per PyTorch's docs)" : "";
        return new Claim("C11", "PyTorch's calculate_gain values preserve the activation variance through depth",
                "PyTorch torch.nn.init.calculate_gain documentation ('the recommended gain value for the given nonlinearity'); "
                        + "common usage with xavier_/kaiming_", "gains (simulation, Var[z_1] = 1)", trim(ev), v.word(), dep,
                "supported if every PyTorch gain keeps Var[z_L]/Var[z_1] within a factor 2; refuted if none does; depends otherwise");
    }

    static Claim lsuvAsGood(MnistExperiment.Result m) {
        StringBuilder ev = new StringBuilder();
        List<String> worse = new ArrayList<>();
        int settings = 0;
        for (int depth : depths(m)) {
            for (Activation f : m.settings().arms().get(0).activations()) {
                double[] l = m.accuracies(depth, "lsuv", f, 0);
                if (l.length == 0) {
                    continue;
                }
                settings++;
                for (String other : List.of("orthogonal", DepthExperiment.HE, DepthExperiment.GLOROT)) {
                    double[] o = m.accuracies(depth, other, f, 0);
                    if (o.length == 0) {
                        continue;
                    }
                    Stats.Summary d = Stats.difference(l, o);
                    ev.append(String.format(Locale.ROOT, "%d layers %s, LSUV - %s: %s; ", depth, f.cliName(), other, pp(d)));
                    if (cmp(d) == Cmp.WORSE) {
                        worse.add(depth + " layers " + f.cliName() + " vs " + other);
                    }
                }
            }
        }
        Verdict v = settings == 0 ? Verdict.DEPENDS : worse.isEmpty() ? Verdict.SUPPORTED : Verdict.DEPENDS;
        String dep = settings == 0 ? "not measured in this run" : worse.isEmpty() ? ""
                : "on the setting: LSUV is detectably less accurate in " + worse;
        return new Claim("C12", "LSUV initialization trains as well as or better than orthogonal, He and Glorot initialization",
                "D. Mishkin and J. Matas, 'All you need is a good init', ICLR 2016", "mnist (lsuv vs others, no clipping)",
                trim(ev), v.word(), dep, "supported if LSUV is never detectably less accurate than orthogonal, He or Glorot; "
                + "depends (listing where) otherwise");
    }

    static Claim clippingRescues(MnistExperiment.Result m) {
        String bad = "normal:std=1";
        StringBuilder ev = new StringBuilder();
        List<Cmp> cmps = new ArrayList<>();
        for (MnistExperiment.Arm arm : m.settings().arms()) {
            if (arm.clip() == 0 || arm.inits().stream().noneMatch(s -> s.label().equals(bad))) {
                continue;
            }
            for (int depth : arm.depths()) {
                for (Activation f : arm.activations()) {
                    double[] on = m.accuracies(depth, bad, f, arm.clip());
                    double[] off = m.accuracies(depth, bad, f, 0);
                    if (off.length == 0) {
                        continue;
                    }
                    Stats.Summary d = Stats.difference(on, off);
                    cmps.add(cmp(d));
                    MnistExperiment.SummaryRow rOn = m.row(depth, bad, f, arm.clip());
                    MnistExperiment.SummaryRow rOff = m.row(depth, bad, f, 0);
                    ev.append(String.format(Locale.ROOT, "N(0,1) %d layers %s: clipped %s (%d diverged) vs unclipped %s "
                                    + "(%d diverged), diff %s; ", depth, f.cliName(), pct(rOn.finalTestAccuracyMean()), rOn.divergedRuns(),
                            pct(rOff.finalTestAccuracyMean()), rOff.divergedRuns(), pp(d)));
                }
            }
        }
        Verdict v;
        String dep = "";
        if (cmps.isEmpty()) {
            v = Verdict.DEPENDS;
            dep = "not measured in this run";
        } else if (cmps.stream().allMatch(x -> x == Cmp.BETTER)) {
            v = Verdict.SUPPORTED;
        } else if (cmps.stream().noneMatch(x -> x == Cmp.BETTER)) {
            v = Verdict.REFUTED;
        } else {
            v = Verdict.DEPENDS;
            dep = "on depth/activation: clipping helps detectably in " + cmps.stream().filter(x -> x == Cmp.BETTER).count()
                    + " of " + cmps.size() + " settings and hurts detectably in " + cmps.stream().filter(x -> x == Cmp.WORSE).count();
        }
        return new Claim("C13", "Gradient clipping rescues training from an exploding initialization",
                "R. Pascanu, T. Mikolov and Y. Bengio, 'On the difficulty of training recurrent neural networks', ICML 2013 "
                        + "(clipping against exploding gradients), as generalised by tutorials", "mnist (N(0,1) weights, clip norm 1 vs none)",
                trim(ev), v.word(), dep, "supported if clipping detectably raises accuracy in every setting; refuted if in none; "
                + "depends otherwise");
    }

    static Claim torchDefaultVanishes(DepthExperiment.Result d, MnistExperiment.Result m) {
        String td = "torch_default";
        int w = d.widths().get(0);
        StringBuilder ev = new StringBuilder();
        boolean vanishes = true;
        boolean measured = false;
        for (Activation f : List.of(Activation.RELU, Activation.TANH)) {
            if (d.layer(w, td, f, 1) == null) {
                continue;
            }
            measured = true;
            Stats.Summary r = DepthExperiment.fittedRatio(d, w, td, f, 1, 10);
            DepthExperiment.LayerRow l10 = d.layer(w, td, f, Math.min(10, last(d, w, td, f).layer()));
            vanishes &= l10.forwardRatio() < 0.5;
            ev.append(String.format(Locale.ROOT, "width %d %s: per-layer ratio %s, Var[z_10]/Var[z_1] = %s; ", w, f.cliName(),
                    g(r.mean()), g(l10.forwardRatio())));
        }
        List<Cmp> cmps = new ArrayList<>();
        int deepest = depths(m).stream().mapToInt(Integer::intValue).max().orElse(0);
        for (Activation f : List.of(Activation.RELU, Activation.TANH)) {
            double[] t = m.accuracies(deepest, td, f, 0);
            double[] h = m.accuracies(deepest, f == Activation.RELU ? DepthExperiment.HE : DepthExperiment.GLOROT, f, 0);
            if (t.length == 0 || h.length == 0) {
                continue;
            }
            Stats.Summary diff = Stats.difference(t, h);
            cmps.add(cmp(diff));
            ev.append(String.format(Locale.ROOT, "MNIST %d layers %s, torch_default - %s: %s; ", deepest, f.cliName(),
                    f == Activation.RELU ? "He" : "Glorot", pp(diff)));
        }
        Verdict v;
        String dep = "";
        if (!measured || !vanishes) {
            v = measured ? Verdict.REFUTED : Verdict.DEPENDS;
            dep = measured ? "" : "not measured in this run";
        } else if (!cmps.isEmpty() && cmps.stream().allMatch(x -> x == Cmp.WORSE)) {
            v = Verdict.SUPPORTED;
        } else {
            v = Verdict.DEPENDS;
            dep = "on what is measured: the signal shrinks at initialization, but training at " + deepest
                    + " layers is not detectably worse for every activation";
        }
        return new Claim("C14", "PyTorch's default Linear initialization (U(+-1/sqrt(fan_in)), variance 1/(3 fan_in)) is too "
                + "small: the signal vanishes in deep networks and training suffers",
                "pytorch/pytorch issues #1667 (2017) and #15314 (2018)", "depth (torch_default), mnist (deepest)", trim(ev),
                v.word(), dep, "refuted if Var[z_10]/Var[z_1] >= 0.5; supported if it is below and torch_default is detectably "
                + "less accurate than He (relu) / Glorot (tanh) at the deepest trained depth for both; depends otherwise");
    }

    /**
     * One row per deviation of the framework conformance table ({@code ./initlab conformance}, read from
     * {@code conformance.csv} next to the experiments' directory): "framework X's initializer draws from
     * the law its documentation states" (or, for cross-framework rows, the law another framework gives
     * the same name), refuted by the dumped tensors. None when the table has not been written.
     */
    static List<Claim> conformance(java.nio.file.Path csv, Progress progress) {
        List<dev.initlab.conformance.Deviations.Deviation> devs = dev.initlab.conformance.Deviations.fromCsv(csv);
        if (devs.isEmpty()) {
            progress.log("claims: no framework deviations from %s (run ./initlab conformance to include them)", csv);
        }
        List<Claim> out = new ArrayList<>();
        int k = 1;
        for (dev.initlab.conformance.Deviations.Deviation d : devs) {
            String what = d.framework() + " " + d.version().split(" ")[0] + " " + d.initializer()
                    + (d.parameters().isEmpty() ? "" : "(" + d.parameters() + ")");
            String claim = d.basis().equals("cross-framework")
                    ? what + " draws from the law other frameworks give this name: " + d.claimedLaw()
                    : what + " draws from the law its " + (d.basis().equals("source") ? "source" : "documentation")
                            + " states: " + d.claimedLaw();
            out.add(new Claim("F" + k++, claim, d.reference(), "conformance (reports/conformance/conformance.csv)",
                    trim(d.evidence()), Verdict.REFUTED.word(), "",
                    "refuted when any dumped tensor of the group deviates under the verification battery, one Holm "
                            + "family per framework at alpha 0.001; only refuted groups are listed"));
        }
        return out;
    }

    private static DepthExperiment.LayerRow last(DepthExperiment.Result d, int w, String init, Activation f) {
        int depth = d.settings().grids().stream().filter(x -> x.width() == w).mapToInt(DepthExperiment.Grid::depth).max().orElseThrow();
        return d.layer(w, init, f, depth);
    }

    private static List<Integer> depths(MnistExperiment.Result m) {
        return m.settings().arms().stream().filter(a -> a.clip() == 0).flatMap(a -> a.depths().stream()).distinct().sorted().toList();
    }

    private static String depthsWhere(MnistExperiment.Result m, List<Cmp> cmps, Cmp which) {
        List<Integer> ds = depths(m);
        List<String> out = new ArrayList<>();
        for (int i = 0; i < cmps.size() && i < ds.size(); i++) {
            if (cmps.get(i) == which) {
                out.add(ds.get(i) + " layers");
            }
        }
        return String.join(", ", out);
    }

    private static String trim(CharSequence s) {
        String t = s.toString().trim();
        return t.endsWith(";") ? t.substring(0, t.length() - 1) : t;
    }
}
