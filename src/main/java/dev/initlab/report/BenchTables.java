package dev.initlab.report;

import dev.initlab.bench.Compare;
import dev.initlab.bench.History;
import dev.initlab.bench.JmhResult;
import dev.initlab.bench.PairedRatios;
import dev.initlab.bench.RegressionCalibration;
import java.util.ArrayList;
import java.util.List;

/**
 * Tables of the {@code bench} package's regression results ({@link Compare}, {@link History}
 * change points), for the report and for {@code compare}'s table/csv/md output.
 */
public final class BenchTables {
    private BenchTables() {
    }

    /** A comparison as {@code table}, {@code csv} or {@code md}. */
    public static String render(Compare c, String format) {
        return TextTables.render(table(c), format);
    }

    /** Change points as {@code table}, {@code csv} or {@code md}. */
    public static String render(List<History.Change> changes, String format) {
        return TextTables.render(table(changes), format);
    }

    /** Calibration rows (A/A and injected slowdown) as {@code table}, {@code csv} or {@code md}. */
    public static String renderCalibration(List<RegressionCalibration.Row> rows, String format) {
        Doc.TableBuilder t = new Doc.TableBuilder(null, "experiment", "key", "expected", "comparisons", "flagged",
                "rate", "95% interval", "median change", "range");
        for (RegressionCalibration.Row r : rows) {
            t.row(Doc.cell(r.experiment()), Doc.cell(r.key()), Doc.cell(r.expected()),
                    Doc.cell(Integer.toString(r.comparisons())), Doc.cell(Integer.toString(r.flagged())),
                    Doc.cell(Num.g(r.rate())), Doc.cell("[" + Num.g(r.lo()) + ", " + Num.g(r.hi()) + "]"),
                    Doc.cell(Num.g(r.medianChange())), Doc.cell(Double.isNaN(r.minChange()) ? ""
                            : Num.g(r.minChange()) + "-" + Num.g(r.maxChange())));
        }
        return TextTables.render(t.build(), format);
    }

    /** The comparison as a document table: paired (same-fork) rows first, then by outcome. */
    static Doc.Table table(Compare c) {
        Doc.TableBuilder t = new Doc.TableBuilder(null, "benchmark", "params", "mode", "threads", "baseline",
                "current", "unit", "speed ratio", "ratio CI", "verdict", "basis");
        List<Compare.Row> sorted = new ArrayList<>(c.rows());
        sorted.sort((x, y) -> Integer.compare(x.outcome().ordinal(), y.outcome().ordinal()));
        for (Compare.Row r : sorted) {
            JmhResult any = r.current() != null ? r.current() : r.baseline();
            Doc.Tone tone = switch (r.outcome()) {
                case REGRESSION -> Doc.Tone.BAD;
                case IMPROVEMENT -> Doc.Tone.GOOD;
                case NO_CI, NOT_COMPARABLE, MACHINE_SLOWER, MACHINE_FASTER -> Doc.Tone.WARN;
                default -> Doc.Tone.NONE;
            };
            String ci = r.ratio() == null ? "n/a"
                    : r.ratio().hasInterval() ? "[" + Num.g(r.ratio().lo()) + ", " + Num.g(r.ratio().hi()) + "]"
                    : "n/a (single iteration)";
            PairedRatios.Shift p = r.paired();
            t.row(Doc.cell(any.shortName()), Doc.cell(any.paramText()), Doc.cell(any.mode()),
                    Doc.cell(Integer.toString(any.threads())),
                    Doc.cell(p != null ? Num.g(p.baselineRatio()) + " x baseline" : score(r.baseline())),
                    Doc.cell(p != null ? Num.g(p.currentRatio()) + " x baseline" : score(r.current())),
                    Doc.cell(p != null ? "ratio" : any.unit()),
                    Doc.cell(r.ratio() == null ? "n/a" : Num.g(r.ratio().value())), Doc.cell(ci),
                    Doc.cell(r.outcome().label(), tone), Doc.cell(r.basis()));
        }
        return t.build();
    }

    private static String score(JmhResult r) {
        if (r == null) {
            return "absent";
        }
        return Num.g(r.score()) + (Double.isFinite(r.scoreError()) ? " ± " + Num.g(r.scoreError()) : " (no CI)");
    }

    /** Change points as a document table. */
    static Doc.Table table(List<History.Change> changes) {
        Doc.TableBuilder t = new Doc.TableBuilder(null, "benchmark", "first run after change", "speed after/before",
                "p-value", "direction");
        for (History.Change c : changes) {
            t.row(Doc.cell(c.label()), Doc.cell(c.runName()), Doc.cell(Num.g(c.speedRatio())), Doc.cell(Num.g(c.pValue())),
                    Doc.cell(c.speedRatio() < 1 ? "slower" + (c.latest() ? " (latest)" : "") : "faster"
                                    + (c.latest() ? " (latest)" : ""),
                            c.slowdown() ? Doc.Tone.BAD : c.speedRatio() > 1 ? Doc.Tone.GOOD : Doc.Tone.NONE));
        }
        return t.build();
    }
}
