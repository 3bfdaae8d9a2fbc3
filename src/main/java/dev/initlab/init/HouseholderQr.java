package dev.initlab.init;

import dev.initlab.fill.Engines;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.locks.Condition;
import java.util.concurrent.locks.ReentrantLock;
import jdk.incubator.vector.DoubleVector;
import jdk.incubator.vector.VectorSpecies;

/**
 * The thin Q of a Householder QR factorisation, computed column panel by column panel so that it
 * is fast for large matrices and yet gives the same bits as the textbook unblocked algorithm
 * (G. H. Golub and C. F. Van Loan, "Matrix Computations", 4th ed., 2013, Alg. 5.2.1 for the
 * factorisation and 5.1.2 / LAPACK {@code dorg2r} for the backward accumulation of Q).
 *
 * <h2>Why the bits do not change</h2>
 * In the unblocked algorithm reflector H_j = I - 2 v v^T (v of unit norm, rows j..m-1) acts on
 * each later column k on its own: w_k = sum over i = j..m-1, ascending, of v_i a_ik (starting from
 * 0), then a_ik -= (2 v_i) w_k. Column k therefore sees the reflectors 0, 1, ..., k-1 in that order,
 * with exactly these floating-point operations, whatever happens to other columns in between. The
 * left-looking order used here (as in LAPACK's panel factorisations) keeps a panel of
 * {@value #PANEL} columns in cache, applies every earlier reflector to it, then factors the panel;
 * the operations on every column, and their order, are the unblocked ones, so the result is
 * bit-identical to the unblocked algorithm (a test checks this against a copy of that algorithm).
 * A compact-WY blocked update (R. Schreiber and C. Van Loan, SIAM J. Sci. Stat. Comput. 10(1) 1989)
 * would be faster still but rounds differently.
 *
 * <h2>Threads</h2>
 * Panels are dealt round-robin to the threads. A thread works on its next panel with every
 * reflector already published and waits only for the ones the previous panel is still making
 * (a pipelined left-looking factorisation). Accumulating Q needs no waiting: each panel of Q
 * columns applies the reflectors to itself. The thread count changes the speed, never the bits.
 */
final class HouseholderQr {
    /** Columns per panel: 8 doubles = 64 bytes per row, so a 4096-row panel (256 KiB) stays in a 512 KiB L2. */
    static final int PANEL = 8;

    private final int m;
    private final int n;
    private final double[] a;
    /** vs[j] = unit Householder vector of reflector j over rows j..m-1, or null when H_j = I. */
    private final double[][] vs;
    private final double[] rdiag;
    private final boolean simd;
    private final AtomicInteger ready = new AtomicInteger();
    private final ReentrantLock lock = new ReentrantLock();
    private final Condition published = lock.newCondition();

    private HouseholderQr(double[] a, int m, int n, boolean simd) {
        this.simd = simd;
        this.a = a;
        this.m = m;
        this.n = n;
        this.vs = new double[n][];
        this.rdiag = new double[n];
    }

    /**
     * Thin Q (m x n, row-major) of the m x n (m &gt;= n) row-major matrix {@code a}, which is
     * overwritten; columns multiplied by sign(R_jj) when {@code signFix}.
     */
    static double[] thinQ(double[] a, int m, int n, boolean signFix, int threads) {
        return thinQ(a, m, n, signFix, threads, SIMD);
    }

    /** {@link #thinQ(double[], int, int, boolean, int)} with the hot loop's kernel chosen (tests run both). */
    static double[] thinQ(double[] a, int m, int n, boolean signFix, int threads, boolean simd) {
        if (m < n || n < 1 || a.length != (long) m * n) {
            throw new IllegalArgumentException("need a tall m x n matrix, got " + m + " x " + n);
        }
        HouseholderQr qr = new HouseholderQr(a, m, n, simd);
        int panels = (n + PANEL - 1) / PANEL;
        int t = Math.max(1, Math.min(threads, panels));
        qr.run(t, qr::factorPanels);
        double[] q = new double[m * n];
        qr.run(t, (id, count) -> qr.accumulatePanels(q, id, count));
        if (signFix) {
            for (int i = 0; i < m; i++) {
                int row = i * n;
                for (int j = 0; j < n; j++) {
                    if (qr.rdiag[j] < 0) {
                        q[row + j] = -q[row + j];
                    }
                }
            }
        }
        return q;
    }

    private interface Part {
        void run(int id, int count);
    }

