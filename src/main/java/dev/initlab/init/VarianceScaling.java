package dev.initlab.init;

import dev.initlab.fill.ElementTransform;
import dev.initlab.fill.NormalTransform;
import dev.initlab.fill.TruncatedNormalTransform;
import dev.initlab.fill.UniformTransform;
import dev.initlab.tensor.Shape;
import java.util.Locale;

/**
 * Variance scaling (Keras {@code VarianceScaling}; every Glorot/He/LeCun/Xavier/Kaiming preset is
 * one): target variance scale / n with n the fan the mode names.
 * <ul>
 *   <li>uniform: U(-limit, limit), limit = sqrt(3 scale / n);</li>
 *   <li>untruncated normal: N(0, scale / n);</li>
 *   <li>truncated normal: std = sqrt(scale / n) / 0.87962566103423978, truncated at +-2 std, so
 *       the variance after truncation is scale / n (0.8796... is the std of N(0,1) truncated to
 *       [-2, 2], as in Keras).</li>
 * </ul>
 * References: X. Glorot and Y. Bengio, AISTATS 2010 (fan_avg); K. He et al., ICCV 2015 (fan_in,
 * scale 2); Y. LeCun et al., "Efficient BackProp" 1998 (fan_in, scale 1).
 */
public final class VarianceScaling extends Elementwise {
    /** Std of N(0,1) truncated to [-2, 2] (Keras' constant). */
    public static final double TRUNC_STD_CORRECTION = 0.87962566103423978;

    /** Which law carries the variance. */
    public enum Law {
        UNIFORM, NORMAL, TRUNCATED_NORMAL;

        public static Law parse(String s) {
            return switch (s.toLowerCase(Locale.ROOT)) {
                case "uniform" -> UNIFORM;
                case "normal", "untruncated_normal" -> NORMAL;
                case "truncated_normal", "truncated" -> TRUNCATED_NORMAL;
                default -> throw new IllegalArgumentException("unknown distribution '" + s
                        + "' (uniform, untruncated_normal or truncated_normal)");
            };
        }
    }

    private final String name;
    private final double scale;
    private final FanMode mode;
    private final Law law;
    private final String formula;

    private VarianceScaling(String name, double scale, FanMode mode, Law law, String formula) {
        if (!(scale > 0) || !Double.isFinite(scale)) {
            throw new ParameterException(ParameterException.name("scale") + " must be positive and finite, got " + scale);
        }
        this.name = name;
        this.scale = scale;
        this.mode = mode;
        this.law = law;
        this.formula = formula;
    }

    /** Keras VarianceScaling(scale, mode, distribution). */
    public static VarianceScaling of(double scale, FanMode mode, Law law) {
        return new VarianceScaling("variance_scaling", scale, mode, law,
                "variance " + scale + "/" + mode.label() + ", " + law.name().toLowerCase(Locale.ROOT));
    }

    /** A named preset with a formula for reports. */
    public static VarianceScaling preset(String name, double scale, FanMode mode, Law law, String formula) {
        return new VarianceScaling(name, scale, mode, law, formula);
    }

    public double scale() {
        return scale;
    }

    public FanMode mode() {
        return mode;
    }

    public Law law() {
        return law;
    }

    /** Target variance scale / fan. */
    public double variance(Fans fans) {
        return scale / fans.fan(mode);
    }

    @Override
    public void checkRepresentable(Shape shape, Fans fans, Precision p) {
        double fan = fans.fan(mode);
        double v = variance(fans);
        if (!(v > 0) || !Double.isFinite(v)) {
            throw new IllegalArgumentException(name + ": the variance scale/" + mode.label() + " = " + Limits.show(scale)
                    + "/" + Limits.show(fan) + (v > 0 ? " overflows" : " underflows to 0"));
        }
        switch (law) {
            case UNIFORM -> Limits.symmetricUniform(name + "'s limit sqrt(3 * " + Limits.show(scale) + "/"
                    + Limits.show(fan) + ") =", Math.sqrt(3) * Math.sqrt(v), p);
            case NORMAL -> Limits.normal("the mean", 0, name + "'s std", Math.sqrt(v), p);
            case TRUNCATED_NORMAL -> {
                double std = Math.sqrt(v) / TRUNC_STD_CORRECTION;
                Limits.truncatedNormal("the mean", 0, name + "'s std", std, "-2 std", -2 * std, "2 std", 2 * std, p);
            }
        }
    }

    @Override
    public ElementTransform transform(Shape shape, Fans fans) {
        double v = variance(fans);
        return switch (law) {
            case UNIFORM -> UniformTransform.symmetric(Math.sqrt(3 * v));
            case NORMAL -> NormalTransform.of(0, Math.sqrt(v));
            case TRUNCATED_NORMAL -> {
                double std = Math.sqrt(v) / TRUNC_STD_CORRECTION;
                yield TruncatedNormalTransform.of(0, std, -2 * std, 2 * std);
            }
        };
    }

    @Override public String name() { return name; }
    @Override public boolean needsFans() { return true; }
    @Override public String formula() { return formula; }
}
