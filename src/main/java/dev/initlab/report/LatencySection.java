package dev.initlab.report;

import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.OptionalDouble;
import java.util.TreeMap;

/** The Latency section: HdrHistogram percentiles from {@code bench/latency.csv}. */
final class LatencySection {
    static final List<String> COLUMNS = List.of("percentile", "value_ns", "engine", "workload");
    private static final double[] SHOWN = {50, 90, 99, 99.9, 99.99};

    private LatencySection() {
    }

    static void write(ReportContext ctx, CsvFile csv) throws IOException {
        Doc d = ctx.doc;
        d.heading(2, "Latency");
        if (csv == null) {
            d.p(Doc.bold("Not run: "), Doc.plain("no latency percentiles (expected " + ctx.show(ctx.in.resolve("bench"))
                    + "/latency.csv with columns " + String.join(", ", COLUMNS) + ")."));
            return;
        }
        List<String> missing = COLUMNS.stream().filter(c -> !csv.has(c)).toList();
        if (!missing.isEmpty()) {
            ctx.warn(ctx.show(csv.path()) + " lacks columns " + missing);
            d.p("Not shown: " + ctx.show(csv.path()) + " lacks columns " + missing + ".");
            return;
        }
        // percentiles may be written as 0..100 or as fractions 0..1
        double maxP = csv.rows().stream().map(r -> CsvFile.number(r.get("percentile")))
                .filter(OptionalDouble::isPresent).mapToDouble(OptionalDouble::getAsDouble).max().orElse(100);
        double scale = maxP <= 1 ? 100 : 1;
        Map<String, Map<String, TreeMap<Double, Double>>> data = new TreeMap<>();
        int skipped = 0;
        for (Map<String, String> r : csv.rows()) {
            OptionalDouble p = CsvFile.number(r.get("percentile"));
            OptionalDouble v = CsvFile.number(r.get("value_ns"));
            if (p.isEmpty() || v.isEmpty() || !Double.isFinite(v.getAsDouble())) {
                skipped++;
                continue;
            }
            data.computeIfAbsent(r.get("workload"), k -> new TreeMap<>())
                    .computeIfAbsent(r.get("engine"), k -> new TreeMap<>()).put(p.getAsDouble() * scale, v.getAsDouble());
        }
        d.p("Latency of one operation per engine and workload, recorded with HdrHistogram (" + ctx.show(csv.path())
                + "). The x axis of the plots is log10(1/(1 - p)), so each unit is one more nine (90%, 99%, 99.9%)."
                + (skipped > 0 ? " " + skipped + " rows without a numeric percentile or value were skipped." : ""));
        List<String> headers = new ArrayList<>(List.of("workload", "engine"));
        for (double p : SHOWN) {
            headers.add("p" + Num.g(p) + " ns");
        }
        headers.add("max ns");
        Doc.TableBuilder t = new Doc.TableBuilder("Latency percentiles (ns; the smallest recorded percentile at or above "
                + "the column's)", headers);
        for (var w : data.entrySet()) {
            List<Charts.Line> lines = new ArrayList<>();
            for (var e : w.getValue().entrySet()) {
                List<Double> xs = new ArrayList<>();
                List<Double> ys = new ArrayList<>();
                e.getValue().forEach((p, v) -> {
                    if (p < 100) { // p = 100 (the maximum) sits at infinity on this axis: it is in the table
                        xs.add(Charts.nines(p));
                        ys.add(v);
                    }
                });
                lines.add(new Charts.Line(e.getKey(), xs.stream().mapToDouble(Double::doubleValue).toArray(),
                        ys.stream().mapToDouble(Double::doubleValue).toArray(), null));
                List<Doc.Cell> row = new ArrayList<>(List.of(Doc.cell(w.getKey()), Doc.cell(e.getKey())));
                for (double p : SHOWN) {
                    Map.Entry<Double, Double> c = e.getValue().ceilingEntry(p - 1e-9);
                    row.add(Doc.cell(c == null ? "n/a (not recorded)" : Num.g(c.getValue())));
                }
                row.add(Doc.cell(Num.g(e.getValue().lastEntry().getValue())));
                t.row(row);
            }
            String rel = ctx.figureName("latency-" + w.getKey());
            if (Charts.lines(ctx.out.resolve(rel), "Latency percentiles: " + w.getKey(), "percentile",
                    "latency (ns, log)", lines, false, true, Charts::percentileLabel)) {
                ctx.addFigure(rel, "latency percentiles for " + w.getKey(), "Latency by percentile for workload "
                        + w.getKey() + "; x = log10(1/(1-p)), one unit per nine (HdrHistogram style); y log scale.");
            }
        }
        d.add(t.build());
    }
}
