package dev.initlab.init;

import java.util.Locale;

/**
 * The recommended gain per nonlinearity, as {@code torch.nn.init.calculate_gain}:
 * linear, conv*, conv_transpose*, sigmoid: 1; tanh: 5/3; relu: sqrt 2;
 * leaky_relu(s): sqrt(2 / (1 + s^2)), s = 0.01 by default; selu: 3/4.
 */
public final class Gain {
    private Gain() {
    }

    /** Gain for {@code nonlinearity}; {@code param} is leaky_relu's negative slope (null for its default). */
    public static double of(String nonlinearity, Double param) {
        String n = nonlinearity.toLowerCase(Locale.ROOT);
        switch (n) {
            case "linear", "identity", "conv1d", "conv2d", "conv3d", "conv_transpose1d", "conv_transpose2d",
                 "conv_transpose3d", "sigmoid":
                return 1.0;
            case "tanh":
                return 5.0 / 3.0;
            case "relu":
                return Math.sqrt(2.0);
            case "leaky_relu": {
                double s = param == null ? 0.01 : param;
                if (!Double.isFinite(s)) {
                    throw new IllegalArgumentException("leaky_relu slope must be finite, got " + s);
                }
                return Math.sqrt(2.0 / (1 + s * s));
            }
            case "selu":
                return 0.75;
            default:
                throw new IllegalArgumentException("unknown nonlinearity '" + nonlinearity
                        + "' (linear, conv1d/2d/3d, conv_transpose1d/2d/3d, sigmoid, tanh, relu, leaky_relu, selu)");
        }
    }

    /** Validates a user-supplied gain: finite and positive. */
    public static double check(double gain) {
        if (!(gain > 0) || !Double.isFinite(gain)) {
            throw new IllegalArgumentException("gain must be positive and finite, got " + gain);
        }
        return gain;
    }
}
