package dev.initlab.init;

import dev.initlab.fill.ConstantTransform;
import dev.initlab.fill.ElementTransform;
import dev.initlab.fill.NormalTransform;
import dev.initlab.fill.TruncatedNormalTransform;
import dev.initlab.fill.UniformTransform;
import dev.initlab.tensor.Shape;
import java.util.function.Consumer;
import java.util.function.Supplier;

/** Schemes whose law does not depend on the fans: constants, uniform, normal, truncated normal. */
public final class Fixed extends Elementwise {
    private final String name;
    private final String formula;
    private final ElementTransform transform;
    private final Consumer<Precision> limits;

    private Fixed(String name, String formula, Supplier<ElementTransform> t, Consumer<Precision> limits) {
        this.name = name;
        this.formula = formula;
        this.transform = t.get();
        this.limits = limits;
    }

    public static Fixed constant(String name, double value) {
        return new Fixed(name, "const(" + value + ")", () -> ConstantTransform.of(value),
                p -> Limits.nonzero(ParameterException.name("value"), value, p));
    }

    public static Fixed uniform(double low, double high) {
        return uniform("uniform", ParameterException.name("low"), low, ParameterException.name("high"), high);
    }

    /** U(low, high) under a scheme name of its own (e.g. Keras' random_uniform, whose parameters are minval/maxval). */
    public static Fixed uniform(String name, String lowOption, double low, String highOption, double high) {
        return new Fixed(name, "U(" + low + ", " + high + ")", () -> UniformTransform.of(low, high),
                p -> Limits.uniform(lowOption, low, highOption, high, p));
    }

    public static Fixed normal(double mean, double std) {
        return normal("normal", ParameterException.name("std"), mean, std);
    }

    /** N(mean, std^2) under a scheme name of its own (e.g. Keras' random_normal, whose parameter is stddev). */
    public static Fixed normal(String name, String stdOption, double mean, double std) {
        return new Fixed(name, "N(" + mean + ", " + std + "^2)", () -> NormalTransform.of(mean, std),
                p -> Limits.normal(ParameterException.name("mean"), mean, stdOption, std, p));
    }

    /** PyTorch trunc_normal_: N(mean, std^2) truncated to the absolute interval [a, b]. */
    public static Fixed truncatedNormal(double mean, double std, double a, double b) {
        return truncatedNormal("truncated_normal", ParameterException.name("std"), mean, std, a, b);
    }

    /** N(mean, std^2) truncated to [a, b] under a scheme name of its own (e.g. Keras' TruncatedNormal: stddev). */
    public static Fixed truncatedNormal(String name, String stdOption, double mean, double std, double a, double b) {
        return new Fixed(name, "TN(" + mean + ", " + std + "^2; [" + a + ", " + b + "])",
                () -> TruncatedNormalTransform.of(mean, std, a, b),
                p -> Limits.truncatedNormal(ParameterException.name("mean"), mean, stdOption, std, ParameterException.name("low"), a, ParameterException.name("high"), b, p));
    }

    @Override
    public void checkRepresentable(Shape shape, Fans fans, Precision precision) {
        limits.accept(precision);
    }

    @Override public String name() { return name; }
    @Override public boolean needsFans() { return false; }
    @Override public String formula() { return formula; }
    @Override public ElementTransform transform(Shape shape, Fans fans) { return transform; }
}
