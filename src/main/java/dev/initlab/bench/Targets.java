package dev.initlab.bench;

import dev.initlab.io.AtomicFiles;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.function.Predicate;

/**
 * The performance targets of issue #11, in one place, and their evaluation on one JMH run: the one
 * evaluator behind {@code bench}'s {@code targets-SUITE.csv} and the report's targets table.
 *
 * <p>Each target names exactly what it measures (engine, distribution, dtype, threads, size or
 * model), as the table does. Where several results match (the 2-thread bandwidth target
 * accepts every 2-thread initlab engine, the model and orthogonal targets every engine) the fastest
 * counts. Ratio targets compare with a baseline measured <em>in the same run</em> at the same size,
 * because shared machines make absolute numbers drift while ratios within one run are stable.
 * A target whose benchmark is not in the run is one row "not measured in this run" that names the
 * suite measuring it, never dropped. "pass" means the point estimate meets the target; the "CI"
 * column says whether the whole 99.9% interval does ({@code confirmed}), misses entirely
 * ({@code confirmed miss}), straddles it, or whether there is no interval.
 */
public final class Targets {
    private Targets() {
    }

    /** How a target's value is compared with its threshold. */
    public enum Direction { AT_MOST, AT_LEAST }

    /** What a target's value is. */
    public enum Measure {
        /** Nanoseconds per element on the threads used (per-core cost times threads). */
        NS_PER_SAMPLE("ns/sample"),
        /** Samples per second of initlab over the reference's. */
        RATIO("x"),
        /** Bytes per second of initlab over the reference's. */
        BANDWIDTH_RATIO("of Arrays.fill"),
        /** Milliseconds per operation (one whole model). */
        MS_PER_OP("ms"),
        /** Seconds per operation (one matrix). */
        S_PER_OP("s");

        private final String unit;

        Measure(String unit) {
            this.unit = unit;
        }

        /** The unit shown with values. */
        public String label() {
            return unit;
        }
    }

    /**
     * One target.
     *
     * @param id short stable identifier
     * @param text the target as the issue states it
     * @param measure what the value is
     * @param direction whether the value must stay at most or at least {@code threshold}
     * @param threshold the target value
     * @param numerator selects the measured initlab results (the fastest counts)
     * @param denominator selects the reference (null for absolute targets)
     * @param elements the array size in elements both sides must have, or -1 (models, matrices)
     * @param selection the numerator's selection in words ("initlab vector, normal float32, 1 thread, 256Ki")
     * @param suite which suite or benchmark measures it, for "not measured" rows
     */
    public record Target(String id, String text, Measure measure, Direction direction, double threshold,
                         Predicate<BenchRole> numerator, Predicate<BenchRole> denominator, long elements,
                         String selection, String suite) {
        /** The unit of the value ("ns/sample", "x", "of Arrays.fill", "ms", "s"). */
        public String unit() {
            return measure.label();
        }
    }

    /** The array size for the one-thread targets: 256 Ki elements (1 MiB of float32). */
    public static final long ONE_THREAD_ELEMENTS = 256 * 1024;
    /** The array size for the bandwidth target: 16 Mi float32 elements = 64 MiB. */
    public static final long BANDWIDTH_ELEMENTS = 16L * 1024 * 1024;
    /** The orthogonal target's matrix side. */
    public static final int ORTHOGONAL_SIDE = 4096;

    private static final String QUICK = "the quick suite (./initlab bench --quick) measures it with ";
    private static final String FULL = "the full suite (./initlab bench --full) measures it with ";

    private static Predicate<BenchRole> initlab(String engine, String dist, int elementBytes, int threads) {
        return b -> b.kind() == BenchRole.Kind.INITLAB && (engine == null || b.engine().equals(engine))
                && b.dist().equals(dist) && b.threads() == threads && b.result().elementBytes() == elementBytes
                && b.result().param("model") == null;
    }

    private static Predicate<BenchRole> baseline(BenchRole.Kind kind, int threads) {
        return b -> b.kind() == kind && b.threads() == threads;
    }

    /** A whole-model initialisation of GPT-2 small with all 12 blocks on {@code threads} threads (ModelInitBench). */
    static boolean gpt2AllBlocks(BenchRole b, int threads) {
        String model = b.result().param("model");
        return b.kind() == BenchRole.Kind.INITLAB && model != null
                && model.toLowerCase(Locale.ROOT).replaceAll("[^a-z0-9]", "").startsWith("gpt2")
                && "12".equals(b.result().param("layers")) && b.threads() == threads;
    }

    /**
     * An orthogonal initialisation of a 4096 x 4096 matrix: a benchmark naming "orthogonal" (or
     * Householder) with a parameter 4096 (a side: rows, cols, n, size) or 4096x4096 (a shape).
     */
    static boolean orthogonal4096(BenchRole b) {
        if (b.kind().baseline() || b.kind() == BenchRole.Kind.PAIRED) {
            return false;
        }
        String text = b.result().searchText();
        if (!(text.contains("orthogonal") || text.contains("householder"))) {
            return false;
        }
        String side = Integer.toString(ORTHOGONAL_SIDE);
        return b.result().params().values().stream().map(v -> v.trim().toLowerCase(Locale.ROOT).replace('*', 'x'))
                .anyMatch(v -> v.equals(side) || v.equals(side + "x" + side) || v.equals("4ki")
                        || v.equals("4kix4ki"));
    }

