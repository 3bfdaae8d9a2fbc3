package dev.initlab.cli;

import dev.initlab.init.Initializers;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/**
 * {@code initlab run}: the main job. Fills every catalog scheme and verifies it, runs the
 * experiments and the benchmarks, and writes the report, each step through the same command a
 * user would type.
 */
final class RunCommand implements Command, Main.FlagAware {
    /** One self-check case: a scheme, its parameters and a shape that suits it. */
    record Case(String scheme, String shape, List<String> params) {
    }

    static final List<String> STEPS = List.of("selfcheck", "experiments", "bench", "report");

    @Override public String name() { return "run"; }
    @Override public String summary() { return "the main job: fill+verify every scheme, experiments, benchmarks, report"; }
    @Override public Set<String> flags() { return Set.of("quick", "full"); }

    @Override
    public String help() {
        return """
            usage: ./initlab run [--quick | --full] [--out DIR] [--skip STEP,...] [--only STEP,...] [--seed S]

            Runs, in order (each step is the command a user would type; its output goes under --out):
              selfcheck    ./initlab fill + ./initlab verify for every catalog scheme -> DIR/verify/selfcheck-*.csv
              experiments  ./initlab experiment all                                  -> DIR/experiments/
              bench        ./initlab bench                                           -> DIR/bench/
              report       ./initlab report                                          -> DIR/REPORT.md, DIR/report.html

              --quick      (default) minutes-scale settings for every step (about 20 min on 2 cores, plus ~15 for the LSUV thin deep arm)
              --full       publication settings (hours)
              --out DIR    where results go (default: reports)
              --seed S     seed for the self-check fills (default 20261123)
              --skip/--only  choose steps by name

            Exit code: 0 when every step succeeded, 1 when a verification check or a step failed.""";
    }

    static List<Case> selfCheckCases() {
        Map<String, Case> special = new LinkedHashMap<>();
        special.put("constant", new Case("constant", "300x200", List.of("--value", "0.5")));
        special.put("sparse", new Case("sparse", "1000x300", List.of("--sparsity", "0.1")));
        special.put("orthogonal", new Case("orthogonal", "256x512", List.of()));
        special.put("identity", new Case("identity", "300x300", List.of()));
        special.put("dirac", new Case("dirac", "64x64x3x3", List.of()));
        special.put("torch_bias_default", new Case("torch_bias_default", "100000", List.of("--fan-in", "784", "--fan-out", "300")));
        List<Case> cases = new ArrayList<>();
        for (String name : Initializers.names()) {
            cases.add(special.getOrDefault(name, new Case(name, "512x784", List.of())));
        }
        return cases;
    }

    @Override
    public int run(Args args, PrintStream out, PrintStream err) throws Exception {
        boolean full = args.flag("full");
        boolean quick = args.flag("quick");
        if (full && quick) {
            throw new IllegalArgumentException("give --quick or --full, not both");
        }
        String mode = full ? "--full" : "--quick";
        Path dir = Path.of(args.get("out", "reports"));
        String seed = args.get("seed", "20261123");
        List<String> steps = new ArrayList<>(STEPS);
        if (args.has("only")) {
            steps = parseSteps(args.get("only", ""));
        }
        if (args.has("skip")) {
            steps.removeAll(parseSteps(args.get("skip", "")));
        }
        args.checkNoneLeft();
        Files.createDirectories(dir);
        Map<String, Command> cmds = Main.commands();
        int worst = 0;
        long t0 = System.nanoTime();
        for (String step : steps) {
            long ts = System.nanoTime();
            err.printf(Locale.ROOT, "initlab run: == %s ==%n", step);
            int code = switch (step) {
                case "selfcheck" -> selfCheck(cmds, dir, seed, out, err);
                case "experiments" -> call(cmds, "experiment", out, err, "all", mode, "--out", dir.resolve("experiments").toString());
                case "bench" -> dev.initlab.bench.BenchRunner.benchmarksAvailable()
                        ? call(cmds, "bench", out, err, mode, "--out", dir.resolve("bench").toString())
                        : skipBench(err);
                case "report" -> call(cmds, "report", out, err, "--in", dir.toString(), "--out", dir.toString());
                default -> throw new IllegalStateException(step);
            };
            err.printf(Locale.ROOT, "initlab run: %s finished with exit code %d in %.1f s%n", step, code, (System.nanoTime() - ts) / 1e9);
            worst = Math.max(worst, code);
        }
        err.printf(Locale.ROOT, "initlab run: done in %.1f min; results under %s%n", (System.nanoTime() - t0) / 60e9, dir);
        return worst == 0 ? 0 : 1;
    }

