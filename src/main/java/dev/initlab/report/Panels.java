package dev.initlab.report;

import java.awt.BasicStroke;
import java.awt.Color;
import java.awt.Font;
import java.awt.FontMetrics;
import java.awt.Graphics2D;
import java.awt.RenderingHints;
import java.awt.image.BufferedImage;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import javax.imageio.ImageIO;
import org.knowm.xchart.BitmapEncoder;
import org.knowm.xchart.XYChart;
import org.knowm.xchart.XYChartBuilder;
import org.knowm.xchart.XYSeries;
import org.knowm.xchart.style.lines.SeriesLines;
import org.knowm.xchart.style.markers.SeriesMarkers;

/**
 * Small multiples: several XChart panels tiled into one PNG under a title and one shared legend
 * (drawn once, above the panels, so no panel loses plot width to it). A panel holds curves (thick
 * lines, thin per-seed lines, dashed references, steps, points), interval bands (filled polygons
 * between a lower and an upper curve) and vertical interval segments. On a logarithmic axis points
 * at or below 0 are dropped and band or segment ends at or below 0 are drawn at the panel's floor
 * (the caller says so in the caption).
 */
final class Panels {
    static {
        System.setProperty("java.awt.headless", "true");
    }

    /** Default panel size in pixels. */
    static final int PANEL_W = 560;
    static final int PANEL_H = 380;

    private Panels() {
    }

    /** How a curve is drawn. */
    enum Kind {
        /** A thick line with small markers: a mean or a summary. */
        MAIN,
        /** A thin translucent line without markers: one seed. */
        THIN,
        /** A dashed line without markers: a prediction or reference. */
        DASHED,
        /** A line without markers. */
        LINE,
        /** Markers only (filled circles). */
        POINTS,
        /** Markers only (crosses): a run that did not reach a criterion. */
        CROSSES
    }

    /** One curve of a panel. */
    record Curve(String name, double[] x, double[] y, Color colour, Kind kind) {
    }

    /** A filled band between {@code lo} and {@code hi} over {@code x} (an interval per x). */
    record Band(double[] x, double[] lo, double[] hi, Color colour) {
    }

    /** A vertical interval segment at {@code x}. */
    record Segment(double x, double lo, double hi, Color colour) {
    }

    /**
     * One panel.
     *
     * @param yMin lower end of the y axis, or NaN for XChart's choice
     * @param yMax upper end of the y axis, or NaN for XChart's choice
     */
    record Panel(String title, String xTitle, String yTitle, boolean logX, boolean logY, List<Band> bands,
                 List<Curve> curves, List<Segment> segments, double yMin, double yMax) {
        Panel {
            bands = List.copyOf(bands);
            curves = List.copyOf(curves);
            segments = List.copyOf(segments);
        }

        /** A panel with automatic y range. */
        Panel(String title, String xTitle, String yTitle, boolean logX, boolean logY, List<Band> bands,
              List<Curve> curves, List<Segment> segments) {
            this(title, xTitle, yTitle, logX, logY, bands, curves, segments, Double.NaN, Double.NaN);
        }

        /** Whether the panel has a point to draw. */
        boolean drawable() {
            return curves.stream().anyMatch(c -> finitePoints(c.x(), c.y(), logX, logY) > 0);
        }
    }

    /** A legend entry of the shared legend. */
    record Key(String label, Color colour, Kind kind) {
    }

    /** The colour with the given alpha (0-255). */
    static Color alpha(Color c, int a) {
        return new Color(c.getRed(), c.getGreen(), c.getBlue(), a);
    }

    /**
     * Writes the panels as a grid of {@code cols} columns under {@code title} and the legend.
     *
     * @return whether a file was written (false when no panel has a point to draw)
     */
    static boolean grid(Path out, String title, List<Panel> panels, int cols, List<Key> legend) throws IOException {
        return grid(out, title, panels, cols, legend, PANEL_W, PANEL_H);
    }

