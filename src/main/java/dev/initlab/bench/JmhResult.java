package dev.initlab.bench;

import java.util.Collections;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.OptionalDouble;
import java.util.OptionalLong;
import java.util.SortedMap;
import java.util.TreeMap;
import java.util.stream.Collectors;

/**
 * One JMH result (one benchmark method at one parameter point), as read from JMH's JSON output.
 *
 * <p><b>Normalisation.</b> JMH counts <em>operations</em> (benchmark invocations). A fill benchmark
 * fills one array of {@code size} elements per invocation, so
 * <ul>
 *   <li>samples/s = ops/s &times; elements per op, and ns/sample = 10<sup>9</sup> / samples/s;</li>
 *   <li>elements per op come from the first parameter named one of {@link #SIZE_PARAMS} (values
 *       such as {@code 4096}, {@code 4Ki}, {@code 16Mi}; a trailing {@code B}/{@code iB} means
 *       bytes, divided by 8 when a {@code dtype}/{@code type}/{@code precision} parameter says
 *       64-bit, else by 4);</li>
 *   <li>if the benchmark class is on the class path and its method (or class) carries
 *       {@code @OperationsPerInvocation(n)} with n &gt; 1, JMH has already divided by n, and one
 *       operation is taken to be one sample;</li>
 *   <li>otherwise there is no per-sample figure ("n/a: no size parameter").</li>
 * </ul>
 * Rates: for {@code thrpt} the score is the total over all JMH threads; for the time modes
 * ({@code avgt}, {@code sample}, {@code ss}) the score is the time of one operation in one thread,
 * so the total rate is {@code threads / time}. All conversions are monotone, so the JMH interval
 * maps exactly.
 *
 * @param benchmark fully qualified {@code class.method}
 * @param mode JMH mode ({@code thrpt}, {@code avgt}, {@code sample}, {@code ss})
 * @param threads JMH worker threads
 * @param forks JMH forks
 * @param params benchmark {@code @Param} values, sorted by name
 * @param score primary score
 * @param scoreError half-width of JMH's 99.9% interval, NaN when JMH had too few iterations
 * @param unit primary score unit, e.g. {@code ops/s}, {@code ns/op}
 * @param measurements number of measurement iterations recorded (all forks)
 * @param secondary secondary metric scores by name (e.g. {@code gc.alloc.rate.norm} in B/op from
 *     {@code -prof gc}), sorted by name
 * @param run how the run was configured (shared by all results of one JMH invocation)
 * @param rawData the measurement iterations' scores per fork, in order (JMH's {@code rawData}; in
 *     sample mode each iteration's {@link #SAMPLE_QUANTILE} quantile of its sampled times, from
 *     {@code rawDataHistogram}), used for same-fork paired ratios ({@link PairedRatios})
 */