    /** The benchmark classes are built on demand by the launcher; when they do not build, run goes on without them. */
    private static int skipBench(PrintStream err) {
        err.println("initlab run: the benchmark classes (jmh/) are not on the class path (they did not build): "
                + "bench step skipped");
        return 1;
    }

    private static List<String> parseSteps(String s) {
        List<String> r = new ArrayList<>();
        for (String p : s.split(",")) {
            String t = p.trim();
            if (!STEPS.contains(t)) {
                throw new IllegalArgumentException("unknown step '" + t + "' (" + String.join(", ", STEPS) + ")");
            }
            r.add(t);
        }
        return r;
    }

    private static int call(Map<String, Command> cmds, String name, PrintStream out, PrintStream err, String... argv) {
        if (!cmds.containsKey(name)) {
            err.println("initlab run: command '" + name + "' is not available in this build; step skipped");
            return 1;
        }
        String[] full = new String[argv.length + 1];
        full[0] = name;
        System.arraycopy(argv, 0, full, 1, argv.length);
        err.println("initlab run: ./initlab " + String.join(" ", full));
        return Main.run(full, out, err);
    }

    private static int selfCheck(Map<String, Command> cmds, Path dir, String seed, PrintStream out, PrintStream err)
            throws Exception {
        Path tmp = Files.createTempDirectory("initlab-selfcheck");
        Path verifyDir = dir.resolve("verify");
        Files.createDirectories(verifyDir);
        int worst = 0;
        List<Case> cases = selfCheckCases();
        int i = 0;
        try {
            for (Case c : cases) {
                i++;
                err.printf(Locale.ROOT, "initlab run: selfcheck %d/%d %s %s%n", i, cases.size(), c.scheme(), c.shape());
                Path file = tmp.resolve(c.scheme() + ".npy");
                List<String> fill = new ArrayList<>(List.of("--scheme", c.scheme(), "--shape", c.shape(), "--seed", seed,
                        "--stream", Integer.toString(i), "--out", file.toString()));
                fill.addAll(c.params());
                int code = call(cmds, "fill", out, err, fill.toArray(String[]::new));
                if (code != 0) {
                    worst = Math.max(worst, code);
                    continue;
                }
                Path csv = verifyDir.resolve("selfcheck-" + c.scheme() + ".csv");
                List<String> verify = new ArrayList<>(List.of(file.toString(), "--scheme", c.scheme(),
                        "--csv", csv.toString()));
                verify.addAll(c.params());
                worst = Math.max(worst, call(cmds, "verify", out, err, verify.toArray(String[]::new)));
                if (Files.exists(csv)) {
                    // the tensor lived in a temporary folder deleted below: the file column names how it was made
                    String made = "./initlab fill " + String.join(" ", fill).replace("--out " + file, "").strip();
                    List<VerifyCommand.VerifyCsvRow> rows = dev.initlab.io.CsvTables.read(csv, VerifyCommand.VerifyCsvRow.class).stream()
                            .map(r -> new VerifyCommand.VerifyCsvRow(made, r.tensor(), r.scheme(), r.check(), r.statistic(),
                                    r.p_value(), r.alpha(), r.passed(), r.verdict())).toList();
                    dev.initlab.io.CsvTables.write(csv, VerifyCommand.VerifyCsvRow.class, rows);
                }
            }
        } finally {
            try (var files = Files.list(tmp)) {
                for (Path p : files.toList()) {
                    Files.deleteIfExists(p);
                }
            }
            Files.deleteIfExists(tmp);
        }
        return worst;
    }
}
