package dev.initlab.cli;

import dev.initlab.bench.BenchRunner;
import dev.initlab.bench.Targets;
import dev.initlab.fill.VectorSelfCheck;
import java.io.PrintStream;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;
import java.util.regex.PatternSyntaxException;

/**
 * {@code initlab bench}: options in, {@link BenchRunner} runs the JMH suite and writes the files;
 * {@code --selfcheck} instead checks that the vector engine is compiled, exact and allocation-free.
 */
final class BenchCommand implements Command, Main.FlagAware {

    @Override
    public String name() {
        return "bench";
    }

    @Override
    public String summary() {
        return "benchmark the fill engines (JMH): engines, baselines, whole models; --selfcheck";
    }

    @Override
    public Set<String> flags() {
        return Set.of("quick", "full", "selfcheck", "list");
    }

    @Override
    public String help() {
        return """
                usage: ./initlab bench [--quick | --full] [--include REGEX] [--param 'NAME=V1,V2;...'] [--out DIR]
                                       [--forks N] [--list]
                       ./initlab bench --selfcheck

                Runs the JMH suite (benchmark classes in jmh/, package dev.initlab.bench; ./initlab builds them with
                mvn test-compile for this command only) in forked JVMs with -prof gc and writes, under DIR:
                  jmh-SUITE.json     JMH's JSON results
                  jmh-SUITE.csv      one row per benchmark and parameter set: score and JMH error (99.9% CI),
                                     samples/s and ns/sample with their intervals, bytes allocated per operation
                  latency.csv        (latency-full.csv for --full) per-call fill latency percentiles of the
                                     whole-model workloads, merged over forks: percentile,value_ns,engine,workload,...
                  targets-SUITE.csv  the performance targets from this one run, value and 99.9% interval, computed
                                     by the same code as the report's targets table
                  run-SUITE.json     command, JVM, CPU, vector shape; 1-min load average and CPU steal before,
                                     every 2 s during and after the run; under_load: true when the run was taken
                                     under load (load before > cores/2, median during > own threads + cores/2,
                                     or steal > 5%); compare and the report say so. Also the machine's
                                     speed: a fixed calibration loop (compute ns/iteration, memory
                                     ns/element) timed before and after the suite; compare says when two
                                     runs' figures differ by more than 10%
                PairedBench (in the quick suite) alternates an initlab fill and an outside baseline A B A B in one
                fork: compare judges regressions on those same-fork ratios, not on absolute scores.
                Progress goes to stderr; the load line and a summary of the targets to stdout.

                suites:
                  --quick   (default) every engine x {uniform, normal, truncated_normal} x {4 Ki, 256 Ki, 16 Mi}
                            floats with 2 threads; He/Glorot presets at 256 Ki; baselines (Arrays.fill 1 and 2
                            threads, Random, ThreadLocalRandom, SplittableRandom, Commons RNG Ziggurat and
                            Philox4x32) ; GPT-2 small, BERT-base, ResNet-50 initialisation with 1 transformer
                            block. 2 forks, 3 warm-up + 3 measured iterations. About 10 minutes on 2 cores.
                  --full    four JMH invocations whose results are merged into one jmh-full.json:
                            1. fills on the scalar and vector engines at 1 thread, float32 and float64,
                               every scheme and size;
                            2. thread scaling: the parallel and auto engines at 1, 2 and 4 threads, uniform
                               and normal, float32 and float64, every size;
                            3. baselines and Arrays.fill (1, 2, 4 threads) at every size;
                            4. presets, whole models with 12 blocks, float64 normal, the paired regression
                               benchmark, orthogonal 4096 and the auto engine's threshold sweep.
                            Fills: 3 x 0.5 s warm-up and 5 x 0.5 s measured per fork; the others keep
                            their classes' iterations. 2 forks. About 45 minutes on 2 cores.
                            With --param engine=... or threads=..., part 2 is left out and part 1 uses
                            your values (no fill is measured twice).

                options:
                  --include REGEX  only benchmarks whose name matches (e.g. FillBench, 'ModelInitBench|Store');
                                   default: the whole suite
                  --param SPEC     override benchmark parameters, e.g. 'engine=vector,auto;size=65536' (names:
                                   engine, scheme, size, threads, dtype, model, layers, n); overrides the suite's
                  --out DIR        where the files go (default: reports/bench under the project)
                  --forks N        forked JVMs per benchmark (default 2; use >= 2 for reported numbers)
                  --list           print the benchmarks the options select, run nothing
                  --selfcheck      no JMH: warm the vector engine up in this JVM and fail (exit 1) if it is not
                                   bit-identical to the scalar engine, allocates, or is slower than the scalar
                                   engine (left uncompiled by C2). The warm-up adapts to the machine's load: at
                                   least 150 calls, then until the JIT is idle and the fill stops getting
                                   faster, at most 60 s per transform (each line says how its warm-up ended)

                examples:
                  ./initlab bench --quick
                  ./initlab bench --include FillBench --forks 1 --out /tmp/bench
                  ./initlab bench --selfcheck""";
    }