public record JmhResult(String benchmark, String mode, int threads, int forks, SortedMap<String, String> params,
                        double score, double scoreError, String unit, int measurements,
                        SortedMap<String, Double> secondary, RunInfo run,
                        List<List<Double>> rawData) {

    /**
     * Quantile that summarises one sample-mode iteration in {@link #rawData()}: the 10th percentile,
     * the time of operations that no neighbour preempted (a mean moves with the machine's load).
     */
    public static final double SAMPLE_QUANTILE = 0.1;

    /** Parameter names taken as the element count of one operation, in priority order. */
    public static final List<String> SIZE_PARAMS = List.of("size", "elements", "n", "length", "len", "count",
            "samples", "bytes");

    /** Parameter names taken as a thread count of an engine's own pool (instead of JMH threads). */
    public static final List<String> THREAD_PARAMS = List.of("threads", "parallelism", "workers");

    /** Validates and copies the parameter map. */
    public JmhResult {
        if (benchmark == null || benchmark.isBlank()) {
            throw new IllegalArgumentException("benchmark name missing");
        }
        params = Collections.unmodifiableSortedMap(new TreeMap<>(params));
        secondary = Collections.unmodifiableSortedMap(new TreeMap<>(secondary));
        rawData = rawData.stream().map(List::copyOf).toList();
        if (!Double.isFinite(score)) {
            throw new IllegalArgumentException(benchmark + ": score is not a finite number");
        }
    }

    /**
     * JMH's run configuration and JVM.
     *
     * @param jmhVersion e.g. 1.37
     * @param jdkVersion e.g. 25.0.1
     * @param vmName e.g. OpenJDK 64-Bit Server VM
     * @param vmVersion e.g. 25.0.1+8-LTS
     * @param jvmArgs JVM arguments of the forks
     * @param warmupIterations warmup iterations per fork
     * @param warmupTime warmup iteration length as JMH prints it
     * @param measurementIterations measurement iterations per fork
     * @param measurementTime measurement iteration length as JMH prints it
     */
    public record RunInfo(String jmhVersion, String jdkVersion, String vmName, String vmVersion,
                          List<String> jvmArgs, int warmupIterations, String warmupTime,
                          int measurementIterations, String measurementTime) {
        /** Copies the argument list. */
        public RunInfo {
            jvmArgs = List.copyOf(jvmArgs);
        }
    }

    /** Simple class name of the benchmark. */
    public String className() {
        String cls = benchmark.substring(0, Math.max(0, benchmark.lastIndexOf('.')));
        return cls.substring(cls.lastIndexOf('.') + 1);
    }

    /** The benchmark method name. */
    public String method() {
        return benchmark.substring(benchmark.lastIndexOf('.') + 1);
    }

    /** {@code Class.method}. */
    public String shortName() {
        return className().isEmpty() ? method() : className() + "." + method();
    }

    /** A parameter value, or null. */
    public String param(String name) {
        return params.get(name);
    }

    /** {@code k=v, k=v} of the parameters (empty string when none). */
    public String paramText() {
        return params.entrySet().stream().map(e -> e.getKey() + "=" + e.getValue()).collect(Collectors.joining(", "));
    }

    /**
     * Identity of a measurement across runs: benchmark, mode, JMH threads and parameters. Two
     * runs' results with the same key measure the same thing.
     */
    public String key() {
        return benchmark + " [" + paramText() + "] " + mode + " t=" + threads;
    }

    /** A readable label: {@code Class.method (k=v, ...)} plus {@code , t=N} when JMH threads > 1. */
    public String label() {
        String p = paramText();
        String t = threads > 1 ? (p.isEmpty() ? "" : ", ") + "t=" + threads : "";
        return shortName() + (p.isEmpty() && t.isEmpty() ? "" : " (" + p + t + ")");
    }

    /** The score with JMH's 99.9% interval. */
    public Estimate estimate() {
        return Estimate.of(score, scoreError);
    }

    /** Whether the score is a rate (higher is better), as opposed to a time per operation. */
    public boolean isRate() {
        OptionalDouble f = Units.rateOrTime(unit);
        return f.isPresent() && f.getAsDouble() > 0;
    }

    /**
     * Total operations per second with interval (see the class comment), or empty when the unit is
     * neither a rate nor a time or the score is not positive.
     */
    public Optional<Estimate> opsPerSecond() {
        OptionalDouble f = Units.rateOrTime(unit);
        if (f.isEmpty() || !(score > 0)) {
            return Optional.empty();
        }
        double k = f.getAsDouble();
        if (k > 0) {
            return Optional.of(estimate().times(k));
        }
        // a time per op in one thread: total rate = threads / (score * seconds-per-unit)
        return Optional.of(estimate().times(-k).reciprocal().times(Math.max(1, threads)));
    }

    /**
     * Elements (samples) produced by one JMH operation (see the class comment), or empty when
     * unknown.
     */
    public OptionalLong elementsPerOp() {
        if (hasOperationsPerInvocation()) {
            return OptionalLong.of(1);
        }
        for (String name : SIZE_PARAMS) {
            String v = params.get(name);
            if (v == null) {
                continue;
            }
            String t = v.trim();
            boolean bytes = name.equals("bytes");
            if (t.endsWith("B")) { // 64MiB, 4096B: bytes
                bytes = true;
                t = t.substring(0, t.length() - 1);
            }
            OptionalLong n = Units.parseCount(t);
            if (n.isEmpty() || n.getAsLong() <= 0) {
                continue;
            }
            return bytes ? OptionalLong.of(Math.max(1, n.getAsLong() / elementBytes())) : n;
        }
        return OptionalLong.empty();
    }

    /** Bytes per element: 8 when a dtype-like parameter names a 64-bit type, else 4. */
    public int elementBytes() {
        for (String k : List.of("dtype", "type", "precision", "format")) {
            String v = params.get(k);
            if (v != null) {
                String s = v.toLowerCase(Locale.ROOT);
                if (s.contains("64") || s.contains("double")) {
                    return 8;
                }
            }
        }
        return 4;
    }

    /** Samples per second with interval, or empty when it cannot be derived. */
    public Optional<Estimate> samplesPerSecond() {
        OptionalLong n = elementsPerOp();
        if (n.isEmpty()) {
            return Optional.empty();
        }
        return opsPerSecond().map(e -> e.times(n.getAsLong()));
    }

    /** Nanoseconds per sample (for the whole run, all threads together) with interval. */
    public Optional<Estimate> nsPerSample() {
        return samplesPerSecond().map(e -> e.reciprocal().times(1e9));
    }

    /**
     * Threads doing the work: JMH's thread count times the first of {@link #THREAD_PARAMS} that is
     * a positive whole number (an engine's own pool). A thread parameter does not count when an
     * {@code engine} parameter names a single-threaded engine ({@code scalar}, {@code vector}):
     * benchmarks often pass the pool size to every engine and only the parallel ones use it.
     */
    public int effectiveThreads() {
        int jmh = Math.max(1, threads);
        String engine = params.getOrDefault("engine", "").toLowerCase(Locale.ROOT);
        if (engine.equals("scalar") || engine.equals("vector")) {
            return jmh;
        }
        for (String k : THREAD_PARAMS) {
            OptionalLong n = Units.parseCount(params.get(k));
            if (n.isPresent() && n.getAsLong() > 0 && n.getAsLong() < 100_000) {
                return (int) n.getAsLong() * jmh;
            }
        }
        return jmh;
    }

    private boolean hasOperationsPerInvocation() {
        return OPI_CACHE.computeIfAbsent(benchmark, JmhResult::lookUpOperationsPerInvocation);
    }

    private static final java.util.concurrent.ConcurrentHashMap<String, Boolean> OPI_CACHE =
            new java.util.concurrent.ConcurrentHashMap<>();

    private static boolean lookUpOperationsPerInvocation(String benchmark) {
        String cls = benchmark.substring(0, Math.max(0, benchmark.lastIndexOf('.')));
        String method = benchmark.substring(benchmark.lastIndexOf('.') + 1);
        try {
            Class<?> c = Class.forName(cls, false, JmhResult.class.getClassLoader());
            for (var m : c.getMethods()) {
                if (m.getName().equals(method)) {
                    var opi = m.getAnnotation(org.openjdk.jmh.annotations.OperationsPerInvocation.class);
                    if (opi != null) {
                        return opi.value() > 1;
                    }
                }
            }
            var opi = c.getAnnotation(org.openjdk.jmh.annotations.OperationsPerInvocation.class);
            return opi != null && opi.value() > 1;
        } catch (ClassNotFoundException | LinkageError | SecurityException e) {
            return false;
        }
    }

    /** Lower-cased text of the benchmark name and parameters, used for matching by name. */
    String searchText() {
        StringBuilder sb = new StringBuilder(benchmark.toLowerCase(Locale.ROOT));
        params.forEach((k, v) -> sb.append(' ').append(k.toLowerCase(Locale.ROOT)).append('=')
                .append(v.toLowerCase(Locale.ROOT)));
        return sb.toString();
    }
}
