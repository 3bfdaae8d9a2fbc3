package dev.initlab.cli;

import dev.initlab.io.AtomicFiles;
import dev.initlab.io.CsvTables;
import dev.initlab.stats.Battery;
import dev.initlab.report.PowerFigure;
import dev.initlab.stats.Calibration;
import dev.initlab.stats.Detectable;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Set;

/** {@code initlab calibrate}: null calibration of the battery over many independent runs (not part of CI). */
final class CalibrateCommand implements Command, Main.FlagAware {
    /** Runs per scheme of {@code --full}. */
    static final int FULL_SEEDS = 20_000;

    @Override public String name() { return "calibrate"; }

    @Override public Set<String> flags() { return Set.of("full", "power"); }

    @Override
    public String summary() {
        return "null calibration: rejection rate per check on correct samplers, judged by exact binomial tests";
    }

    @Override
    public String help() {
        return """
            usage: ./initlab calibrate [--seeds 1000 | --full] [--n 15000] [--alpha 0.001] [--seed S]
                                       [--threads T] [--round R] [--budget-min M] [--only a,b] [--out DIR]
                   ./initlab calibrate --power [--reps 100] [--out DIR]

            Runs the verification battery on the correct output of every catalog scheme (default parameters,
            float32, torch layout, an asymmetric 2-D shape of about --n elements; dirac on 16x8x3x3) and on
            pairs of tensors from distinct streams. Every scheme has its own Philox keys: run k of scheme s
            uses key mix64(fnv1a64(s) ^ S) + k, so no two runs share random numbers; schemes whose output
            ignores the seed (zeros, ones, constant, identity, dirac) run twice and count as one run.

            Verdicts: for every (check, scheme, level) cell, level in {0.05, 0.01, 0.001}, the number of runs
            with p <= level is tested against Binomial(runs, level) (exact upper tail); likewise each scheme's
            Holm family against --alpha. One Benjamini-Hochberg procedure at FDR 0.05 over all cells labels
            a cell LIBERAL; rates come with exact 95% (Clopper-Pearson) intervals. The KS distance of the
            p-values from U(0,1) is printed as a description (discrete checks are conservative by design).

              --seeds K      runs per random scheme (default 1000)
              --full         20,000 runs per scheme (about an hour on 2 idle cores at --n 15000)
              --n N          elements per tensor (default 15000: 100x150)
              --alpha A      family-wise level (default 0.001)
              --seed S       master seed of the per-scheme keys (default 20261123)
              --threads T    worker threads (default: min(2, available cores))
              --round R      seeds per round; tables are rewritten after each round (default 500)
              --budget-min M stop after the round in which M minutes have passed, and say how far it got
              --only a,b     only these scenarios (catalog names or stream_pair)
              --out DIR      write calibration_family.csv, calibration_cells.csv, calibration_checks.csv,
                             calibration_pooled.csv and calibration_summary.csv (after every round)
            Progress (runs done, elapsed, time to go) goes to standard error.

            --power instead tabulates each check's minimum detectable effect at level 0.001 and power 0.999
            against n (variance ratio, mean shift in sd, tail mass beyond 2 and 3 sd, lag-1 correlation, KS
            distance, one correlated pair of rows; formulas in stats.Detectable), confirms them by running
            the battery on normal data with each effect at 1.0x and 0.8x its minimum detectable size
            (--reps samples per point at n = 1000, 10000, 30000; seed 20261123), and writes
            power_mde.csv, power_simulated.csv and power_mde.png to --out (default reports/calibration).
            Exit status 0 when no cell is LIBERAL, 1 when one is, 2 on bad usage.""";
    }

