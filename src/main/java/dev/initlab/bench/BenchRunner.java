package dev.initlab.bench;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.initlab.init.ParameterException;
import dev.initlab.io.AtomicFiles;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.HdrHistogram.EncodableHistogram;
import org.HdrHistogram.Histogram;
import org.HdrHistogram.HistogramLogReader;
import org.openjdk.jmh.profile.GCProfiler;
import org.openjdk.jmh.results.format.ResultFormatType;
import org.openjdk.jmh.runner.NoBenchmarksException;
import org.openjdk.jmh.runner.Runner;
import org.openjdk.jmh.runner.RunnerException;
import org.openjdk.jmh.runner.format.OutputFormat;
import org.openjdk.jmh.runner.format.OutputFormatFactory;
import org.openjdk.jmh.runner.options.ChainedOptionsBuilder;
import org.openjdk.jmh.runner.options.Options;
import org.openjdk.jmh.runner.options.OptionsBuilder;
import org.openjdk.jmh.runner.options.TimeValue;
import org.openjdk.jmh.runner.options.VerboseMode;

/**
 * Runs the JMH suite (benchmark classes in package {@code dev.initlab.bench} under {@code jmh/},
 * compiled with the tests) through JMH's Runner API in forked JVMs with {@code -prof gc}, and
 * writes under the output folder: the JMH JSON, a CSV summary, the merged latency percentiles of
 * the whole-model workloads, the targets (evaluated by {@link Targets}, the same code the report
 * uses) and a run note (machine, command, load before, during and after: {@link LoadMonitor}; the
 * machine's speed by a fixed calibration loop before and after: {@link MachineSpeed}).
 * The benchmark classes must be on the class path: {@code ./initlab bench} puts them there (it
 * builds them with {@code mvn test-compile}); the forks inherit the class path.
 */
public final class BenchRunner {
    /** Package of the benchmark classes. */
    public static final String PACKAGE = "dev.initlab.bench";
    /** Percentiles written per latency histogram. */
    static final double[] PERCENTILES = {0, 10, 25, 50, 75, 90, 95, 99, 99.9, 99.99, 100};

    private BenchRunner() {
    }

    /**
     * What to run.
     *
     * @param full the full suite instead of the quick one
     * @param include benchmark regex, null for the whole suite
     * @param forks forked JVMs per benchmark
     * @param dir output folder
     * @param params parameter overrides ({@link #parseParams})
     * @param command the command line, as recorded in the run note
     */
    public record Settings(boolean full, String include, int forks, Path dir, Map<String, String[]> params,
                           List<String> command) {
        /** Validates. */
        public Settings {
            if (forks < 1 || forks > 20) {
                throw new ParameterException(ParameterException.name("forks") + " must be between 1 and 20, got " + forks);
            }
            params = new LinkedHashMap<>(params);
            command = List.copyOf(command);
        }

        /** "quick" or "full". */
        public String suite() {
            return full ? "full" : "quick";
        }

        /** The JMH invocations of this suite ({@link SuitePart#of}). */
        public List<SuitePart> parts() {
            return SuitePart.of(full, include, params);
        }
    }

    /**
     * What a run wrote.
     *
     * @param json the JMH JSON
     * @param summaryCsv one row per result
     * @param targetsCsv the targets
     * @param latencyCsv the latency percentiles, or null when no histogram was written
     * @param note the run note
     * @param targets the evaluated targets
     * @param load the load record
     * @param speed the machine-speed readings before and after the suite
     */
    public record Written(Path json, Path summaryCsv, Path targetsCsv, Path latencyCsv, Path note,
                          List<Targets.Row> targets, LoadMonitor.Record load, MachineSpeed.Pair speed) {
    }

