package dev.initlab.init;

import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.function.BiFunction;

/**
 * Every scheme by name, with its aliases (PyTorch and Keras spellings), parameters and defaults.
 * {@link #of(String, Params, Layout)} validates everything before an initializer exists.
 */
public final class Catalog {
    /**
     * A catalog row; {@code params} lists the parameters the scheme takes with their defaults in Java names,
     * e.g. {@code low=0 high=1} ({@code value=V}: required).
     */
    public record SchemeEntry(String name, List<String> aliases, String origin, String summary, String params,
                        BiFunction<Params, Layout, Initializer> factory) {
    }

    private static final Map<String, SchemeEntry> BY_NAME = new LinkedHashMap<>();
    private static final Map<String, SchemeEntry> BY_ALIAS = new LinkedHashMap<>();

    static {
        add("zeros", List.of("zero", "zeros_"), "all", "every element 0", "",
                (p, l) -> Fixed.constant("zeros", 0));
        add("ones", List.of("one", "ones_"), "all", "every element 1", "",
                (p, l) -> Fixed.constant("ones", 1));
        add("constant", List.of("constant_", "full"), "all", "every element equal to value", "value=V",
                (p, l) -> Fixed.constant("constant", p.number("value")));
        add("uniform", List.of("uniform_"), "all", "U(low, high)", "low=0 high=1",
                (p, l) -> Fixed.uniform(p.number("low", 0), p.number("high", 1)));
        add("normal", List.of("normal_"), "all", "N(mean, std^2)", "mean=0 std=1",
                (p, l) -> Fixed.normal(p.number("mean", 0), p.positive("std", 1)));
        add("truncated_normal", List.of("trunc_normal", "trunc_normal_"), "torch",
                "N(mean, std^2) truncated to the absolute interval [low, high] (torch trunc_normal_)",
                "mean=0 std=1 low=-2 high=2",
                (p, l) -> Fixed.truncatedNormal(p.number("mean", 0), p.positive("std", 1),
                        p.number("low", -2), p.number("high", 2)));
        // Keras' own spellings take Keras' defaults (keras/src/initializers/random_initializers.py, Keras 3):
        // RandomNormal(mean=0, stddev=0.05), RandomUniform(minval=-0.05, maxval=0.05), TruncatedNormal(mean=0,
        // stddev=0.05) with values beyond two stddev redrawn and no rescaling of the stddev.
        add("random_normal", List.of("randomnormal"), "keras", "N(mean, stddev^2), Keras RandomNormal",
                "mean=0 stddev=0.05", (p, l) -> Fixed.normal("random_normal", ParameterException.name("stddev"), p.number("mean", 0),
                        p.positive("stddev", 0.05)));
        add("random_uniform", List.of("randomuniform"), "keras", "U(minval, maxval), Keras RandomUniform",
                "minval=-0.05 maxval=0.05", (p, l) -> Fixed.uniform("random_uniform", ParameterException.name("minval"), p.number("minval", -0.05),
                        ParameterException.name("maxval"), p.number("maxval", 0.05)));
        add("keras_truncated_normal", List.of("truncatednormal"), "keras",
                "N(mean, stddev^2) redrawn beyond mean +- 2 stddev, Keras TruncatedNormal (no rescale)",
                "mean=0 stddev=0.05", (p, l) -> {
                    double m = p.number("mean", 0);
                    double sd = p.positive("stddev", 0.05);
                    return Fixed.truncatedNormal("keras_truncated_normal", ParameterException.name("stddev"), m, sd, m - 2 * sd, m + 2 * sd);
                });
        add("variance_scaling", List.of("variancescaling"), "keras",
                "variance scale/fan; uniform, untruncated_normal or truncated_normal (+-2 std, /0.8796)",
                "scale=1 mode=fan_in distribution=truncated_normal",
                (p, l) -> VarianceScaling.of(p.positive("scale", 1), FanMode.parse(p.text("mode", "fan_in")),
                        VarianceScaling.Law.parse(p.text("distribution", "truncated_normal"))));
        keras("glorot_uniform", 1, FanMode.FAN_AVG, VarianceScaling.Law.UNIFORM, "U(+-sqrt(6/(fan_in+fan_out)))");
        keras("glorot_normal", 1, FanMode.FAN_AVG, VarianceScaling.Law.TRUNCATED_NORMAL,
                "TN(0, 2/(fan_in+fan_out)) with +-2 std truncation, std/0.8796");
        keras("he_uniform", 2, FanMode.FAN_IN, VarianceScaling.Law.UNIFORM, "U(+-sqrt(6/fan_in))");
        keras("he_normal", 2, FanMode.FAN_IN, VarianceScaling.Law.TRUNCATED_NORMAL,
                "TN(0, 2/fan_in) with +-2 std truncation, std/0.8796");
        keras("lecun_uniform", 1, FanMode.FAN_IN, VarianceScaling.Law.UNIFORM, "U(+-sqrt(3/fan_in))");
        keras("lecun_normal", 1, FanMode.FAN_IN, VarianceScaling.Law.TRUNCATED_NORMAL,
                "TN(0, 1/fan_in) with +-2 std truncation, std/0.8796");
        add("xavier_uniform", List.of("xavier_uniform_"), "torch", "U(+-gain*sqrt(6/(fan_in+fan_out)))",
                "gain=1", (p, l) -> {
                    double g = Gain.check(p.number("gain", 1));
                    return VarianceScaling.preset("xavier_uniform", Gain.squared(ParameterException.name("gain"), g), FanMode.FAN_AVG,
                            VarianceScaling.Law.UNIFORM, "U(+-" + g + "*sqrt(6/(fan_in+fan_out)))");
                });
        add("xavier_normal", List.of("xavier_normal_"), "torch", "N(0, gain^2 * 2/(fan_in+fan_out))",
                "gain=1", (p, l) -> {
                    double g = Gain.check(p.number("gain", 1));
                    return VarianceScaling.preset("xavier_normal", Gain.squared(ParameterException.name("gain"), g), FanMode.FAN_AVG,
                            VarianceScaling.Law.NORMAL, "N(0, (" + g + ")^2 * 2/(fan_in+fan_out))");
                });
        add("kaiming_uniform", List.of("kaiming_uniform_"), "torch",
                "U(+-gain*sqrt(3/fan)), gain = calculate_gain(nonlinearity, a)",
                "a=0 mode=fan_in nonlinearity=leaky_relu", (p, l) -> kaiming(p, true));
        add("kaiming_normal", List.of("kaiming_normal_"), "torch",
                "N(0, gain^2/fan), gain = calculate_gain(nonlinearity, a)",
                "a=0 mode=fan_in nonlinearity=leaky_relu", (p, l) -> kaiming(p, false));
        add("torch_default", List.of("pytorch_default", "torch_linear_default", "torch_conv_default"), "torch",
                "PyTorch Linear/Conv weight default: kaiming_uniform(a=sqrt 5) = U(+-1/sqrt(fan_in))", "",
                (p, l) -> VarianceScaling.preset("torch_default", 1.0 / 3.0, FanMode.FAN_IN,
                        VarianceScaling.Law.UNIFORM, "U(+-1/sqrt(fan_in)) (kaiming_uniform, a=sqrt(5))"));
        add("torch_bias_default", List.of("pytorch_bias_default"), "torch",
                "PyTorch Linear/Conv bias default: U(+-1/sqrt(fan_in)) with the weight's fan_in", "",
                (p, l) -> VarianceScaling.preset("torch_bias_default", 1.0 / 3.0, FanMode.FAN_IN,
                        VarianceScaling.Law.UNIFORM, "U(+-1/sqrt(fan_in of the weight))"));
        add("orthogonal", List.of("orthogonal_"), "all", "gain * (semi-)orthogonal Q from QR with the sign fix",
                "gain=1", (p, l) -> Orthogonal.of(p.number("gain", 1), l));
        add("identity", List.of("eye", "eye_"), "all", "gain on the diagonal of a 2-D tensor", "gain=1",
                (p, l) -> Structured.identity(p.number("gain", 1)));
        add("dirac", List.of("dirac_"), "torch", "conv weight that passes channels through (torch dirac_)",
                "groups=1", (p, l) -> Structured.dirac(p.integer("groups", 1), l));
        add("sparse", List.of("sparse_"), "torch", "N(0, std^2) with ceil(sparsity*rows) zeros per column (Martens 2010)",
                "sparsity=S std=0.01", (p, l) -> Sparse.of(p.number("sparsity"), p.positive("std", 0.01)));
    }

