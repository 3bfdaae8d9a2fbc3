package dev.initlab.init;

import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;

/**
 * A scheme's parameters as typed values, named as in PyTorch and Keras ({@code gain}, {@code mode},
 * {@code std}, {@code stddev}...). Immutable: each setter returns a copy with one more value and refuses a
 * non-finite number at once ({@link ParameterException}). Whether the scheme takes a parameter, and whether
 * its value is in range for the scheme, is checked when the initializer is made
 * ({@link Initializers#of(String, Parameters)}): a parameter the scheme does not take is an error, never
 * silently ignored. {@code ./initlab list} and the README's catalog show each scheme's parameters.
 *
 * <pre>{@code
 * Parameters p = Parameters.none().mode(FanMode.FAN_OUT).nonlinearity("relu");
 * }</pre>
 */
public final class Parameters {
    private static final Parameters NONE = new Parameters(Map.of());

    private final Map<String, String> values;

    private Parameters(Map<String, String> values) {
        this.values = values;
    }

    /** No parameters: every scheme's defaults. */
    public static Parameters none() {
        return NONE;
    }

    /**
     * Parameters as text keyed by name ({@code gain -> "2"}; {@code fan-in} equals {@code fan_in}), as a
     * command line or an init spec rule gives them; each value is parsed and checked when the initializer
     * is made, with the same messages as the typed setters.
     */
    public static Parameters parse(Map<String, String> text) {
        Map<String, String> m = new LinkedHashMap<>();
        text.forEach((k, v) -> m.put(k.toLowerCase(Locale.ROOT).replace('-', '_'), Objects.requireNonNull(v, k)));
        return new Parameters(m);
    }

    /** The gain of xavier_*, orthogonal and identity (default 1). */
    public Parameters gain(double gain) {
        return with("gain", gain);
    }

    /** kaiming_*'s leaky_relu negative slope {@code a} (PyTorch default 0, or sqrt 5 in torch_default). */
    public Parameters a(double slope) {
        return with("a", slope);
    }

    /** kaiming_*'s nonlinearity for {@code calculate_gain} (linear, conv*, sigmoid, tanh, relu, leaky_relu, selu). */
    public Parameters nonlinearity(String nonlinearity) {
        return with("nonlinearity", Objects.requireNonNull(nonlinearity, "nonlinearity"));
    }

    /** Which fan scales the variance (kaiming_*, variance_scaling). */
    public Parameters mode(FanMode mode) {
        return with("mode", Objects.requireNonNull(mode, "mode").label());
    }

    /** variance_scaling's scale (default 1). */
    public Parameters scale(double scale) {
        return with("scale", scale);
    }

    /** variance_scaling's law (default truncated normal). */
    public Parameters distribution(VarianceScaling.Law law) {
        String label = switch (Objects.requireNonNull(law, "distribution")) {
            case UNIFORM -> "uniform";
            case NORMAL -> "untruncated_normal";
            case TRUNCATED_NORMAL -> "truncated_normal";
        };
        return with("distribution", label);
    }

    /** The mean of normal, truncated_normal and Keras' random_normal / keras_truncated_normal. */
    public Parameters mean(double mean) {
        return with("mean", mean);
    }

    /** The standard deviation of normal, truncated_normal and sparse (PyTorch's {@code std}). */
    public Parameters std(double std) {
        return with("std", std);
    }

    /** The standard deviation of Keras' random_normal and keras_truncated_normal ({@code stddev}). */
    public Parameters stddev(double stddev) {
        return with("stddev", stddev);
    }

    /** The lower bound of uniform and truncated_normal. */
    public Parameters low(double low) {
        return with("low", low);
    }

    /** The upper bound of uniform and truncated_normal. */
    public Parameters high(double high) {
        return with("high", high);
    }

    /** The lower bound of Keras' random_uniform. */
    public Parameters minval(double minval) {
        return with("minval", minval);
    }

    /** The upper bound of Keras' random_uniform. */
    public Parameters maxval(double maxval) {
        return with("maxval", maxval);
    }

    /** constant's value (required by constant). */
    public Parameters value(double value) {
        return with("value", value);
    }

    /** sparse's fraction of zeros per column, in [0, 1) (required by sparse). */
    public Parameters sparsity(double sparsity) {
        return with("sparsity", sparsity);
    }

    /** dirac's groups (default 1). */
    public Parameters groups(int groups) {
        return with("groups", Integer.toString(groups));
    }

    /** The values by Java name, in the order they were set. */
    public Map<String, String> asMap() {
        return java.util.Collections.unmodifiableMap(values);
    }

    /** The catalog's reader over these values (decimal text that reads back to the same double, bit for bit). */
    Params toParams() {
        return Params.of(values);
    }

    private Parameters with(String name, double value) {
        if (!Double.isFinite(value)) {
            throw new ParameterException(ParameterException.name(name) + " must be a finite number, got " + value);
        }
        return with(name, Double.toString(value));
    }

    private Parameters with(String name, String text) {
        Map<String, String> m = new LinkedHashMap<>(values);
        m.remove(name);
        m.put(name, text);
        return new Parameters(m);
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof Parameters p && p.values.equals(values);
    }

    @Override
    public int hashCode() {
        return values.hashCode();
    }

    @Override
    public String toString() {
        return values.toString();
    }
}
