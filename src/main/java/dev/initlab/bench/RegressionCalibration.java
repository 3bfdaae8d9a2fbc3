package dev.initlab.bench;

import dev.initlab.io.AtomicFiles;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.apache.commons.statistics.distribution.BetaDistribution;

/**
 * False-alarm and detection rates of {@link Compare}'s paired rule, measured on real runs (issue
 * #11). A folder of bench outputs named {@code aa-NN-a}, {@code aa-NN-b} (two runs of the same
 * commit) and {@code inj-NN} (the same commit with a test-only slowdown injected into one engine,
 * see {@code PairedBench}); every folder holds a {@code jmh-quick.json}. For each NN:
 * <ul>
 *   <li>A/A: {@code compare aa-NN-a aa-NN-b}; any regression flagged is a false alarm;</li>
 *   <li>injection: {@code compare aa-NN-a inj-NN}; a regression of the slowed engine's keys is a
 *       detection, a regression of any other key a false alarm.</li>
 * </ul>
 * Rates come with exact (Clopper-Pearson) 95% intervals; which runs were taken under load is counted
 * from their run notes.
 */
public final class RegressionCalibration {
    private static final Pattern RUN = Pattern.compile("(aa|inj)-(\\d+)(?:-(a|b))?");

    private RegressionCalibration() {
    }

    /**
     * One row of the result.
     *
     * @param experiment "A/A" or "injected"
     * @param key the paired benchmark's parameters, or "any key" for the family of one comparison
     * @param expected "no flag" or "regression"
     * @param comparisons comparisons made
     * @param flagged comparisons in which the key was flagged a regression
     * @param improvements comparisons in which it was flagged an improvement
     * @param rate flagged / comparisons
     * @param lo lower end of the exact 95% interval of the rate
     * @param hi upper end
     * @param medianChange median of the A/B-ratio change (current/baseline) over the comparisons
     * @param minChange smallest change
     * @param maxChange largest change
     */
    public record Row(String experiment, String key, String expected, int comparisons, int flagged, int improvements,
                      double rate, double lo, double hi, double medianChange, double minChange, double maxChange) {
    }

    /**
     * Compares the runs in {@code runs} as described in the class comment.
     *
     * @param injectedEngine the engine slowed down in the {@code inj} runs (e.g. "vector")
     * @param threshold compare's threshold
     * @return the rows, and in {@code loaded[0]} the number of runs taken under load, in {@code loaded[1]} all runs
     */
    public static List<Row> of(Path runs, String injectedEngine, double threshold, int[] loaded) throws IOException {
        Map<String, Map<String, Path>> byIndex = new TreeMap<>();
        try (Stream<Path> s = Files.list(runs)) {
            for (Path d : s.sorted().toList()) {
                Matcher m = RUN.matcher(d.getFileName().toString());
                Path json = d.resolve("jmh-quick.json");
                if (m.matches() && Files.isRegularFile(json)) {
                    String role = m.group(1).equals("inj") ? "inj" : m.group(3);
                    if (role != null) {
                        byIndex.computeIfAbsent(m.group(2), k -> new LinkedHashMap<>()).put(role, json);
                        loaded[1]++;
                        if (RunNote.beside(json).map(RunNote::underLoad).orElse(false)) {
                            loaded[0]++;
                        }
                    }
                }
            }
        }
        Map<String, List<Compare.Row>> aa = new TreeMap<>();
        Map<String, List<Compare.Row>> inj = new TreeMap<>();
        List<Compare> aaAll = new ArrayList<>();
        List<Compare> injAll = new ArrayList<>();
        for (Map<String, Path> r : byIndex.values()) {
            if (!r.containsKey("a")) {
                continue;
            }
            List<JmhResult> a = JmhJson.read(r.get("a"));
            if (r.containsKey("b")) {
                Compare c = Compare.of(a, JmhJson.read(r.get("b")), threshold);
                aaAll.add(c);
                collect(c, aa);
            }
            if (r.containsKey("inj")) {
                Compare c = Compare.of(a, JmhJson.read(r.get("inj")), threshold);
                injAll.add(c);
                collect(c, inj);
            }
        }
        List<Row> out = new ArrayList<>();
        aa.forEach((k, rows) -> out.add(row("A/A", k, "no flag", rows)));
        out.add(family("A/A", "any key", aaAll, k -> true));
        inj.forEach((k, rows) -> out.add(row("injected", k, k.contains("engine=" + injectedEngine + ",")
                || k.endsWith("engine=" + injectedEngine) ? "regression" : "no flag", rows)));
        out.add(family("injected", "any key not slowed", injAll, k -> !k.contains("engine=" + injectedEngine)));
        return out;
    }

