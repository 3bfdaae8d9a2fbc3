package dev.initlab.init;

import java.util.Locale;

/**
 * Weight layout conventions, which decide how fans are read off a shape.
 * <ul>
 *   <li>{@link #TORCH}: (out, in/groups, k...) for Linear and Conv (OIHW); ConvTranspose stores
 *       (in, out/groups, k...). fan_in = dim1 * prod(k), fan_out = dim0 * prod(k)
 *       ({@code torch.nn.init._calculate_fan_in_and_fan_out}).</li>
 *   <li>{@link #KERAS}: (k..., in, out) (HWIO); Conv*Transpose stores (k..., out, in).
 *       fan_in = dim[-2] * prod(k), fan_out = dim[-1] * prod(k); rank 1: both = dim0
 *       ({@code keras.initializers.compute_fans}).</li>
 *   <li>{@link #JAX}: in_axis = -2, out_axis = -1, batch_axis = () by default; the receptive field
 *       is everything else ({@code jax.nn.initializers._compute_fans}); Flax kernels are HWIO.</li>
 * </ul>
 */
public enum Layout {
    TORCH, KERAS, JAX;

    public static Layout parse(String s) {
        return switch (s.toLowerCase(Locale.ROOT)) {
            case "torch", "pytorch", "oihw" -> TORCH;
            case "keras", "tf", "tensorflow", "hwio" -> KERAS;
            case "jax", "flax" -> JAX;
            default -> throw new IllegalArgumentException("unknown layout '" + s + "' (torch, keras or jax)");
        };
    }

    /** The user-facing label, e.g. {@code torch}. */
    public String label() {
        return name().toLowerCase(Locale.ROOT);
    }
}
