package dev.initlab.report;

import dev.initlab.stats.Detectable;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.function.ToDoubleFunction;

/** The minimum-detectable-effect figure of {@code initlab calibrate --power} (log-log, one line per check). */
public final class PowerFigure {
    private PowerFigure() {
    }

    /**
     * Draws each check's minimum detectable effect against n, every effect as a distance from "no
     * effect" (variance ratio - 1, tail-mass ratio - 1, ...).
     *
     * @param png the file to write
     * @param rows the analytic table
     * @return whether a file was written
     * @throws IOException if it cannot be written
     */
    public static boolean write(Path png, List<Detectable.EffectRow> rows) throws IOException {
        double[] n = rows.stream().mapToDouble(Detectable.EffectRow::n).toArray();
        List<Charts.Line> lines = new ArrayList<>();
        lines.add(line("variance ratio - 1", n, rows, r -> r.variance_up() - 1));
        lines.add(line("mean shift (sd)", n, rows, Detectable.EffectRow::mean_shift_sd));
        lines.add(line("tail mass beyond 2 sd: ratio - 1", n, rows, r -> r.tail2_ratio() - 1));
        lines.add(line("tail mass beyond 3 sd: ratio - 1", n, rows, r -> r.tail3_ratio() - 1));
        lines.add(line("lag-1 correlation", n, rows, Detectable.EffectRow::lag1_rho));
        lines.add(line("KS distance (guaranteed)", n, rows, Detectable.EffectRow::ks_distance));
        lines.add(line("one adjacent-row correlation", n, rows, Detectable.EffectRow::row_corr_rho));
        return Charts.lines(png, "Smallest effect each check detects (level 0.001, power 0.999)", "n (elements)",
                "effect size", lines, true, true, null);
    }

    private static Charts.Line line(String name, double[] n, List<Detectable.EffectRow> rows,
                                    ToDoubleFunction<Detectable.EffectRow> f) {
        double[] y = rows.stream().mapToDouble(f).toArray();
        return Charts.Line.of(name, n, y, null, null);
    }
}