    /** The targets of issue #11, row for row as its table states them. */
    public static final List<Target> TARGETS = List.of(
            new Target("normal-ns", "normal float32, vector engine, 1 thread, 256 Ki: ≤ 1.0 ns/sample",
                    Measure.NS_PER_SAMPLE, Direction.AT_MOST, 1.0, initlab("vector", "normal", 4, 1), null,
                    ONE_THREAD_ELEMENTS, "initlab vector, normal float32, 1 thread, 256Ki", QUICK + "FillBench"),
            new Target("normal-vs-ziggurat", "normal float32, vector engine, 1 thread, 256 Ki: ≥ 2x Commons RNG "
                    + "Ziggurat (same run)", Measure.RATIO, Direction.AT_LEAST, 2.0, initlab("vector", "normal", 4, 1),
                    baseline(BenchRole.Kind.COMMONS_ZIGGURAT, 1), ONE_THREAD_ELEMENTS,
                    "initlab vector, normal float32, 1 thread, 256Ki", QUICK + "FillBench and BaselineBench"),
            new Target("uniform-ns", "uniform float32, vector engine, 1 thread, 256 Ki: ≤ 0.5 ns/sample",
                    Measure.NS_PER_SAMPLE, Direction.AT_MOST, 0.5, initlab("vector", "uniform", 4, 1), null,
                    ONE_THREAD_ELEMENTS, "initlab vector, uniform float32, 1 thread, 256Ki", QUICK + "FillBench"),
            new Target("uniform-vs-tlr", "uniform float32, vector engine, 1 thread, 256 Ki: ≥ 2x ThreadLocalRandom "
                    + "(same run)", Measure.RATIO, Direction.AT_LEAST, 2.0, initlab("vector", "uniform", 4, 1),
                    baseline(BenchRole.Kind.THREAD_LOCAL_RANDOM, 1), ONE_THREAD_ELEMENTS,
                    "initlab vector, uniform float32, 1 thread, 256Ki", QUICK + "FillBench and BaselineBench"),
            new Target("uniform-vs-splittable", "uniform float32, vector engine, 1 thread, 256 Ki: ≥ 2x "
                    + "SplittableRandom (same run)", Measure.RATIO, Direction.AT_LEAST, 2.0,
                    initlab("vector", "uniform", 4, 1), baseline(BenchRole.Kind.SPLITTABLE_RANDOM, 1),
                    ONE_THREAD_ELEMENTS, "initlab vector, uniform float32, 1 thread, 256Ki",
                    QUICK + "FillBench and BaselineBench"),
            new Target("uniform-2t-bandwidth", "uniform float32, 64 MiB (16 Mi floats), 2 threads: ≥ 0.5 of 2-thread "
                    + "Arrays.fill bandwidth", Measure.BANDWIDTH_RATIO, Direction.AT_LEAST, 0.5,
                    initlab(null, "uniform", 4, 2), baseline(BenchRole.Kind.ARRAYS_FILL, 2), BANDWIDTH_ELEMENTS,
                    "fastest 2-thread initlab engine, uniform float32, 16Mi", QUICK + "FillBench and StoreBench"),
            new Target("gpt2-12-blocks", "GPT-2 small, all 12 blocks (124M parameters), 2 threads: ≤ 80 ms",
                    Measure.MS_PER_OP, Direction.AT_MOST, 80, b -> gpt2AllBlocks(b, 2), null, -1,
                    "fastest 2-thread initlab engine, ModelInitBench model=gpt2-small layers=12",
                    FULL + "ModelInitBench layers=12; the quick suite initialises 1 block"),
            new Target("orthogonal-4096", "orthogonal 4096 x 4096: ≤ 10 s (same bits every run)", Measure.S_PER_OP,
                    Direction.AT_MOST, 10, Targets::orthogonal4096, null, -1,
                    "fastest orthogonal initialisation of a 4096 x 4096 matrix",
                    "OrthogonalBench with side=4096 measures it, e.g. ./initlab bench --include OrthogonalBench"),
            new Target("float64-normal-ns", "normal float64, 1 thread, 256 Ki: ≤ 3 ns/sample", Measure.NS_PER_SAMPLE,
                    Direction.AT_MOST, 3.0, initlab(null, "normal", 8, 1), null, ONE_THREAD_ELEMENTS,
                    "fastest 1-thread initlab engine, normal float64, 256Ki",
                    "NormalFloat64Bench measures it, and the full suite's FillBench with dtype=float64"));

