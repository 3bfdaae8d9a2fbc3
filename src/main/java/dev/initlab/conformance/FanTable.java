package dev.initlab.conformance;

import dev.initlab.init.Fans;
import dev.initlab.tensor.Shape;
import dev.initlab.stats.Claim;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * How the same logical layer gets different fans across frameworks, with the dumps as evidence.
 *
 * <p>For each layer of the grid the table gives the fans that PyTorch's rule (OIHW weight), Keras'
 * rule (HWIO kernel) and JAX's rule (Flax's kernel; no JAX dump here, so rule only) compute on the
 * tensor each framework stores for that layer, and, per framework with a dump, the fan that its
 * fan_in-mode probe initializer actually used: the variance of a variance-scaling law is
 * proportional to 1/fan, so measured fan = documented fan / (measured variance / documented
 * variance), with a 95% interval from the second moment's standard error under the documented law.
 */
public final class FanTable {
    private FanTable() {
    }

    /**
     * One row.
     *
     * @param layer the logical layer
     * @param framework the framework whose dump is the evidence ({@code rule only} when none)
     * @param stored_shape the tensor shape that framework stores for the layer
     * @param probe the fan_in-mode initializer whose dump measures the fan (manifest id)
     * @param documented_fan_in the fan_in the framework's rule gives on the stored shape
     * @param measured_fan_in documented fan_in / variance ratio
     * @param ci_low lower end of its 95% interval
     * @param ci_high upper end
     * @param pytorch_rule (fan_in, fan_out) of PyTorch's rule on PyTorch's tensor for this layer
     * @param keras_rule the same for Keras' (and TF.js') rule on Keras' kernel
     * @param jax_rule the same for JAX's default rule (in_axis -2, out_axis -1) on Flax's kernel
     * @param dl4j_rule the fans DL4J's ParamInitializer passes for the layer (1.0.0-M2.1 source; stride 1)
     * @param note what differs
     */
    public record FanRow(String layer, String framework, String stored_shape, String probe, double documented_fan_in,
                      double measured_fan_in, double ci_low, double ci_high, String pytorch_rule, String keras_rule,
                      String jax_rule, String dl4j_rule, String note) {
    }

    /** A logical layer of the grid, with each framework's stored tensor shape and grid name. */
    record Layer(String name, String gridTorch, String gridKeras, long[] torch, long[] keras, long[] jax, String dl4j,
                 String note) {
    }

    static final List<Layer> LAYERS = List.of(
            new Layer("Dense 256 -> 64", "dense_oi", "dense_io", new long[] {64, 256}, new long[] {256, 64},
                    new long[] {256, 64}, "256/64", "all agree"),
            new Layer("Conv2d 16 -> 32, 3x3", "conv", "conv", new long[] {32, 16, 3, 3}, new long[] {3, 3, 16, 32},
                    new long[] {3, 3, 16, 32}, "144/288", "all agree (DL4J divides fan_out by the stride product)"),
            new Layer("Conv2d 16 -> 32, 3x3, groups 4", "grouped", "grouped", new long[] {32, 4, 3, 3},
                    new long[] {3, 3, 4, 32}, new long[] {3, 3, 4, 32}, "no groups",
                    "fan_in counts in_channels/groups everywhere; fan_out counts all out_channels"),
            new Layer("Depthwise 3x3 on 32 channels", "depthwise", "depthwise", new long[] {32, 1, 3, 3},
                    new long[] {3, 3, 32, 1}, new long[] {3, 3, 1, 32}, "288/9",
                    "Keras/TF.js DepthwiseConv2D kernel (h, w, in, multiplier) and DL4J DepthwiseConvolution2D: "
                            + "fan_in = 9 x 32 = 288, 32x the 9 inputs each output sees; PyTorch and Flax "
                            + "(feature_group_count) give 9"),
            new Layer("ConvTranspose2d 16 -> 32, 3x3", "transposed", "transposed", new long[] {16, 32, 3, 3},
                    new long[] {3, 3, 32, 16}, new long[] {3, 3, 16, 32}, "144/288",
                    "PyTorch (in, out, h, w) and Keras (h, w, out, in) put the OUTPUT channels in the fan_in slot: "
                            + "fan_in 288 = 32 x 9; Flax's ConvTranspose kernel (h, w, in, out) and DL4J's "
                            + "Deconvolution2D (same (in, out, h, w) tensor as PyTorch) give 144"),
            new Layer("Bias (64,)", "bias", "bias", new long[] {64}, new long[] {64}, new long[] {64},
                    "constant biasInit",
                    "PyTorch refuses rank 1; Keras (Python) uses 64/64; TF.js' computeFans uses sqrt(64) = 8; "
                            + "DL4J biases are constants (biasInit 0)"));

