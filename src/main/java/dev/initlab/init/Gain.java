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
                    throw new ParameterException("leaky_relu slope " + ParameterException.name("a") + " must be finite, got " + s);
                }
                double g = Math.sqrt(2.0 / (1 + s * s));
                if (!(g > 0)) {
                    throw new ParameterException(ParameterException.name("a") + " " + Limits.show(s) + " is too large: the leaky_relu gain "
                            + "sqrt(2/(1+a^2)) underflows to 0");
                }
                return g;
            }
            case "selu":
                return 0.75;
            default:
                throw new IllegalArgumentException("unknown nonlinearity '" + nonlinearity
                        + "' (linear, conv1d/2d/3d, conv_transpose1d/2d/3d, sigmoid, tanh, relu, leaky_relu, selu)");
        }
    }

    /** gain^2, the variance scale of a gain; refuses a square that overflows or underflows to 0. */
    public static double squared(String what, double gain) {
        double s = gain * gain;
        if (!Double.isFinite(s) || !(s > 0)) {
            throw new ParameterException(what + " " + Limits.show(gain) + " squared "
                    + (s > 0 ? "overflows" : "underflows to 0") + " (the variance scale is gain^2)");
        }
        return s;
    }

    /** Validates a user-supplied gain: finite and positive. */
    public static double check(double gain) {
        if (!(gain > 0) || !Double.isFinite(gain)) {
            throw new ParameterException(ParameterException.name("gain") + " must be positive and finite, got " + gain);
        }
        return gain;
    }
}