    /** Parses {@code NAME=V1,V2;NAME2=V3} into parameter overrides. */
    public static Map<String, String[]> parseParams(String spec) {
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
                throw new ParameterException(ParameterException.name("param") + " wants NAME=V1,V2;NAME2=V3, got '" + part
                        + "'");
            }
            String[] values = part.substring(eq + 1).split(",");
            for (int i = 0; i < values.length; i++) {
                values[i] = values[i].trim();
                if (values[i].isEmpty()) {
                    throw new ParameterException(ParameterException.name("param") + " " + name + " has an empty value");
                }
            }
            m.put(name, values);
        }
        return m;
    }

    /** Whether the benchmark classes are on the class path (JMH's generated list of them). */
    public static boolean benchmarksAvailable() {
        return BenchRunner.class.getResource("/META-INF/BenchmarkList") != null;
    }

    private static void requireBenchmarks() {
        if (!benchmarksAvailable()) {
            throw new IllegalArgumentException("the benchmark classes (jmh/) are not on the class path: run bench "
                    + "through ./initlab, which builds them with mvn test-compile");
        }
    }

    /** Prints the benchmarks the settings select. */
    public static void list(Settings s, OutputStream out) throws RunnerException {
        requireBenchmarks();
        PrintStream print = new PrintStream(out, true);
        List<SuitePart> parts = s.parts();
        for (int i = 0; i < parts.size(); i++) {
            if (parts.size() > 1) {
                print.println("part " + (i + 1) + "/" + parts.size() + ": " + parts.get(i).describe());
            }
            new Runner(options(s, parts.get(i), s.dir().resolve("jmh-" + s.suite() + ".json"), latencyDir(s)),
                    OutputFormatFactory.createFormatInstance(print, VerboseMode.NORMAL)).list();
        }
    }

    private static Path latencyDir(Settings s) {
        return s.dir().resolve("latency-" + s.suite());
    }

    /** Runs the suite; JMH's progress goes to {@code progress}. */
    public static Written run(Settings s, OutputStream progress) throws IOException {
        requireBenchmarks();
        String suite = s.suite();
        Path dir = s.dir();
        Path json = dir.resolve("jmh-" + suite + ".json");
        Path latencyDir = latencyDir(s);
        Files.createDirectories(dir);
        clearLatencyLogs(latencyDir);
        long settled = LoadMonitor.settle(new PrintStream(progress, true));
        ObjectNode note = MachineInfo.environment(suite, s.command());
        note.put("load_settle_seconds", settled);
        // the machine's speed before and after the suite (MachineSpeed): load average and steal miss a slow host
        note.put("calibration_loop", MachineSpeed.LOOP);
        MachineSpeed.Reading before = MachineSpeed.measure();
        MachineSpeed.put(note, "before", before);
        Instant start = Instant.now();
        OutputFormat format = OutputFormatFactory.createFormatInstance(new PrintStream(progress, true), VerboseMode.NORMAL);
        LoadMonitor.Record load;
        try (LoadMonitor monitor = LoadMonitor.start(ownThreads(s), 2000)) {
            runParts(s, json, latencyDir, format, new PrintStream(progress, true), note);
            load = monitor.stop();
        }
        MachineSpeed.Reading after = MachineSpeed.measure();
        MachineSpeed.put(note, "after", after);
        MachineSpeed.Pair speed = new MachineSpeed.Pair(before, after);
        speed.drift().ifPresent(d -> note.put("calibration_drift", d));
        note.put("finished", Instant.now().toString());
        note.put("wall_seconds", Duration.between(start, Instant.now()).toSeconds());
        note.put("loadavg_after", MachineInfo.loadAverage());
        note.put("under_load", load.underLoad());
        note.put("load_note", load.note());
        ObjectNode l = note.putObject("load");
        l.put("cores", load.cores());
        l.put("load1_before", load.loadBefore());
        l.put("load1_min", load.loadMin());
        l.put("load1_median", load.loadMedian());
        l.put("load1_max", load.loadMax());
        l.put("load1_after", load.loadAfter());
        l.put("steal_fraction", load.stealFraction());
        l.put("samples", load.samples());
        Path notePath = dir.resolve("run-" + suite + ".json");
        AtomicFiles.writeString(notePath, new ObjectMapper().writerWithDefaultPrettyPrinter().writeValueAsString(note));
        Map<String, Long> modelParams = new LinkedHashMap<>();
        Path latencyCsv = dir.resolve(s.full() ? "latency-full.csv" : "latency.csv");
        int histograms = writeLatencyCsv(latencyDir, latencyCsv, modelParams);
        List<JmhResult> results = JmhJson.read(json);
        Path summary = dir.resolve("jmh-" + suite + ".csv");
        writeSummaryCsv(results, suite, modelParams, summary);
        Path targetsCsv = dir.resolve("targets-" + suite + ".csv");
        List<Targets.Row> targets = writeTargets(json, targetsCsv);
        return new Written(json, summary, targetsCsv, histograms > 0 ? latencyCsv : null, notePath, targets, load,
                speed);
    }

    /**
     * Evaluates the targets on a JMH JSON file and writes them as CSV: the bench command's path,
     * through {@link Targets#evaluate}, the evaluator the report's targets table uses too.
     */
    public static List<Targets.Row> writeTargets(Path jmhJson, Path csv) throws IOException {
        List<Targets.Row> targets = Targets.evaluate(JmhJson.read(jmhJson).stream().map(BenchRole::of).toList());
        Targets.writeCsv(targets, csv);
        return targets;
    }

    /** Threads the benchmarks themselves keep busy (for the load rule): the largest thread parameter. */
    static double ownThreads(Settings s) {
        String[] t = s.params().get("threads");
        int max = s.full() ? 4 : 2;
        if (t != null) {
            max = 1;
            for (String v : t) {
                try {
                    max = Math.max(max, Integer.parseInt(v));
                } catch (NumberFormatException e) {
                    // JMH will refuse it
                }
            }
        }
        return s.include() != null && s.include().contains(PairedRatios.BENCHMARK_CLASS) && t == null ? 1 : max;
    }

    /**
     * Runs the suite's parts one after the other, each JMH invocation writing its own JSON, and
     * merges their results, in order, into {@code json} (written atomically). A part that selects
     * no benchmark is skipped; when none selects any, JMH's "no matching benchmarks" error stands.
     */
    private static void runParts(Settings s, Path json, Path latencyDir, OutputFormat format, PrintStream progress,
                                 ObjectNode note) throws IOException {
        List<SuitePart> parts = s.parts();
        ObjectMapper mapper = new ObjectMapper();
        ArrayNode merged = mapper.createArrayNode();
        ArrayNode noteParts = note.putArray("parts");
        boolean skipped = false;
        int ran = 0;
        for (int i = 0; i < parts.size(); i++) {
            SuitePart part = parts.get(i);
            if (parts.size() > 1) {
                progress.println("initlab bench: part " + (i + 1) + "/" + parts.size() + ": " + part.describe());
            }
            Path partJson = json.resolveSibling(json.getFileName() + ".part" + (i + 1));
            try {
                // JMH writes its result file itself: into a temporary file that replaces the part's file atomically
                AtomicFiles.writeVia(partJson, tmp -> {
                    try {
                        new Runner(options(s, part, tmp, latencyDir), format).run();
                    } catch (RunnerException e) {
                        if (String.valueOf(e.getMessage()).contains("Another JMH instance")) {
                            throw new IllegalArgumentException("another JMH run holds its lock (/tmp/jmh.lock): one "
                                    + "benchmark run at a time on a machine");
                        }
                        throw e;
                    }
                });
            } catch (RuntimeException e) {
                if (runnerCause(e) instanceof NoBenchmarksException && parts.size() > 1) {
                    skipped = true;
                    noteParts.add(part.describe() + " (no benchmark selected)");
                    continue;
                }
                throw e;
            }
            JsonNode results = mapper.readTree(partJson.toFile());
            if (results != null && results.isArray()) {
                results.forEach(merged::add);
            }
            Files.deleteIfExists(partJson);
            noteParts.add(part.describe());
            ran++;
        }
        if (ran == 0 && skipped) {
            throw new IllegalArgumentException("no benchmark of the " + s.suite() + " suite matches the include "
                    + "pattern " + s.include());
        }
        AtomicFiles.writeString(json, mapper.writerWithDefaultPrettyPrinter().writeValueAsString(merged));
    }

    private static RunnerException runnerCause(Throwable e) {
        for (Throwable c = e; c != null; c = c.getCause()) {
            if (c instanceof RunnerException re) {
                return re;
            }
        }
        return null;
    }

    /** The JMH options of one part of a suite. */
    static Options options(Settings s, SuitePart part, Path json, Path latencyDir) {
        ChainedOptionsBuilder b = new OptionsBuilder()
                .include(part.include())
                .forks(s.forks())
                // replaces the inherited launcher arguments; the benchmarks' @Fork(jvmArgsAppend) still apply
                // JMH itself calls sun.misc.Unsafe, which JDK 24+ warns about in four lines per fork: allowed quietly
                .jvmArgs("--sun-misc-unsafe-memory-access=allow", "-Dinitlab.bench.latency=" + latencyDir.toAbsolutePath())
                .addProfiler(GCProfiler.class)
                .shouldFailOnError(true)
                .timeout(TimeValue.minutes(10))
                .resultFormat(ResultFormatType.JSON)
                .result(json.toString()); // atomic: run() passes AtomicFiles.writeVia's temporary file
        if (part.exclude() != null) {
            b.exclude(part.exclude());
        }
        if (part.shortIterations()) {
            b.warmupIterations(SuitePart.WARMUP_ITERATIONS).warmupTime(TimeValue.milliseconds(SuitePart.ITERATION_MS))
                    .measurementIterations(SuitePart.MEASURED_ITERATIONS)
                    .measurementTime(TimeValue.milliseconds(SuitePart.ITERATION_MS));
        }
        // one param() call per name: JMH adds a second call's values to the first's, never replaces them
        part.params().forEach(b::param);
        return b.build();
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

    // ---- summary CSV ------------------------------------------------------------------------------

    /**
     * Samples per second of one result with its interval: {@link JmhResult#samplesPerSecond()}, or
     * for a whole-model workload (no size parameter) ops/s times the model's parameter count from
     * its latency histograms' tags.
     */
    static Optional<Estimate> samplesPerSecond(JmhResult r, Map<String, Long> modelParams) {
        Optional<Estimate> sps = r.samplesPerSecond();
        if (sps.isPresent() || r.param("model") == null) {
            return sps;
        }
        Long n = modelParams.get(r.param("model") + "|" + r.param("layers"));
        return n == null ? Optional.empty() : r.opsPerSecond().map(e -> e.times(n));
    }

    static void writeSummaryCsv(List<JmhResult> results, String suite, Map<String, Long> modelParams, Path csv)
            throws IOException {
        StringBuilder sb = new StringBuilder("suite,benchmark,engine,scheme,size,threads,dtype,model,layers,mode,score,"
                + "score_error,unit,samples_per_s,samples_per_s_lo,samples_per_s_hi,ns_per_sample,ns_per_sample_lo,"
                + "ns_per_sample_hi,alloc_bytes_per_op,forks,iterations\n");
        for (JmhResult r : results) {
            Optional<Estimate> sps = PairedRatios.isPaired(r) ? Optional.empty() : samplesPerSecond(r, modelParams);
            Estimate ns = sps.map(e -> e.reciprocal().times(1e9)).orElse(null);
            String size = r.param("size") != null ? r.param("size") : r.param("n");
            sb.append(String.join(",", suite, r.shortName(), s(r.param("engine")), s(r.param("scheme")), s(size),
                    s(r.param("threads")), s(r.param("dtype")), s(r.param("model")), s(r.param("layers")), r.mode(),
                    fmt(r.score()), fmt(r.scoreError()), r.unit(),
                    fmt(sps.map(Estimate::value).orElse(Double.NaN)), fmt(sps.map(Estimate::lo).orElse(Double.NaN)),
                    fmt(sps.map(Estimate::hi).orElse(Double.NaN)), fmt(ns == null ? Double.NaN : ns.value()),
                    fmt(ns == null ? Double.NaN : ns.lo()), fmt(ns == null ? Double.NaN : ns.hi()),
                    fmt(r.secondary().getOrDefault("gc.alloc.rate.norm", Double.NaN)), Integer.toString(r.forks()),
                    Integer.toString(r.measurements()))).append('\n');
        }
        AtomicFiles.writeString(csv, sb);
    }

    private static String s(String v) {
        return v == null ? "" : v;
    }

    static String fmt(double v) {
        if (Double.isNaN(v) || Double.isInfinite(v)) {
            return "";
        }
        return String.format(Locale.ROOT, "%.6g", v);
    }
}
