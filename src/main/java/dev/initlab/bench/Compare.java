package dev.initlab.bench;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Regression check of one JMH run against a baseline run.
 *
 * <p>Results are paired by {@link JmhResult#key()} (benchmark, mode, JMH threads, parameters).
 * Two kinds of evidence, judged differently (issue #11: a shared machine must not fool it):
 * <ul>
 *   <li><b>Paired rows</b> ({@link PairedRatios}: an initlab fill and an outside baseline
 *       interleaved A B A B in one fork). The speed ratio is the change of the same-fork ratio
 *       A/B, current over baseline, with the Hodges-Lehmann / Mann-Whitney 99.9% interval. These are
 *       the only rows that can be a {@code regression} by default.</li>
 *   <li><b>Absolute rows</b> (everything else): the ratio current/baseline of operations per second
 *       (time modes inverted, so below 1 is slower) with the conservative quotient of the two JMH
 *       99.9% intervals ({@link Estimate#ratio}). Neighbours' load moves these by 2x, so by default
 *       a shift of an initlab row is reported as {@code slower}/{@code faster} (informational, not a
 *       regression); with {@code absolute} they are judged like paired rows (for a dedicated, quiet
 *       machine). An outside baseline ({@code Arrays.fill}, {@code java.util.Random},
 *       {@code ThreadLocalRandom}, {@code SplittableRandom}, Commons RNG) is never an initlab
 *       regression: its shift is {@code machine-slower}/{@code machine-faster}, the machine's.</li>
 * </ul>
 * Outcomes of a judged ratio: {@code regression} when its whole interval lies below
 * {@code 1 - threshold}, {@code improvement} above {@code 1 + threshold}, else {@code unchanged};
 * {@code no-ci} when there is no interval; {@code baseline-only} / {@code new} when the key is in one
 * run only.
 */
public final class Compare {
    /** Outcome for one benchmark key. */
    public enum Outcome {
        REGRESSION("regression"), IMPROVEMENT("improvement"), SLOWER("slower (absolute, not judged)"),
        FASTER("faster (absolute, not judged)"), MACHINE_SLOWER("machine-slower"),
        MACHINE_FASTER("machine-faster"), UNCHANGED("unchanged"), NO_CI("no-ci"),
        NOT_COMPARABLE("not-comparable"), BASELINE_ONLY("baseline-only"), NEW("new");

        private final String label;

        Outcome(String label) {
            this.label = label;
        }

        /** Lower-case label used in tables. */
        public String label() {
            return label;
        }
    }

    /**
     * One compared key.
     *
     * @param key the benchmark key
     * @param baseline baseline result, null when new
     * @param current current result, null when only in the baseline
     * @param ratio speed ratio current/baseline with interval (for paired rows: of the A/B ratios), null when
     *     not computable
     * @param outcome the outcome
     * @param basis how the ratio was formed and judged, in words
     * @param paired the paired shift, null for absolute rows
     */
    public record Row(String key, JmhResult baseline, JmhResult current, Estimate ratio, Outcome outcome,
                      String basis, PairedRatios.Shift paired) {
    }

    private final double threshold;
    private final boolean absolute;
    private final List<Row> rows;

    private Compare(double threshold, boolean absolute, List<Row> rows) {
        this.threshold = threshold;
        this.absolute = absolute;
        this.rows = List.copyOf(rows);
    }

    /** Compares two runs, judging paired rows only (see the class comment). */
    public static Compare of(List<JmhResult> baseline, List<JmhResult> current, double threshold) {
        return of(baseline, current, threshold, false);
    }

    /**
     * Compares two runs.
     *
     * @param threshold tolerated slowdown as a fraction, in [0, 1) (0.05 = 5%)
     * @param absolute also judge initlab rows on absolute scores (a quiet, dedicated machine only)
     */
    public static Compare of(List<JmhResult> baseline, List<JmhResult> current, double threshold, boolean absolute) {
        if (!(threshold >= 0 && threshold < 1)) {
            throw new IllegalArgumentException("threshold must be in [0, 1), got " + threshold);
        }
        Map<String, JmhResult> base = index(baseline, "baseline");
        Map<String, JmhResult> cur = index(current, "current");
        List<Row> rows = new ArrayList<>();
        for (var e : base.entrySet()) {
            JmhResult c = cur.get(e.getKey());
            if (c == null) {
                rows.add(new Row(e.getKey(), e.getValue(), null, null, Outcome.BASELINE_ONLY, "", null));
            } else if (PairedRatios.isPaired(c)) {
                rows.add(paired(e.getKey(), e.getValue(), c, threshold));
            } else {
                rows.add(pair(e.getKey(), e.getValue(), c, threshold, absolute));
            }
        }
        for (var e : cur.entrySet()) {
            if (!base.containsKey(e.getKey())) {
                rows.add(new Row(e.getKey(), null, e.getValue(), null, Outcome.NEW, "", null));
            }
        }
        return new Compare(threshold, absolute, rows);
    }

    private static Map<String, JmhResult> index(List<JmhResult> rs, String what) {
        Map<String, JmhResult> m = new LinkedHashMap<>();
        for (JmhResult r : rs) {
            if (m.put(r.key(), r) != null) {
                throw new IllegalArgumentException(what + " run lists " + r.key() + " twice");
            }
        }
        return m;
    }

    private static Row paired(String key, JmhResult b, JmhResult c, double threshold) {
        PairedRatios.Shift shift = PairedRatios.shift(b, c);
        String basis = "same-fork A/B ratio, " + shift.baselinePairs() + " vs " + shift.currentPairs()
                + " pairs, Hodges-Lehmann shift with 99.9% Mann-Whitney interval";
        if (shift.change() == null) {
            return new Row(key, b, c, null, Outcome.NOT_COMPARABLE, basis + " (no pairs)", shift);
        }
        return new Row(key, b, c, shift.change(), outcome(shift.change(), threshold), basis, shift);
    }

    private static Row pair(String key, JmhResult b, JmhResult c, double threshold, boolean absolute) {
        Optional<Estimate> rb = b.opsPerSecond();
        Optional<Estimate> rc = c.opsPerSecond();
        if (rb.isEmpty() || rc.isEmpty()) {
            return new Row(key, b, c, null, Outcome.NOT_COMPARABLE, "absolute", null);
        }
        Estimate ratio = Estimate.ratio(rc.get(), rb.get());
        Outcome v = outcome(ratio, threshold);
        String basis = "absolute scores, quotient of JMH 99.9% intervals";
        if (BenchRole.of(c).kind().baseline()) {
            v = v == Outcome.REGRESSION ? Outcome.MACHINE_SLOWER : v == Outcome.IMPROVEMENT ? Outcome.MACHINE_FASTER : v;
            basis = "outside baseline: " + basis;
        } else if (!absolute) {
            v = v == Outcome.REGRESSION ? Outcome.SLOWER : v == Outcome.IMPROVEMENT ? Outcome.FASTER : v;
            basis += " (informational: absolute scores move with the machine's load)";
        }
        return new Row(key, b, c, ratio, v, basis, null);
    }

    /** The verdict rule of the class comment for one ratio. */
    public static Outcome outcome(Estimate ratio, double threshold) {
        if (!ratio.hasInterval()) {
            return Outcome.NO_CI;
        }
        if (ratio.hi() < 1 - threshold) {
            return Outcome.REGRESSION;
        }
        if (ratio.lo() > 1 + threshold) {
            return Outcome.IMPROVEMENT;
        }
        return Outcome.UNCHANGED;
    }

    /** Whether absolute rows of initlab were judged too. */
    public boolean absolute() {
        return absolute;
    }

    public double threshold() {
        return threshold;
    }

    public List<Row> rows() {
        return rows;
    }

    /** Rows flagged as regressions. */
    public List<Row> regressions() {
        return rows.stream().filter(r -> r.outcome() == Outcome.REGRESSION).toList();
    }

    /** Rows flagged as improvements. */
    public List<Row> improvements() {
        return rows.stream().filter(r -> r.outcome() == Outcome.IMPROVEMENT).toList();
    }

    /** Number of rows with a given verdict. */
    public long count(Outcome v) {
        return rows.stream().filter(r -> r.outcome() == v).count();
    }

    /**
     * A one-line summary, e.g. {@code 2 regressions, 1 improvement, 30 unchanged ...}; the option it may suggest
     * is named by its Java name ({@code absolute}).
     */
    public String summary() {
        return summary(java.util.function.UnaryOperator.identity());
    }

    /** {@link #summary()} with the option it may suggest spelled by {@code spelling} (the CLI's {@code --absolute}). */
    public String summary(java.util.function.UnaryOperator<String> spelling) {
        StringBuilder sb = new StringBuilder();
        for (Outcome v : Outcome.values()) {
            long n = count(v);
            if (n > 0) {
                sb.append(sb.isEmpty() ? "" : ", ").append(v.label()).append(' ').append(n);
            }
        }
        String machine = count(Outcome.MACHINE_SLOWER) > 0 || count(Outcome.MACHINE_FASTER) > 0
                ? "; outside baselines (Arrays.fill, java.util.Random, ...) moved although their code did not: the "
                + "machine's load differed between the runs, so read initlab's ratios with that in mind" : "";
        long paired = rows.stream().filter(r -> r.paired() != null).count();
        String judged = paired == 0 && !absolute
                ? "; no paired (same-fork A/B) results in both runs, so nothing was judged: run bench with PairedBench "
                + "(in the quick suite) or judge absolute scores (" + spelling.apply("absolute")
                + ", on a quiet dedicated machine only)" : "";
        return (sb.isEmpty() ? "nothing to compare" : sb.toString()) + " (threshold " + fmt(100 * threshold)
                + "%; regressions judged on " + (absolute ? "paired ratios and absolute scores" : "same-fork paired "
                + "ratios only") + ")" + machine + judged;
    }

    /** Four significant digits (the report formats its own numbers). */
    static String fmt(double v) {
        return Double.isFinite(v) ? new java.math.BigDecimal(v).round(new java.math.MathContext(4)).stripTrailingZeros()
                .toPlainString() : "n/a";
    }
}
