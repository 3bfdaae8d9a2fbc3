package dev.initlab.report;

import dev.initlab.init.Gain;
import java.util.List;

/**
 * The gain definition and PyTorch's recommended gains, computed by {@link Gain#of} (the code the
 * kaiming_* and xavier_* schemes use).
 */
final class GainTable {
    private GainTable() {
    }

    private record Row(String nonlinearity, Double param, String formula) {
    }

    private static final List<Row> ROWS = List.of(
            new Row("linear", null, "1 (also identity, conv1d/2d/3d, conv_transpose1d/2d/3d)"),
            new Row("sigmoid", null, "1"),
            new Row("tanh", null, "5/3"),
            new Row("relu", null, "sqrt 2"),
            new Row("leaky_relu", null, "sqrt(2 / (1 + s^2)), s = 0.01 by default"),
            new Row("leaky_relu", 0.0, "the same at s = 0: what kaiming_* use by default (a = 0)"),
            new Row("leaky_relu", Math.sqrt(5), "the same at s = sqrt 5: PyTorch's Linear/Conv default weight"),
            new Row("selu", null, "3/4"));

    static void write(ReportContext ctx) {
        Doc d = ctx.doc;
        d.heading(3, "Gains");
        d.p("A gain g scales the standard deviation of a variance-scaling law: Var[w] = g^2 / fan, so a uniform "
                + "law has limit g sqrt(3 / fan) and a normal law std g / sqrt(fan). The values below are PyTorch's "
                + "recommended gains (torch.nn.init.calculate_gain), as the catalog computes them for kaiming_* "
                + "(--nonlinearity, --a) and as users pass them to xavier_* and orthogonal (--gain). They aim to keep "
                + "the variance of the signal through a layer followed by the nonlinearity; tanh's 5/3 is a heuristic "
                + "and selu's 3/4 trades the self-normalizing fixed point for gradient flow (PyTorch's documentation). "
                + "The gains that exactly preserve forward and backward variance, computed by quadrature, are in the "
                + "Experiments section (Gains).");
        Doc.TableBuilder t = new Doc.TableBuilder("Recommended gains (calculate_gain)", "nonlinearity",
                "parameter", "gain", "g^2", "formula");
        for (Row r : ROWS) {
            double g = Gain.of(r.nonlinearity(), r.param());
            t.rowText(r.nonlinearity(), r.param() == null ? "default" : "slope " + Num.g(r.param()), Num.g(g),
                    Num.g(g * g), r.formula());
        }
        d.add(t.build());
    }
}
