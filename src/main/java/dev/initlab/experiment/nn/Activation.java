package dev.initlab.experiment.nn;

import dev.initlab.dist.Gaussian;
import dev.initlab.init.Gain;
import java.util.Arrays;
import java.util.Locale;
import java.util.stream.Collectors;

/**
 * The element-wise nonlinearities the experiments study, with exact derivatives.
 *
 * <ul>
 *   <li>{@code linear}: f(z) = z;</li>
 *   <li>{@code tanh}; {@code sigmoid}: 1 / (1 + e^-z);</li>
 *   <li>{@code relu}: max(0, z); {@code leaky_relu}: z for z &gt; 0 else 0.01 z (PyTorch's default slope);</li>
 *   <li>{@code selu}: lambda (z for z &gt; 0 else alpha (e^z - 1)) with the constants of G. Klambauer et
 *       al., "Self-Normalizing Neural Networks", NeurIPS 2017;</li>
 *   <li>{@code gelu}: z Phi(z), the exact (erf) form of D. Hendrycks and K. Gimpel, "Gaussian Error
 *       Linear Units", arXiv:1606.08415.</li>
 * </ul>
 * Derivatives at the kink of relu / leaky_relu (z = 0) take the left value (0, resp. the slope), as
 * PyTorch does.
 */
public enum Activation {
    LINEAR("linear"),
    TANH("tanh"),
    SIGMOID("sigmoid"),
    RELU("relu"),
    LEAKY_RELU("leaky_relu"),
    SELU("selu"),
    GELU("gelu");

    /** Negative slope of {@code leaky_relu} (PyTorch's default). */
    public static final double LEAKY_SLOPE = 0.01;
    /** SELU alpha (Klambauer et al. 2017). */
    public static final double SELU_ALPHA = 1.6732632423543772848170429916717;
    /** SELU lambda, "scale" (Klambauer et al. 2017). */
    public static final double SELU_LAMBDA = 1.0507009873554804934193349852946;

    private final String label;

    Activation(String label) {
        this.label = label;
    }

    /** The name used on the command line and in CSV files, e.g. {@code leaky_relu}. */
    public String label() {
        return label;
    }

    /** Parses a CLI name (case-insensitive, '-' equals '_'). */
    public static Activation parse(String name) {
        String key = name.trim().toLowerCase(Locale.ROOT).replace('-', '_');
        for (Activation a : values()) {
            if (a.label.equals(key)) {
                return a;
            }
        }
        throw new IllegalArgumentException("unknown activation '" + name + "' (" + names() + ")");
    }

    /** All CLI names, comma separated. */
    public static String names() {
        return Arrays.stream(values()).map(Activation::label).collect(Collectors.joining(", "));
    }

    /** f(z) in double precision. */
    public double apply(double z) {
        return switch (this) {
            case LINEAR -> z;
            case TANH -> Math.tanh(z);
            case SIGMOID -> sigmoid(z);
            case RELU -> z > 0 ? z : 0.0;
            case LEAKY_RELU -> z > 0 ? z : LEAKY_SLOPE * z;
            case SELU -> z > 0 ? SELU_LAMBDA * z : SELU_LAMBDA * SELU_ALPHA * Math.expm1(z);
            case GELU -> z * Gaussian.cdf(z);
        };
    }

    /** f'(z) in double precision. */
    public double derivative(double z) {
        return switch (this) {
            case LINEAR -> 1.0;
            case TANH -> {
                double t = Math.tanh(z);
                yield 1 - t * t;
            }
            case SIGMOID -> {
                double s = sigmoid(z);
                yield s * (1 - s);
            }
            case RELU -> z > 0 ? 1.0 : 0.0;
            case LEAKY_RELU -> z > 0 ? 1.0 : LEAKY_SLOPE;
            case SELU -> z > 0 ? SELU_LAMBDA : SELU_LAMBDA * SELU_ALPHA * Math.exp(z);
            case GELU -> Gaussian.cdf(z) + z * Gaussian.pdf(z);
        };
    }

    private static double sigmoid(double z) {
        if (z >= 0) {
            return 1 / (1 + Math.exp(-z));
        }
        double e = Math.exp(z);
        return e / (1 + e);
    }

    /** Applies f to {@code z[0..n)} into {@code h} (float32 results of the double formula). */
    public void apply(float[] z, float[] h, int n) {
        switch (this) {
            case LINEAR -> System.arraycopy(z, 0, h, 0, n);
            case RELU -> {
                for (int i = 0; i < n; i++) {
                    h[i] = z[i] > 0 ? z[i] : 0f;
                }
            }
            default -> {
                for (int i = 0; i < n; i++) {
                    h[i] = (float) apply(z[i]);
                }
            }
        }
    }

    /**
     * Multiplies {@code g[0..n)} in place by f'(z[i]), where {@code h[i] = f(z[i])} as computed by
     * {@link #apply(float[], float[], int)}: tanh, sigmoid and selu take the derivative from h
     * (1 - h^2, h (1 - h), h + lambda alpha below zero), saving a transcendental call per element.
     */
    public void multiplyByDerivative(float[] z, float[] h, float[] g, int n) {
        switch (this) {
            case LINEAR -> {
            }
            case RELU -> {
                for (int i = 0; i < n; i++) {
                    if (!(z[i] > 0)) {
                        g[i] = 0f;
                    }
                }
            }
            case LEAKY_RELU -> {
                for (int i = 0; i < n; i++) {
                    if (!(z[i] > 0)) {
                        g[i] = (float) (g[i] * LEAKY_SLOPE);
                    }
                }
            }
            case TANH -> {
                for (int i = 0; i < n; i++) {
                    double t = h[i];
                    g[i] = (float) (g[i] * (1 - t * t));
                }
            }
            case SIGMOID -> {
                for (int i = 0; i < n; i++) {
                    double s = h[i];
                    g[i] = (float) (g[i] * (s * (1 - s)));
                }
            }
            case SELU -> {
                for (int i = 0; i < n; i++) {
                    g[i] = (float) (g[i] * (z[i] > 0 ? SELU_LAMBDA : h[i] + SELU_LAMBDA * SELU_ALPHA));
                }
            }
            case GELU -> {
                for (int i = 0; i < n; i++) {
                    g[i] = (float) (g[i] * derivative(z[i]));
                }
            }
        }
    }

    /**
     * PyTorch's {@code calculate_gain} for this nonlinearity (from {@link Gain}), or {@code NaN} for
     * gelu, which PyTorch does not define.
     */
    public double torchGain() {
        return switch (this) {
            case GELU -> Double.NaN;
            case LEAKY_RELU -> Gain.of("leaky_relu", LEAKY_SLOPE);
            default -> Gain.of(label, null);
        };
    }
}