    @Override
    public int run(Args args, PrintStream out, PrintStream err) {
        if (args.flag("power")) {
            return power(args, out, err);
        }
        boolean full = args.flag("full");
        int seeds = args.getInt("seeds", full ? FULL_SEEDS : 1000);
        if (full && args.has("seeds")) {
            throw new IllegalArgumentException("--full and --seeds are exclusive (--full means --seeds " + FULL_SEEDS + ")");
        }
        int n = args.getInt("n", 15000);
        double alpha = args.getDouble("alpha", 0.001);
        long seed = args.getSeed("seed", 20261123L);
        int threads = args.getInt("threads", Math.min(2, Runtime.getRuntime().availableProcessors()));
        int round = args.getInt("round", 500);
        double budget = args.getDouble("budget-min", Double.POSITIVE_INFINITY);
        String only = args.get("only", "");
        String dir = args.get("out", null);
        args.checkNoneLeft();
        if (seeds < 2) {
            throw new IllegalArgumentException("--seeds must be >= 2, got " + seeds);
        }
        if (n < 100) {
            throw new IllegalArgumentException("--n must be >= 100, got " + n);
        }
        if (!(alpha > 0 && alpha < 1)) {
            throw new IllegalArgumentException("--alpha must be in (0, 1), got " + alpha);
        }
        if (threads < 1 || threads > 256) {
            throw new IllegalArgumentException("--threads must be in 1..256, got " + threads);
        }
        if (round < 1) {
            throw new IllegalArgumentException("--round must be >= 1, got " + round);
        }
        if (!(budget > 0)) {
            throw new IllegalArgumentException("--budget-min must be > 0, got " + budget);
        }
        List<String> names = only.isBlank() ? List.of()
                : Arrays.stream(only.split(",")).map(String::trim).filter(s -> !s.isEmpty()).toList();
        List<Calibration.Named> scenarios = Calibration.select(Calibration.scenarios(n), names);
        Path outDir = dir == null ? null : Path.of(dir);
        if (outDir != null) {
            try {
                Files.createDirectories(outDir);
            } catch (java.io.IOException e) {
                throw new IllegalArgumentException("cannot create " + dir + ": " + e.getMessage());
            }
        }
        String shape = Calibration.shapeFor(n).toString();
        err.printf(Locale.ROOT, "calibrate: %d scenarios x %d runs, shape %s, family alpha %s, %d threads, master seed %d%n",
                scenarios.size(), seeds, shape, alpha, threads, seed);
        Calibration.CalibrationResult r = Calibration.run(scenarios, seeds, seed, Battery.of(alpha), threads, round,
                budget * 60, err, outDir == null ? null : res -> write(outDir, res, n, shape, alpha, threads));
        print(out, r, n, shape, alpha);
        if (outDir != null) {
            err.println("calibrate: wrote " + dir + "/calibration_{family,cells,checks,pooled,summary}.csv");
        }
        err.printf(Locale.ROOT, "calibrate: done in %.1f s%n", r.seconds());
        return r.liberal().isEmpty() ? 0 : 1;
    }

    private static int power(Args args, PrintStream out, PrintStream err) {
        int reps = args.getInt("reps", 100);
        String dir = args.get("out", "reports/calibration");
        args.checkNoneLeft();
        if (reps < 10) {
            throw new IllegalArgumentException("--reps must be >= 10, got " + reps);
        }
        Path outDir = Path.of(dir);
        try {
            Files.createDirectories(outDir);
        } catch (java.io.IOException e) {
            throw new IllegalArgumentException("cannot create " + dir + ": " + e.getMessage());
        }
        long t0 = System.nanoTime();
        List<Detectable.EffectRow> table = Detectable.table(0.001, 0.999);
        err.printf(Locale.ROOT, "calibrate --power: simulating %d samples per point ...%n", reps);
        List<Detectable.Simulated> sims = Detectable.simulate(new int[] {1000, 10000, 30000}, new double[] {1.0, 0.8},
                reps, 0.001, 0.999, 20261123L);
        CsvTables.write(outDir.resolve("power_mde.csv"), Detectable.EffectRow.class, table);
        CsvTables.write(outDir.resolve("power_simulated.csv"), Detectable.Simulated.class, sims);
        try {
            PowerFigure.write(outDir.resolve("power_mde.png"), table);
        } catch (java.io.IOException e) {
            throw new IllegalArgumentException("cannot write " + outDir.resolve("power_mde.png") + ": " + e.getMessage());
        }
        out.printf(Locale.ROOT, "%-10s %-42s %8s %10s %6s %6s %8s  %s%n", "check", "effect", "n", "size", "x MDE", "reps",
                "power", "95% interval");
        for (Detectable.Simulated s : sims) {
            out.printf(Locale.ROOT, "%-10s %-42s %8d %10.4g %6.2f %6d %8.4f  [%.4f, %.4f]%n", s.check(), s.effect(), s.n(),
                    s.size(), s.multiple_of_mde(), s.reps(), s.power(), s.ci_low(), s.ci_high());
        }
        err.printf(Locale.ROOT, "calibrate --power: wrote %s/power_{mde,simulated}.csv and power_mde.png in %.1f s%n", dir,
                (System.nanoTime() - t0) / 1e9);
        return 0;
    }

