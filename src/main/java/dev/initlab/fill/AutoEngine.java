package dev.initlab.fill;

import dev.initlab.random.PhiloxStream;

/**
 * The size policy behind two engines: {@code auto} (the single-threaded SIMD engine for small
 * fills, the parallel SIMD engine for fills with enough work to repay the thread hand-off) and
 * {@code auto-scalar} (the same with the scalar kernels, for one-shot processes; see
 * {@link Engines}). All parts are bit-identical to {@link ScalarEngine}, so the choice never
 * changes the output.
 *
 * <p>Policy: a fill of {@code n} elements goes parallel when {@code n * weight >= }
 * {@link #PARALLEL_MIN_WORK}, where {@code weight} is the transform's single-thread cost relative
 * to a float32 uniform element.
 *
 * <p>Measurement ({@code initlab bench --include AutoThresholdBench --param
 * 'dtype=float32,float64;engine=vector,parallel' --forks 1}, 2-core AMD EPYC VM with AVX2, load
 * average 3.5-4.2 from other tenants; reports/sweeps/auto-threshold.csv, kept out of
 * reports/bench so that the report does not read the sweep as a benchmark run): the vector engine costs
 * 1.23 (uniform f32), 2.73 (uniform f64), 2.96 (normal f32) and 12.2 (normal f64) ns per element
 * at 256 Ki; two threads were slower than one at 4 Ki for every transform (0.43-0.85x), break even
 * around 16 Ki uniform f32 elements (~20 us of work), and win 1.6-1.9x from ~50 us of work up.
 * The threshold, 64 Ki uniform-equivalent elements (~80 us of single-thread work), keeps the
 * hand-off (7-18 us) under about a quarter of the work, so no fill pays it for little gain.
 */
final class AutoEngine implements FillEngine {
    /** Parallel when the fill's work is at least this many float32-uniform elements (see above). */
    static final double PARALLEL_MIN_WORK = 1 << 16;

    private final String name;
    private final FillEngine single;
    private final ParallelEngine parallel;

    AutoEngine(String name, FillEngine single, ParallelEngine parallel) {
        this.name = name;
        this.single = single;
        this.parallel = parallel;
    }

    @Override
    public String name() {
        return name;
    }

    @Override
    public String toString() {
        return "AutoEngine[single=" + single.name() + ", threads=" + (parallel == null ? 1 : parallel.threads()) + "]";
    }

    /**
     * Single-thread cost of one element relative to a float32 uniform element, from the measured
     * ns/element above (truncated normal measured within 10% of normal; a constant is a store).
     * Float64 normal and truncated normal: 5 since their kernel computes the tails on gathered
     * lanes only (issue #11; was 10): {@code NormalQuantileTiming} measured the vector engine's
     * float64 normal fill at 2.2x its float64 uniform fill (256 Ki, same JVM, load 14), and float64
     * uniform is 2.2 here.
     */
    static double weight(ElementTransform t, boolean float64) {
        return switch (t) {
            case ConstantTransform c -> float64 ? 0.25 : 0.125;
            case UniformTransform u -> float64 ? 2.2 : 1;
            case NormalTransform n -> float64 ? 5 : 2.4;
            case TruncatedNormalTransform n -> float64 ? 5 : 2.6;
        };
    }

    /** Whether a fill of {@code len} elements of {@code t} goes to the parallel engine. */
    boolean goesParallel(ElementTransform t, boolean float64, int len) {
        return parallel != null && len * weight(t, float64) >= PARALLEL_MIN_WORK;
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
