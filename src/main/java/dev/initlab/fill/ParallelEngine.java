package dev.initlab.fill;

import dev.initlab.random.PhiloxStream;
import java.util.concurrent.ForkJoinPool;
import java.util.concurrent.ForkJoinWorkerThread;
import java.util.concurrent.RecursiveAction;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicIntegerFieldUpdater;

/**
 * Multithreaded engine: splits a slice into chunks whose boundaries are multiples of
 * {@link #ALIGN} tensor elements (so every chunk starts on a Philox block, for both dtypes and
 * every vector width up to 1024 bits), and fills the chunks with an inner single-threaded engine
 * (the vector engine, or the scalar one where SIMD is unavailable). Output is bit-identical to the
 * inner engine's, hence to {@link ScalarEngine}'s, for any thread count: each element is a pure
 * function of (seed, stream, index).
 *
 * <p>The calling thread works too, next to {@code threads - 1} workers of a private
 * {@link ForkJoinPool} (daemon threads, named {@code initlab-fill-N}, which exit when idle).
 * Chunks are claimed from a shared counter, so a slow (shared) core delays the fill by at most one
 * chunk. A call allocates one job object and one task per helper thread; nothing per chunk or per
 * element. Every fill of two or more chunks is split, however small: hand-off costs 7-18 us, which
 * is what {@code auto} and {@code auto-scalar} avoid (see {@link Engines}).
 */
public final class ParallelEngine implements FillEngine {
    /** Chunk boundaries are multiples of this many elements: 256 float32 blocks, 512 float64 blocks. */
    public static final int ALIGN = 1024;
    /** Largest chunk (elements): small enough that a 2-thread fill of 64 Mi floats has 256 chunks. */
    static final int MAX_CHUNK = 1 << 18;
    /** Chunks per thread aimed at, for load balance on busy machines. */
    private static final int CHUNKS_PER_THREAD = 4;

    private final int threads;
    private final FillEngine inner;
    private final ForkJoinPool pool;

    ParallelEngine(int threads, FillEngine inner) {
        if (threads < 1) {
            throw new IllegalArgumentException("threads must be >= 1, got " + threads);
        }
        this.threads = threads;
        this.inner = inner;
        this.pool = threads == 1 ? null : new ForkJoinPool(threads - 1, new Factory(), null, false);
    }

    /**
     * {@code parallel} over the vector engine (what {@code Engines.of("parallel")} returns);
     * {@code parallel-scalar} over the scalar engine, the multithreaded part of {@code auto-scalar}.
     */
    @Override
    public String name() {
        return inner instanceof ScalarEngine ? "parallel-scalar" : "parallel";
    }

    /** Threads that work on one fill, the caller included. */
    public int threads() {
        return threads;
    }

    /** The single-threaded engine that fills each chunk. */
    public FillEngine inner() {
        return inner;
    }

    @Override
    public String toString() {
        return "ParallelEngine[threads=" + threads + ", inner=" + inner.name() + "]";
    }

    /** Elements per chunk for a slice of {@code len} elements: a multiple of {@link #ALIGN}. */
    static int chunkSize(int len, int threads) {
        long want = (len + (long) threads * CHUNKS_PER_THREAD - 1) / ((long) threads * CHUNKS_PER_THREAD);
        long c = (want + ALIGN - 1) / ALIGN * ALIGN;
        return (int) Math.max(ALIGN, Math.min(c, MAX_CHUNK));
    }

    @Override
    public void fill(ElementTransform t, PhiloxStream s, long first, float[] dst, int off, int len) {
        FillEngine.checkSlice(first, dst.length, off, len);
        FillEngine.checkFloat32(t);
        split(t, s, first, dst, null, off, len);
    }

    @Override
    public void fill(ElementTransform t, PhiloxStream s, long first, double[] dst, int off, int len) {
        FillEngine.checkSlice(first, dst.length, off, len);
        FillEngine.checkFloat64(t);
        split(t, s, first, null, dst, off, len);
    }

    /**
     * Fills {@code f} (float32) or {@code d} (float64; exactly one is non-null) in chunks across the
     * threads, or alone on the calling thread when the slice is one chunk (or there is one thread).
     */
    private void split(ElementTransform t, PhiloxStream s, long first, float[] f, double[] d, int off, int len) {
        int c = chunkSize(len, threads);
        long base = first - Math.floorMod(first, (long) c);
        long end = first + len;
        long chunks = (end - base + c - 1) / c;
        Job job = new Job(inner, t, s, first, end, off, base, c, (int) Math.min(chunks, Integer.MAX_VALUE), f, d);
        if (pool == null || len <= ALIGN || chunks < 2) {
            job.fill(first, end);
        } else {
            run(job);
        }
    }

    private void run(Job job) {
        int helpers = Math.min(threads - 1, job.chunks - 1);
        Worker[] ws = new Worker[helpers];
        for (int h = 0; h < helpers; h++) {
            ws[h] = new Worker(job);
            pool.execute(ws[h]);
        }
        job.work();
        for (Worker w : ws) {
            w.join();
        }
    }

    /** One fill split into chunks, claimed by index. */
    static final class Job {
        private static final AtomicIntegerFieldUpdater<Job> NEXT =
                AtomicIntegerFieldUpdater.newUpdater(Job.class, "next");
        final FillEngine inner;
        final ElementTransform t;
        final PhiloxStream s;
        final long first;
        final long end;
        final int off;
        final long base;
        final int chunk;
        final int chunks;
        final float[] f;
        final double[] d;
        volatile int next;

        Job(FillEngine inner, ElementTransform t, PhiloxStream s, long first, long end, int off, long base,
            int chunk, int chunks, float[] f, double[] d) {
            this.f = f;
            this.d = d;
            this.inner = inner;
            this.t = t;
            this.s = s;
            this.first = first;
            this.end = end;
            this.off = off;
            this.base = base;
            this.chunk = chunk;
            this.chunks = chunks;
        }

        void work() {
            for (int k = NEXT.getAndIncrement(this); k < chunks; k = NEXT.getAndIncrement(this)) {
                long lo = Math.max(first, base + (long) k * chunk);
                long hi = Math.min(end, base + (long) (k + 1) * chunk);
                fill(lo, hi);
            }
        }

        /** Elements {@code lo .. hi-1} by the inner engine. */
        void fill(long lo, long hi) {
            int at = off + (int) (lo - first);
            if (f != null) {
                inner.fill(t, s, lo, f, at, (int) (hi - lo));
            } else {
                inner.fill(t, s, lo, d, at, (int) (hi - lo));
            }
        }
    }

    /** A helper thread's share of a job. */
    static final class Worker extends RecursiveAction {
        private static final long serialVersionUID = 1L;
        private final transient Job job;

        Worker(Job job) {
            this.job = job;
        }

        @Override
        protected void compute() {
            job.work();
        }
    }

    /** Daemon workers named initlab-fill-N. */
    private static final class Factory implements ForkJoinPool.ForkJoinWorkerThreadFactory {
        private static final AtomicInteger SERIAL = new AtomicInteger();

        @Override
        public ForkJoinWorkerThread newThread(ForkJoinPool pool) {
            ForkJoinWorkerThread w = ForkJoinPool.defaultForkJoinWorkerThreadFactory.newThread(pool);
            w.setName("initlab-fill-" + SERIAL.incrementAndGet());
            w.setDaemon(true);
            return w;
        }
    }
}
