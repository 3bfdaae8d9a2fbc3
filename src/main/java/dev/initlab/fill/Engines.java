package dev.initlab.fill;

import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Fill engines by name. All engines produce bit-identical output for the same arguments; they
 * differ only in speed.
 * <ul>
 *   <li>{@code scalar}: the reference, one element at a time ({@link ScalarEngine}).</li>
 *   <li>{@code vector}: single-threaded SIMD ({@link VectorEngine}; needs
 *       {@code --add-modules jdk.incubator.vector}).</li>
 *   <li>{@code parallel}: {@code threads} threads (the caller and {@code threads - 1} pool
 *       workers), each chunk filled by the vector engine ({@link ParallelEngine}).</li>
 *   <li>{@code auto}: the vector engine for small fills, the parallel engine once a fill has enough
 *       work to repay the thread hand-off (policy in {@link AutoEngine}); for long-running programs,
 *       where the SIMD kernels are compiled after the first seconds. Where the Vector API is absent
 *       it falls back to the scalar kernels, i.e. behaves as {@code auto-scalar}.</li>
 *   <li>{@code auto-scalar}: the same policy with the scalar kernels (single-threaded:
 *       {@link ScalarEngine}; above the threshold: a {@link ParallelEngine} over it, whose name is
 *       {@code parallel-scalar}). For one-shot processes: in a fresh JVM the SIMD kernels run
 *       uncompiled for seconds, so a single fill of a few Mi elements is faster this way. The CLI's
 *       default ({@link #oneShot(int)}).</li>
 * </ul>
 * A name means the same engine on the command line ({@code --engine NAME}) and in
 * {@link #of(String, int)}. Engines with threads are cached per thread count, so repeated calls
 * share one pool.
 */
public final class Engines {
    /** The engine names {@link #of(String, int)} accepts. */
    public static final List<String> NAMES = List.of("scalar", "vector", "parallel", "auto", "auto-scalar");
    /** The name of the engine for one-shot processes ({@link #oneShot(int)}), the CLI's default. */
    public static final String ONE_SHOT = "auto-scalar";
    /** Largest thread count accepted. */
    public static final int MAX_THREADS = 1024;

    private static final Map<Integer, ParallelEngine> PARALLEL = new ConcurrentHashMap<>();
    private static final Map<Integer, AutoEngine> AUTO = new ConcurrentHashMap<>();
    private static final Map<Integer, AutoEngine> AUTO_SCALAR = new ConcurrentHashMap<>();

    private Engines() {
    }

    /**
     * The engine called {@code name}.
     *
     * @param name {@code scalar}, {@code vector}, {@code parallel}, {@code auto} or {@code auto-scalar}
     * @param threads threads for {@code parallel}, {@code auto} and {@code auto-scalar}; {@code <= 0} means
     *     {@link Runtime#availableProcessors()}; ignored by the single-threaded engines
     * @throws IllegalArgumentException for an unknown name, more than {@link #MAX_THREADS}
     *     threads, or {@code vector}/{@code parallel} without the Vector API
     */
    public static FillEngine of(String name, int threads) {
        if (name == null || !NAMES.contains(name)) {
            throw new IllegalArgumentException("unknown engine '" + name + "'; choose one of " + String.join(", ", NAMES));
        }
        int n = resolveThreads(threads);
        return switch (name) {
            case "scalar" -> ScalarEngine.instance();
            case "vector" -> requireVector("vector");
            case "parallel" -> {
                requireVector("parallel");
                yield parallel(n);
            }
            case "auto" -> AUTO.computeIfAbsent(n, k -> new AutoEngine("auto", single(), k == 1 ? null : parallel(k)));
            default -> AUTO_SCALAR.computeIfAbsent(n, k -> new AutoEngine("auto-scalar", ScalarEngine.instance(),
                    k == 1 ? null : new ParallelEngine(k, ScalarEngine.instance())));
        };
    }

    /**
     * The {@code auto-scalar} engine, for a short-lived process (one fill, then exit): scalar kernels,
     * going parallel across {@code threads} for large fills. In a fresh JVM the SIMD kernels run
     * uncompiled until C2 has compiled them, seconds later (first-call timings in the README's
     * engine section). Output is bit-identical to every other engine. Long-running programs should
     * use {@code auto}.
     */
    public static FillEngine oneShot(int threads) {
        return of(ONE_SHOT, threads);
    }

    /** {@link #of(String, int)} with the default thread count (all processors). */
    public static FillEngine of(String name) {
        return of(name, 0);
    }

    /**
     * The thread count an engine will use: {@code threads}, or the number of processors when
     * {@code threads <= 0}.
     *
     * @throws IllegalArgumentException if {@code threads > MAX_THREADS}
     */
    public static int resolveThreads(int threads) {
        if (threads > MAX_THREADS) {
            throw new IllegalArgumentException("threads must be at most " + MAX_THREADS + ", got " + threads);
        }
        return threads <= 0 ? Runtime.getRuntime().availableProcessors() : threads;
    }

    /**
     * Whether the SIMD engine can run here: the {@code jdk.incubator.vector} module is in the boot
     * layer and the preferred vector shape holds at least two longs.
     */
    public static boolean vectorAvailable() {
        return ModuleLayer.boot().findModule("jdk.incubator.vector").isPresent() && VectorProbe.supported();
    }

    /** The best single-threaded engine available. */
    static FillEngine single() {
        return vectorAvailable() ? VectorProbe.engine() : ScalarEngine.instance();
    }

    private static ParallelEngine parallel(int threads) {
        return PARALLEL.computeIfAbsent(threads, k -> new ParallelEngine(k, single()));
    }

    private static FillEngine requireVector(String name) {
        if (ModuleLayer.boot().findModule("jdk.incubator.vector").isEmpty()) {
            throw new IllegalArgumentException("engine '" + name + "' needs the Vector API: start the JVM with "
                    + "the module jdk.incubator.vector added, or use scalar/auto");
        }
        if (!VectorProbe.supported()) {
            throw new IllegalArgumentException("engine '" + name + "' needs vectors of 256 bits or more; this JVM offers "
                    + VectorProbe.shape() + " (use scalar/auto)");
        }
        return VectorProbe.engine();
    }

    /** Touches {@link VectorEngine} only when called, so this class loads without the vector module. */
    private static final class VectorProbe {
        static boolean supported() {
            return VectorEngine.supported();
        }

        static FillEngine engine() {
            return VectorEngine.instance();
        }

        static String shape() {
            return VectorEngine.describeShape();
        }
    }
}