    private void run(int threads, Part part) {
        if (threads == 1) {
            part.run(0, 1);
            return;
        }
        List<Thread> workers = new ArrayList<>();
        Throwable[] failure = new Throwable[1];
        for (int id = 1; id < threads; id++) {
            int me = id;
            Thread w = new Thread(() -> {
                try {
                    part.run(me, threads);
                } catch (Throwable e) {
                    synchronized (failure) {
                        failure[0] = e;
                    }
                    abort();
                }
            }, "initlab-qr-" + id);
            w.setDaemon(true);
            workers.add(w);
            w.start();
        }
        try {
            part.run(0, threads);
        } catch (RuntimeException | Error e) {
            abort();
            throw e;
        } finally {
            for (Thread w : workers) {
                boolean interrupted = false;
                while (true) {
                    try {
                        w.join();
                        break;
                    } catch (InterruptedException e) {
                        interrupted = true;
                    }
                }
                if (interrupted) {
                    Thread.currentThread().interrupt();
                }
            }
        }
        synchronized (failure) {
            if (failure[0] instanceof RuntimeException e) {
                throw e;
            } else if (failure[0] instanceof Error e) {
                throw e;
            } else if (failure[0] != null) {
                throw new IllegalStateException(failure[0]);
            }
        }
    }

    /** Makes waiting threads give up after another thread failed. */
    private void abort() {
        lock.lock();
        try {
            ready.set(Integer.MIN_VALUE);
            published.signalAll();
        } finally {
            lock.unlock();
        }
    }

    /** Waits until reflectors 0..count-1 are published; returns how many are (at least count). */
    private int awaitReflectors(int count) {
        int r = ready.get();
        if (r >= count) {
            return r;
        }
        lock.lock();
        try {
            while ((r = ready.get()) < count) {
                if (r < 0) {
                    throw new IllegalStateException("another QR thread failed");
                }
                published.awaitUninterruptibly();
            }
            return r;
        } finally {
            lock.unlock();
        }
    }

    private void publish(int count) {
        lock.lock();
        try {
            if (ready.get() >= 0) {
                ready.set(count);
            }
            published.signalAll();
        } finally {
            lock.unlock();
        }
    }

    /** Factorisation: thread {@code id} of {@code count} takes panels id, id + count, ... */
    private void factorPanels(int id, int count) {
        double[] panel = new double[m * PANEL];
        double[] w = new double[PANEL];
        for (int p = id * PANEL; p < n; p += count * PANEL) {
            int width = Math.min(PANEL, n - p);
            copyIn(panel, p, width);
            int done = 0;
            while (done < p) {   // earlier reflectors, in order, as soon as they are published
                int upTo = Math.min(p, awaitReflectors(done + 1));
                applyRun(done, upTo, 1, panel, width, w);
                done = upTo;
            }
            for (int c = 0; c < width; c++) {
                makeReflector(panel, width, p + c, c);
                apply(vs[p + c], p + c, panel, width, c + 1, w);
            }
            publish(p + width);
        }
    }

    /** Reflector j from column c of the panel (rows j..m-1), as the unblocked algorithm makes it. */
    private void makeReflector(double[] panel, int width, int j, int c) {
        double norm = 0;
        for (int i = j; i < m; i++) {
            norm = Math.hypot(norm, panel[i * width + c]);
        }
        double x0 = panel[j * width + c];
        double alpha = x0 >= 0 ? -norm : norm;
        rdiag[j] = alpha;
        double[] v = new double[m - j];
        for (int i = j; i < m; i++) {
            v[i - j] = panel[i * width + c];
        }
        v[0] -= alpha;
        double vn = 0;
        for (double x : v) {
            vn = Math.hypot(vn, x);
        }
        if (vn == 0) {
            vs[j] = null;
            return;
        }
        for (int i = 0; i < v.length; i++) {
            v[i] /= vn;
        }
        vs[j] = v;
    }

    /** Applies I - 2 v v^T (rows j..m-1) to panel columns from..width-1: w = v^T P, then P -= 2 v w. */
    private void apply(double[] v, int j, double[] panel, int width, int from, double[] w) {
        if (v == null || from >= width) {
            return;
        }
        java.util.Arrays.fill(w, 0);
        for (int i = j; i < m; i++) {
            double vi = v[i - j];
            int row = i * width;
            for (int k = from; k < width; k++) {
                w[k] += vi * panel[row + k];
            }
        }
        for (int i = j; i < m; i++) {
            double vi2 = 2 * v[i - j];
            int row = i * width;
            for (int k = from; k < width; k++) {
                panel[row + k] -= vi2 * w[k];
            }
        }
    }

    /** Applies reflectors first, first + step, ... (before end; step +1 or -1) to every column of the panel. */
    private void applyRun(int first, int end, int step, double[] panel, int width, double[] w) {
        if (simd && width == PANEL) {
            VectorPanel.applyRun(vs, first, end, step, m, panel);
            return;
        }
        for (int j = first; j != end; j += step) {
            apply(vs[j], j, panel, width, 0, w);
        }
    }

    /** Whether the Vector API kernel is used by default (same bits as the scalar loops). */
    static final boolean SIMD = Engines.vectorAvailable() && !Boolean.getBoolean("initlab.qr.scalar");