    private static void print(PrintStream out, Calibration.CalibrationResult r, int n, String shape, double alpha) {
        out.printf(Locale.ROOT, "null calibration: %d runs per scheme%s (keys from master seed %d), ~%d elements per "
                        + "tensor (%s), float32; %d runs, %d independent%n", r.seedsPerScheme(),
                r.complete() ? "" : " (STOPPED EARLY: " + r.seedsRequested() + " asked)", r.master(), n, shape, r.runs(),
                r.effectiveRuns());
        out.printf(Locale.ROOT, "%-18s %8s %8s %8s %8s %8s %10s  %s%n", "check", "runs", "p<=.05", "p<=.01",
                "p<=.001", "KS D", "KS p", "verdict (exact binomial per scheme and level, BH at FDR 0.05)");
        for (Calibration.CheckCalibrationRow c : Calibration.pooled(r)) {
            out.printf(Locale.ROOT, "%-18s %8d %8.4f %8.4f %8.4f %8.4f %10.3g  %s%n", c.check(), c.runs(), c.rate_05(),
                    c.rate_01(), c.rate_001(), c.ks_d(), c.ks_p(), c.verdict());
        }
        out.printf(Locale.ROOT, "family (Holm at alpha %s) per scheme, with exact 95%% interval:%n", alpha);
        for (Calibration.FamilyRow f : r.families()) {
            out.printf(Locale.ROOT, "  %-20s %6d of %6d = %.5f [%.5f, %.5f]  binomial p %.3g  %s%n", f.scenario(),
                    f.rejected(), f.runs(), f.rate(), f.ci_low(), f.ci_high(), f.binom_p(), f.verdict());
        }
        List<String> lib = r.liberal();
        out.println(lib.isEmpty() ? "no cell is LIBERAL" : "LIBERAL: " + String.join("; ", lib));
        if (r.sharedPvalueSets() > 0) {
            out.println("warning: " + r.sharedPvalueSets() + " pairs of scenarios have identical p-value sets: shared seeds?");
        }
    }

    /** Writes the five tables (each atomically). */
    static void write(Path dir, Calibration.CalibrationResult r, int n, String shape, double alpha, int threads) {
        CsvTables.write(dir.resolve("calibration_family.csv"), Calibration.FamilyRow.class, r.families());
        CsvTables.write(dir.resolve("calibration_cells.csv"), Calibration.CellRow.class, r.cells());
        CsvTables.write(dir.resolve("calibration_checks.csv"), Calibration.CheckCalibrationRow.class, r.checks());
        CsvTables.write(dir.resolve("calibration_pooled.csv"), Calibration.CheckCalibrationRow.class, Calibration.pooled(r));
        int famRuns = 0;
        int famRej = 0;
        for (Calibration.FamilyRow f : r.families()) {
            if (!f.verdict().startsWith("deterministic")) {
                famRuns += f.runs();
                famRej += f.rejected();
            }
        }
        double[] ci = Calibration.clopperPearson(famRej, famRuns);
        StringBuilder sb = new StringBuilder("key,value\n");
        sb.append("master_seed,").append(r.master()).append('\n');
        sb.append("seed_derivation,\"run k of scenario s uses Philox key mix64(fnv1a64(utf8(s)) ^ master_seed) + k, "
                + "stream 0 (stream_pair: streams 1 and 2; orthogonal_haar_set: streams 1-64)\"\n");
        sb.append("n,").append(n).append('\n');
        sb.append("shape,").append(shape).append('\n');
        sb.append("dtype,float32\n");
        sb.append("family_alpha,").append(alpha).append('\n');
        sb.append("runs_per_scheme,").append(r.seedsPerScheme()).append('\n');
        sb.append("runs_per_scheme_requested,").append(r.seedsRequested()).append('\n');
        sb.append("complete,").append(r.complete()).append('\n');
        sb.append("total_runs,").append(r.runs()).append('\n');
        sb.append("effective_independent_runs,").append(r.effectiveRuns()).append('\n');
        sb.append("shared_pvalue_sets,").append(r.sharedPvalueSets()).append('\n');
        sb.append("random_scheme_family_rejections,").append(famRej).append('\n');
        sb.append("random_scheme_family_runs,").append(famRuns).append('\n');
        sb.append(String.format(Locale.ROOT, "random_scheme_family_rate,%.6g%n", famRuns == 0 ? 0 : famRej / (double) famRuns));
        sb.append(String.format(Locale.ROOT, "random_scheme_family_rate_ci95,%.6g-%.6g%n", ci[0], ci[1]));
        sb.append("multiplicity,Benjamini-Hochberg at FDR ").append(Calibration.FDR)
                .append(" over every (check; scheme; level) cell and every random scheme's family cell\n");
        sb.append("cells_liberal,").append(r.liberal().size()).append('\n');
        sb.append("threads,").append(threads).append('\n');
        sb.append(String.format(Locale.ROOT, "wall_seconds,%.1f%n", r.seconds()));
        sb.append("cpu,\"").append(Runtime.getRuntime().availableProcessors()).append(" cores visible (shared machine)\"\n");
        String text = sb.toString();
        AtomicFiles.write(dir.resolve("calibration_summary.csv"), o -> o.write(text.getBytes(StandardCharsets.UTF_8)));
    }
}
