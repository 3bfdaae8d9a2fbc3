package dev.initlab.fill;

import dev.initlab.random.PhiloxStream;

/**
 * The {@code auto} engine: the single-threaded SIMD engine for small fills, the parallel engine
 * for fills with enough work to repay the thread hand-off. Both are bit-identical to
 * {@link ScalarEngine}, so the choice never changes the output.
 *
 * <p>Policy: a fill of {@code n} elements goes parallel when {@code n * weight >= }
 * {@link #PARALLEL_MIN_WORK}, where {@code weight} is the transform's single-thread cost relative
 * to a float32 uniform element (measured with the JMH suite, see {@link Engines}).
 */
final class AutoEngine implements FillEngine {
    /**
     * Parallel when the fill's work is at least this many float32-uniform elements. Measured on a
     * 2-core AVX2 machine: a hand-off costs 7-18 us and a float32 uniform element ~0.5 ns on one
     * core, so two threads win by a safe margin from ~128 Ki uniform elements (~64 us of work).
     */
    static final long PARALLEL_MIN_WORK = 1L << 17;

    private final FillEngine single;
    private final ParallelEngine parallel;

    AutoEngine(FillEngine single, ParallelEngine parallel) {
        this.single = single;
        this.parallel = parallel;
    }

    @Override
    public String name() {
        return "auto";
    }

    @Override
    public String toString() {
        return "AutoEngine[single=" + single.name() + ", threads=" + (parallel == null ? 1 : parallel.threads()) + "]";
    }

    /** Single-thread cost of one element relative to a float32 uniform element (rounded, measured). */
    static int weight(ElementTransform t, boolean float64) {
        return switch (t) {
            case ConstantTransform c -> 1;
            case UniformTransform u -> float64 ? 2 : 1;
            case NormalTransform n -> float64 ? 8 : 3;
            case TruncatedNormalTransform n -> float64 ? 8 : 3;
        };
    }

    /** Whether a fill of {@code len} elements of {@code t} goes to the parallel engine. */
    boolean goesParallel(ElementTransform t, boolean float64, int len) {
        return parallel != null && (long) len * weight(t, float64) >= PARALLEL_MIN_WORK;
    }

    @Override
    public void fill(ElementTransform t, PhiloxStream s, long first, float[] dst, int off, int len) {
        (goesParallel(t, false, len) ? parallel : single).fill(t, s, first, dst, off, len);
    }

    @Override
    public void fill(ElementTransform t, PhiloxStream s, long first, double[] dst, int off, int len) {
        (goesParallel(t, true, len) ? parallel : single).fill(t, s, first, dst, off, len);
    }
}
