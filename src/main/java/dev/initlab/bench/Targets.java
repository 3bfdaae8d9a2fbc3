package dev.initlab.bench;

import dev.initlab.io.AtomicFiles;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.TreeSet;
import java.util.function.Predicate;

/**
 * The performance targets, in one place, and their evaluation on one JMH run.
 *
 * <p>Every target is evaluated per array size present in the run. Absolute targets use the
 * fastest initlab engine measured with one thread; ratio targets compare it with a baseline
 * measured <em>in the same run</em> at the same size, because shared machines make absolute
 * numbers drift while ratios within one run are stable. "pass" means the point estimate meets the
 * target; the "CI" column says whether the whole interval does ({@code confirmed}), whether it
 * straddles the target, or whether there is no interval.
 */
public final class Targets {
    private Targets() {
    }

    /** How a target's value is compared with its threshold. */
    public enum Direction { AT_MOST, AT_LEAST }

    /**
     * One target.
     *
     * @param id short stable identifier
     * @param text the target as the issue states it
     * @param unit unit of the value ("ns/sample", "x", "of Arrays.fill")
     * @param direction whether the value must stay at most or at least {@code threshold}
     * @param threshold the target value
     * @param numerator selects the measured initlab result
     * @param denominator selects the reference (null for absolute targets)
     * @param sizeBytes only this array size in bytes, or -1 for every size
     * @param minElements only sizes of at least this many elements (0 for every size)
     * @param bandwidth compare bytes/s instead of samples/s
     */
    public record Target(String id, String text, String unit, Direction direction, double threshold,
                  Predicate<BenchRole> numerator, Predicate<BenchRole> denominator, long sizeBytes, long minElements,
                  boolean bandwidth) {
    }

    /** Smallest fill counted as compute-bound for the scaling target: 256Ki floats (1 MiB), as the bench suite uses. */
    public static final long COMPUTE_BOUND_ELEMENTS = 256 * 1024;

    private static Predicate<BenchRole> initlab(String dist, int threads) {
        return b -> b.kind() == BenchRole.Kind.INITLAB && b.dist().equals(dist) && b.threads() == threads
                && b.result().elementBytes() == 4;
    }

    private static Predicate<BenchRole> baseline(BenchRole.Kind kind, int threads) {
        return b -> b.kind() == kind && b.threads() == threads;
    }

    /** The targets of the issue (float32 fills). */
    public static final List<Target> TARGETS = List.of(
            new Target("normal-ns", "normal fill ≤ 1.0 ns/sample on one core", "ns/sample", Direction.AT_MOST, 1.0,
                    initlab("normal", 1), null, -1, 0, false),
            new Target("normal-vs-ziggurat", "normal fill ≥ 2.5x Commons RNG Ziggurat (one core)", "x",
                    Direction.AT_LEAST, 2.5, initlab("normal", 1), baseline(BenchRole.Kind.COMMONS_ZIGGURAT, 1), -1, 0, false),
            new Target("uniform-ns", "uniform fill ≤ 0.6 ns/sample on one core", "ns/sample", Direction.AT_MOST, 0.6,
                    initlab("uniform", 1), null, -1, 0, false),
            new Target("uniform-vs-tlr", "uniform fill ≥ 3x ThreadLocalRandom (one core)", "x", Direction.AT_LEAST, 3.0,
                    initlab("uniform", 1), baseline(BenchRole.Kind.THREAD_LOCAL_RANDOM, 1), -1, 0, false),
            new Target("uniform-2t-bandwidth", "64 MiB, 2 threads: uniform fill ≥ 50% of 2-thread Arrays.fill bandwidth",
                    "of Arrays.fill", Direction.AT_LEAST, 0.5, initlab("uniform", 2),
                    baseline(BenchRole.Kind.ARRAYS_FILL, 2), 64L << 20, 0, true),
            new Target("normal-2t-scaling", "compute-bound normal fill (≥ 256Ki elements) ≥ 1.8x with 2 threads "
                    + "(vs 1 thread)", "x", Direction.AT_LEAST, 1.8, initlab("normal", 2), initlab("normal", 1), -1,
                    COMPUTE_BOUND_ELEMENTS, false));

