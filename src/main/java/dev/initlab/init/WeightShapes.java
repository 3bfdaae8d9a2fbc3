package dev.initlab.init;

import dev.initlab.tensor.Shape;

/**
 * The weight shape each framework allocates for a layer, so that fans can be compared across
 * frameworks for the same layer (the README's fan table is generated from this class).
 * <ul>
 *   <li>PyTorch: Linear (out, in); ConvNd (out, in/groups, k...); ConvTransposeNd (in, out/groups, k...).</li>
 *   <li>Keras/TF: Dense (in, out); ConvNd (k..., in/groups, out); ConvNdTranspose (k..., out, in).</li>
 *   <li>JAX/Flax: Dense (in, out); Conv (k..., in/groups, out); ConvTranspose (k..., in, out).</li>
 * </ul>
 */
public final class WeightShapes {
    private WeightShapes() {
    }

    public static Shape dense(long in, long out, Layout layout) {
        return layout == Layout.TORCH ? Shape.of(out, in) : Shape.of(in, out);
    }

    public static Shape conv(long in, long out, long[] kernel, int groups, Layout layout) {
        checkGroups(in, out, groups);
        return layout == Layout.TORCH ? join(new long[] {out, in / groups}, kernel, false)
                : join(new long[] {in / groups, out}, kernel, true);
    }

    public static Shape convTranspose(long in, long out, long[] kernel, int groups, Layout layout) {
        checkGroups(in, out, groups);
        return switch (layout) {
            case TORCH -> join(new long[] {in, out / groups}, kernel, false);
            case KERAS -> {
                requireNoGroups(groups, "Keras Conv*Transpose");
                yield join(new long[] {out, in}, kernel, true);
            }
            case JAX -> {
                requireNoGroups(groups, "Flax ConvTranspose");
                yield join(new long[] {in, out}, kernel, true);
            }
        };
    }

    private static void requireNoGroups(int groups, String what) {
        if (groups != 1) {
            throw new IllegalArgumentException(what + " has no groups argument");
        }
    }

    private static void checkGroups(long in, long out, int groups) {
        if (groups < 1 || in % groups != 0 || out % groups != 0) {
            throw new IllegalArgumentException("groups=" + groups + " must divide in=" + in + " and out=" + out);
        }
    }

    private static Shape join(long[] channels, long[] kernel, boolean kernelFirst) {
        long[] d = new long[channels.length + kernel.length];
        if (kernelFirst) {
            System.arraycopy(kernel, 0, d, 0, kernel.length);
            System.arraycopy(channels, 0, d, kernel.length, channels.length);
        } else {
            System.arraycopy(channels, 0, d, 0, channels.length);
            System.arraycopy(kernel, 0, d, channels.length, kernel.length);
        }
        return Shape.of(d);
    }
}
