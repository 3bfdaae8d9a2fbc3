package dev.initlab.cli;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.initlab.fill.Engines;
import dev.initlab.fill.VectorEngine;
import dev.initlab.fill.VectorSelfCheck;
import dev.initlab.io.AtomicFiles;
import java.io.IOException;
import java.io.InputStream;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.regex.Pattern;
import java.util.regex.PatternSyntaxException;
import java.util.stream.Stream;
import org.HdrHistogram.EncodableHistogram;
import org.HdrHistogram.Histogram;
import org.HdrHistogram.HistogramLogReader;
import org.openjdk.jmh.profile.GCProfiler;
import org.openjdk.jmh.results.format.ResultFormatType;
import org.openjdk.jmh.runner.Runner;
import org.openjdk.jmh.runner.format.OutputFormat;
import org.openjdk.jmh.runner.format.OutputFormatFactory;
import org.openjdk.jmh.runner.options.ChainedOptionsBuilder;
import org.openjdk.jmh.runner.options.Options;
import org.openjdk.jmh.runner.options.OptionsBuilder;
import org.openjdk.jmh.runner.options.TimeValue;
import org.openjdk.jmh.runner.options.VerboseMode;

/**
 * {@code initlab bench}: runs the JMH suite in package {@code dev.initlab.bench} through JMH's
 * Runner API and writes the JMH JSON, a CSV summary (samples/s, ns/sample, allocation per
 * operation), the per-call latency percentiles of the whole-model workloads, the performance target
 * ratios and a record of the machine and its load. {@code --selfcheck} instead checks that the
 * vector engine is compiled, exact and allocation-free.
 */
final class BenchCommand implements Command, Main.FlagAware {
    static final String PACKAGE = "dev.initlab.bench";
    /** Percentiles written per latency histogram. */
    static final double[] PERCENTILES = {0, 10, 25, 50, 75, 90, 95, 99, 99.9, 99.99, 100};

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

                Runs the JMH suite (package dev.initlab.bench) in forked JVMs with -prof gc and writes, under DIR:
                  jmh-SUITE.json     JMH's JSON results
                  jmh-SUITE.csv      one row per benchmark and parameter set: score and JMH error (99.9% CI),
                                     samples/s, ns/sample, bytes allocated per operation
                  latency.csv        (latency-full.csv for --full) per-call fill latency percentiles of the
                                     whole-model workloads, merged over forks: percentile,value_ns,engine,workload,...
                  targets-SUITE.csv  the project's performance targets as ratios from this one run, with errors
                  run-SUITE.json     command, JVM, CPU, vector shape, load average before and after
                Progress goes to stderr; a summary of the targets to stdout.

                suites:
                  --quick   (default) every engine x {uniform, normal, truncated_normal} x {4 Ki, 256 Ki, 16 Mi}
                            floats with 2 threads; He/Glorot presets at 256 Ki; baselines (Arrays.fill 1 and 2
                            threads, Random, ThreadLocalRandom, SplittableRandom, Commons RNG Ziggurat and
                            Philox4x32) ; GPT-2 small, BERT-base, ResNet-50 initialisation with 1 transformer
                            block. 2 forks, 3 warm-up + 3 measured iterations. About 10 minutes on 2 cores.
                  --full    adds float64, threads 1/2/4, baselines at all sizes, 12-block models and the auto
                            engine's threshold sweep (AutoThresholdBench); 3 forks, 5 x 1 s warm-up and
                            measurement. Several hours on 2 cores.

