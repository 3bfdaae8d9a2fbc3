package dev.initlab.init;

import dev.initlab.dist.Distribution;
import dev.initlab.dist.Mixture;
import dev.initlab.dist.PointMass;
import dev.initlab.fill.FillEngine;
import dev.initlab.random.PhiloxStream;
import dev.initlab.tensor.Shape;
import java.util.List;

/**
 * Deterministic schemes: identity/eye (torch {@code eye_}, Keras {@code Identity(gain)}) and
 * dirac (torch {@code dirac_(groups)}, which preserves the identity of conv inputs).
 */
public final class Structured implements Initializer {
    private final String name;
    private final double gain;
    private final int groups;
    private final Layout layout;

    private Structured(String name, double gain, int groups, Layout layout) {
        this.name = name;
        this.gain = Gain.check(gain);
        if (groups < 1) {
            throw new ParameterException(ParameterException.name("groups") + " must be >= 1, got " + groups);
        }
        this.groups = groups;
        this.layout = layout;
    }

    /** gain on the main diagonal of a 2-D tensor, 0 elsewhere. */
    public static Structured identity(double gain) {
        return new Structured("identity", gain, 1, Layout.TORCH);
    }

    /** Dirac delta at the kernel centre for each of min(out/groups, in) channel pairs per group. */
    public static Structured dirac(int groups, Layout layout) {
        return new Structured("dirac", 1.0, groups, layout);
    }

    @Override public String name() { return name; }
    @Override public Structure structure() { return Structure.DETERMINISTIC; }
    @Override public boolean needsFans() { return false; }

    @Override
    public String formula() {
        return name.equals("identity") ? gain + " * I" : "dirac(groups=" + groups + ", " + layout.label() + ")";
    }

    /** C-order indices of the non-zero elements. */
    public long[] nonZeros(Shape shape) {
        if (name.equals("identity")) {
            if (shape.rank() != 2) {
                throw new IllegalArgumentException("identity needs a 2-D shape, got " + shape);
            }
            int n = (int) Math.min(shape.dim(0), shape.dim(1));
            long[] idx = new long[n];
            for (int i = 0; i < n; i++) {
                idx[i] = i * shape.dim(1) + i;
            }
            return idx;
        }
        if (shape.rank() < 3 || shape.rank() > 5) {
            throw new IllegalArgumentException("dirac needs a 3-, 4- or 5-D conv weight, got " + shape);
        }
        int r = shape.rank();
        boolean torch = layout == Layout.TORCH;
        long out = torch ? shape.dim(0) : shape.dim(r - 1);
        long in = torch ? shape.dim(1) : shape.dim(r - 2);
        if (out % groups != 0) {
            throw new ParameterException("dirac: output channels " + out + " not divisible by " + ParameterException.name("groups") + " " + groups);
        }
        long opg = out / groups;
        long minDim = Math.min(opg, in);
        long[] dims = shape.dims();
        long[] idx = new long[(int) (groups * minDim)];
        int c = 0;
        for (int g = 0; g < groups; g++) {
            for (long d = 0; d < minDim; d++) {
                long[] pos = new long[r];
                if (torch) {
                    pos[0] = g * opg + d;
                    pos[1] = d;
                    for (int k = 2; k < r; k++) {
                        pos[k] = dims[k] / 2;
                    }
                } else {
                    for (int k = 0; k < r - 2; k++) {
                        pos[k] = dims[k] / 2;
                    }
                    pos[r - 2] = d;
                    pos[r - 1] = g * opg + d;
                }
                long flat = 0;
                for (int k = 0; k < r; k++) {
                    flat = flat * dims[k] + pos[k];
                }
                idx[c++] = flat;
            }
        }
        return idx;
    }

    @Override
    public Distribution distribution(Shape shape, Fans fans) {
        double ones = nonZeros(shape).length / (double) shape.count();
        if (ones >= 1) {
            return PointMass.of(gain);
        }
        return new Mixture(List.of(1 - ones, ones), List.of(PointMass.of(0), PointMass.of(gain)));
    }

    @Override
    public void checkRepresentable(Shape shape, Fans fans, Precision p) {
        Limits.nonzero(ParameterException.name("gain"), gain, p);
    }

    @Override
    public void fill(Shape shape, Fans fans, PhiloxStream stream, FillEngine engine, float[] dst) {
        Initializer.checkLength(shape, dst.length);
        checkRepresentable(shape, fans, Precision.FLOAT32);
        java.util.Arrays.fill(dst, 0f);
        for (long i : nonZeros(shape)) {
            dst[(int) i] = (float) gain;
        }
    }

    /**
     * The float64 twin of {@link #fill(Shape, Fans, PhiloxStream, FillEngine, float[])} (a deliberate twin: Java
     * has no generics over primitive arrays); {@code InitializerTwinsTest} checks the pair element by element.
     */
    @Override
    public void fill(Shape shape, Fans fans, PhiloxStream stream, FillEngine engine, double[] dst) {
        Initializer.checkLength(shape, dst.length);
        checkRepresentable(shape, fans, Precision.FLOAT64);
        java.util.Arrays.fill(dst, 0);
        for (long i : nonZeros(shape)) {
            dst[(int) i] = gain;
        }
    }
}
