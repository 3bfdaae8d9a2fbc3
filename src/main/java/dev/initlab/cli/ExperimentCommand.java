package dev.initlab.cli;

import dev.initlab.experiment.ClaimsLedger;
import dev.initlab.experiment.Experiments;
import dev.initlab.experiment.Options;
import dev.initlab.experiment.Progress;
import java.io.PrintStream;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.Set;

/** {@code initlab experiment}: the research studies (variance through depth, MNIST, LSUV, claims ledger, ...). */
final class ExperimentCommand implements Command, Main.FlagAware {
    @Override public String name() { return "experiment"; }
    @Override public String summary() { return "reproduce initialization claims: depth, linear9, gains, symmetry, mnist, lsuv, claims"; }
    @Override public Set<String> flags() { return Set.of("quick", "full", "reuse"); }

    @Override
    public String help() {
        return """
            usage: ./initlab experiment NAME|all [--quick | --full] [--seeds K] [--out DIR] [--mnist DIR]
                                                 [--threads N] [--seed S] [--reuse]

            Runs a study and writes its CSV tables (the report turns them into figures):
              depth     variance through depth (Glorot & Bengio 2010, He et al. 2015): per-layer forward and
                        gradient variance of deep MLPs for scheme x activation    -> depth_runs/layers/checks.csv
              linear9   the 9-layer linear network, weights s*sqrt(1/n): growth like s^9, fitted exponent
                                                                                   -> linear9_layers/fit.csv
              gains     variance-preserving gains by quadrature split at the kink, with error estimates,
                        vs PyTorch's calculate_gain, with a deep-network check     -> gains.csv
              symmetry  zero/constant/uniform(0,1) vs random init on MNIST: hidden units' pairwise difference
                        during training, accuracy vs the majority class            -> symmetry_trace/runs/summary.csv
              mnist     held-out accuracy and convergence per scheme x activation x depth, with and
                        without gradient clipping      -> mnist_curves/curve_summary/runs/summary/checks.csv
              lsuv      LSUV (Mishkin & Matas 2016): per-layer diagnostics, compared on depth and mnist, and
                        trained at the paper's thin-net depths (11, 19; and 32 layers)
                                                                  -> lsuv_layers/compare/deep_runs/deep_curves.csv
              claims    the claims ledger: each claim, its source, the evidence and a verdict computed from
                        the results (runs what it needs, LSUV's thin deep arm included: --reuse
                        reads the written tables instead)                          -> claims.csv, claims.md
              all       every study above, each computed once

            Options:
              --quick       (default) minutes on 2 cores: e.g. depth 50 layers at width 256 (+1024 for He/Glorot),
                            MNIST MLPs of 3 and 10 layers, width 128, 3 epochs, 5 seeds
              --full        publication settings (hours): 100 layers, widths 256 and 1024, 10-20 seeds, 10 epochs
              --seeds K     seeds per configuration, K >= 2 (default: quick 5, symmetry 3, lsuv 10; full 20,
                            mnist/symmetry 10)
              --out DIR     output directory (default: reports/experiments, relative to the current directory)
              --mnist DIR   MNIST IDX files (default: <initlab home>/../shared/datasets/mnist); a directory with
                            t10k-* only is split 8000/2000 by a fixed seed, one that also has train-* uses the
                            standard 60k/10k split (--quick then trains on a fixed random 8000-digit subset)
              --threads N   worker threads, at least 1 (default: all cores); results do not depend on N
              --seed S      master seed (default 20261123); seed k of every configuration derives from it
              --reuse       for claims and lsuv: take the other studies' results from the CSVs already in --out
                            (per-seed tables, same mode; each study's seeds as its table holds them) instead of
                            rerunning them: the ledger's verdicts re-derived from committed data in seconds;
                            for mnist and symmetry: keep the per-seed runs already in --out and run only the
                            missing ones (e.g. --seeds 10 --reuse after a 5-seed run runs seeds 5-9)

            Progress goes to stderr; a summary of the checks and verdicts to stdout. Exit code 0 when the
            studies ran (a claim that is refuted or an expected shape that fails is a finding, reported in
            the CSV files and the summary, not an error), 2 on bad usage or unreadable MNIST files.

            Examples:
              ./initlab experiment all --quick
              ./initlab experiment depth --full --seeds 30 --out /tmp/depth
              ./initlab experiment claims --reuse      # verdicts from the CSVs in reports/experiments
              ./initlab experiment mnist --mnist ~/data/mnist   # with train-images-idx3-ubyte.gz etc.""";
    }

    static Path defaultMnist() {
        String home = System.getProperty("initlab.home");
        Path base = home == null ? Path.of(".") : Path.of(home);
        return base.resolve("../shared/datasets/mnist").normalize();
    }

