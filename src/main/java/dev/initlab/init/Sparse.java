package dev.initlab.init;

import dev.initlab.dist.Distribution;
import dev.initlab.dist.Mixture;
import dev.initlab.dist.Normal;
import dev.initlab.fill.FillEngine;
import dev.initlab.fill.NormalTransform;
import dev.initlab.random.PhiloxStream;
import dev.initlab.tensor.Shape;
import java.util.Arrays;

/**
 * Sparse initialization: J. Martens, "Deep learning via Hessian-free optimization", ICML 2010,
 * sec. 5, in the form of PyTorch's {@code sparse_(tensor, sparsity, std)}: a 2-D (rows, cols)
 * tensor of N(0, std^2) values in which each column has exactly ceil(sparsity * rows) zeros.
 *
 * <p>Counter-based zero mask: element (r, c) has C-order index e = r*cols + c and auxiliary key
 * {@link PhiloxStream#auxWord(long)}(e) as an unsigned int; in each column the rows with the
 * smallest (key, r) are zeroed. Values come from the element words as for {@code normal}.
 */
public final class Sparse implements Initializer {
    private final double sparsity;
    private final double std;

    private Sparse(double sparsity, double std) {
        if (!(sparsity >= 0 && sparsity < 1)) {
            throw new ParameterException(ParameterException.name("sparsity") + " must be in [0, 1), got " + sparsity);
        }
        if (!(std > 0) || !Double.isFinite(std)) {
            throw new ParameterException(ParameterException.name("std") + " must be positive and finite, got " + std);
        }
        this.sparsity = sparsity;
        this.std = std;
    }

    public static Sparse of(double sparsity, double std) {
        return new Sparse(sparsity, std);
    }

    private static void check2d(Shape shape) {
        if (shape.rank() != 2) {
            throw new IllegalArgumentException("sparse needs a 2-D shape, got " + shape);
        }
    }

    /** Zeros per column: ceil(sparsity * rows). */
    public long zerosPerColumn(Shape shape) {
        check2d(shape);
        return (long) Math.ceil(sparsity * shape.dim(0));
    }

    @Override public String name() { return "sparse"; }
    @Override public Structure structure() { return Structure.SPARSE; }
    @Override public boolean needsFans() { return false; }
    @Override public String formula() { return "N(0, " + std + "^2) with ceil(" + sparsity + " * rows) zeros per column"; }

    @Override
    public Distribution distribution(Shape shape, Fans fans) {
        double p = zerosPerColumn(shape) / (double) shape.dim(0);
        return Mixture.zeroInflated(p, Normal.of(0, std));
    }

    private boolean[] zeroMask(Shape shape, PhiloxStream stream) {
        int rows = (int) shape.dim(0);
        int cols = (int) shape.dim(1);
        int nz = (int) zerosPerColumn(shape);
        boolean[] mask = new boolean[rows * cols];
        long[] keys = new long[rows];
        for (int c = 0; c < cols; c++) {
            for (int r = 0; r < rows; r++) {
                long key = stream.auxWord((long) r * cols + c) & 0xFFFFFFFFL;
                keys[r] = (key << 31) | r; // sort by key, then row (rows < 2^31)
            }
            Arrays.sort(keys);
            for (int z = 0; z < nz; z++) {
                int r = (int) (keys[z] & 0x7FFFFFFFL);
                mask[r * cols + c] = true;
            }
        }
        return mask;
    }

    @Override
    public void checkRepresentable(Shape shape, Fans fans, Precision p) {
        Limits.normal("the mean", 0, ParameterException.name("std"), std, p);
    }

    @Override
    public void fill(Shape shape, Fans fans, PhiloxStream stream, FillEngine engine, float[] dst) {
        check2d(shape);
        Initializer.checkLength(shape, dst.length);
        checkRepresentable(shape, fans, Precision.FLOAT32);
        engine.fill(NormalTransform.of(0, std), stream, dst);
        boolean[] mask = zeroMask(shape, stream);
        for (int i = 0; i < dst.length; i++) {
            if (mask[i]) {
                dst[i] = 0f;
            }
        }
    }

    /**
     * The float64 twin of {@link #fill(Shape, Fans, PhiloxStream, FillEngine, float[])} (a deliberate twin: Java
     * has no generics over primitive arrays); {@code InitializerTwinsTest} checks the pair element by element.
     */
    @Override
    public void fill(Shape shape, Fans fans, PhiloxStream stream, FillEngine engine, double[] dst) {
        check2d(shape);
        Initializer.checkLength(shape, dst.length);
        checkRepresentable(shape, fans, Precision.FLOAT64);
        engine.fill(NormalTransform.of(0, std), stream, dst);
        boolean[] mask = zeroMask(shape, stream);
        for (int i = 0; i < dst.length; i++) {
            if (mask[i]) {
                dst[i] = 0;
            }
        }
    }
}