    @Override
    public int run(Args args, PrintStream out, PrintStream err) throws Exception {
        if (!args.positionals().isEmpty()) {
            throw new IllegalArgumentException("bench takes no positional arguments, got '" + args.positionals().get(0) + "'");
        }
        boolean quick = args.flag("quick");
        boolean full = args.flag("full");
        boolean selfcheck = args.flag("selfcheck");
        boolean list = args.flag("list");
        if (quick && full) {
            throw new IllegalArgumentException("--quick and --full exclude each other");
        }
        String include = args.get("include", null);
        if (include != null) {
            try {
                Pattern.compile(include);
            } catch (PatternSyntaxException e) {
                throw new IllegalArgumentException("--include is not a regular expression: " + e.getDescription());
            }
        }
        Map<String, String[]> params = BenchRunner.parseParams(args.get("param", null));
        Path dir = Path.of(args.get("out", defaultOut()));
        int forks = args.getInt("forks", 2);
        args.checkNoneLeft();
        if (selfcheck) {
            if (quick || full || list || include != null || args.has("out") || args.has("forks") || !params.isEmpty()) {
                throw new IllegalArgumentException("--selfcheck takes no other option");
            }
            List<String> problems = VectorSelfCheck.run(VectorSelfCheck.Mode.FULL, err);
            problems.forEach(p -> err.println("initlab bench: self-check FAILED: " + p));
            out.println(problems.isEmpty() ? "vector self-check passed" : "vector self-check FAILED (" + problems.size()
                    + " problems, see stderr)");
            return problems.isEmpty() ? 0 : 1;
        }
        List<String> command = new ArrayList<>(List.of("./initlab", "bench", "--" + (full ? "full" : "quick"), "--forks",
                Integer.toString(forks)));
        if (include != null) {
            command.addAll(List.of("--include", "'" + include + "'"));
        }
        if (args.has("param")) {
            command.addAll(List.of("--param", "'" + args.get("param", "") + "'"));
        }
        command.addAll(List.of("--out", dir.toString()));
        BenchRunner.Settings settings = new BenchRunner.Settings(full, include, forks, dir, params, command);
        if (list) {
            BenchRunner.list(settings, QuietStream.over(out));
            return 0;
        }
        if (forks < 2) {
            err.println("initlab bench: note: --forks " + forks + " is fine for exploring, use >= 2 for reported numbers");
        }
        err.println("initlab bench: " + settings.suite() + " suite, " + forks + " forks, results in " + dir.toAbsolutePath());
        BenchRunner.Written w = BenchRunner.run(settings, QuietStream.over(err));
        out.println("wrote " + w.json() + ", " + w.summaryCsv() + ", " + w.targetsCsv() + ", " + w.note()
                + (w.latencyCsv() != null ? ", " + w.latencyCsv() : ""));
        out.println("load: " + w.load().note());
        out.println(w.speed().describe() + w.speed().drift().map(d -> "; " + d).orElse(""));
        for (Targets.Row t : w.targets()) {
            out.println(Targets.line(t));
        }
        return 0;
    }

    static String defaultOut() {
        String home = System.getProperty("initlab.home");
        return home == null ? Path.of("reports", "bench").toString() : Path.of(home, "reports", "bench").toString();
    }
}