    @Override
    public int run(Args args, PrintStream out, PrintStream err) {
        boolean full = args.flag("full");
        boolean quick = args.flag("quick");
        boolean reuse = args.flag("reuse");
        if (full && quick) {
            throw new IllegalArgumentException("give --quick or --full, not both");
        }
        int seeds = args.getInt("seeds", 0);
        if (args.has("seeds") && seeds < 2) {
            throw new IllegalArgumentException("--seeds must be at least 2 (confidence intervals need two runs), got " + seeds);
        }
        Path outDir = Path.of(args.get("out", "reports/experiments"));
        Path mnist = args.has("mnist") ? Path.of(args.get("mnist", "")) : defaultMnist();
        int threads = args.getThreads();
        long seed = args.getSeed("seed", Options.DEFAULT_SEED);
        List<String> pos = args.positionals();
        args.checkNoneLeft();
        if (pos.size() != 1) {
            throw new IllegalArgumentException(pos.isEmpty() ? "name a study: " + String.join(", ", Experiments.NAMES) + " or all"
                    : "one study at a time (or all), got " + String.join(" ", pos));
        }
        String name = pos.get(0).toLowerCase(Locale.ROOT);
        if (!name.equals("all") && !Experiments.NAMES.contains(name)) {
            throw new IllegalArgumentException("unknown experiment '" + pos.get(0) + "' (" + String.join(", ", Experiments.NAMES)
                    + ", all)");
        }
        Options o = new Options(full, seeds, outDir, mnist, threads, seed, Progress.to(err));
        long t0 = System.nanoTime();
        Experiments.Context ctx = new Experiments.Context(o);
        if (reuse) {
            switch (name) {
                case "claims" -> ctx.reuseWrittenTables(List.of("depth", "linear9", "gains", "symmetry", "mnist", "lsuv"));
                case "lsuv" -> {
                    ctx.reuseWrittenTables(List.of("depth", "mnist"));
                    ctx.keepWrittenRuns("lsuv");
                }
                case "mnist", "symmetry" -> ctx.keepWrittenRuns(name);
                default -> throw new IllegalArgumentException("--reuse applies to claims and lsuv (they use the other studies' "
                        + "results) and to mnist and symmetry (keep the runs already written, run the missing seeds)");
            }
        }
        if (Experiments.needsMnist(name)) {
            ctx.data();
        }
        err.printf(Locale.ROOT, "initlab experiment %s (%s, seed %d, %d threads) -> %s%n", name, full ? "full" : "quick", seed,
                o.threads(), outDir);
        List<Path> files = Experiments.run(name, ctx);
        Experiments.recordVersion(outDir, name.equals("all") ? Experiments.NAMES : List.of(name));
        summarize(ctx, out);
        out.printf(Locale.ROOT, "wrote %d files under %s in %.1f s%n", files.size(), outDir, (System.nanoTime() - t0) / 1e9);
        return 0;
    }

    /**
     * How a finding reads: these lines report what the experiments found about initializers, not whether
     * initlab worked (that is the exit code), so a finding that differs from the literature is not a "FAIL".
     */
    static String finding(boolean holds, String expected) {
        if (holds) {
            return "as expected";
        }
        return expected.contains("informational") ? "informational: not met" : "differs from expected";
    }

    private static void summarize(Experiments.Context c, PrintStream out) {
        if (c.hasDepth()) {
            c.depth().checks().forEach(k -> out.printf(Locale.ROOT, "[%s] depth, width %d: %s: %s = %.4g (expected %s)%n",
                    finding(k.holds(), k.expected()), k.width(), k.check(), k.metric(), k.value(), k.expected()));
        }
        if (c.hasLinear9()) {
            c.linear9().fits().stream().filter(f -> f.quantity().equals("exponent")).forEach(f -> out.printf(Locale.ROOT,
                    "[%s] linear9, width %d: fitted exponent %.3f [%.3f, %.3f] (expected 9)%n", finding(f.holds(), ""),
                    f.width(), f.estimate(), f.lo(), f.hi()));
        }
        if (c.hasMnist()) {
            c.mnist().checks().forEach(k -> out.printf(Locale.ROOT, "[%s] mnist: %s = %.4f [%.4f, %.4f] (expected %s)%n",
                    finding(k.holds(), k.expected()), k.check(), k.value(), k.lo(), k.hi(), k.expected()));
        }
        if (c.hasClaims()) {
            for (ClaimsLedger.LedgerClaim k : c.claims().claims()) {
                out.printf(Locale.ROOT, "claim %s: %s -> %s%s%n", k.id(), k.claim(), k.verdict(),
                        k.dependsOn().isEmpty() ? "" : " (" + k.dependsOn() + ")");
            }
        }
    }
}
