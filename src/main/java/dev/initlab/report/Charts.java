package dev.initlab.report;

import java.awt.Color;
import java.awt.Font;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.knowm.xchart.BitmapEncoder;
import org.knowm.xchart.CategoryChart;
import org.knowm.xchart.CategoryChartBuilder;
import org.knowm.xchart.XYChart;
import org.knowm.xchart.XYChartBuilder;
import org.knowm.xchart.XYSeries;
import org.knowm.xchart.style.Styler;
import org.knowm.xchart.style.markers.SeriesMarkers;

/**
 * PNG charts drawn with XChart in headless mode ({@code java.awt.headless=true} is set before any
 * AWT class loads). Points that a logarithmic axis cannot show (zero, negative, NaN) are dropped,
 * and a chart with nothing left to draw is not written.
 */
final class Charts {
    static {
        System.setProperty("java.awt.headless", "true");
    }

    static final int WIDTH = 960;
    static final int HEIGHT = 540;

    private Charts() {
    }

    /**
     * One line series.
     *
     * @param name legend text
     * @param x x values
     * @param y y values
     * @param lo lower interval ends (NaN = none), or null
     * @param hi upper interval ends (NaN = none), or null
     * @param group series with the same group share a colour (a measurement and its prediction)
     * @param reference drawn dashed without markers (a prediction or reference curve)
     */
    record Line(String name, double[] x, double[] y, double[] lo, double[] hi, String group, boolean reference) {
        /** A plain series with optional interval ends. */
        static Line of(String name, double[] x, double[] y, double[] lo, double[] hi) {
            return new Line(name, x, y, lo, hi, name, false);
        }
    }

    /** Series colours (colour-blind-safe Okabe-Ito first, then Tableau). */
    private static final Color[] PALETTE = {new Color(0, 114, 178), new Color(230, 159, 0), new Color(0, 158, 115),
        new Color(204, 121, 167), new Color(86, 180, 233), new Color(213, 94, 0), new Color(240, 228, 66),
        new Color(0, 0, 0), new Color(148, 103, 189), new Color(140, 86, 75), new Color(127, 127, 127),
        new Color(188, 189, 34), new Color(23, 190, 207), new Color(214, 39, 40), new Color(44, 160, 44)};

    /**
     * A bar chart with one bar group per category and one bar per series.
     *
     * @param values series name -> value per category (NaN = no bar)
     * @param errors series name -> half-width per category (NaN = none), or null; ignored on a
     *     logarithmic axis, where XChart 3.8.8 draws category error bars across the whole plot
     * @return whether a file was written
     */
    static boolean bars(Path out, String title, String yTitle, List<String> categories,
                        Map<String, double[]> values, Map<String, double[]> errors, boolean logY) throws IOException {
        CategoryChart c = new CategoryChartBuilder().width(WIDTH).height(HEIGHT).title(title).xAxisTitle("")
                .yAxisTitle(yTitle).build();
        style(c.getStyler(), title);
        c.getStyler().setYAxisLogarithmic(logY);
        c.getStyler().setLegendPosition(Styler.LegendPosition.OutsideE);
        c.getStyler().setOverlapped(false);
        c.getStyler().setXAxisLabelRotation(categories.size() > 6 ? 30 : 0);
        boolean any = false;
        boolean anyErr = false;
        for (var e : values.entrySet()) {
            List<String> xs = new ArrayList<>();
            List<Double> ys = new ArrayList<>();
            List<Double> es = new ArrayList<>();
            double[] err = errors == null || logY ? null : errors.get(e.getKey());
            for (int i = 0; i < categories.size(); i++) {
                double v = e.getValue()[i];
                boolean ok = Double.isFinite(v) && (!logY || v > 0);
                xs.add(categories.get(i));
                // XChart needs every series to span every category: a missing bar is a 0 on linear
                // axes and the smallest positive value on log axes (invisible under the axis)
                ys.add(ok ? v : null);
                double h = err == null || !ok ? 0 : err[i];
                if (Double.isFinite(h) && h > 0) {
                    anyErr = true;
                    if (logY && v - h <= 0) {
                        h = v * 0.999; // a lower end at or below 0 cannot be drawn on a log axis
                    }
                } else {
                    h = 0;
                }
                es.add(h);
                any |= ok;
            }
            if (ys.stream().allMatch(y -> y == null)) {
                continue;
            }
            double floor = logY ? ys.stream().filter(y -> y != null).mapToDouble(Double::doubleValue).min().orElse(1) * 1e-6
                    : 0;
            List<Double> filled = ys.stream().map(y -> y == null ? floor : y).toList();
            if (anyErr) {
                c.addSeries(e.getKey(), xs, filled, es);
            } else {
                c.addSeries(e.getKey(), xs, filled);
            }
        }
        if (!any) {
            return false;
        }
        if (logY) {
            double min = values.values().stream().flatMapToDouble(java.util.Arrays::stream)
                    .filter(v -> Double.isFinite(v) && v > 0).min().orElse(1);
            c.getStyler().setYAxisMin(Math.pow(10, Math.floor(Math.log10(min) - 0.05))); // a bar at a decade stays visible
        }
        save(c, out);
        return true;
    }

