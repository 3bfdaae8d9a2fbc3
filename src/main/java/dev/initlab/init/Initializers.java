package dev.initlab.init;

import dev.initlab.tensor.Shape;
import java.util.List;

/**
 * The front door for Java callers: a catalog scheme by name (PyTorch and Keras spellings, e.g.
 * {@code kaiming_normal_}, {@code GlorotUniform}) with typed {@link Parameters}, as a
 * {@link TensorInitializer} that fills {@code float[]} or {@code double[]} tensors.
 *
 * <pre>{@code
 * TensorInitializer he = Initializers.of("kaiming_normal", Parameters.none().nonlinearity("relu"))
 *         .withEngine(Engine.parallel(4));
 * float[] w = he.fill(new float[256 * 784], Shape.of(256, 784), 42L, 0L);
 * }</pre>
 *
 * Everything is validated here, before a tensor exists: an unknown scheme (with the nearest name), a
 * parameter the scheme does not take, a value out of range. Errors are {@link IllegalArgumentException}s
 * whose one-line message names parameters in Java terms ({@link ParameterException}).
 */
public final class Initializers {
    private Initializers() {
    }

    /** The scheme with its default parameters, fans read in its framework's layout. */
    public static TensorInitializer of(String scheme) {
        return of(scheme, Parameters.none());
    }

    /**
     * The scheme with {@code parameters}, fans read in its framework's layout: Keras spellings
     * ({@code glorot_*}, {@code he_*}, {@code HeNormal}...) read kernels as (k..., in, out), the rest as
     * PyTorch's (out, in, k...) ({@link Catalog#defaultLayout}); {@link TensorInitializer#withLayout} changes it.
     */
    public static TensorInitializer of(String scheme, Parameters parameters) {
        return TensorInitializer.of(scheme, parameters, Catalog.defaultLayout(scheme));
    }

    /** The scheme with {@code parameters} and fans read in {@code layout}. */
    public static TensorInitializer of(String scheme, Parameters parameters, Layout layout) {
        return TensorInitializer.of(scheme, parameters, layout);
    }

    /**
     * The layout {@link #of(String, Parameters)} reads fans in for {@code scheme}: {@link Layout#KERAS} for Keras
     * spellings, else {@link Layout#TORCH}.
     */
    public static Layout defaultLayout(String scheme) {
        return Catalog.defaultLayout(scheme);
    }

    /** The canonical scheme names, in catalog order. */
    public static List<String> names() {
        return Catalog.names();
    }
}