    private Catalog() {
    }

    private static Initializer kaiming(Params p, boolean uniform) {
        String nl = p.text("nonlinearity", "leaky_relu");
        Double a = p.has("a") ? p.number("a", 0) : null;
        if (a != null && !nl.equalsIgnoreCase("leaky_relu")) {
            throw new ParameterException(ParameterException.name("a") + " is the leaky_relu slope; it has no effect with " + ParameterException.name("nonlinearity") + " " + nl);
        }
        double g = Gain.of(nl, a == null ? (nl.equalsIgnoreCase("leaky_relu") ? 0.0 : null) : a);
        FanMode mode = FanMode.parse(p.text("mode", "fan_in"));
        String name = uniform ? "kaiming_uniform" : "kaiming_normal";
        String f = uniform ? "U(+-" + g + "*sqrt(3/" + mode.label() + "))" : "N(0, (" + g + ")^2/" + mode.label() + ")";
        return VarianceScaling.preset(name, Gain.squared("kaiming's gain", g), mode,
                uniform ? VarianceScaling.Law.UNIFORM : VarianceScaling.Law.NORMAL, f);
    }

    private static void keras(String name, double scale, FanMode mode, VarianceScaling.Law law, String formula) {
        add(name, List.of(name.replace("_", "")), "keras", formula + " (Keras/JAX semantics)", "",
                (p, l) -> VarianceScaling.preset(name, scale, mode, law, formula));
    }

