package dev.initlab.bench;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * Reader for JMH's JSON result format ({@code -rf json}): an array of objects with
 * {@code benchmark}, {@code mode}, {@code threads}, {@code forks}, {@code params} and
 * {@code primaryMetric {score, scoreError, scoreUnit, rawData}}. JMH writes non-finite numbers as
 * the strings {@code "NaN"}, {@code "Infinity"}, which are accepted.
 */
public final class JmhJson {
    private static final ObjectMapper MAPPER = new ObjectMapper();

    private JmhJson() {
    }

    /**
     * Reads one JMH JSON file.
     *
     * @throws IllegalArgumentException with a one-line message when the file is missing,
     *     unreadable, not JSON, or not a JMH result array
     */
    public static List<JmhResult> read(Path file) {
        JsonNode root;
        try {
            root = MAPPER.readTree(Files.readAllBytes(file));
        } catch (NoSuchFileException e) {
            throw new IllegalArgumentException(file + ": no such file");
        } catch (JsonProcessingException e) {
            throw new IllegalArgumentException(file + ": not JSON (" + e.getOriginalMessage() + " at line "
                    + (e.getLocation() == null ? "?" : e.getLocation().getLineNr()) + ")");
        } catch (IOException e) {
            throw new IllegalArgumentException(file + ": cannot read (" + e.getMessage() + ")");
        }
        return parse(root, file.toString());
    }

    /** Parses JMH JSON text (the {@code source} names it in error messages). */
    public static List<JmhResult> parse(String json, String source) {
        try {
            return parse(MAPPER.readTree(json), source);
        } catch (JsonProcessingException e) {
            throw new IllegalArgumentException(source + ": not JSON (" + e.getOriginalMessage() + ")");
        }
    }

    private static List<JmhResult> parse(JsonNode root, String source) {
        String notJmh = source + ": not a JMH JSON result (expected an array of objects with 'benchmark' and "
                + "'primaryMetric'; write one with -rf json)";
        if (root == null || !root.isArray()) {
            throw new IllegalArgumentException(notJmh);
        }
        List<JmhResult> out = new ArrayList<>();
        int i = 0;
        for (JsonNode n : root) {
            i++;
            JsonNode pm = n.get("primaryMetric");
            if (!n.isObject() || !n.path("benchmark").isTextual() || pm == null || !pm.isObject()) {
                throw new IllegalArgumentException(notJmh + " (entry " + i + ")");
            }
            String bench = n.get("benchmark").asText();
            double score = number(pm.get("score"));
            if (!Double.isFinite(score)) {
                throw new IllegalArgumentException(source + ": entry " + i + " (" + bench + ") has no finite score");
            }
            Map<String, String> params = new TreeMap<>();
            n.path("params").fields().forEachRemaining(e -> params.put(e.getKey(), e.getValue().asText()));
            int measurements = 0;
            List<List<Double>> raw = new ArrayList<>();
            for (JsonNode fork : pm.path("rawData")) {
                measurements += fork.size();
                List<Double> iterations = new ArrayList<>();
                fork.forEach(v -> iterations.add(number(v)));
                raw.add(iterations);
            }
            if (measurements == 0) { // sample mode writes rawDataHistogram: one entry per iteration per fork
                for (JsonNode fork : pm.path("rawDataHistogram")) {
                    measurements += fork.size();
                    List<Double> iterations = new ArrayList<>();
                    fork.forEach(h -> iterations.add(quantile(h, JmhResult.SAMPLE_QUANTILE)));
                    raw.add(iterations);
                }
            }
            List<String> jvmArgs = new ArrayList<>();
            n.path("jvmArgs").forEach(a -> jvmArgs.add(a.asText()));
            JmhResult.RunInfo run = new JmhResult.RunInfo(n.path("jmhVersion").asText(""),
                    n.path("jdkVersion").asText(""), n.path("vmName").asText(""), n.path("vmVersion").asText(""),
                    jvmArgs, n.path("warmupIterations").asInt(0), n.path("warmupTime").asText(""),
                    n.path("measurementIterations").asInt(0), n.path("measurementTime").asText(""));
            Map<String, Double> secondary = new TreeMap<>();
            n.path("secondaryMetrics").fields().forEachRemaining(e -> {
                double v = number(e.getValue().get("score"));
                if (Double.isFinite(v)) {
                    secondary.put(e.getKey(), v);
                }
            });
            double err = number(pm.get("scoreError"));
            out.add(new JmhResult(bench, n.path("mode").asText("thrpt"), n.path("threads").asInt(1),
                    n.path("forks").asInt(0), new TreeMap<>(params), score, err < 0 ? Double.NaN : err,
                    pm.path("scoreUnit").asText(""), measurements, new TreeMap<>(secondary), run, raw));
        }
        return out;
    }

    /**
     * The q-quantile of one iteration's histogram, JMH's {@code [[value, count], ...]} (lowest
     * value whose cumulative count reaches q of the total); NaN when empty.
     */
    static double quantile(JsonNode histogram, double q) {
        List<double[]> bins = new ArrayList<>();
        double total = 0;
        for (JsonNode b : histogram) {
            double v = number(b.get(0));
            double c = number(b.get(1));
            if (Double.isFinite(v) && c > 0) {
                bins.add(new double[] {v, c});
                total += c;
            }
        }
        bins.sort((a, b) -> Double.compare(a[0], b[0]));
        double seen = 0;
        for (double[] b : bins) {
            seen += b[1];
            if (seen >= q * total) {
                return b[0];
            }
        }
        return Double.NaN;
    }

    private static double number(JsonNode n) {
        if (n == null || n.isNull()) {
            return Double.NaN;
        }
        if (n.isNumber()) {
            return n.asDouble();
        }
        if (n.isTextual()) {
            try {
                return Double.parseDouble(n.asText().trim());
            } catch (NumberFormatException e) {
                return Double.NaN;
            }
        }
        return Double.NaN;
    }
}
