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

    static final int WIDTH = 1100;
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

    /**
     * Colours for series that are not schemes (colour-blind-safe Okabe-Ito first, then Tableau; no
     * pale yellow, which vanishes on white).
     */
    private static final Color[] PALETTE = {new Color(0, 114, 178), new Color(230, 159, 0), new Color(0, 158, 115),
        new Color(204, 121, 167), new Color(86, 180, 233), new Color(213, 94, 0), new Color(0, 0, 0),
        new Color(148, 103, 189), new Color(140, 86, 75), new Color(127, 127, 127), new Color(188, 189, 34),
        new Color(23, 190, 207), new Color(214, 39, 40), new Color(44, 160, 44)};

    /**
     * One colour per scheme, the same in every figure of the report (keys are catalog names, the
     * data-dependent lsuv, and the experiments' spellings such as {@code normal:std=1}). Longer
     * keys win when several occur in a series name.
     */
    static final Map<String, Color> SCHEME_COLOURS;

    static {
        Map<String, Color> m = new LinkedHashMap<>();
        m.put("kaiming_normal", new Color(0, 114, 178));      // blue
        m.put("xavier_normal", new Color(230, 159, 0));       // orange
        m.put("lecun_normal", new Color(0, 158, 115));        // bluish green
        m.put("orthogonal", new Color(204, 121, 167));        // reddish purple
        m.put("torch_default", new Color(86, 180, 233));      // sky blue
        m.put("lsuv", new Color(213, 94, 0));                 // vermillion
        m.put("normal", new Color(0, 0, 0));                  // black: N(0, 1)
        m.put("zeros", new Color(127, 127, 127));             // grey
        m.put("constant", new Color(140, 86, 75));            // brown
        m.put("uniform", new Color(148, 103, 189));           // purple
        m.put("kaiming_uniform", new Color(31, 60, 140));     // dark blue
        m.put("xavier_uniform", new Color(166, 110, 0));      // dark orange
        m.put("he_normal", new Color(23, 190, 207));          // cyan
        m.put("he_uniform", new Color(20, 120, 130));         // dark cyan
        m.put("glorot_normal", new Color(188, 189, 34));      // olive
        m.put("glorot_uniform", new Color(120, 120, 20));     // dark olive
        m.put("lecun_uniform", new Color(0, 100, 70));        // dark green
        m.put("truncated_normal", new Color(214, 39, 40));    // red
        m.put("identity", new Color(90, 90, 90));
        m.put("sparse", new Color(180, 180, 180));
        SCHEME_COLOURS = java.util.Collections.unmodifiableMap(m);
    }

    /** The scheme a series name mentions (the longest catalog key found as a word), or null. */
    static String schemeIn(String seriesName) {
        if (seriesName == null) {
            return null;
        }
        String best = null;
        for (String k : SCHEME_COLOURS.keySet()) {
            java.util.regex.Matcher m = java.util.regex.Pattern.compile("(^|[\\s=,(])" + java.util.regex.Pattern.quote(k)
                    + "($|[\\s,:)])").matcher(seriesName);
            if (m.find() && (best == null || k.length() > best.length())) {
                best = k;
            }
        }
        return best;
    }

    /** The fixed colour of the scheme a series name mentions, or null for series that are not schemes. */
    static Color schemeColour(String seriesName) {
        String k = schemeIn(seriesName);
        return k == null ? null : SCHEME_COLOURS.get(k);
    }

    /**
     * Axis titles in words with units. Callers may pass a CSV column name (optionally followed by
     * " (log)"); known names become words, " (log)" becomes ", log scale". A generic "value" axis
     * takes its words from the chart title.
     */
    private static final Map<String, String> AXIS_WORDS = Map.ofEntries(
            Map.entry("layer", "layer l (1 = first layer)"),
            Map.entry("forwardGeoMean", "Var[z_l], pre-activation variance (geometric mean over seeds)"),
            Map.entry("forwardMean", "Var[z_l], pre-activation variance (mean over seeds)"),
            Map.entry("gradientGeoMean", "Var[dx_l], gradient variance at layer l's input (geometric mean over seeds)"),
            Map.entry("gradientMean", "Var[dx_l], gradient variance at layer l's input (mean over seeds)"),
            Map.entry("epoch", "epoch (passes over the training set)"),
            Map.entry("step", "optimisation step"),
            Map.entry("testAccuracy", "held-out accuracy (fraction correct)"),
            Map.entry("finalTestAccuracyMean", "held-out accuracy after training (fraction correct)"),
            Map.entry("accuracyMean", "held-out accuracy after training (fraction correct)"),
            Map.entry("maxPairwiseDifference", "largest weight difference between two hidden units (L-infinity)"),
            Map.entry("rmsRatioMean", "RMS ratio |h_l| / |x|"),
            Map.entry("varianceAfter", "output variance of the layer"),
            Map.entry("threads", "threads"),
            Map.entry("samples/s", "samples per second"),
            Map.entry("run", "run (in file-name order)"));

    /** Column names that ExperimentSection puts in legends, in words. */
    private static final Map<String, String> LEGEND_WORDS = Map.of("rmsRatioMean", "measured", "predicted",
            "predicted s^l", "torchSimRatio", "with PyTorch's gain", "forwardGainSimRatio", "with the derived forward gain",
            "varianceBefore", "before LSUV", "varianceAfter", "after LSUV", "accuracyMean", "accuracy",
            "trivialAccuracy", "majority-class accuracy", "init=", "");

    /** A legend entry in words: column names replaced (see {@link #LEGEND_WORDS}). */
    static String legend(String name) {
        String s = name;
        for (var e : LEGEND_WORDS.entrySet()) {
            s = s.replace(e.getKey(), e.getValue());
        }
        return s.strip();
    }

    /** The axis title in words (see {@link #AXIS_WORDS}). */
    static String axisTitle(String chartTitle, String raw) {
        if (raw == null || raw.isEmpty()) {
            return raw;
        }
        boolean log = raw.endsWith(" (log)");
        String core = log ? raw.substring(0, raw.length() - 6) : raw;
        String words = AXIS_WORDS.get(core);
        if (words == null && core.equals("value") && chartTitle != null) {
            String t = chartTitle.toLowerCase(Locale.ROOT);
            words = t.contains("rms ratio") ? "RMS ratio |h_l| / |x| (measured, and the prediction s^l dashed)"
                    : t.contains("variance ratio after the stack") ? "Var[z_L] / Var[z_1] after the stack (1 = preserved)"
                    : t.contains("lsuv: output variance") ? "output variance of the layer (before and after LSUV)"
                    : t.contains("accuracy") ? "held-out accuracy (fraction correct)"
                    : t.contains("metric=") ? chartTitle.substring(chartTitle.indexOf("metric=") + 7).replaceAll("\\)$", "")
                    : null;
        }
        if (words == null) {
            words = core;
        }
        return log ? words + ", log scale" : words;
    }

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
        return bars(out, title, yTitle, categories, values, errors, logY, null, null);
    }

    /**
     * A bar chart whose intervals are given by their ends: on a log axis (given, or chosen because
     * the values span decades) each bar becomes a point with its own, possibly asymmetric,
     * interval; on a linear axis the wider side of each interval is drawn.
     *
     * @param lows series name -> interval lower end per category (NaN = none), or null
     * @param highs series name -> interval upper end per category (NaN = none), or null
     */
    static boolean bars(Path out, String title, String yTitle, List<String> categories, Map<String, double[]> values,
                        Map<String, double[]> errors, boolean logY, Map<String, double[]> lows,
                        Map<String, double[]> highs) throws IOException {
        if (logY && lows != null && highs != null) {
            return dots(out, title, "", yTitle, categories, values, lows, highs, true);
        }
        boolean nonNegative = values.values().stream().flatMapToDouble(java.util.Arrays::stream)
                .filter(Double::isFinite).allMatch(v -> v >= 0);
        if (!logY && spansDecades(values.values().stream().flatMapToDouble(java.util.Arrays::stream).toArray())) {
            logY = true; // positive values over more than two decades
            yTitle = yTitle.endsWith(" (log)") ? yTitle : yTitle + " (log)";
        }
        CategoryChart c = new CategoryChartBuilder().width(WIDTH).height(HEIGHT).title(title).xAxisTitle("")
                .yAxisTitle(axisTitle(title, yTitle)).build();
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
                    if (!logY && nonNegative && v - h < 0) {
                        h = v; // a non-negative quantity: the interval ends at 0, not below it
                    }
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
            org.knowm.xchart.CategorySeries cs = anyErr ? c.addSeries(legend(e.getKey()), xs, filled, es)
                    : c.addSeries(legend(e.getKey()), xs, filled);
            Color colour = schemeColour(e.getKey());
            if (colour != null) {
                cs.setFillColor(colour);
                cs.setLineColor(colour);
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
        return lines(out, title, xTitle, yTitle, series, logX, logY, xLabels, false);
    }

    /**
     * Categories on a log axis with intervals: XChart draws category error bars across the whole
     * plot on a log axis, so each bar becomes a point with its interval on the log scale (the
     * segment from the lower to the upper end, asymmetric in log units; a lower end at or below 0
     * runs to the bottom of the axis), one column per category, the series side by side.
     *
     * @param xTitle title of the category axis (may be empty)
     * @param schemeColours whether series take their scheme's colour (false: series are not schemes,
     *     such as engines, and each gets its own colour and marker)
     */
    static boolean dots(Path out, String title, String xTitle, String yTitle, List<String> categories,
                        Map<String, double[]> values, Map<String, double[]> lows, Map<String, double[]> highs,
                        boolean schemeColours) throws IOException {
        List<Line> lines = new ArrayList<>();
        int k = values.size();
        int i = 0;
        for (var e : values.entrySet()) {
            double off = k == 1 ? 0 : -0.25 + 0.5 * i / (k - 1);
            double[] x = new double[categories.size()];
            double[] lo = new double[categories.size()];
            double[] hi = new double[categories.size()];
            double[] l = lows.get(e.getKey());
            double[] u = highs.get(e.getKey());
            for (int j = 0; j < x.length; j++) {
                x[j] = j + off;
                lo[j] = l == null ? Double.NaN : l[j];
                hi[j] = u == null ? Double.NaN : u[j];
            }
            lines.add(new Line(e.getKey(), x, e.getValue(), lo, hi, schemeColours ? e.getKey() : "\u0000series " + i,
                    false));
            i++;
        }
        // categories by number in the axis title: a tick formatter that blanks the ticks between
        // categories makes XChart 3.8.8 widen its tick spacing without end (equal labels)
        StringBuilder key = new StringBuilder(xTitle == null || xTitle.isEmpty() ? "" : xTitle + ": ");
        for (int j = 0; j < categories.size(); j++) {
            key.append(j == 0 ? "" : ",  ").append(j).append(" = ").append(categories.get(j));
        }
        return lines(out, title, key.toString(), yTitle, lines, false, true, null, true);
    }

    private static boolean lines(Path out, String title, String xTitle, String yTitle, List<Line> series, boolean logX,
                                 boolean logY, java.util.function.Function<Double, String> xLabels, boolean pointsOnly)
            throws IOException {
        if (!logY && spansDecades(series.stream().flatMapToDouble(l -> java.util.Arrays.stream(l.y())).toArray())) {
            logY = true; // positive values over more than two decades
            yTitle = yTitle.endsWith(" (log)") ? yTitle : yTitle + " (log)";
        }
        // first pass: the plotted points of every series (log10 of y on a log axis)
        List<Plotted> plotted = new ArrayList<>();
        for (Line l : series) {
            Plotted p = plot(l, logX, logY);
            if (p != null) {
                plotted.add(p);
            }
        }
        if (plotted.isEmpty()) {
            return false;
        }
        XYChart c = lineChart(title, xTitle, yTitle, plotted, logX, xLabels);
        double yMin = plotted.stream().flatMap(p -> p.ys.stream()).mapToDouble(Double::doubleValue).min().orElse(0);
        double yMax = plotted.stream().flatMap(p -> p.ys.stream()).mapToDouble(Double::doubleValue).max().orElse(1);
        double tolerance = 0.01 * Math.max(yMax - yMin, 1e-300);

        Map<String, Integer> names = new LinkedHashMap<>();
        GroupColours colours = new GroupColours();
        List<Plotted> drawn = new ArrayList<>();
        for (Plotted p : plotted) {
            Line l = p.line;
            String name = seriesName(p, drawn, names, tolerance);
            boolean bars = p.hasErr && !p.asymmetric;
            XYSeries s = bars ? c.addSeries(name, p.xs, p.ys, p.es) : c.addSeries(name, p.xs, p.ys);
            GroupColours.Assigned colour = colours.colourOf(l.group() == null ? l.name() : l.group());
            s.setLineColor(colour.colour());
            s.setMarkerColor(colour.colour());
            lineStyle(s, l, pointsOnly, drawn.size(), colour.use());
            if (p.asymmetric) {
                intervals(c, p, name, colour.colour(), yMin);
            }
            drawn.add(p);
        }

        if (logY) {
            c.getStyler().setyAxisTickLabelsFormattingFunction(Charts::powerOfTen);
        }
        if (drawn.size() > 30) {
            c.getStyler().setLegendVisible(false); // unreadable; the caption and table carry the names
        }
        save(c, out);
        return true;
    }

    /**
     * The empty XY chart for {@code plotted}: long legend names go below the plot, which keeps its width; the
     * chart grows to hold them.
     */
    private static XYChart lineChart(String title, String xTitle, String yTitle, List<Plotted> plotted, boolean logX,
                                     java.util.function.Function<Double, String> xLabels) {
        boolean legendBelow = plotted.stream().mapToInt(p -> legend(p.line.name()).length()).max().orElse(0) > 24
                && plotted.size() <= 30;
        int height = legendBelow ? HEIGHT + 21 * plotted.size() : HEIGHT;
        XYChart c = new XYChartBuilder().width(WIDTH).height(height).title(title).xAxisTitle(axisTitle(title, xTitle))
                .yAxisTitle(axisTitle(title, yTitle)).build();
        style(c.getStyler(), title);
        c.getStyler().setXAxisLogarithmic(logX);
        c.getStyler().setLegendPosition(legendBelow ? Styler.LegendPosition.OutsideS : Styler.LegendPosition.OutsideE);
        c.getStyler().setLegendLayout(Styler.LegendLayout.Vertical);
        c.getStyler().setXAxisTickMarkSpacingHint(70);
        if (xLabels != null) {
            c.getStyler().setxAxisTickLabelsFormattingFunction(xLabels);
        }
        return c;
    }

    /**
     * The legend name of {@code p}: says which series drawn before it hides it (same points within
     * {@code tolerance}), and is numbered when the name repeats (XChart rejects duplicate series names);
     * records the name without the overlap note as {@code p.shownName}.
     */
    private static String seriesName(Plotted p, List<Plotted> drawn, Map<String, Integer> names, double tolerance) {
        String name = legend(p.line.name());
        if (!p.line.reference()) {
            for (Plotted q : drawn) {
                if (!q.line.reference() && overlaps(p, q, tolerance)) {
                    name += " (overlaps " + q.shownName + ")";
                    break;
                }
            }
        }
        int k = names.merge(name, 1, Integer::sum);
        if (k > 1) {
            name = name + " (" + k + ")";
        }
        p.shownName = name.replaceAll(" \\(overlaps .*\\)$", "");
        return name;
    }

    /**
     * Line and marker of a series: markers only (cycling by {@code index}), a dashed reference line, or a
     * scheme's line, solid for the first use of its colour and dotted for the same scheme at another width
     * or setting (another marker per {@code use}).
     */
    private static void lineStyle(XYSeries s, Line l, boolean pointsOnly, int index, int use) {
        if (pointsOnly) {
            s.setLineStyle(org.knowm.xchart.style.lines.SeriesLines.NONE);
            s.setMarker(switch (index % 4) {
                case 0 -> SeriesMarkers.DIAMOND;
                case 1 -> SeriesMarkers.CIRCLE;
                case 2 -> SeriesMarkers.SQUARE;
                default -> SeriesMarkers.TRIANGLE_UP;
            });
        } else if (l.reference()) {
            s.setLineStyle(org.knowm.xchart.style.lines.SeriesLines.DASH_DASH);
            s.setMarker(SeriesMarkers.NONE);
        } else {
            s.setLineStyle(use == 0 ? org.knowm.xchart.style.lines.SeriesLines.SOLID
                    : org.knowm.xchart.style.lines.SeriesLines.DOT_DOT);
            s.setMarker(switch (use % 4) {
                case 0 -> SeriesMarkers.CIRCLE;
                case 1 -> SeriesMarkers.SQUARE;
                case 2 -> SeriesMarkers.DIAMOND;
                default -> SeriesMarkers.TRIANGLE_UP;
            });
        }
    }

    /**
     * Colours by series group: a scheme's own colour where it has one, else the next palette colour; the
     * same scheme in another group (another width or setting) keeps its colour and counts as another use of it.
     */
    private static final class GroupColours {
        /** A group's colour and how many groups took that colour before it. */
        record Assigned(Color colour, int use) {
        }

        private final Map<String, Color> colours = new LinkedHashMap<>();
        private final Map<Color, Integer> uses = new java.util.HashMap<>();
        private int others;

        Assigned colourOf(String group) {
            Color colour = colours.get(group);
            boolean firstOfGroup = colour == null;
            if (colour == null) {
                colour = schemeColour(group);
                if (colour == null) {
                    colour = PALETTE[others++ % PALETTE.length];
                }
                colours.put(group, colour);
            }
            int use = firstOfGroup ? uses.merge(colour, 1, Integer::sum) - 1 : uses.getOrDefault(colour, 1) - 1;
            return new Assigned(colour, use);
        }
    }

    /** A series as drawn: x, y (log10 on a log axis) and error half-widths. */
    private static final class Plotted {
        final Line line;
        final List<Double> xs = new ArrayList<>();
        final List<Double> ys = new ArrayList<>();
        final List<Double> es = new ArrayList<>();
        final List<Double> los = new ArrayList<>();
        final List<Double> his = new ArrayList<>();
        boolean hasErr;
        boolean asymmetric;
        String shownName;

        Plotted(Line line) {
            this.line = line;
        }
    }

    private static Plotted plot(Line l, boolean logX, boolean logY) {
        Plotted p = new Plotted(l);
        for (int i = 0; i < l.x().length; i++) {
            double x = l.x()[i];
            double y = l.y()[i];
            if (!Double.isFinite(x) || !Double.isFinite(y) || logX && x <= 0 || logY && y <= 0) {
                continue;
            }
            double lo = l.lo() == null ? Double.NaN : l.lo()[i];
            double hi = l.hi() == null ? Double.NaN : l.hi()[i];
            double h;
            double pl;
            double ph;
            if (logY) {
                // on the log scale: a lower end at or below 0 is off the axis (drawn to the bottom)
                y = Math.log10(y);
                pl = lo > 0 ? Math.log10(lo) : Double.isFinite(lo) ? Double.NEGATIVE_INFINITY : Double.NaN;
                ph = hi > 0 ? Math.log10(hi) : Double.NaN;
            } else {
                pl = lo;
                ph = hi;
            }
            double dl = Double.isFinite(pl) ? y - pl : Double.NaN;
            double dh = Double.isFinite(ph) ? ph - y : Double.NaN;
            h = Math.max(Double.isFinite(dl) ? dl : 0, Double.isFinite(dh) ? dh : 0);
            if (h > 0 && (pl == Double.NEGATIVE_INFINITY || Double.isFinite(dl) && Double.isFinite(dh)
                    && Math.abs(dl - dh) > 0.1 * h)) {
                p.asymmetric = true;
            }
            p.los.add(pl);
            p.his.add(ph);
            p.hasErr |= h > 0;
            p.xs.add(x);
            p.ys.add(y);
            p.es.add(h);
        }
        return p.xs.isEmpty() ? null : p;
    }

    /**
     * Draws each interval of an asymmetric series as its own vertical segment (XChart's error bars
     * are symmetric): same colour, not in the legend; a lower end off a log axis goes to its bottom.
     */
    private static void intervals(XYChart c, Plotted p, String name, Color colour, double yMin) {
        for (int i = 0; i < p.xs.size(); i++) {
            double lo = p.los.get(i);
            double hi = p.his.get(i);
            if (!Double.isFinite(hi) && !Double.isFinite(lo) && lo != Double.NEGATIVE_INFINITY) {
                continue;
            }
            double y = p.ys.get(i);
            double a = lo == Double.NEGATIVE_INFINITY ? Math.min(yMin, y) : Double.isFinite(lo) ? lo : y;
            double b = Double.isFinite(hi) ? hi : y;
            XYSeries seg = c.addSeries(name + " interval " + i, List.of(p.xs.get(i), p.xs.get(i)), List.of(a, b));
            seg.setMarker(SeriesMarkers.NONE);
            seg.setLineColor(colour);
            seg.setLineStyle(new java.awt.BasicStroke(1.5f));
            seg.setShowInLegend(false);
        }
    }

    /** Whether two series have the same x values and y values within {@code tolerance} (plotted units). */
    private static boolean overlaps(Plotted a, Plotted b, double tolerance) {
        if (!a.xs.equals(b.xs)) {
            return false;
        }
        for (int i = 0; i < a.ys.size(); i++) {
            if (Math.abs(a.ys.get(i) - b.ys.get(i)) > tolerance) {
                return false;
            }
        }
        return true;
    }

    /** Whether the finite values are all positive and span more than two decades. */
    static boolean spansDecades(double[] values) {
        double min = Double.POSITIVE_INFINITY;
        double max = 0;
        for (double v : values) {
            if (!Double.isFinite(v)) {
                continue;
            }
            if (v <= 0) {
                return false;
            }
            min = Math.min(min, v);
            max = Math.max(max, v);
        }
        return max > 0 && max / min > 100;
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