    /**
     * One evaluated row.
     *
     * @param target the target
     * @param sizeText array size ({@code 16Mi}) or "-"
     * @param measured what was compared, in words
     * @param value the value with interval, or null when not measured
     * @param status "pass", "miss" or "not measured"
     * @param ci "confirmed", "straddles", "no CI" or ""
     * @param missedBy how far the point estimate misses, as a fraction (NaN when passing or absent)
     * @param note why it is not measured, or the selection made
     */
    public record Row(Target target, String sizeText, String measured, Estimate value, String status, String ci,
               double missedBy, String note) {
    }

    /** Evaluates every target on one run. */
    public static List<Row> evaluate(List<BenchRole> run) {
        List<Row> rows = new ArrayList<>();
        for (Target t : TARGETS) {
            rows.addAll(evaluate(t, run));
        }
        return rows;
    }

    static List<Row> evaluate(Target t, List<BenchRole> run) {
        List<BenchRole> nums = run.stream().filter(t.numerator()).filter(b -> b.elements() > 0)
                .filter(b -> b.elements() >= t.minElements()).toList();
        if (nums.isEmpty()) {
            return List.of(absent(t, "no matching initlab benchmark in this run"));
        }
        TreeSet<Long> sizes = new TreeSet<>();
        for (BenchRole b : nums) {
            if (t.sizeBytes() < 0 || b.bytes() == t.sizeBytes()) {
                sizes.add(b.elements());
            }
        }
        if (sizes.isEmpty()) {
            return List.of(absent(t, "not measured at " + Units.formatCount(t.sizeBytes()) + "B (sizes present: "
                    + String.join(", ", nums.stream().map(BenchRole::sizeText).distinct().toList()) + ")"));
        }
        if (t.denominator() != null) {
            // ratio targets: only sizes where the reference was measured too (when there are any)
            TreeSet<Long> withRef = new TreeSet<>(sizes);
            withRef.removeIf(n -> run.stream().filter(t.denominator()).noneMatch(b -> b.elements() == n));
            if (withRef.isEmpty()) {
                List<String> refSizes = run.stream().filter(t.denominator()).filter(b -> b.elements() > 0)
                        .map(BenchRole::sizeText).distinct().toList();
                return List.of(absent(t, refSizes.isEmpty() ? "no reference benchmark in this run"
                        : "reference measured only at " + String.join(", ", refSizes) + ", where the initlab fill was not"));
            }
            sizes = withRef;
        }
        List<Row> rows = new ArrayList<>();
        for (long n : sizes) {
            Optional<BenchRole> num = fastest(nums, n);
            if (num.isEmpty()) {
                continue;
            }
            String size = Units.formatCount(n);
            if (t.denominator() == null) {
                Optional<Estimate> ns = num.get().result().nsPerSample().map(e -> e.times(num.get().threads()));
                if (ns.isEmpty()) {
                    rows.add(new Row(t, size, num.get().describe(), null, "not measured", "", Double.NaN,
                            "no per-sample rate (unknown unit or size)"));
                    continue;
                }
                rows.add(judge(t, size, num.get().describe(), ns.get(), ""));
            } else {
                List<BenchRole> dens = run.stream().filter(t.denominator()).filter(b -> b.elements() == n).toList();
                Optional<BenchRole> den = fastest(dens, n);
                if (den.isEmpty()) {
                    rows.add(new Row(t, size, num.get().describe(), null, "not measured", "", Double.NaN,
                            "no reference benchmark at this size in this run"));
                    continue;
                }
                Optional<Estimate> a = num.get().result().samplesPerSecond();
                Optional<Estimate> b = den.get().result().samplesPerSecond();
                if (a.isEmpty() || b.isEmpty()) {
                    rows.add(new Row(t, size, num.get().describe(), null, "not measured", "", Double.NaN,
                            "no per-sample rate (unknown unit or size)"));
                    continue;
                }
                // a bandwidth ratio weighs samples/s by bytes per element (4 for float fills)
                int wa = t.bandwidth() ? num.get().result().elementBytes() : 1;
                int wb = t.bandwidth() ? den.get().result().elementBytes() : 1;
                Estimate r = Estimate.ratio(a.get().times(wa), b.get().times(wb));
                rows.add(judge(t, size, num.get().describe() + " vs " + den.get().describe(), r, ""));
            }
        }
        return rows;
    }