    /** Probe initializers (fan_in mode, variance proportional to 1/fan_in) per framework. */
    static boolean probe(ConformanceStudy.FixtureResult r) {
        return switch (r.framework()) {
            case "pytorch" -> r.initializer().equals("kaiming_normal_") && r.parameters().isEmpty();
            case "tensorflow.js" -> r.initializer().equals("heUniform") && r.parameters().isEmpty();
            case "deeplearning4j" -> r.initializer().endsWith(".W") && r.parameters().equals("weightInit=RELU");
            default -> false;
        };
    }

    static FanRow build(Layer l, ConformanceStudy.FixtureResult r, Claim c) {
        String fw = r == null ? "rule only (JAX not installed here)" : r.framework();
        double doc = c == null || c.fans() == null ? Double.NaN : c.fans().fanIn();
        double meas = Double.NaN;
        double lo = Double.NaN;
        double hi = Double.NaN;
        if (c != null && c.fans() != null && Double.isFinite(r.variance_ratio())) {
            double var = c.law().variance();
            double se = Math.sqrt((c.law().centralMoment4() / (var * var) - 1) / r.n());
            meas = doc / r.variance_ratio();
            lo = doc / (r.variance_ratio() + 1.96 * se);
            hi = doc / (r.variance_ratio() - 1.96 * se);
        }
        String stored = r == null ? Shape.of(l.jax()).toString() : r.shape();
        String probe = r == null ? "" : r.id() + " " + r.initializer() + (r.verdict().equals("raises") ? " (raises)" : "");
        return new FanRow(l.name(), fw, stored, probe, doc, meas, lo, hi, rule(() -> Fans.torch(Shape.of(l.torch()))),
                rule(() -> Fans.keras(Shape.of(l.keras()))), rule(() -> Fans.jax(Shape.of(l.jax()), -2, -1)), l.dl4j(),
                l.note());
    }

    /** The table: per layer, one row per framework with a probe dump, then the JAX rule. */
    static List<FanRow> build(List<ConformanceStudy.FixtureResult> rows, Map<String, Claim> claims) {
        List<FanRow> out = new ArrayList<>();
        for (Layer l : LAYERS) {
            for (ConformanceStudy.FixtureResult r : rows) {
                if (!probe(r)) {
                    continue;
                }
                String grid = switch (r.framework()) {
                    case "pytorch" -> l.gridTorch();
                    case "deeplearning4j" -> l.gridTorch().equals("dense_oi") ? "dense_io" : l.gridTorch();
                    default -> l.gridKeras();
                };
                if (r.shape_name().equals(grid)) {
                    out.add(build(l, r, claims.get(r.id())));
                }
            }
            out.add(build(l, null, null));
        }
        return out;
    }

    private static String rule(java.util.function.Supplier<Fans> f) {
        try {
            Fans fans = f.get();
            return String.format(Locale.ROOT, "%s/%s", g(fans.fanIn()), g(fans.fanOut()));
        } catch (IllegalArgumentException e) {
            return "error (rank 1)";
        }
    }

    static String g(double v) {
        return v == Math.rint(v) ? Long.toString((long) v) : String.format(Locale.ROOT, "%.3g", v);
    }
}
