package dev.initlab.report;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Regression check of one JMH run against a baseline run.
 *
 * <p>Results are paired by {@link JmhResult#key()} (benchmark, mode, JMH threads, parameters).
 * For each pair the <em>speed ratio</em> is current/baseline of operations per second, so a
 * ratio below 1 is slower whatever the JMH mode (time modes are inverted first). Its interval is
 * the conservative quotient of the two JMH 99.9% intervals ({@link Estimate#ratio}). Verdicts:
 * <ul>
 *   <li>{@code regression}: the whole ratio interval lies below {@code 1 - threshold};</li>
 *   <li>{@code improvement}: the whole ratio interval lies above {@code 1 + threshold};</li>
 *   <li>{@code unchanged}: otherwise (the interval reaches into the tolerance band);</li>
 *   <li>{@code no-ci}: one side has no interval (a single measurement iteration), so nothing is
 *       claimed;</li>
 *   <li>{@code baseline-only} / {@code new}: the key is in one run only;</li>
 *   <li>{@code machine-slower} / {@code machine-faster}: what would be a regression or an improvement of
 *       an outside baseline ({@code Arrays.fill}, {@code java.util.Random}, {@code ThreadLocalRandom},
 *       {@code SplittableRandom}, Commons RNG): their code did not change between the runs, so the shift is
 *       the machine's (a neighbour's load), never an initlab regression; it says how far to trust the
 *       initlab rows of the same pair of runs.</li>
 * </ul>
 * A noisy run therefore yields wide intervals and no flags rather than false alarms.
 */
public final class Compare {
    /** Outcome for one benchmark key. */
    public enum Verdict {
        REGRESSION("regression"), IMPROVEMENT("improvement"), MACHINE_SLOWER("machine-slower"),
        MACHINE_FASTER("machine-faster"), UNCHANGED("unchanged"), NO_CI("no-ci"),
        NOT_COMPARABLE("not-comparable"), BASELINE_ONLY("baseline-only"), NEW("new");

        private final String text;

        Verdict(String text) {
            this.text = text;
        }

        /** Lower-case label used in tables. */
        public String text() {
            return text;
        }
    }

    /**
     * One compared key.
     *
     * @param key the benchmark key
     * @param baseline baseline result, null when new
     * @param current current result, null when only in the baseline
     * @param ratio speed ratio current/baseline with interval, null when not computable
     * @param verdict the verdict
     */
    public record Row(String key, JmhResult baseline, JmhResult current, Estimate ratio, Verdict verdict) {
    }

    private final double threshold;
    private final List<Row> rows;

    private Compare(double threshold, List<Row> rows) {
        this.threshold = threshold;
        this.rows = List.copyOf(rows);
    }

    /**
     * Compares two runs.
     *
     * @param threshold tolerated slowdown as a fraction, in [0, 1) (0.05 = 5%)
     */
    public static Compare of(List<JmhResult> baseline, List<JmhResult> current, double threshold) {
        if (!(threshold >= 0 && threshold < 1)) {
            throw new IllegalArgumentException("threshold must be in [0, 1), got " + threshold);
        }
        Map<String, JmhResult> base = index(baseline, "baseline");
        Map<String, JmhResult> cur = index(current, "current");
        List<Row> rows = new ArrayList<>();
        for (var e : base.entrySet()) {
            JmhResult c = cur.get(e.getKey());
            if (c == null) {
                rows.add(new Row(e.getKey(), e.getValue(), null, null, Verdict.BASELINE_ONLY));
            } else {
                rows.add(pair(e.getKey(), e.getValue(), c, threshold));
            }
        }
        for (var e : cur.entrySet()) {
            if (!base.containsKey(e.getKey())) {
                rows.add(new Row(e.getKey(), null, e.getValue(), null, Verdict.NEW));
            }
        }
        return new Compare(threshold, rows);
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

    private static Row pair(String key, JmhResult b, JmhResult c, double threshold) {
        Optional<Estimate> rb = b.opsPerSecond();
        Optional<Estimate> rc = c.opsPerSecond();
        if (rb.isEmpty() || rc.isEmpty()) {
            return new Row(key, b, c, null, Verdict.NOT_COMPARABLE);
        }
        Estimate ratio = Estimate.ratio(rc.get(), rb.get());
        Verdict v = verdict(ratio, threshold);
        if (BenchRole.of(c).kind().baseline()) {
            v = v == Verdict.REGRESSION ? Verdict.MACHINE_SLOWER : v == Verdict.IMPROVEMENT ? Verdict.MACHINE_FASTER : v;
        }
        return new Row(key, b, c, ratio, v);
    }

    /** The verdict rule of the class comment for one ratio. */
    public static Verdict verdict(Estimate ratio, double threshold) {
        if (!ratio.hasInterval()) {
            return Verdict.NO_CI;
        }
        if (ratio.hi() < 1 - threshold) {
            return Verdict.REGRESSION;
        }
        if (ratio.lo() > 1 + threshold) {
            return Verdict.IMPROVEMENT;
        }
        return Verdict.UNCHANGED;
    }

    public double threshold() {
        return threshold;
    }

    public List<Row> rows() {
        return rows;
    }

    /** Rows flagged as regressions. */
    public List<Row> regressions() {
        return rows.stream().filter(r -> r.verdict() == Verdict.REGRESSION).toList();
    }

    /** Rows flagged as improvements. */
    public List<Row> improvements() {
        return rows.stream().filter(r -> r.verdict() == Verdict.IMPROVEMENT).toList();
    }

    /** Number of rows with a given verdict. */
    public long count(Verdict v) {
        return rows.stream().filter(r -> r.verdict() == v).count();
    }

    /** The comparison as a document table (regressions first, then improvements, then the rest). */
    Doc.Table table() {
        Doc.TableBuilder t = new Doc.TableBuilder(null, "benchmark", "params", "mode", "threads", "baseline",
                "current", "unit", "speed ratio", "ratio CI", "verdict");
        List<Row> sorted = new ArrayList<>(rows);
        sorted.sort((x, y) -> Integer.compare(x.verdict().ordinal(), y.verdict().ordinal()));
        for (Row r : sorted) {
            JmhResult any = r.current() != null ? r.current() : r.baseline();
            Doc.Tone tone = switch (r.verdict()) {
                case REGRESSION -> Doc.Tone.BAD;
                case IMPROVEMENT -> Doc.Tone.GOOD;
                case NO_CI, NOT_COMPARABLE, MACHINE_SLOWER, MACHINE_FASTER -> Doc.Tone.WARN;
                default -> Doc.Tone.NONE;
            };
            String ci = r.ratio() == null ? "n/a"
                    : r.ratio().hasInterval() ? "[" + Num.g(r.ratio().lo()) + ", " + Num.g(r.ratio().hi()) + "]"
                    : "n/a (single iteration)";
            t.row(Doc.cell(any.shortName()), Doc.cell(any.paramText()), Doc.cell(any.mode()),
                    Doc.cell(Integer.toString(any.threads())), Doc.cell(score(r.baseline())), Doc.cell(score(r.current())),
                    Doc.cell(any.unit()), Doc.cell(r.ratio() == null ? "n/a" : Num.g(r.ratio().value())), Doc.cell(ci),
                    Doc.cell(r.verdict().text(), tone));
        }
        return t.build();
    }

    private static String score(JmhResult r) {
        if (r == null) {
            return "absent";
        }
        return Num.g(r.score()) + (Double.isFinite(r.scoreError()) ? " ± " + Num.g(r.scoreError()) : " (no CI)");
    }

    /** Renders the comparison as {@code table}, {@code csv} or {@code md}. */
    public String render(String format) {
        return TextTables.render(table(), format);
    }

    /** A one-line summary, e.g. {@code 2 regressions, 1 improvement, 30 unchanged ...}. */
    public String summary() {
        StringBuilder sb = new StringBuilder();
        for (Verdict v : Verdict.values()) {
            long n = count(v);
            if (n > 0) {
                sb.append(sb.isEmpty() ? "" : ", ").append(v.text()).append(' ').append(n);
            }
        }
        String machine = count(Verdict.MACHINE_SLOWER) > 0 || count(Verdict.MACHINE_FASTER) > 0
                ? "; outside baselines (Arrays.fill, java.util.Random, ...) moved although their code did not: the "
                + "machine's load differed between the runs, so read initlab's ratios with that in mind" : "";
        return (sb.isEmpty() ? "nothing to compare" : sb.toString()) + " (threshold "
                + Num.g(100 * threshold) + "%, ratio CI = conservative quotient of JMH 99.9% intervals)" + machine;
    }
}
