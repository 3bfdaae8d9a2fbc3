package dev.initlab.report;

import dev.initlab.init.Catalog;
import dev.initlab.init.Fans;
import dev.initlab.init.Gain;
import dev.initlab.tensor.Shape;
import dev.initlab.init.VarianceScaling;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.BiFunction;

/**
 * The scheme table of the methods: every catalog entry (names, aliases, origin and law come from
 * {@link Catalog}) with the variance of one element in terms of the fans and the gain, at the
 * scheme's default parameters. The variance texts live here, each with the function that computes
 * it; {@code SchemeLawsTest} evaluates every function at several shapes against the exact law the
 * catalog's initializer reports ({@code Distribution.variance()}), and fails when a catalog entry
 * has no row, so the table cannot drift from the code.
 */
final class SchemeLaws {
    /**
     * The variance of one element.
     *
     * @param text the formula in words (fan_in, fan_out, gain g, parameters)
     * @param value the formula at default parameters, for a shape and its fans
     * @param params parameters a scheme cannot do without (for evaluating it), e.g. sparse's sparsity
     */
    record Variance(String text, BiFunction<Shape, Fans, Double> value, Map<String, String> params) {
    }

    /** Std of N(0, 1) truncated to [-2, 2], squared: the variance factor of a +-2 sd truncation. */
    static final double TRUNC2 = VarianceScaling.TRUNC_STD_CORRECTION * VarianceScaling.TRUNC_STD_CORRECTION;

    private static final Map<String, Variance> VARIANCE = new LinkedHashMap<>();

    static {
        double relu = Gain.of("leaky_relu", 0.0); // kaiming_*'s default: nonlinearity leaky_relu, a = 0
        v("zeros", "0 (every element 0)", (s, f) -> 0.0);
        v("ones", "0 (every element 1)", (s, f) -> 0.0);
        v("constant", "0 (every element --value)", (s, f) -> 0.0, Map.of("value", "0.5"));
        v("uniform", "(high - low)^2 / 12 = 1/12", (s, f) -> 1.0 / 12);
        v("normal", "std^2 = 1", (s, f) -> 1.0);
        v("random_uniform", "(maxval - minval)^2 / 12 = 0.1^2/12", (s, f) -> 0.01 / 12);
        v("random_normal", "stddev^2 = 0.05^2", (s, f) -> 0.0025);
        v("keras_truncated_normal", "0.7737 stddev^2 (+-2 sd truncation, no rescale)", (s, f) -> TRUNC2 * 0.0025);
        v("truncated_normal", "0.7737 std^2 on [-2, 2] with std 1", (s, f) -> TRUNC2);
        v("variance_scaling", "scale / fan (mode) = 1/fan_in", (s, f) -> 1 / f.fanIn());
        v("glorot_uniform", "2 / (fan_in + fan_out)", (s, f) -> 2 / (f.fanIn() + f.fanOut()));
        v("glorot_normal", "2 / (fan_in + fan_out)", (s, f) -> 2 / (f.fanIn() + f.fanOut()));
        v("he_uniform", "2 / fan_in", (s, f) -> 2 / f.fanIn());
        v("he_normal", "2 / fan_in", (s, f) -> 2 / f.fanIn());
        v("lecun_uniform", "1 / fan_in", (s, f) -> 1 / f.fanIn());
        v("lecun_normal", "1 / fan_in", (s, f) -> 1 / f.fanIn());
        v("xavier_uniform", "g^2 2 / (fan_in + fan_out), g = 1", (s, f) -> 2 / (f.fanIn() + f.fanOut()));
        v("xavier_normal", "g^2 2 / (fan_in + fan_out), g = 1", (s, f) -> 2 / (f.fanIn() + f.fanOut()));
        v("kaiming_uniform", "g^2 / fan (mode), g = sqrt(2/(1 + a^2)) = sqrt 2 at a = 0",
                (s, f) -> relu * relu / f.fanIn());
        v("kaiming_normal", "g^2 / fan (mode), g = sqrt(2/(1 + a^2)) = sqrt 2 at a = 0",
                (s, f) -> relu * relu / f.fanIn());
        v("torch_default", "1 / (3 fan_in) (kaiming_uniform with a = sqrt 5)", (s, f) -> 1 / (3 * f.fanIn()));
        v("torch_bias_default", "1 / (3 fan_in), fan_in of the layer's weight", (s, f) -> 1 / (3 * f.fanIn()));
        v("orthogonal", "g^2 / max(rows, cols) (Haar entries; rows = dim 0, cols = the rest)", (s, f) -> {
            double rows = s.dim(0);
            double cols = s.count() / rows;
            return 1 / Math.max(rows, cols);
        });
        v("identity", "g^2 p (1 - p), p = min(rows, cols) / (rows cols), the share of ones", (s, f) -> {
            double p = Math.min(s.dim(0), s.dim(1)) / ((double) s.dim(0) * s.dim(1));
            return p * (1 - p);
        });
        v("dirac", "p (1 - p), p = min(out, in) k-centres / numel, the share of ones (groups 1)", (s, f) -> {
            double p = Math.min(s.dim(0), s.dim(1)) / (double) s.count();
            return p * (1 - p);
        });
        v("sparse", "std^2 (1 - ceil(sparsity rows) / rows), std 0.01", (s, f) -> {
            double rows = s.dim(0);
            return 1e-4 * (1 - Math.ceil(0.1 * rows) / rows);
        }, Map.of("sparsity", "0.1"));
    }

    private SchemeLaws() {
    }

    private static void v(String scheme, String text, BiFunction<Shape, Fans, Double> f) {
        v(scheme, text, f, Map.of());
    }

    private static void v(String scheme, String text, BiFunction<Shape, Fans, Double> f, Map<String, String> params) {
        VARIANCE.put(scheme, new Variance(text, f, params));
    }

    /** The variance row of a catalog scheme, or null when the table lacks it. */
    static Variance variance(String scheme) {
        return VARIANCE.get(scheme);
    }

    /** The schemes with a variance row. */
    static List<String> schemes() {
        return List.copyOf(VARIANCE.keySet());
    }

    /** The table: one row per catalog entry, in catalog order. */
    static Doc.Table table() {
        Doc.TableBuilder t = new Doc.TableBuilder("Schemes: law and element variance at default parameters",
                "scheme", "aliases", "origin", "law", "variance of one element", "fans read as");
        for (Catalog.SchemeEntry e : Catalog.entries()) {
            Variance v = VARIANCE.get(e.name());
            t.row(Doc.cell(e.name()), Doc.cell(String.join(", ", e.aliases())), Doc.cell(e.origin()),
                    Doc.cell(e.summary() + (e.params().isEmpty() ? "" : " (defaults " + e.params() + ")")),
                    Doc.cell(v == null ? "see the law" : v.text()),
                    Doc.cell(Catalog.defaultLayout(e.name()).name().toLowerCase(java.util.Locale.ROOT)
                            + " layout unless --layout"));
        }
        return t.build();
    }
}