    /** As {@link #grid(Path, String, List, int, List)} with the panel size in pixels. */
    static boolean grid(Path out, String title, List<Panel> panels, int cols, List<Key> legend, int pw, int ph)
            throws IOException {
        List<Panel> drawable = panels.stream().filter(Panel::drawable).toList();
        if (drawable.isEmpty()) {
            return false;
        }
        int c = Math.max(1, Math.min(cols, drawable.size()));
        int rows = (drawable.size() + c - 1) / c;
        int width = c * pw;
        Font titleFont = new Font(Font.SANS_SERIF, Font.BOLD, 18);
        Font legendFont = new Font(Font.SANS_SERIF, Font.PLAIN, 13);
        BufferedImage probe = new BufferedImage(1, 1, BufferedImage.TYPE_INT_RGB);
        Graphics2D pg = probe.createGraphics();
        List<String> titleLines = wrap(title, pg.getFontMetrics(titleFont), width - 24);
        List<List<Key>> legendRows = legendRows(legend, pg.getFontMetrics(legendFont), width - 24);
        pg.dispose();
        int top = 12 + 24 * titleLines.size() + 22 * legendRows.size() + 8;
        BufferedImage img = new BufferedImage(width, top + rows * ph, BufferedImage.TYPE_INT_RGB);
        Graphics2D g = img.createGraphics();
        g.setRenderingHint(RenderingHints.KEY_ANTIALIASING, RenderingHints.VALUE_ANTIALIAS_ON);
        g.setRenderingHint(RenderingHints.KEY_TEXT_ANTIALIASING, RenderingHints.VALUE_TEXT_ANTIALIAS_ON);
        g.setColor(Color.WHITE);
        g.fillRect(0, 0, img.getWidth(), img.getHeight());
        g.setColor(new Color(27, 31, 35));
        g.setFont(titleFont);
        int y = 12;
        for (String line : titleLines) {
            int w = g.getFontMetrics().stringWidth(line);
            g.drawString(line, (width - w) / 2, y + 18);
            y += 24;
        }
        g.setFont(legendFont);
        for (List<Key> row : legendRows) {
            int rowWidth = row.stream().mapToInt(k -> keyWidth(k, g.getFontMetrics())).sum();
            int x = Math.max(12, (width - rowWidth) / 2);
            for (Key k : row) {
                drawKey(g, k, x, y + 11);
                x += keyWidth(k, g.getFontMetrics());
            }
            y += 22;
        }
        for (int i = 0; i < drawable.size(); i++) {
            BufferedImage p = BitmapEncoder.getBufferedImage(chart(drawable.get(i), pw, ph));
            g.drawImage(p, (i % c) * pw, top + (i / c) * ph, null);
        }
        g.dispose();
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        ImageIO.write(img, "png", bytes); // atomic: encodes into memory; the file is written by AtomicFiles below
        Files.createDirectories(out.toAbsolutePath().getParent());
        dev.initlab.io.AtomicFiles.writeBytes(out, bytes.toByteArray());
        return true;
    }

    private static int keyWidth(Key k, FontMetrics fm) {
        return 30 + fm.stringWidth(k.label()) + 22;
    }

    private static void drawKey(Graphics2D g, Key k, int x, int midY) {
        g.setColor(k.kind() == Kind.THIN ? alpha(k.colour(), 110) : k.colour());
        switch (k.kind()) {
            case POINTS -> g.fillOval(x + 9, midY - 5, 10, 10);
            case CROSSES -> {
                g.setStroke(new BasicStroke(2f));
                g.drawLine(x + 9, midY - 5, x + 19, midY + 5);
                g.drawLine(x + 9, midY + 5, x + 19, midY - 5);
            }
            case DASHED -> {
                g.setStroke(new BasicStroke(2f, BasicStroke.CAP_BUTT, BasicStroke.JOIN_MITER, 10f, new float[] {5f, 4f},
                        0f));
                g.drawLine(x, midY, x + 26, midY);
            }
            case THIN -> {
                g.setStroke(new BasicStroke(1f));
                g.drawLine(x, midY, x + 26, midY);
            }
            default -> {
                g.setStroke(new BasicStroke(3f));
                g.drawLine(x, midY, x + 26, midY);
            }
        }
        g.setStroke(new BasicStroke(1f));
        g.setColor(new Color(27, 31, 35));
        g.drawString(k.label(), x + 30, midY + 5);
    }

    private static List<List<Key>> legendRows(List<Key> legend, FontMetrics fm, int width) {
        List<List<Key>> rows = new ArrayList<>();
        List<Key> row = new ArrayList<>();
        int w = 0;
        for (Key k : legend) {
            int kw = keyWidth(k, fm);
            if (!row.isEmpty() && w + kw > width) {
                rows.add(row);
                row = new ArrayList<>();
                w = 0;
            }
            row.add(k);
            w += kw;
        }
        if (!row.isEmpty()) {
            rows.add(row);
        }
        return rows;
    }

