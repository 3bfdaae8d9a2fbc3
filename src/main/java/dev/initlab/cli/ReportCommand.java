package dev.initlab.cli;

import dev.initlab.report.ReportGenerator;
import java.io.PrintStream;
import java.nio.file.Path;
import java.util.Set;

/** {@code initlab report}: the methods report (Markdown + HTML with charts) from the results under reports/. */
final class ReportCommand implements Command, Main.FlagAware {
    @Override
    public String name() {
        return "report";
    }

    @Override
    public String summary() {
        return "write the methods report (REPORT.md + report.html with charts) from verify/bench/experiment results";
    }

    @Override
    public Set<String> flags() {
        return Set.of("strict", "mutants");
    }

    @Override
    public String help() {
        return """
                usage: ./initlab report [--in reports] [--out reports] [--baseline IN/baseline/jmh.json]
                                        [--history IN/history] [--threshold 0.05] [--strict]
                                        [--mutants [--mutant-seeds 20]]

                Reads, each optional (a missing input shows as "not run"):
                  IN/verify/*.csv        initlab verify --format csv (file,tensor,scheme,check,statistic,p_value,
                                         alpha,passed,verdict)
                  IN/bench/*.json        JMH results (-rf json), one file per run (e.g. jmh-quick.json, jmh-full.json)
                  IN/bench/latency.csv   HdrHistogram percentiles (percentile,value_ns,engine,workload)
                  IN/bench/machine.txt   optional note about the benchmark machine, shown verbatim
                  IN/experiments/**      experiment CSVs (charted when known, else tabulated) and the claims ledger
                  IN/calibration/        initlab calibrate --full and --power tables (rates, LIBERAL cells, power)
                                         and mutants.csv (the negative controls, from --mutants)
                  the baseline           JMH JSON that regressions are flagged against (see ./initlab compare --help)
                  the history            one JMH JSON per past run, file-name order = time order (change points)
                Writes OUT/REPORT.md (figures linked from OUT/figures/), OUT/report.html (self-contained: CSS inline,
                figures embedded as base64, so the one file can be attached or mailed) and OUT/figures/*.png.

                Speed claims are ratios to baselines measured in the same JMH run, with the conservative quotient
                of JMH's 99.9% intervals; each target names the engine, size or model it measures.

                options:
                  --in DIR         input directory (default reports)
                  --out DIR        output directory (default: the input directory)
                  --baseline FILE  baseline JMH JSON (default IN/baseline/jmh.json)
                  --history DIR    past runs for change points (default IN/history)
                  --threshold T    tolerated slow-down against the baseline, fraction (default 0.05)
                  --strict         exit 1 when a verification check failed or a regression was flagged
                  --mutants        first run the battery's negative controls (13 deliberately wrong samplers and
                                   their correct twins, alpha 0.001, seeds 20261123 + 1000 k) and write
                                   IN/calibration/mutants.csv (about 3 minutes on 2 shared cores)
                  --mutant-seeds N seeds per negative control (default 20)

                exit codes: 0 written, 1 written but --strict found a failure, 2 bad usage or unreadable input
                directory. Progress goes to stderr; the written paths to stdout.

                example:
                  ./initlab report --in reports --out reports --baseline reports/baseline/jmh.json""";
    }

    @Override
    public int run(Args args, PrintStream out, PrintStream err) throws Exception {
        Path in = Path.of(args.get("in", "reports"));
        Path outDir = Path.of(args.get("out", in.toString()));
        Path baseline = Path.of(args.get("baseline", in.resolve("baseline").resolve("jmh.json").toString()));
        Path history = Path.of(args.get("history", in.resolve("history").toString()));
        double threshold = args.getDouble("threshold", 0.05);
        boolean strict = args.flag("strict");
        boolean mutants = args.flag("mutants");
        int mutantSeeds = args.getInt("mutant-seeds", 20);
        args.checkNoneLeft();
        if (mutantSeeds < 1 || mutantSeeds > 1000) {
            throw new IllegalArgumentException("--mutant-seeds must be 1 to 1000, got " + mutantSeeds);
        }
        if (!(threshold >= 0 && threshold < 1)) {
            throw new IllegalArgumentException("--threshold must be in [0, 1), got " + threshold);
        }
        if (mutants) {
            java.nio.file.Files.createDirectories(in.resolve("calibration"));
            long t0 = System.nanoTime();
            Path csv = dev.initlab.report.NegativeControls.write(in, 0.001, mutantSeeds,
                    dev.initlab.experiment.Options.DEFAULT_SEED, err);
            err.printf(java.util.Locale.ROOT, "report: wrote %s in %.0f s%n", csv, (System.nanoTime() - t0) / 1e9);
        }
        String cmd = "./initlab report --in " + in + " --out " + outDir + " --baseline " + baseline
                + " --threshold " + threshold + (strict ? " --strict" : "");
        ReportGenerator.ReportResult r = ReportGenerator.generate(new ReportGenerator.ReportOptions(in, outDir, baseline, history,
                threshold, cmd, err));
        out.println(r.markdown());
        out.println(r.html());
        err.printf("report: %d verification checks (%d failed), %d regressions flagged, %d targets missed, %d figures%n",
                r.verifyChecks(), r.verifyFailures(), r.regressions(), r.targetsMissed(), r.figures().size());
        if (strict && (r.verifyFailures() > 0 || r.regressions() > 0)) {
            return 1;
        }
        return 0;
    }
}