    /**
     * The hot loop on SIMD registers for a whole panel: its 8 columns are two vectors of lanes, and each lane
     * does the scalar loop's multiply and add (never a fused multiply-add) in the scalar loop's
     * order, so the bits are the scalar ones ({@code HouseholderQrTest} runs both kernels). One
     * pass over the rows both updates them with reflector j and accumulates reflector j+1's dot
     * products from the updated rows, which is the same arithmetic with half the memory traffic.
     */
    private static final class VectorPanel {
        private static final VectorSpecies<Double> S = DoubleVector.SPECIES_256;

        /**
         * Applies reflectors first, first + step, ... (stopping before {@code end}; step +1 or -1)
         * to the panel: the order of the factorisation (+1) or of the accumulation of Q (-1).
         */
        static void applyRun(double[][] vs, int first, int end, int step, int m, double[] panel) {
            // everything stays in locals: vectors kept in arrays or returned from methods are not
            // scalar-replaced by C2 and turn into heap objects (measured 5x slower)
            int j = next(vs, first, end, step);
            if (j == end) {
                return;
            }
            double[] v = vs[j];
            DoubleVector w0 = DoubleVector.zero(S);
            DoubleVector w1 = w0;
            for (int i = j; i < m; i++) {
                double vi = v[i - j];
                int row = i * PANEL;
                w0 = w0.add(DoubleVector.fromArray(S, panel, row).mul(vi));
                w1 = w1.add(DoubleVector.fromArray(S, panel, row + 4).mul(vi));
            }
            while (true) {
                int jn = next(vs, j + step, end, step);
                double[] vn = jn == end ? null : vs[jn];
                int fused = vn == null ? m : Math.max(j, jn);
                for (int i = j; i < fused; i++) {   // rows reflector jn does not reach (or all, for the last)
                    double vi2 = 2 * v[i - j];
                    int row = i * PANEL;
                    DoubleVector.fromArray(S, panel, row).sub(w0.mul(vi2)).intoArray(panel, row);
                    DoubleVector.fromArray(S, panel, row + 4).sub(w1.mul(vi2)).intoArray(panel, row + 4);
                }
                if (vn == null) {
                    return;
                }
                DoubleVector u0 = DoubleVector.zero(S);
                DoubleVector u1 = u0;
                for (int i = jn; i < j; i++) {   // rows reflector j leaves alone (descending runs only)
                    double ui = vn[i - jn];
                    int row = i * PANEL;
                    u0 = u0.add(DoubleVector.fromArray(S, panel, row).mul(ui));
                    u1 = u1.add(DoubleVector.fromArray(S, panel, row + 4).mul(ui));
                }
                for (int i = fused; i < m; i++) {   // update with reflector j, then reflector jn's dot product
                    double vi2 = 2 * v[i - j];
                    double ui = vn[i - jn];
                    int row = i * PANEL;
                    DoubleVector p0 = DoubleVector.fromArray(S, panel, row).sub(w0.mul(vi2));
                    DoubleVector p1 = DoubleVector.fromArray(S, panel, row + 4).sub(w1.mul(vi2));
                    p0.intoArray(panel, row);
                    p1.intoArray(panel, row + 4);
                    u0 = u0.add(p0.mul(ui));
                    u1 = u1.add(p1.mul(ui));
                }
                j = jn;
                v = vn;
                w0 = u0;
                w1 = u1;
            }
        }

        /** The first reflector from {@code from} on (in steps of {@code step}) that is not the identity, or end. */
        private static int next(double[][] vs, int from, int end, int step) {
            int j = from;
            while (j != end && vs[j] == null) {
                j += step;
            }
            return j;
        }

    }

    /**
     * Q = H_0 ... H_{n-1} [I_n; 0]: column k of Q starts as e_k and receives H_k, H_{k-1}, ..., H_0
     * (the reflectors j &gt; k leave it alone, as in {@code dorg2r}); thread {@code id} of
     * {@code count} takes panels id, id + count, ...
     */
    private void accumulatePanels(double[] q, int id, int count) {
        double[] panel = new double[m * PANEL];
        double[] w = new double[PANEL];
        for (int p = id * PANEL; p < n; p += count * PANEL) {
            int width = Math.min(PANEL, n - p);
            java.util.Arrays.fill(panel, 0);
            for (int c = 0; c < width; c++) {
                panel[(p + c) * width + c] = 1;
            }
            for (int j = p + width - 1; j >= p; j--) {   // the panel's own reflectors reach columns k >= j
                apply(vs[j], j, panel, width, j - p, w);
            }
            applyRun(p - 1, -1, -1, panel, width, w);
            for (int i = 0; i < m; i++) {
                System.arraycopy(panel, i * width, q, i * n + p, width);
            }
        }
    }

    private void copyIn(double[] panel, int p, int width) {
        for (int i = 0; i < m; i++) {
            System.arraycopy(a, i * n + p, panel, i * width, width);
        }
    }
}