    /** Greedy word wrap of {@code text} to lines no wider than {@code width} pixels. */
    static List<String> wrap(String text, FontMetrics fm, int width) {
        List<String> lines = new ArrayList<>();
        StringBuilder line = new StringBuilder();
        for (String word : text.split(" ")) {
            String next = line.isEmpty() ? word : line + " " + word;
            if (!line.isEmpty() && fm.stringWidth(next) > width) {
                lines.add(line.toString());
                line = new StringBuilder(word);
            } else {
                line = new StringBuilder(next);
            }
        }
        if (!line.isEmpty()) {
            lines.add(line.toString());
        }
        return lines;
    }

    private static int finitePoints(double[] x, double[] y, boolean logX, boolean logY) {
        int n = 0;
        for (int i = 0; i < x.length; i++) {
            if (ok(x[i], logX) && ok(y[i], logY)) {
                n++;
            }
        }
        return n;
    }

    private static boolean ok(double v, boolean log) {
        return Double.isFinite(v) && (!log || v > 0);
    }

    /** One panel as an XChart chart (no legend: the grid draws the shared one). */
    static XYChart chart(Panel p, int w, int h) {
        XYChart c = styled(p, w, h);
        double lo = smallestY(p);
        // on a log axis: the decade at or below the smallest point is the bottom, and interval ends under it are drawn there
        double floor = p.logY() ? Math.pow(10, Math.floor(Math.log10(lo))) : Double.NEGATIVE_INFINITY;
        if (Double.isFinite(p.yMin())) {
            floor = p.logY() ? Math.max(p.yMin(), Double.MIN_NORMAL) : p.yMin();
        }
        double ceiling = Double.isFinite(p.yMax()) ? p.yMax() : Double.POSITIVE_INFINITY;
        int n = addBands(c, p, floor, ceiling, 0);
        n = addSegments(c, p, floor, ceiling, n);
        addCurves(c, p, n);
        var s = c.getStyler();
        if (Double.isFinite(p.yMin())) {
            s.setYAxisMin(p.yMin());
        } else if (p.logY() && Double.isFinite(lo)) {
            s.setYAxisMin(floor);
        }
        if (Double.isFinite(p.yMax())) {
            s.setYAxisMax(p.yMax());
        }
        return c;
    }

    /** An empty chart with the panel's titles, axes and the report's fonts and colours. */
    private static XYChart styled(Panel p, int w, int h) {
        XYChart c = new XYChartBuilder().width(w).height(h).title(p.title()).xAxisTitle(p.xTitle())
                .yAxisTitle(p.yTitle()).build();
        var s = c.getStyler();
        s.setChartBackgroundColor(Color.WHITE);
        s.setPlotBackgroundColor(Color.WHITE);
        s.setChartTitleFont(new Font(Font.SANS_SERIF, Font.BOLD, p.title().length() > 48 ? 12 : 14));
        s.setAxisTitleFont(new Font(Font.SANS_SERIF, Font.PLAIN, 12));
        s.setAxisTickLabelsFont(new Font(Font.SANS_SERIF, Font.PLAIN, 11));
        s.setPlotGridLinesColor(new Color(225, 225, 225));
        s.setLegendVisible(false);
        s.setAntiAlias(true);
        s.setXAxisLogarithmic(p.logX());
        s.setYAxisLogarithmic(p.logY());
        s.setXAxisTickMarkSpacingHint(60);
        return c;
    }

    /** The smallest y of the curves' points that can be drawn on the panel's axes (+infinity when none). */
    private static double smallestY(Panel p) {
        double lo = Double.POSITIVE_INFINITY;
        for (Curve cu : p.curves()) {
            for (int i = 0; i < cu.x().length; i++) {
                if (ok(cu.x()[i], p.logX()) && ok(cu.y()[i], p.logY())) {
                    lo = Math.min(lo, cu.y()[i]);
                }
            }
        }
        return lo;
    }

