package dev.initlab.cli;

import dev.initlab.bench.ChangePoints;
import dev.initlab.bench.Compare;
import dev.initlab.bench.History;
import dev.initlab.bench.JmhJson;
import dev.initlab.bench.JmhResult;
import dev.initlab.bench.MachineSpeed;
import dev.initlab.bench.RegressionCalibration;
import dev.initlab.bench.RunNote;
import dev.initlab.report.BenchTables;
import java.io.PrintStream;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/** {@code initlab compare}: regression check of a JMH run against a baseline, or change points over a history. */
final class CompareCommand implements Command, Main.FlagAware {
    @Override
    public String name() {
        return "compare";
    }

    @Override
    public Set<String> flags() {
        return Set.of("absolute");
    }

    @Override
    public String summary() {
        return "flag JMH regressions against a baseline run, or change points over a run history";
    }

    @Override
    public String help() {
        return """
                usage: ./initlab compare BASELINE.json CURRENT.json [--threshold 0.05] [--absolute] [--format table|csv|md]
                       ./initlab compare --history DIR [--threshold 0.05] [--alpha 0.05] [--format table|csv|md]
                       ./initlab compare --calibration RUNS_DIR [--out CSV] [--injected-engine vector] [--threshold 0.05]

                Two runs: pairs the JMH results (JSON written with -rf json) by benchmark, mode, JMH threads
                and @Param values. Regressions are judged on same-fork ratios, which a neighbour's load cannot
                fake: PairedBench runs an initlab fill (A) and an outside baseline (B) interleaved, A B A B, in one
                fork; each run gives one log ratio A/B per pair of iterations (the first pair of a fork dropped);
                the change between the runs is the Hodges-Lehmann shift with its 99.9% Mann-Whitney interval.
                  regression   the whole interval of the A/B-ratio change lies below 1 - threshold
                  improvement  the whole interval lies above 1 + threshold
                  unchanged    otherwise; no-ci when there are too few pairs (nothing is claimed)
                Every other row is compared on absolute scores (current/baseline ops/s, conservative quotient of
                the JMH 99.9% intervals) and reported, not judged: "slower/faster (absolute, not judged)". Outside
                baselines (Arrays.fill, java.util.Random, ThreadLocalRandom, SplittableRandom, Commons RNG) are
                machine-slower/machine-faster, never an initlab regression. Whether each run was taken under
                load (its run-SUITE.json note) is printed on stderr.

                History: reads every *.json in DIR in file-name order (name runs by date) and runs E-divisive
                means (Matteson & James 2014; permutation test, 199 shuffles, fixed seed, segments >= 3 runs)
                on each benchmark's log throughput. A benchmark regressed when its latest change point is a
                slow-down below 1 - threshold.

                Calibration: RUNS_DIR holds bench outputs aa-NN-a, aa-NN-b (same commit) and inj-NN (a test-only
                slowdown, INITLAB_BENCH_INJECT=ENGINE=FRACTION, in PairedBench); prints (and with --out writes)
                the false-alarm rate of the A/A pairs and the detection rate of the injected slowdown with exact
                95% intervals (reports/bench/regression-calibration/run.sh makes such runs).

                options:
                  --threshold T   tolerated slow-down as a fraction (default 0.05 = 5%)
                  --absolute      also judge absolute scores of initlab rows (a quiet, dedicated machine only)
                  --alpha A       significance of each change point (history only; default 0.05)
                  --format F      table (default), csv or md

                exit codes: 0 no regression, 1 at least one regression, 2 bad input (missing file, not JMH JSON)

                examples:
                  ./initlab compare reports/baseline/jmh.json reports/bench/jmh-quick.json
                  ./initlab compare reports/baseline/jmh.json reports/bench/jmh-full.json --threshold 0.1 --format md
                  ./initlab compare --history reports/history
                  ./initlab compare --calibration reports/bench/regression-calibration/runs""";
    }

