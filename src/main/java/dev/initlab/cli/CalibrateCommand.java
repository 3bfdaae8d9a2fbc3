package dev.initlab.cli;

import dev.initlab.io.CsvTables;
import dev.initlab.stats.Battery;
import dev.initlab.stats.Calibration;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;

/** {@code initlab calibrate}: null calibration of the battery over many seeds (not part of CI). */
final class CalibrateCommand implements Command {
    @Override public String name() { return "calibrate"; }

    @Override
    public String summary() {
        return "null calibration: rejection rate per check on correct samplers over many seeds";
    }

    @Override
    public String help() {
        return """
            usage: ./initlab calibrate [--seeds 1000] [--n 20000] [--alpha 0.001] [--seed S] [--out DIR]

            Runs the verification battery on the correct output of every catalog scheme (default parameters,
            float32, torch layout, an asymmetric 2-D shape of about --n elements; dirac on 16x8x3x3) and on
            pairs of tensors from distinct streams, once per seed, and reports for every check:
              - its raw rejection rate at p <= 0.05, 0.01 and 0.001 (should not exceed those levels),
              - a Kolmogorov-Smirnov test of its p-values against U(0,1): 'uniform', 'conservative'
                (discrete tests: binomial counts, range, duplicates) or 'LIBERAL' (a calibration problem),
            and for every scheme how often the whole Holm family rejected at --alpha (should be <= alpha).

              --seeds K    seeds per scheme (default 1000); seed k is S + k
              --n N        elements per tensor (default 20000)
              --alpha A    family-wise level (default 0.001)
              --seed S     first seed (default 20261123)
              --out DIR    also write calibration_checks.csv, calibration_pooled.csv, calibration_family.csv
            Progress goes to standard error; at the defaults it takes a few minutes.""";
    }

    @Override
    public int run(Args args, PrintStream out, PrintStream err) {
        int seeds = args.getInt("seeds", 1000);
        int n = args.getInt("n", 20000);
        double alpha = args.getDouble("alpha", 0.001);
        long seed = args.getSeed("seed", 20261123L);
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
        long t0 = System.nanoTime();
        List<Calibration.Named> scenarios = Calibration.scenarios(n);
        err.printf(Locale.ROOT, "calibrate: %d scenarios x %d seeds, shape %s, family alpha %s%n", scenarios.size(),
                seeds, Calibration.shapeFor(n), alpha);
        Calibration.Result r = Calibration.run(scenarios, seeds, seed, Battery.of(alpha), err);
        List<Calibration.CheckRow> pooled = Calibration.pooled(r);
        out.printf(Locale.ROOT, "null calibration: %d seeds (from %d), ~%d elements per tensor (%s), float32%n", seeds,
                seed, n, Calibration.shapeFor(n));
        out.printf(Locale.ROOT, "%-18s %7s %8s %8s %8s %8s %10s  %s%n", "check", "runs", "p<=.05", "p<=.01",
                "p<=.001", "KS D", "KS p", "p-values (worst scheme)");
        for (Calibration.CheckRow c : pooled) {
            out.printf(Locale.ROOT, "%-18s %7d %8.4f %8.4f %8.4f %8.4f %10.3g  %s%n", c.check(), c.runs(), c.rate_05(),
                    c.rate_01(), c.rate_001(), c.ks_d(), c.ks_p(), c.direction());
        }
        int famRuns = 0;
        int famRej = 0;
        for (Calibration.FamilyRow f : r.families()) {
            famRuns += f.runs();
            famRej += f.rejected();
        }
        out.printf(Locale.ROOT, "family (Holm at alpha %s): %d rejections in %d runs = %.5f%n", alpha, famRej, famRuns,
                famRej / (double) famRuns);
        for (Calibration.FamilyRow f : r.families()) {
            if (f.rejected() > 0) {
                out.printf(Locale.ROOT, "  %s: %d of %d%n", f.scenario(), f.rejected(), f.runs());
            }
        }
        for (Calibration.CheckRow c : r.checks()) {
            if (c.direction().startsWith("LIBERAL") || c.direction().startsWith("exact: FAILED")) {
                out.printf(Locale.ROOT, "  attention: %s / %s: %s (KS p %.3g, p<=.01 rate %.4f)%n", c.scenario(),
                        c.check(), c.direction(), c.ks_p(), c.rate_01());
            }
        }
        if (dir != null) {
            try {
                Files.createDirectories(Path.of(dir));
            } catch (java.io.IOException e) {
                throw new IllegalArgumentException("cannot create " + dir + ": " + e.getMessage());
            }
            CsvTables.write(Path.of(dir, "calibration_checks.csv"), Calibration.CheckRow.class, r.checks());
            CsvTables.write(Path.of(dir, "calibration_pooled.csv"), Calibration.CheckRow.class, pooled);
            CsvTables.write(Path.of(dir, "calibration_family.csv"), Calibration.FamilyRow.class, r.families());
            err.println("calibrate: wrote " + dir + "/calibration_{checks,pooled,family}.csv");
        }
        err.printf(Locale.ROOT, "calibrate: done in %.1f s%n", (System.nanoTime() - t0) / 1e9);
        return 0;
    }
}