    /** Draws the interval bands as translucent polygons; returns the next series number. */
    private static int addBands(XYChart c, Panel p, double floor, double ceiling, int n) {
        for (Band b : p.bands()) {
            List<Double> xs = new ArrayList<>();
            List<Double> ys = new ArrayList<>();
            List<Double> back = new ArrayList<>();
            List<Double> backX = new ArrayList<>();
            for (int i = 0; i < b.x().length; i++) {
                if (!ok(b.x()[i], p.logX()) || !Double.isFinite(b.lo()[i]) || !Double.isFinite(b.hi()[i])) {
                    continue;
                }
                double l = clamp(b.lo()[i], floor, ceiling);
                double u = clamp(b.hi()[i], floor, ceiling);
                if (p.logY() && u <= 0) {
                    continue;
                }
                xs.add(b.x()[i]);
                ys.add(l);
                backX.add(0, b.x()[i]);
                back.add(0, u);
            }
            if (xs.size() < 2) {
                continue;
            }
            xs.addAll(backX);
            ys.addAll(back);
            XYSeries band = c.addSeries("band " + n++, xs, ys);
            band.setXYSeriesRenderStyle(XYSeries.XYSeriesRenderStyle.PolygonArea);
            band.setFillColor(alpha(b.colour(), 45));
            band.setLineColor(alpha(b.colour(), 0));
            band.setMarker(SeriesMarkers.NONE);
            band.setShowInLegend(false);
        }
        return n;
    }

    /** Draws the vertical interval segments; returns the next series number. */
    private static int addSegments(XYChart c, Panel p, double floor, double ceiling, int n) {
        for (Segment sg : p.segments()) {
            if (!ok(sg.x(), p.logX()) || !Double.isFinite(sg.lo()) || !Double.isFinite(sg.hi())) {
                continue;
            }
            double l = clamp(sg.lo(), floor, ceiling);
            double u = clamp(sg.hi(), floor, ceiling);
            if (p.logY() && u <= 0) {
                continue;
            }
            XYSeries seg = c.addSeries("segment " + n++, List.of(sg.x(), sg.x()), List.of(l, u));
            seg.setMarker(SeriesMarkers.NONE);
            seg.setLineColor(sg.colour());
            seg.setLineStyle(new BasicStroke(1.6f));
            seg.setShowInLegend(false);
        }
        return n;
    }

    /** Draws the curves, thin lines first so that the summaries lie on top. */
    private static void addCurves(XYChart c, Panel p, int n) {
        List<Curve> ordered = new ArrayList<>(p.curves().stream().filter(cu -> cu.kind() == Kind.THIN).toList());
        p.curves().stream().filter(cu -> cu.kind() != Kind.THIN).forEach(ordered::add);
        for (Curve cu : ordered) {
            List<Double> xs = new ArrayList<>();
            List<Double> ys = new ArrayList<>();
            for (int i = 0; i < cu.x().length; i++) {
                if (ok(cu.x()[i], p.logX()) && ok(cu.y()[i], p.logY())) {
                    xs.add(cu.x()[i]);
                    ys.add(cu.y()[i]);
                }
            }
            if (xs.isEmpty()) {
                continue;
            }
            XYSeries se = c.addSeries(cu.name() + " #" + n++, xs, ys);
            se.setShowInLegend(false);
            drawAs(se, cu.kind(), cu.colour(), xs.size());
        }
    }

    /** Line, marker and colour of one curve by its kind. */
    private static void drawAs(XYSeries se, Kind kind, Color colour, int points) {
        switch (kind) {
            case MAIN -> {
                se.setLineColor(colour);
                se.setMarkerColor(colour);
                se.setLineStyle(new BasicStroke(2.6f));
                se.setMarker(points <= 40 ? SeriesMarkers.CIRCLE : SeriesMarkers.NONE);
            }
            case THIN -> {
                se.setLineColor(alpha(colour, 90));
                se.setLineStyle(new BasicStroke(1f));
                se.setMarker(SeriesMarkers.NONE);
            }
            case DASHED -> {
                se.setLineColor(colour);
                se.setLineStyle(SeriesLines.DASH_DASH);
                se.setMarker(SeriesMarkers.NONE);
            }
            case LINE -> {
                se.setLineColor(colour);
                se.setLineStyle(new BasicStroke(2f));
                se.setMarker(SeriesMarkers.NONE);
            }
            case POINTS -> {
                se.setXYSeriesRenderStyle(XYSeries.XYSeriesRenderStyle.Scatter);
                se.setMarker(SeriesMarkers.CIRCLE);
                se.setMarkerColor(alpha(colour, 170));
            }
            case CROSSES -> {
                se.setXYSeriesRenderStyle(XYSeries.XYSeriesRenderStyle.Scatter);
                se.setMarker(SeriesMarkers.CROSS);
                se.setMarkerColor(colour);
            }
        }
    }

    private static double clamp(double v, double floor, double ceiling) {
        return Math.min(Math.max(v, floor), ceiling);
    }
}
