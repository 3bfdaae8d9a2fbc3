package dev.initlab.init;

import dev.initlab.dist.Distribution;
import dev.initlab.dist.HaarEntry;
import dev.initlab.fill.FillEngine;
import dev.initlab.fill.NormalTransform;
import dev.initlab.random.PhiloxStream;
import dev.initlab.tensor.Shape;

/**
 * (Semi-)orthogonal initialization: A. M. Saxe, J. L. McClelland and S. Ganguli, "Exact solutions
 * to the nonlinear dynamics of learning in deep linear neural networks", ICLR 2014.
 *
 * <p>The tensor is flattened to rows x cols: PyTorch takes rows = dim 0 and cols = the rest;
 * Keras and JAX take cols = the last dim and rows = the rest. With m = max(rows, cols) and
 * n = min(rows, cols), an m x n matrix of float64 standard normals (elements 0..mn-1 of the stream,
 * C order, the float64 word layout) is factorised A = QR by Householder reflections in double;
 * each column of Q is multiplied by sign(R_jj) (the sign fix that makes Q Haar-distributed:
 * F. Mezzadri, "How to generate random matrices from the classical compact groups", Notices AMS
 * 54 (2007)); Q, transposed when rows &lt; cols, times the gain is the result.
 */
public final class Orthogonal implements Initializer {
    private final double gain;
    private final Layout layout;
    private final boolean signFix;
    /** Threads of the QR; 0 = every core. */
    private final int threads;

    private Orthogonal(double gain, Layout layout, boolean signFix, int threads) {
        this.gain = Gain.check(gain);
        this.layout = layout;
        this.signFix = signFix;
        this.threads = threads;
    }

    public static Orthogonal of(double gain, Layout layout) {
        return new Orthogonal(gain, layout, true, 0);
    }

    /** A deliberately wrong variant without the sign fix (a negative control for the battery). */
    public static Orthogonal withoutSignFix(double gain, Layout layout) {
        return new Orthogonal(gain, layout, false, 0);
    }

    /**
     * The same scheme with its QR on {@code threads} threads ({@code 0}: every core, the default).
     * The result's bits do not depend on it ({@link HouseholderQr}); benchmarks use it to fix the
     * thread count.
     */
    public Orthogonal withThreads(int threads) {
        if (threads < 0) {
            throw new IllegalArgumentException("threads must be >= 0, got " + threads);
        }
        return new Orthogonal(gain, layout, signFix, threads);
    }

    /** rows and cols of the flattened matrix under this layout. */
    public long[] flatten(Shape shape) {
        if (shape.rank() < 2) {
            throw new IllegalArgumentException("orthogonal needs a tensor with 2 or more dimensions, got " + shape);
        }
        if (layout == Layout.TORCH) {
            return new long[] {shape.dim(0), shape.count() / shape.dim(0)};
        }
        long cols = shape.dim(-1);
        return new long[] {shape.count() / cols, cols};
    }

    @Override public String name() { return "orthogonal"; }
    @Override public Structure structure() { return Structure.ORTHOGONAL; }
    @Override public boolean needsFans() { return false; }
    @Override public String formula() { return gain + " * Q, Q Haar (semi-)orthogonal (" + layout.label() + " flattening)"; }

    public double gain() {
        return gain;
    }

    @Override
    public Distribution distribution(Shape shape, Fans fans) {
        long[] rc = flatten(shape);
        return new HaarEntry(Math.max(rc[0], rc[1]), gain);
    }

    /** The result in double, C order of the flattened rows x cols matrix. */
    public double[] matrix(Shape shape, PhiloxStream stream, FillEngine engine) {
        long[] rc = flatten(shape);
        int rows = (int) rc[0];
        int cols = (int) rc[1];
        int m = Math.max(rows, cols);
        int n = Math.min(rows, cols);
        double[] a = new double[m * n];
        engine.fill(NormalTransform.of(0, 1), stream, a);
        int t = threads > 0 ? threads : Runtime.getRuntime().availableProcessors();
        double[] q = HouseholderQr.thinQ(a, m, n, signFix, t);
        double[] out = new double[rows * cols];
        if (rows >= cols) {
            for (int i = 0; i < m * n; i++) {
                out[i] = gain * q[i];
            }
        } else {
            for (int i = 0; i < m; i++) {
                for (int j = 0; j < n; j++) {
                    out[j * m + i] = gain * q[i * n + j];
                }
            }
        }
        return out;
    }

    @Override
    public void checkRepresentable(Shape shape, Fans fans, Precision p) {
        Limits.nonzero(ParameterException.name("gain"), gain, p);
        long[] rc = flatten(shape);
        long m = Math.max(rc[0], rc[1]);
        double entry = gain / Math.sqrt(m);
        if (Math.abs(p.round(entry)) < (p == Precision.FLOAT32 ? Float.MIN_NORMAL : Double.MIN_NORMAL)) {
            throw new ParameterException(ParameterException.name("gain") + " " + Limits.show(gain) + " is too small for " + p
                    + ": entries of size gain/sqrt(" + m + ") = " + Limits.show(entry) + " are below its normal range");
        }
    }

    @Override
    public void fill(Shape shape, Fans fans, PhiloxStream stream, FillEngine engine, float[] dst) {
        Initializer.checkLength(shape, dst.length);
        checkRepresentable(shape, fans, Precision.FLOAT32);
        double[] m = matrix(shape, stream, engine);
        for (int i = 0; i < m.length; i++) {
            dst[i] = (float) m[i];
        }
    }

    @Override
    public void fill(Shape shape, Fans fans, PhiloxStream stream, FillEngine engine, double[] dst) {
        Initializer.checkLength(shape, dst.length);
        checkRepresentable(shape, fans, Precision.FLOAT64);
        System.arraycopy(matrix(shape, stream, engine), 0, dst, 0, dst.length);
    }
}
