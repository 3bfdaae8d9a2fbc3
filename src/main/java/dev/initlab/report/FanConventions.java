package dev.initlab.report;

import dev.initlab.init.Fans;
import dev.initlab.init.Layout;
import dev.initlab.tensor.Shape;
import dev.initlab.init.WeightShapes;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.Function;

/**
 * The per-framework fan conventions of the methods, computed from the code that applies them:
 * the weight shape each framework allocates for a layer ({@link WeightShapes}) and the fan rule of
 * each layout ({@link Fans#of}); DL4J's conventions from the conformance study's measured fans
 * ({@code conformance/fans.csv}) when present.
 */
final class FanConventions {
    private FanConventions() {
    }

    private record Layer(String name, Function<Layout, Shape> shape) {
    }

    private static final List<Layer> LAYERS = List.of(
            new Layer("Dense 784 -> 300", l -> WeightShapes.dense(784, 300, l)),
            new Layer("Conv2d 64 -> 128, 3x3", l -> WeightShapes.conv(64, 128, new long[] {3, 3}, 1, l)),
            new Layer("Conv2d 16 -> 32, 3x3, groups 4", l -> WeightShapes.conv(16, 32, new long[] {3, 3}, 4, l)),
            new Layer("ConvTranspose2d 16 -> 32, 3x3", l -> WeightShapes.convTranspose(16, 32, new long[] {3, 3}, 1, l)),
            new Layer("Conv1d 4 -> 8, kernel 5", l -> WeightShapes.conv(4, 8, new long[] {5}, 1, l)),
            new Layer("bias (10,)", l -> Shape.of(10)));

    static void write(ReportContext ctx) {
        Doc d = ctx.doc;
        d.heading(3, "Fans per framework");
        d.p("fan_in and fan_out are read off the stored weight shape, and each framework stores layers differently. "
                + "Rules (the layouts of initlab's --layout): PyTorch fan_in = dim 1 x prod(kernel), fan_out = dim 0 x "
                + "prod(kernel), rank >= 2 only (torch.nn.init._calculate_fan_in_and_fan_out); Keras/TF fan_in = "
                + "dim[-2] x prod(kernel), fan_out = dim[-1] x prod(kernel), rank 1 gives both = dim 0 "
                + "(keras.initializers compute_fans); JAX in_axis = -2, out_axis = -1, the receptive field is "
                + "everything else (jax.nn.initializers variance_scaling). The same layer in each framework, "
                + "computed by the code that verify and fill use:");
        Doc.TableBuilder t = new Doc.TableBuilder("Stored weight shape -> (fan_in, fan_out)", "layer",
                "PyTorch (out, in/groups, k...)", "Keras/TF (k..., in/groups, out)", "JAX/Flax (k..., in, out)");
        for (Layer layer : LAYERS) {
            List<Doc.Cell> row = new ArrayList<>();
            row.add(Doc.cell(layer.name()));
            for (Layout l : List.of(Layout.TORCH, Layout.KERAS, Layout.JAX)) {
                row.add(Doc.cell(fans(layer, l)));
            }
            t.row(row);
        }
        d.add(t.build());
        d.p("Where they differ: a transposed convolution's PyTorch and Keras kernels hold the output channels in the "
                + "fan_in slot (fan_in from the layer's output channels), Flax's from its input channels; grouped "
                + "convolutions divide only fan_in by the groups; a rank-1 tensor has fans only under Keras' rule. "
                + "Reading a tensor under the wrong layout silently gives other fans, which verify reports as a "
                + "variance mismatch.");
        Path fans = ctx.in.resolve("conformance").resolve("fans.csv");
        if (Files.isRegularFile(fans)) {
            measured(ctx, fans);
        } else {
            d.p("DL4J: not shown, because the conformance study's measured fans (" + ctx.show(fans) + ") are absent.");
        }
    }

    private static String fans(Layer layer, Layout l) {
        Shape s;
        try {
            s = layer.shape().apply(l);
        } catch (IllegalArgumentException e) {
            return "no such layer (" + e.getMessage().replaceAll(" has no groups argument", "") + ": no groups)";
        }
        try {
            Fans f = Fans.of(s, l);
            return s + " -> (" + (long) f.fanIn() + ", " + (long) f.fanOut() + ")";
        } catch (IllegalArgumentException e) {
            return s + " -> error (rank " + s.rank() + ")";
        }
    }

    /** DL4J next to the others, as the conformance study measured them from real dumps. */
    private static void measured(ReportContext ctx, Path fans) {
        CsvFile csv = CsvFile.read(fans);
        Doc.TableBuilder t = new Doc.TableBuilder("Each framework's rule (fan_in/fan_out) for the conformance grid, "
                + "with DL4J, and the fan_in measured from real initializer dumps (95% interval)", "layer", "PyTorch",
                "Keras/TF", "JAX", "DL4J", "measured fan_in (framework: estimate [interval])", "note");
        Map<String, List<Map<String, String>>> byLayer = new java.util.LinkedHashMap<>();
        for (Map<String, String> r : csv.rows()) {
            byLayer.computeIfAbsent(r.get("layer"), k -> new ArrayList<>()).add(r);
        }
        for (var e : byLayer.entrySet()) {
            Map<String, String> first = e.getValue().get(0);
            List<String> m = new ArrayList<>();
            for (Map<String, String> r : e.getValue()) {
                double est = CsvFile.number(r.get("measured_fan_in")).orElse(Double.NaN);
                if (Double.isFinite(est)) {
                    m.add(r.get("framework") + ": " + Num.g(est) + " [" + Num.g(CsvFile.number(r.get("ci_low"))
                            .orElse(Double.NaN)) + ", " + Num.g(CsvFile.number(r.get("ci_high")).orElse(Double.NaN)) + "]");
                }
            }
            t.rowText(e.getKey(), first.get("pytorch_rule"), first.get("keras_rule"), first.get("jax_rule"),
                    first.get("dl4j_rule"), m.isEmpty() ? "not measured (no dump has a fan-based law here)"
                            : String.join("; ", m), first.getOrDefault("note", ""));
        }
        ctx.doc.add(t.source(ctx.link(fans)).build());
    }
}