    /** The fastest (highest samples/s) result at size n. */
    private static Optional<BenchRole> fastest(List<BenchRole> rs, long n) {
        return rs.stream().filter(b -> b.elements() == n).filter(b -> b.result().samplesPerSecond().isPresent())
                .max(Comparator.comparingDouble(b -> b.result().samplesPerSecond().get().value()));
    }

    private static Row absent(Target t, String why) {
        return new Row(t, "-", "", null, "not measured", "", Double.NaN, why);
    }

    /** Applies the pass/miss rule of the class comment. */
    static Row judge(Target t, String size, String measured, Estimate v, String note) {
        boolean pass = t.direction() == Direction.AT_MOST ? v.value() <= t.threshold() : v.value() >= t.threshold();
        String ci;
        if (!v.hasInterval()) {
            ci = "no CI";
        } else {
            boolean all = t.direction() == Direction.AT_MOST ? v.hi() <= t.threshold() : v.lo() >= t.threshold();
            boolean none = t.direction() == Direction.AT_MOST ? v.lo() > t.threshold() : v.hi() < t.threshold();
            ci = all ? "confirmed" : none ? "confirmed miss" : "straddles";
        }
        double missed = pass ? Double.NaN
                : t.direction() == Direction.AT_MOST ? v.value() / t.threshold() - 1 : 1 - v.value() / t.threshold();
        return new Row(t, size, measured, v, pass ? "pass" : "miss", ci, missed, note);
    }

    /**
     * The evaluated targets as CSV: one row per target and size, the value with its interval (the
     * report's interval: see {@link Estimate}), at full precision.
     */
    public static void writeCsv(List<Row> rows, Path csv) throws IOException {
        StringBuilder sb = new StringBuilder("target,text,size,measured,value,lo,hi,unit,comparison,threshold,status,"
                + "ci,note\n");
        for (Row r : rows) {
            Target t = r.target();
            Estimate v = r.value();
            sb.append(String.join(",", t.id(), quote(t.text()), r.sizeText(), quote(r.measured()),
                    num(v == null ? Double.NaN : v.value()), num(v == null ? Double.NaN : v.lo()),
                    num(v == null ? Double.NaN : v.hi()), quote(t.unit()),
                    t.direction() == Direction.AT_MOST ? "<=" : ">=", num(t.threshold()), r.status(), r.ci(),
                    quote(r.note()))).append('\n');
        }
        AtomicFiles.writeString(csv, sb);
    }

    /** One line per evaluated target for the terminal. */
    public static String line(Row r) {
        Estimate v = r.value();
        String value = v == null ? "n/a" : v.hasInterval()
                ? String.format(Locale.ROOT, "%.4g [%.4g, %.4g]", v.value(), v.lo(), v.hi())
                : String.format(Locale.ROOT, "%.4g (no CI)", v.value());
        return String.format(Locale.ROOT, "%-22s %-6s %-32s %s %s %s: %s%s", r.target().id(), r.sizeText(), value,
                r.target().unit(), r.target().direction() == Direction.AT_MOST ? "<=" : ">=",
                num(r.target().threshold()), r.status(), r.ci().isEmpty() ? "" : " (" + r.ci() + ")");
    }

    /** Full precision (the shortest text that reads back as the same double), so the CSV loses nothing. */
    private static String num(double v) {
        return Double.isFinite(v) ? Double.toString(v) : "";
    }

    private static String quote(String s) {
        return "\"" + (s == null ? "" : s.replace("\"", "'")) + "\"";
    }
}