    private static void collect(Compare c, Map<String, List<Compare.Row>> into) {
        for (Compare.Row r : c.rows()) {
            if (r.paired() != null && r.current() != null) {
                into.computeIfAbsent(r.current().paramText(), k -> new ArrayList<>()).add(r);
            }
        }
    }

    private static Row row(String experiment, String key, String expected, List<Compare.Row> rows) {
        int flagged = (int) rows.stream().filter(r -> r.outcome() == Compare.Outcome.REGRESSION).count();
        int better = (int) rows.stream().filter(r -> r.outcome() == Compare.Outcome.IMPROVEMENT).count();
        double[] ch = rows.stream().filter(r -> r.ratio() != null).mapToDouble(r -> r.ratio().value()).sorted().toArray();
        double[] ci = clopperPearson(flagged, rows.size());
        return new Row(experiment, key, expected, rows.size(), flagged, better, (double) flagged / rows.size(), ci[0],
                ci[1], ch.length == 0 ? Double.NaN : ch[ch.length / 2], ch.length == 0 ? Double.NaN : ch[0],
                ch.length == 0 ? Double.NaN : ch[ch.length - 1]);
    }

    private static Row family(String experiment, String key, List<Compare> cs, java.util.function.Predicate<String> keys) {
        int flagged = 0;
        int better = 0;
        for (Compare c : cs) {
            List<Compare.Row> rs = c.rows().stream().filter(r -> r.paired() != null && r.current() != null)
                    .filter(r -> keys.test(r.current().paramText())).toList();
            flagged += rs.stream().anyMatch(r -> r.outcome() == Compare.Outcome.REGRESSION) ? 1 : 0;
            better += rs.stream().anyMatch(r -> r.outcome() == Compare.Outcome.IMPROVEMENT) ? 1 : 0;
        }
        double[] ci = clopperPearson(flagged, cs.size());
        return new Row(experiment, key, "no flag", cs.size(), flagged, better,
                cs.isEmpty() ? Double.NaN : (double) flagged / cs.size(), ci[0], ci[1], Double.NaN, Double.NaN,
                Double.NaN);
    }

    /** Exact two-sided 95% interval of a binomial proportion k/n. */
    static double[] clopperPearson(int k, int n) {
        if (n == 0) {
            return new double[] {Double.NaN, Double.NaN};
        }
        double lo = k == 0 ? 0 : BetaDistribution.of(k, n - k + 1.0).inverseCumulativeProbability(0.025);
        double hi = k == n ? 1 : BetaDistribution.of(k + 1.0, n - k).inverseCumulativeProbability(0.975);
        return new double[] {lo, hi};
    }

    /** Writes the rows as CSV. */
    public static void writeCsv(List<Row> rows, double threshold, Path csv) throws IOException {
        StringBuilder sb = new StringBuilder("experiment,key,expected,comparisons,flagged,improvements,rate,rate_lo95,"
                + "rate_hi95,median_change,min_change,max_change,threshold,confidence\n");
        for (Row r : rows) {
            sb.append(String.join(",", r.experiment(), "\"" + r.key() + "\"", r.expected(),
                    Integer.toString(r.comparisons()), Integer.toString(r.flagged()), Integer.toString(r.improvements()),
                    f(r.rate()), f(r.lo()), f(r.hi()), f(r.medianChange()), f(r.minChange()), f(r.maxChange()),
                    f(threshold), f(PairedRatios.CONFIDENCE))).append('\n');
        }
        AtomicFiles.writeString(csv, sb);
    }

    private static String f(double v) {
        return Double.isFinite(v) ? String.format(Locale.ROOT, "%.4g", v) : "";
    }
}