    private static void add(String name, List<String> aliases, String origin, String summary, String params,
                            BiFunction<Params, Layout, Initializer> f) {
        SchemeEntry e = new SchemeEntry(name, aliases, origin, summary, params, f);
        BY_NAME.put(name, e);
        BY_ALIAS.put(name, e);
        for (String a : aliases) {
            BY_ALIAS.put(a, e);
        }
    }

    /** Every entry, in catalog order. */
    public static List<SchemeEntry> entries() {
        return Collections.unmodifiableList(new ArrayList<>(BY_NAME.values()));
    }

    /** Canonical names. */
    public static List<String> names() {
        return List.copyOf(BY_NAME.keySet());
    }

    /** The entry for a name or alias (case-insensitive; '-' equals '_'). */
    public static SchemeEntry entry(String nameOrAlias) {
        String key = nameOrAlias.toLowerCase(Locale.ROOT).replace('-', '_');
        SchemeEntry e = BY_ALIAS.get(key);
        if (e == null) {
            if (key.equals("lsuv")) {
                throw new IllegalArgumentException("lsuv is data-dependent: it needs a network and a data batch "
                        + "(see 'initlab experiment lsuv')");
            }
            String near = Spelling.nearest(key, BY_ALIAS.keySet()).map(a -> BY_ALIAS.get(a).name()).orElse(null);
            throw new IllegalArgumentException("unknown scheme '" + nameOrAlias + "'"
                    + (near != null ? " (did you mean " + near + "?)" : "; known: " + String.join(", ", names())));
        }
        return e;
    }

    /**
     * The layout a scheme's fans are read in when none is given: Keras spellings (Keras class names included)
     * mean Keras' convention (kernels (k..., in, out)), everything else PyTorch's.
     */
    public static Layout defaultLayout(String nameOrAlias) {
        return entry(nameOrAlias).origin().equals("keras") ? Layout.KERAS : Layout.TORCH;
    }

    /** Creates a validated initializer; every given parameter must be one the scheme takes. */
    public static Initializer of(String name, Params params, Layout layout) {
        SchemeEntry e = entry(name);
        Initializer init = e.factory().apply(params, layout);
        params.checkAllRead(e.name());
        return init;
    }

    /** Creates an initializer with default parameters. */
    public static Initializer of(String name) {
        return of(name, Params.empty(), Layout.TORCH);
    }
}