    /**
     * A line chart. A logarithmic y axis is drawn as log10(y) on a linear axis labelled in powers
     * of ten (XChart's own log axis labels every decade, unreadable over dozens of decades), and
     * error bars then span the larger log-distance to the interval ends.
     *
     * @param xLabels formats x tick labels (null: XChart's default)
     * @return whether a file was written
     */
    static boolean lines(Path out, String title, String xTitle, String yTitle, List<Line> series, boolean logX,
                         boolean logY, java.util.function.Function<Double, String> xLabels) throws IOException {
        XYChart c = new XYChartBuilder().width(WIDTH).height(HEIGHT).title(title).xAxisTitle(xTitle).yAxisTitle(yTitle)
                .build();
        style(c.getStyler(), title);
        c.getStyler().setXAxisLogarithmic(logX);
        c.getStyler().setLegendPosition(Styler.LegendPosition.OutsideE);
        if (xLabels != null) {
            c.getStyler().setxAxisTickLabelsFormattingFunction(xLabels);
        }
        int drawn = 0;
        Map<String, Integer> names = new LinkedHashMap<>();
        Map<String, Color> colours = new LinkedHashMap<>();
        for (Line l : series) {
            List<Double> xs = new ArrayList<>();
            List<Double> ys = new ArrayList<>();
            List<Double> es = new ArrayList<>();
            boolean hasErr = false;
            for (int i = 0; i < l.x().length; i++) {
                double x = l.x()[i];
                double y = l.y()[i];
                if (!Double.isFinite(x) || !Double.isFinite(y) || logX && x <= 0 || logY && y <= 0) {
                    continue;
                }
                double lo = l.lo() == null ? Double.NaN : l.lo()[i];
                double hi = l.hi() == null ? Double.NaN : l.hi()[i];
                double h = 0;
                if (logY) {
                    y = Math.log10(y);
                    double dl = lo > 0 ? y - Math.log10(lo) : Double.NaN;
                    double dh = hi > 0 ? Math.log10(hi) - y : Double.NaN;
                    h = Math.max(Double.isFinite(dl) ? dl : 0, Double.isFinite(dh) ? dh : 0);
                } else {
                    h = Math.max(Double.isFinite(lo) ? y - lo : 0, Double.isFinite(hi) ? hi - y : 0);
                }
                hasErr |= h > 0;
                xs.add(x);
                ys.add(y);
                es.add(h);
            }
            if (xs.isEmpty()) {
                continue;
            }
            String name = l.name();
            int k = names.merge(name, 1, Integer::sum);
            if (k > 1) {
                name = name + " (" + k + ")"; // XChart rejects duplicate series names
            }
            XYSeries s = hasErr ? c.addSeries(name, xs, ys, es) : c.addSeries(name, xs, ys);
            Color colour = colours.computeIfAbsent(l.group() == null ? name : l.group(),
                    g -> PALETTE[colours.size() % PALETTE.length]);
            s.setLineColor(colour);
            s.setMarkerColor(colour);
            if (l.reference()) {
                s.setLineStyle(org.knowm.xchart.style.lines.SeriesLines.DASH_DASH);
                s.setMarker(SeriesMarkers.NONE);
            } else {
                s.setLineStyle(org.knowm.xchart.style.lines.SeriesLines.SOLID);
                s.setMarker(SeriesMarkers.CIRCLE);
            }
            drawn++;
        }
        if (drawn == 0) {
            return false;
        }
        if (logY) {
            c.getStyler().setyAxisTickLabelsFormattingFunction(Charts::powerOfTen);
        }
        if (drawn > 30) {
            c.getStyler().setLegendVisible(false); // unreadable; the caption and table carry the names
        }
        save(c, out);
        return true;
    }