                options:
                  --include REGEX  only benchmarks whose name matches (e.g. FillBench, 'ModelInitBench|Store');
                                   default: the whole suite
                  --param SPEC     override benchmark parameters, e.g. 'engine=vector,auto;size=65536' (names:
                                   engine, scheme, size, threads, dtype, model, layers, n); overrides the suite's
                  --out DIR        where the files go (default: reports/bench under the project)
                  --forks N        forked JVMs per benchmark (default 2 quick, 3 full; use >= 2 for reported numbers)
                  --list           print the benchmarks the options select, run nothing
                  --selfcheck      no JMH: warm the vector engine up in this JVM and fail (exit 1) if it is not
                                   bit-identical to the scalar engine, allocates, or is slower than the scalar
                                   engine (left uncompiled by C2)

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
        Map<String, String[]> params = parseParams(args.get("param", null));
        Path dir = Path.of(args.get("out", defaultOut()));
        int forks = args.getInt("forks", full ? 3 : 2);
        if (forks < 1 || forks > 20) {
            throw new IllegalArgumentException("--forks must be between 1 and 20, got " + forks);
        }
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
        String suite = full ? "full" : "quick";
        Path json = dir.resolve("jmh-" + suite + ".json");
        Path latencyDir = dir.resolve("latency-" + suite);
        Options options = options(suite, include, forks, json, latencyDir, params);
        if (list) {
            new Runner(options, OutputFormatFactory.createFormatInstance(QuietStream.over(out), VerboseMode.NORMAL)).list();
            return 0;
        }
        if (forks < 2) {
            err.println("initlab bench: note: --forks " + forks + " is fine for exploring, use >= 2 for reported numbers");
        }
        Files.createDirectories(dir);
        clearLatencyLogs(latencyDir);
        List<String> command = new ArrayList<>(List.of("./initlab", "bench", "--" + suite, "--forks", Integer.toString(forks)));
        if (include != null) {
            command.addAll(List.of("--include", "'" + include + "'"));
        }
        if (args.has("param")) {
            command.addAll(List.of("--param", "'" + args.get("param", "") + "'"));
        }
        command.addAll(List.of("--out", dir.toString()));
        ObjectNode env = environment(suite, command);
        Instant start = Instant.now();
        err.println("initlab bench: " + suite + " suite, " + forks + " forks, results in " + dir.toAbsolutePath());
        OutputFormat progress = OutputFormatFactory.createFormatInstance(QuietStream.over(err), VerboseMode.NORMAL);
        // JMH writes its result file itself: into a temporary file that replaces jmh-SUITE.json atomically
        AtomicFiles.writeVia(json, tmp -> new Runner(options(suite, include, forks, tmp, latencyDir, params), progress).run());
        env.put("finished", Instant.now().toString());
        env.put("wall_seconds", Duration.between(start, Instant.now()).toSeconds());
        env.put("loadavg_after", loadAverage());
        AtomicFiles.writeString(dir.resolve("run-" + suite + ".json"),
                new ObjectMapper().writerWithDefaultPrettyPrinter().writeValueAsString(env));
        Map<String, Long> modelParams = new LinkedHashMap<>();
        Path latencyCsv = dir.resolve(full ? "latency-full.csv" : "latency.csv");
        int histograms = writeLatencyCsv(latencyDir, latencyCsv, modelParams);
        List<Row> rows = readRows(json, modelParams);
        writeSummaryCsv(rows, suite, dir.resolve("jmh-" + suite + ".csv"));
        List<Target> targets = targets(rows);
        writeTargetsCsv(targets, dir.resolve("targets-" + suite + ".csv"));
        out.println("wrote " + json + ", " + dir.resolve("jmh-" + suite + ".csv") + ", "
                + dir.resolve("targets-" + suite + ".csv") + (histograms > 0 ? ", " + latencyCsv : ""));
        for (Target t : targets) {
            out.println(t.line());
        }
        return 0;
    }

    static String defaultOut() {
        String home = System.getProperty("initlab.home");
        return home == null ? Path.of("reports", "bench").toString() : Path.of(home, "reports", "bench").toString();
    }

    /** The JMH options of a suite. */
    /** Parses {@code NAME=V1,V2;NAME2=V3} into parameter overrides. */
    static Map<String, String[]> parseParams(String spec) {
        Map<String, String[]> m = new LinkedHashMap<>();
        if (spec == null) {
            return m;
        }
        for (String part : spec.split(";")) {
            if (part.isBlank()) {
                continue;
            }
            int eq = part.indexOf('=');
            String name = eq < 0 ? "" : part.substring(0, eq).trim();
            if (!name.matches("[A-Za-z][A-Za-z0-9_]*") || eq == part.length() - 1) {
                throw new IllegalArgumentException("--param wants NAME=V1,V2;NAME2=V3, got '" + part + "'");
            }
            String[] values = part.substring(eq + 1).split(",");
            for (int i = 0; i < values.length; i++) {
                values[i] = values[i].trim();
                if (values[i].isEmpty()) {
                    throw new IllegalArgumentException("--param " + name + " has an empty value");
                }
            }
            m.put(name, values);
        }
        return m;
    }

    static Options options(String suite, String include, int forks, Path json, Path latencyDir,
                           Map<String, String[]> params) {
        ChainedOptionsBuilder b = new OptionsBuilder()
                .include(include == null ? Pattern.quote(PACKAGE) + "\\..*" : include)
                .forks(forks)
                // replaces the inherited launcher arguments; the benchmarks' @Fork(jvmArgsAppend) still apply
                // JMH itself calls sun.misc.Unsafe, which JDK 24+ warns about in four lines per fork: allowed quietly
                .jvmArgs("--sun-misc-unsafe-memory-access=allow", "-Dinitlab.bench.latency=" + latencyDir.toAbsolutePath())
                .addProfiler(GCProfiler.class)
                .shouldFailOnError(true)
                .timeout(TimeValue.minutes(10))
                .resultFormat(ResultFormatType.JSON)
                .result(json.toString()); // atomic: run() passes AtomicFiles.writeVia's temporary file
        if (suite.equals("quick")) {
            if (include == null) {
                b.exclude("AutoThresholdBench");
            }
            b.param("layers", "1");
        } else {
            b.param("dtype", "float32", "float64")
                    .param("threads", "1", "2", "4")
                    .param("size", "4096", "262144", "16777216")
                    .warmupIterations(5).warmupTime(TimeValue.seconds(1))
                    .measurementIterations(5).measurementTime(TimeValue.seconds(1));
        }
        params.forEach(b::param);
        return b.build();
    }

    // ---- environment --------------------------------------------------------------------------

    static ObjectNode environment(String suite, List<String> command) {
        ObjectNode env = new ObjectMapper().createObjectNode();
        env.put("suite", suite);
        env.put("command", String.join(" ", command));
        env.put("started", Instant.now().toString());
        env.put("java", System.getProperty("java.vm.name") + " " + Runtime.version());
        env.put("os", System.getProperty("os.name") + " " + System.getProperty("os.arch"));
        env.put("cpu", cpuModel());
        env.put("processors", Runtime.getRuntime().availableProcessors());
        env.put("vector_shape", Engines.vectorAvailable() ? VectorEngine.describeShape() : "unavailable");
        env.put("loadavg_before", loadAverage());
        return env;
    }

    static String loadAverage() {
        try {
            return Files.readString(Path.of("/proc/loadavg")).trim();
        } catch (IOException | RuntimeException e) {
            return "unknown";
        }
    }

    static String cpuModel() {
        try (Stream<String> lines = Files.lines(Path.of("/proc/cpuinfo"))) {
            return lines.filter(l -> l.startsWith("model name")).map(l -> l.substring(l.indexOf(':') + 1).trim())
                    .findFirst().orElse("unknown");
        } catch (IOException | RuntimeException e) {
            return "unknown";
        }
    }

    // ---- latency histograms -------------------------------------------------------------------

    static void clearLatencyLogs(Path latencyDir) throws IOException {
        if (Files.isDirectory(latencyDir)) {
            try (Stream<Path> files = Files.list(latencyDir)) {
                for (Path p : files.filter(p -> p.toString().endsWith(".hlog")).toList()) {
                    Files.delete(p);
                }
            }
        }
    }

    /**
     * Merges the per-fork histograms of each (model, engine, threads, layers) and writes their
     * percentiles; fills {@code modelParams} with parameter counts by "model|layers".
     *
     * @return the number of merged histograms written
     */
    static int writeLatencyCsv(Path latencyDir, Path csv, Map<String, Long> modelParams) throws IOException {
        if (!Files.isDirectory(latencyDir)) {
            return 0;
        }
        Map<String, Histogram> merged = new TreeMap<>();
        List<Path> logs;
        try (Stream<Path> files = Files.list(latencyDir)) {
            logs = files.filter(p -> p.toString().endsWith(".hlog")).sorted().toList();
        }
        for (Path log : logs) {
            try (InputStream in = Files.newInputStream(log)) {
                HistogramLogReader reader = new HistogramLogReader(in);
                for (EncodableHistogram e = reader.nextIntervalHistogram(); e != null; e = reader.nextIntervalHistogram()) {
                    Histogram h = (Histogram) e;
                    String tag = h.getTag();
                    String[] f = tag == null ? new String[0] : tag.split("\\|");
                    if (f.length != 5) {
                        throw new IOException(log + ": unexpected histogram tag '" + tag + "'");
                    }
                    String key = f[0] + "|" + f[1] + "|" + f[2] + "|" + f[3];
                    modelParams.put(f[0] + "|" + f[3], Long.parseLong(f[4]));
                    merged.computeIfAbsent(key, k -> new Histogram(h.getHighestTrackableValue(),
                            h.getNumberOfSignificantValueDigits())).add(h);
                }
            }
        }
        if (merged.isEmpty()) {
            return 0;
        }
        StringBuilder sb = new StringBuilder("percentile,value_ns,engine,workload,threads,layers,calls\n");
        for (Map.Entry<String, Histogram> e : merged.entrySet()) {
            String[] k = e.getKey().split("\\|");
            Histogram h = e.getValue();
            for (double p : PERCENTILES) {
                long v = p == 100 ? h.getMaxValue() : p == 0 ? h.getMinValue() : h.getValueAtPercentile(p);
                sb.append(fmt(p)).append(',').append(v).append(',').append(k[1]).append(',').append(k[0]).append(',')
                        .append(k[2]).append(',').append(k[3]).append(',').append(h.getTotalCount()).append('\n');
            }
        }
        AtomicFiles.writeString(csv, sb);
        return merged.size();
    }

    // ---- JMH JSON -> rows -----------------------------------------------------------------------

    /** One JMH result: a benchmark with its parameters, score and error, in samples where known. */
    record Row(String benchmark, Map<String, String> params, String mode, double score, double error, String unit,
               double samplesPerOp, double allocPerOp, int forks, int iterations) {
        String param(String k) {
            return params.getOrDefault(k, "");
        }

        /** Samples per second and its error (NaN when the samples per operation are unknown). */
        double[] samplesPerSecond() {
            if (!(samplesPerOp > 0)) {
                return new double[] {Double.NaN, Double.NaN};
            }
            if (unit.equals("ops/s")) {
                return new double[] {score * samplesPerOp, error * samplesPerOp};
            }
            double secondsPerOp = score * secondsPer(unit);
            double rel = error / score;
            double sps = samplesPerOp / secondsPerOp;
            return new double[] {sps, sps * rel};
        }

        static double secondsPer(String unit) {
            return switch (unit) {
                case "s/op" -> 1;
                case "ms/op" -> 1e-3;
                case "us/op" -> 1e-6;
                case "ns/op" -> 1e-9;
                default -> Double.NaN;
            };
        }
    }

    static List<Row> readRows(Path json, Map<String, Long> modelParams) throws IOException {
        JsonNode root = new ObjectMapper().readTree(json.toFile());
        List<Row> rows = new ArrayList<>();
        for (JsonNode r : root) {
            String bench = r.path("benchmark").asText();
            String shortName = bench.startsWith(PACKAGE + ".") ? bench.substring(PACKAGE.length() + 1) : bench;
            Map<String, String> params = new TreeMap<>();
            r.path("params").fields().forEachRemaining(e -> params.put(e.getKey(), e.getValue().asText()));
            JsonNode pm = r.path("primaryMetric");
            double score = pm.path("score").asDouble(Double.NaN);
            double error = pm.path("scoreError").asDouble(Double.NaN);
            double samples = Double.NaN;
            if (params.containsKey("size")) {
                samples = Double.parseDouble(params.get("size"));
            } else if (params.containsKey("n")) {
                samples = Double.parseDouble(params.get("n"));
            } else if (params.containsKey("model")) {
                Long n = modelParams.get(params.get("model") + "|" + params.get("layers"));
                samples = n == null ? Double.NaN : n;
            }
            double alloc = r.path("secondaryMetrics").path("gc.alloc.rate.norm").path("score").asDouble(Double.NaN);
            rows.add(new Row(shortName, params, r.path("mode").asText(), score, error, pm.path("scoreUnit").asText(),
                    samples, alloc, r.path("forks").asInt(), r.path("measurementIterations").asInt()));
        }
        return rows;
    }

    static void writeSummaryCsv(List<Row> rows, String suite, Path csv) throws IOException {
        StringBuilder sb = new StringBuilder("suite,benchmark,engine,scheme,size,threads,dtype,model,layers,mode,score,"
                + "score_error,unit,samples_per_s,samples_per_s_error,ns_per_sample,ns_per_sample_error,"
                + "alloc_bytes_per_op,forks,iterations\n");
        for (Row r : rows) {
            double[] sps = r.samplesPerSecond();
            double ns = 1e9 / sps[0];
            double nsErr = ns * sps[1] / sps[0];
            sb.append(String.join(",", suite, r.benchmark(), r.param("engine"), r.param("scheme"),
                    r.param("size").isEmpty() ? r.param("n") : r.param("size"), r.param("threads"), r.param("dtype"),
                    r.param("model"), r.param("layers"), r.mode(), fmt(r.score()), fmt(r.error()), r.unit(), fmt(sps[0]),
                    fmt(sps[1]), fmt(ns), fmt(nsErr), fmt(r.allocPerOp()), Integer.toString(r.forks()),
                    Integer.toString(r.iterations()))).append('\n');
        }
        AtomicFiles.writeString(csv, sb);
    }

    static String fmt(double v) {
        if (Double.isNaN(v) || Double.isInfinite(v)) {
            return "";
        }
        return String.format(Locale.ROOT, "%.6g", v);
    }

    // ---- targets ----------------------------------------------------------------------------------

    /** One of the performance targets, evaluated on one run. */
    record Target(String name, double value, double error, String comparison, double threshold, String how) {
        String verdict() {
            if (Double.isNaN(value)) {
                return "not measured";
            }
            boolean met = comparison.equals("<=") ? value <= threshold : value >= threshold;
            return met ? "met" : "missed";
        }

        String line() {
            return String.format(Locale.ROOT, "%-58s %10s +- %-9s (target %s %s) %s", name, fmt(value), fmt(error),
                    comparison, fmt(threshold), verdict());
        }
    }

    /** Finds the row of a benchmark whose parameters include all of {@code params}. */
    static Row find(List<Row> rows, String benchmark, Map<String, String> params) {
        for (Row r : rows) {
            if (r.benchmark().equals(benchmark) && params.entrySet().stream()
                    .allMatch(e -> e.getValue().equals(r.params().get(e.getKey())))) {
                return r;
            }
        }
        return null;
    }

    static List<Target> targets(List<Row> rows) {
        String size = "262144";
        Map<String, String> f32 = Map.of("dtype", "float32", "threads", "2");
        Row vNormal = find(rows, "FillBench.fill", with(f32, "engine", "vector", "scheme", "normal", "size", size));
        Row vUniform = find(rows, "FillBench.fill", with(f32, "engine", "vector", "scheme", "uniform", "size", size));
        Row pNormal = find(rows, "FillBench.fill", with(f32, "engine", "parallel", "scheme", "normal", "size", size));
        Row pUniform64m = find(rows, "FillBench.fill", with(f32, "engine", "parallel", "scheme", "uniform", "size", "16777216"));
        Row zig = find(rows, "BaselineBench.commonsZigguratGaussian", Map.of("size", size));
        Row tlr = find(rows, "BaselineBench.threadLocalNextFloat", Map.of("size", size));
        Row fill2 = find(rows, "StoreBench.arraysFill", Map.of("size", "16777216", "threads", "2"));
        List<Target> t = new ArrayList<>();
        t.add(nsPerSample("normal float32, vector engine, 1 core, 256 Ki (ns/sample)", vNormal, 1.0));
        t.add(ratio("normal: vector engine / Commons RNG Ziggurat (samples/s)", vNormal, zig, 2.5));
        t.add(nsPerSample("uniform float32, vector engine, 1 core, 256 Ki (ns/sample)", vUniform, 0.6));
        t.add(ratio("uniform: vector engine / ThreadLocalRandom.nextFloat", vUniform, tlr, 3.0));
        t.add(ratio("uniform 64 MiB, 2 threads / Arrays.fill 2 threads", pUniform64m, fill2, 0.5));
        t.add(ratio("normal 256 Ki: parallel 2 threads / vector 1 thread", pNormal, vNormal, 1.8));
        return t;
    }

    private static Map<String, String> with(Map<String, String> base, String... kv) {
        Map<String, String> m = new LinkedHashMap<>(base);
        for (int i = 0; i < kv.length; i += 2) {
            m.put(kv[i], kv[i + 1]);
        }
        return m;
    }

    static Target nsPerSample(String name, Row r, double threshold) {
        if (r == null) {
            return new Target(name, Double.NaN, Double.NaN, "<=", threshold, "row missing");
        }
        double[] sps = r.samplesPerSecond();
        double ns = 1e9 / sps[0];
        return new Target(name, ns, ns * sps[1] / sps[0], "<=", threshold, r.benchmark() + " " + r.params());
    }

    static Target ratio(String name, Row a, Row b, double threshold) {
        if (a == null || b == null) {
            return new Target(name, Double.NaN, Double.NaN, ">=", threshold, "row missing");
        }
        double[] x = a.samplesPerSecond();
        double[] y = b.samplesPerSecond();
        double q = x[0] / y[0];
        double rel = Math.hypot(x[1] / x[0], y[1] / y[0]);
        return new Target(name, q, q * rel, ">=", threshold, a.benchmark() + " " + a.params() + " / " + b.benchmark()
                + " " + b.params());
    }

    static void writeTargetsCsv(List<Target> targets, Path csv) throws IOException {
        StringBuilder sb = new StringBuilder("target,value,error,comparison,threshold,verdict,rows\n");
        for (Target t : targets) {
            sb.append('"').append(t.name()).append("\",").append(fmt(t.value())).append(',').append(fmt(t.error()))
                    .append(',').append(t.comparison()).append(',').append(fmt(t.threshold())).append(',')
                    .append(t.verdict()).append(",\"").append(t.how().replace("\"", "'")).append("\"\n");
        }
        AtomicFiles.writeString(csv, sb);
    }
}