    @Override
    public int run(Args args, PrintStream out, PrintStream err) throws java.io.IOException {
        double threshold = args.getDouble("threshold", 0.05);
        if (!(threshold >= 0 && threshold < 1)) {
            throw new IllegalArgumentException("--threshold must be in [0, 1), got " + threshold);
        }
        String format = args.get("format", "table");
        if (!List.of("table", "csv", "md").contains(format)) {
            throw new IllegalArgumentException("--format must be table, csv or md, got '" + format + "'");
        }
        boolean absolute = args.flag("absolute");
        String history = args.get("history", null);
        String calibration = args.get("calibration", null);
        String csvOut = args.get("out", null);
        String injected = args.get("injected-engine", "vector");
        double alpha = args.getDouble("alpha", 0.05);
        List<String> pos = args.positionals();
        args.checkNoneLeft();
        if (calibration != null) {
            if (!pos.isEmpty() || history != null) {
                throw new IllegalArgumentException("--calibration takes no BASELINE/CURRENT files and no --history");
            }
            return calibration(Path.of(calibration), injected, threshold, csvOut == null ? null : Path.of(csvOut), format,
                    out, err);
        }
        if (csvOut != null || args.has("injected-engine")) {
            throw new IllegalArgumentException("--out and --injected-engine go with --calibration");
        }
        if (history != null) {
            if (!pos.isEmpty()) {
                throw new IllegalArgumentException("--history takes no BASELINE/CURRENT files");
            }
            return history(Path.of(history), threshold, alpha, format, out, err);
        }
        if (pos.size() != 2) {
            throw new IllegalArgumentException("need BASELINE.json and CURRENT.json (got " + pos.size()
                    + " files; see --help)");
        }
        List<JmhResult> base = JmhJson.read(Path.of(pos.get(0)));
        List<JmhResult> cur = JmhJson.read(Path.of(pos.get(1)));
        if (base.isEmpty()) {
            throw new IllegalArgumentException(pos.get(0) + ": JMH JSON with no results");
        }
        if (cur.isEmpty()) {
            throw new IllegalArgumentException(pos.get(1) + ": JMH JSON with no results");
        }
        Compare c = Compare.of(base, cur, threshold, absolute);
        out.print(BenchTables.render(c, format));
        err.println("compare: " + c.summary(OptionSpelling::option));
        loadNote("baseline", Path.of(pos.get(0)), err);
        loadNote("current", Path.of(pos.get(1)), err);
        err.println("compare: " + MachineSpeed.compare(RunNote.beside(Path.of(pos.get(0))).flatMap(RunNote::speed),
                RunNote.beside(Path.of(pos.get(1))).flatMap(RunNote::speed)));
        return c.regressions().isEmpty() ? 0 : 1;
    }

    private static int history(Path dir, double threshold, double alpha, String format, PrintStream out,
                               PrintStream err) {
        History h = History.read(dir);
        if (h.runs().isEmpty()) {
            throw new IllegalArgumentException(dir + ": no *.json runs");
        }
        ChangePoints cp = ChangePoints.of(alpha, 199, 3, 20261123L);
        err.println("compare: " + h.runs().size() + " runs, " + h.keys().size() + " benchmarks; E-divisive alpha "
                + alpha + ", 199 permutations, segments >= 3 runs");
        if (h.runs().size() < 2 * cp.minSize()) {
            err.println("compare: fewer than " + 2 * cp.minSize() + " runs: no change point can be detected yet");
        }
        List<History.Change> cs = h.changes(cp, threshold);
        out.print(BenchTables.render(cs, format));
        long regressed = cs.stream().filter(c -> c.latest() && c.slowdown()).count();
        err.println("compare: " + cs.size() + " change points, " + regressed + " benchmarks whose latest change is a "
                + "slow-down beyond " + threshold);
        return regressed == 0 ? 0 : 1;
    }

    private static int calibration(Path dir, String injected, double threshold, Path csv, String format,
                                   PrintStream out, PrintStream err) throws java.io.IOException {
        if (!java.nio.file.Files.isDirectory(dir)) {
            throw new IllegalArgumentException(dir + ": not a directory");
        }
        int[] loaded = new int[2];
        List<RegressionCalibration.Row> rows = RegressionCalibration.of(dir, injected, threshold, loaded);
        if (loaded[1] == 0) {
            throw new IllegalArgumentException(dir + ": no aa-NN-a / aa-NN-b / inj-NN run folders with jmh-quick.json");
        }
        if (csv != null) {
            RegressionCalibration.writeCsv(rows, threshold, csv);
            err.println("compare: wrote " + csv);
        }
        out.print(BenchTables.renderCalibration(rows, format));
        err.println("compare: " + loaded[1] + " runs, " + loaded[0] + " of them taken under load (run notes)");
        return 0;
    }

    /** Prints whether the run beside a JMH file (its run-SUITE.json note) was taken under load. */
    private static void loadNote(String which, Path jmhFile, PrintStream err) {
        Optional<RunNote> note = RunNote.beside(jmhFile);
        if (note.isEmpty()) {
            err.println("compare: " + which + " run: no run note beside " + jmhFile + " (load unknown)");
        } else if (note.get().underLoad()) {
            err.println("compare: " + which + " run: " + note.get().loadNote());
        } else {
            err.println("compare: " + which + " run: " + note.get().loadNote());
        }
    }
}