    /**
     * Label of a log10 axis value: whole powers of ten as {@code 1e-12}, {@code 0.01}, {@code 1},
     * {@code 100}, {@code 1e6}; other values as the number with two significant digits. Labels
     * must stay distinct: XChart widens the tick spacing while two labels are equal.
     */
    static String powerOfTen(double v) {
        if (Math.abs(v - Math.rint(v)) < 1e-9) {
            int k = (int) Math.rint(v);
            return k >= -2 && k <= 3 ? Num.g(Math.pow(10, k)) : "1e" + k;
        }
        double x = Math.pow(10, v);
        return v >= -2 && v <= 4 ? new java.math.BigDecimal(x).round(new java.math.MathContext(2)).stripTrailingZeros()
                .toPlainString() : String.format(Locale.ROOT, "%.1e", x).replace("e+0", "e").replace("e-0", "e-").replace("e+", "e");
    }

    /**
     * Tick label for the latency x axis, whose value is the number of nines {@code log10(1/(1-p))}
     * on a linear axis: 0 -> "0%", 1 -> "90%", 2 -> "99%", 3 -> "99.9%"; ticks between whole
     * decades get no label. (XChart's own log axis is not used here: with a custom tick formatter it
     * falls back to linear tick stepping over the whole range.)
     */
    static String percentileLabel(double nines) {
        if (!(nines >= 0) || Math.abs(nines - Math.rint(nines)) > 1e-9) {
            return "";
        }
        int d = (int) Math.rint(nines);
        if (d == 0) {
            return "0%";
        }
        if (d == 1) {
            return "90%";
        }
        return "99" + (d > 2 ? "." + "9".repeat(d - 2) : "") + "%";
    }

    /** The latency x coordinate of percentile {@code p} (in percent, below 100): {@code log10(1/(1-p/100))}. */
    static double nines(double percent) {
        return -Math.log10(1 - percent / 100);
    }

    private static void style(Styler s, String title) {
        s.setChartBackgroundColor(Color.WHITE);
        if (title != null && title.length() > 60) {
            s.setChartTitleFont(new Font(Font.SANS_SERIF, Font.BOLD, title.length() > 90 ? 11 : 13));
        } else {
            s.setChartTitleFont(new Font(Font.SANS_SERIF, Font.BOLD, 16));
        }
        s.setPlotBackgroundColor(Color.WHITE);
        s.setLegendFont(new Font(Font.SANS_SERIF, Font.PLAIN, 12));
        s.setLegendBorderColor(Color.LIGHT_GRAY);
        s.setAntiAlias(true);
        if (s instanceof org.knowm.xchart.style.AxesChartStyler a) {
            a.setAxisTitleFont(new Font(Font.SANS_SERIF, Font.PLAIN, 13));
            a.setAxisTickLabelsFont(new Font(Font.SANS_SERIF, Font.PLAIN, 11));
            a.setPlotGridLinesColor(new Color(225, 225, 225));
            a.setErrorBarsColorSeriesColor(true);
        }
    }

    private static void save(org.knowm.xchart.internal.chartpart.Chart<?, ?> c, Path out) throws IOException {
        Files.createDirectories(out.toAbsolutePath().getParent());
        dev.initlab.io.AtomicFiles.writeBytes(out, BitmapEncoder.getBitmapBytes(c, BitmapEncoder.BitmapFormat.PNG));
    }
}
