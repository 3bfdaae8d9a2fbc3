package dev.initlab.experiment.nn;

import dev.initlab.fill.Engines;
import dev.initlab.fill.FillEngine;
import dev.initlab.fill.NormalTransform;
import dev.initlab.fill.UniformTransform;
import dev.initlab.random.PhiloxStream;

/**
 * The Philox streams of a training or probing run: seeds and stream ids of the experiments. Every random quantity is a Philox stream
 * ({@link PhiloxStream#of(long, long)}) of a run seed; distinct tensors use distinct stream ids:
 * <ul>
 *   <li>layer l (0-based) weights: stream 2l; biases: 2l+1;</li>
 *   <li>synthetic inputs: {@link #INPUT_STREAM}; output-gradient probes: {@link #GRAD_STREAM};
 *       the LSUV batch: {@link #LSUV_STREAM}; the per-epoch shuffles: {@link #SHUFFLE_STREAM} + epoch.</li>
 * </ul>
 * Run seed k of an experiment is {@link #runSeed(long, int) runSeed(master, k)}, so seed k is the
 * same draw for every scheme (paired comparisons).
 */
public final class RunStreams {
    public static final long INPUT_STREAM = 1L << 40;
    public static final long GRAD_STREAM = (1L << 40) + 1;
    public static final long LSUV_STREAM = (1L << 40) + 2;
    public static final long SHUFFLE_STREAM = 1L << 41;

    private RunStreams() {
    }

    private static final FillEngine ENGINE = Engines.of("auto", 1);

    /**
     * The engine that fills weights and synthetic data: {@code auto} with one thread (SIMD where the
     * Vector API is present, else scalar; bit-identical either way). One thread because the studies
     * already run one task per core.
     */
    public static FillEngine engine() {
        return ENGINE;
    }

    /** SplitMix64 finaliser of (master + golden-ratio * (k + 1)): a well-mixed seed per run index. */
    public static long runSeed(long master, int k) {
        long z = master + 0x9E3779B97F4A7C15L * (k + 1L);
        z = (z ^ (z >>> 30)) * 0xBF58476D1CE4E5B9L;
        z = (z ^ (z >>> 27)) * 0x94D049BB133111EBL;
        return z ^ (z >>> 31);
    }

    /** Fills {@code dst} with standard normals from (seed, stream). */
    public static void normals(long seed, long stream, float[] dst) {
        engine().fill(NormalTransform.of(0, 1), PhiloxStream.of(seed, stream), dst);
    }

    /**
     * A uniformly random permutation of 0..n-1 (Fisher-Yates; draw i uses float64 element i of the
     * stream as a uniform in [0,1), so the result is a pure function of (seed, stream, n)).
     */
    public static int[] permutation(long seed, long stream, int n) {
        double[] u = new double[Math.max(n - 1, 0)];
        engine().fill(UniformTransform.of(0, 1), PhiloxStream.of(seed, stream), u);
        int[] p = new int[n];
        for (int i = 0; i < n; i++) {
            p[i] = i;
        }
        for (int i = n - 1; i > 0; i--) {
            int j = (int) (u[n - 1 - i] * (i + 1));
            if (j > i) {
                j = i;
            }
            int t = p[i];
            p[i] = p[j];
            p[j] = t;
        }
        return p;
    }
}