    /** The selection rule in words, for the report's methods. */
    public static final String RULE = "Each target measures exactly what the issue's table names (engine, distribution, "
            + "dtype, threads, size or model); where several engines qualify (the 2-thread bandwidth, whole-model, "
            + "orthogonal and float64 targets) the fastest counts. Ratio targets compare with the reference at the same "
            + "size in the same run, with the conservative quotient of the two 99.9% intervals. A target passes when "
            + "the point estimate meets it; \"confirmed\" means the whole interval does. A target whose benchmark is "
            + "not in a run is shown as not measured, with the suite that measures it.";

    /**
     * One evaluated row.
     *
     * @param target the target
     * @param sizeText array size ({@code 256Ki}) or "-"
     * @param measured what was compared, in words
     * @param value the value with interval, or null when not measured
     * @param status "pass", "miss" or "not measured"
     * @param ci "confirmed", "confirmed miss", "straddles", "no CI" or ""
     * @param missedBy how far the point estimate misses, as a fraction (NaN when passing or absent)
     * @param note why it is not measured, or the selection made
     */
    public record Row(Target target, String sizeText, String measured, Estimate value, String status, String ci,
                      double missedBy, String note) {
    }

    /** Evaluates every target on one run: one row per target, in the order of {@link #TARGETS}. */
    public static List<Row> evaluate(List<BenchRole> run) {
        List<Row> rows = new ArrayList<>();
        for (Target t : TARGETS) {
            rows.add(evaluate(t, run));
        }
        return rows;
    }

    static Row evaluate(Target t, List<BenchRole> run) {
        String size = t.elements() > 0 ? Units.formatCount(t.elements()) : "-";
        List<BenchRole> candidates = run.stream().filter(t.numerator()).toList();
        List<BenchRole> nums = candidates.stream().filter(b -> t.elements() < 0 || b.elements() == t.elements())
                .filter(b -> rate(t, b).isPresent()).toList();
        if (nums.isEmpty()) {
            List<String> other = candidates.stream().filter(b -> b.elements() > 0).map(BenchRole::sizeText).distinct()
                    .toList();
            return absent(t, size, "not measured in this run; " + t.suite()
                    + (other.isEmpty() ? "" : "; this run has it only at " + String.join(", ", other)));
        }
        BenchRole num = fastest(t, nums);
        if (t.denominator() == null) {
            Estimate v = switch (t.measure()) {
                // per-sample cost on the threads used: a 2-thread run at 0.5 ns/sample costs 1 ns per core
                case NS_PER_SAMPLE -> num.result().nsPerSample().orElseThrow().times(num.threads());
                case MS_PER_OP -> num.result().opsPerSecond().orElseThrow().reciprocal().times(1e3);
                case S_PER_OP -> num.result().opsPerSecond().orElseThrow().reciprocal();
                default -> throw new IllegalStateException(t.id() + ": a ratio target needs a reference");
            };
            return judge(t, size, num.describe(), v, "");
        }
        List<BenchRole> dens = run.stream().filter(t.denominator())
                .filter(b -> t.elements() < 0 || b.elements() == t.elements())
                .filter(b -> b.result().samplesPerSecond().isPresent()).toList();
        if (dens.isEmpty()) {
            List<String> other = run.stream().filter(t.denominator()).filter(b -> b.elements() > 0)
                    .map(BenchRole::sizeText).distinct().toList();
            return new Row(t, size, num.describe(), null, "not measured", "", Double.NaN,
                    "not measured in this run: no reference at " + size + (other.isEmpty() ? ""
                    : " (reference measured only at " + String.join(", ", other) + ")") + "; " + t.suite());
        }
        BenchRole den = dens.stream().max(Comparator.comparingDouble(b -> b.result().samplesPerSecond().get().value()))
                .orElseThrow();
        // a bandwidth ratio weighs samples/s by bytes per element (4 for float fills)
        int wa = t.measure() == Measure.BANDWIDTH_RATIO ? num.result().elementBytes() : 1;
        int wb = t.measure() == Measure.BANDWIDTH_RATIO ? den.result().elementBytes() : 1;
        Estimate r = Estimate.ratio(num.result().samplesPerSecond().orElseThrow().times(wa),
                den.result().samplesPerSecond().orElseThrow().times(wb));
        return judge(t, size, num.describe() + " vs " + den.describe(), r, "");
    }

    /** The rate a result is ranked by: samples/s for element targets, operations/s for whole-object ones. */
    private static Optional<Estimate> rate(Target t, BenchRole b) {
        return t.measure() == Measure.MS_PER_OP || t.measure() == Measure.S_PER_OP ? b.result().opsPerSecond()
                : b.result().samplesPerSecond();
    }

    /** The fastest of the candidates (highest rate). */
    private static BenchRole fastest(Target t, List<BenchRole> rs) {
        return rs.stream().max(Comparator.comparingDouble(b -> rate(t, b).orElseThrow().value())).orElseThrow();
    }

    private static Row absent(Target t, String size, String why) {
        return new Row(t, size, "", null, "not measured", "", Double.NaN, why);
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
     * The evaluated targets as CSV: one row per target, the value with its interval (the report's
     * interval: see {@link Estimate}), at full precision.
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
