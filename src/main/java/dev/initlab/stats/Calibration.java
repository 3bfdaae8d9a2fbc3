package dev.initlab.stats;

import dev.initlab.dist.PointMass;
import dev.initlab.fill.ScalarEngine;
import dev.initlab.init.Catalog;
import dev.initlab.init.Fans;
import dev.initlab.init.Initializer;
import dev.initlab.init.Layout;
import dev.initlab.init.Params;
import dev.initlab.tensor.Shape;
import dev.initlab.random.PhiloxStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.function.Consumer;
import org.apache.commons.statistics.distribution.BetaDistribution;
import org.apache.commons.statistics.distribution.BinomialDistribution;
import org.apache.commons.statistics.inference.KolmogorovSmirnovTest;

/**
 * Null calibration: runs the battery on correct samplers over many independent runs and judges,
 * per (check, scheme, level) cell, whether the check rejects more often than its nominal level.
 *
 * <p><b>Independent runs.</b> Every scenario gets its own Philox keys: run k of scenario s uses key
 * {@code first(s) + k} with {@code first(s) = mix64(fnv1a64(utf8(s)) ^ master)} ({@link #firstSeed};
 * FNV-1a 64-bit, then Stafford's mix 13). Distinct keys give independent streams, so no two runs
 * share random numbers (the key ranges of all scenarios are checked to be disjoint). Schemes whose
 * output does not depend on the seed (zeros, ones, constant, identity, dirac) are run twice and
 * count as one effective run.
 *
 * <p><b>Verdicts.</b> For every statistical check, scheme and level L in {0.05, 0.01, 0.001}, the
 * count of runs with p &lt;= L is tested against Binomial(runs, L) with the exact one-sided upper
 * tail (a valid p-value is super-uniform, so only excess is a defect). The same is done for the
 * whole Holm family of each scheme against the battery's alpha. One Benjamini-Hochberg procedure
 * at false discovery rate {@value #FDR} over all these cells (valid under the positive dependence
 * of nested levels) decides: a cell with BH-adjusted q &lt;= FDR is {@code LIBERAL}. A cell whose
 * lower tail is below 0.001 is labelled {@code conservative} (informative only). Rates come with
 * exact (Clopper-Pearson) 95% intervals. The Kolmogorov-Smirnov distance of the p-values from
 * U(0, 1) is reported as a description, not as a verdict: discrete checks (binomial counts, range,
 * duplicates) are conservative by construction.
 */
public final class Calibration {
    /** Raw levels at which each check's rejection rate is judged. */
    public static final double[] LEVELS = {0.05, 0.01, 0.001};
    /** False discovery rate of the Benjamini-Hochberg procedure over all cells. */
    public static final double FDR = 0.05;
    /** Runs of a deterministic scheme (its output does not depend on the seed). */
    static final int DETERMINISTIC_RUNS = 2;

    /** A named experiment on correct output; {@code deterministic} when its output ignores the seed. */
    public record Named(String name, Mutants.Scenario scenario, boolean deterministic) {
    }

    /**
     * Per check and scheme: rejection rates at the three levels, KS of its p-values against U(0, 1)
     * (descriptive) and the verdict of its worst cell.
     */
    public record CheckCalibrationRow(String scenario, String check, int runs, double rate_05, double rate_01, double rate_001,
                           double ks_d, double ks_p, String verdict) {
    }

    /** One (check, scheme, level) cell: rejections at p &lt;= level, exact binomial p and BH q. */
    public record CellRow(String scenario, String check, double level, int runs, int rejections, double expected,
                          double rate, double ci_low, double ci_high, double binom_p, double bh_q, String verdict) {
    }

    /** Per scheme: its seeds, effective runs and how often the Holm family rejected at alpha. */
    public record FamilyRow(String scenario, String first_seed, int runs, int effective_runs, int rejected,
                            double rate, double ci_low, double ci_high, double alpha, double binom_p, double bh_q,
                            String verdict) {
    }

    /**
     * Everything measured.
     *
     * @param seedsPerScheme runs completed per random scheme
     * @param seedsRequested runs asked for
     * @param runs total runs (every scheme)
     * @param effectiveRuns independent runs: the random schemes' runs plus one per deterministic scheme
     * @param sharedPvalueSets pairs of scenarios with an identical p-value distribution for some check
     *     (the symptom of shared seeds; 0 expected)
     * @param seconds wall time
     */
    public record CalibrationResult(long master, int seedsPerScheme, int seedsRequested, int runs, int effectiveRuns,
                         int sharedPvalueSets, double seconds, List<CheckCalibrationRow> checks, List<CellRow> cells,
                         List<FamilyRow> families) {
        /** Whether every requested run was done. */
        public boolean complete() {
            return seedsPerScheme >= seedsRequested;
        }

        /** Cells (check or family) labelled LIBERAL. */
        public List<String> liberal() {
            List<String> out = new ArrayList<>();
            for (CellRow c : cells) {
                if (c.verdict().startsWith("LIBERAL")) {
                    out.add(c.scenario() + "/" + c.check() + " at " + c.level());
                }
            }
            for (FamilyRow f : families) {
                if (f.verdict().startsWith("LIBERAL")) {
                    out.add(f.scenario() + "/family at " + f.alpha());
                }
            }
            return out;
        }
    }

    private Calibration() {
    }

    /** First Philox key of a scenario: mix64(fnv1a64(UTF-8 name) ^ master). */
    public static long firstSeed(String scenario, long master) {
        long h = 0xcbf29ce484222325L;
        for (byte b : scenario.getBytes(StandardCharsets.UTF_8)) {
            h ^= b & 0xff;
            h *= 0x100000001b3L;
        }
        return Battery.mix(h ^ master);
    }

    /** A catalog scheme filled (float32, stream 0) on {@code shape} under torch conventions. */
    public static Named scheme(String name, Params params, Shape shape) {
        Initializer init = Catalog.of(name, params, Layout.TORCH);
        Fans fans = init.needsFans() ? Fans.of(shape, Layout.TORCH) : null;
        Claim claim = Claim.of(init, shape, fans, Layout.TORCH);
        boolean deterministic = claim.structure() == Initializer.Structure.DETERMINISTIC || claim.law() instanceof PointMass;
        Mutants.Scenario sc = new Mutants.Scenario() {
            @Override
            public HolmFamily run(Battery battery, long seed) {
                float[] x = init.fill32(shape, fans, PhiloxStream.of(seed, 0), ScalarEngine.instance());
                return battery.run(claim, Sample.of(x, shape));
            }

            @Override
            public Power.Bound powerBound(Battery battery) {
                return new Power.Bound(0, "a correct sampler");
            }

            @Override
            public int size() {
                return shape.count();
            }
        };
        return new Named(name, sc, deterministic);
    }

    /** An asymmetric 2-D shape with about n elements (rows : cols about 2 : 3). */
    public static Shape shapeFor(int n) {
        int rows = Math.max(2, (int) Math.round(Math.sqrt(n / 1.5)));
        int cols = Math.max(2, (int) Math.round((double) n / rows));
        return Shape.of(rows, cols);
    }

    /**
     * Every catalog scheme (default parameters; constant 0.5, sparse 0.3, dirac on a conv shape), plus
     * stream pairs and the many-matrix Haar checks of orthogonal.
     */
    public static List<Named> scenarios(int n) {
        Shape shape = shapeFor(n);
        List<Named> out = new ArrayList<>();
        for (String name : Catalog.names()) {
            Params p = switch (name) {
                case "constant" -> Params.empty().with("value", 0.5);
                case "sparse" -> Params.empty().with("sparsity", 0.3);
                default -> Params.empty();
            };
            Shape s = name.equals("dirac") ? Shape.of(16, 8, 3, 3) : shape;
            out.add(scheme(name, p, s));
        }
        out.add(new Named("stream_pair", new Mutants.PairScenario(shape, Fans.of(shape, Layout.TORCH), false), false));
        out.add(new Named("orthogonal_haar_set", haarSet(), false));
        return out;
    }

    /**
     * The many-matrix Haar checks ({@link OrthogonalChecks#haarSet}) on {@value Mutants#HAAR_MATRICES}
     * orthogonal 32 x 32 matrices filled from streams 1.. of the run's key.
     */
    static Mutants.Scenario haarSet() {
        dev.initlab.init.Orthogonal o = dev.initlab.init.Orthogonal.of(1, Layout.TORCH);
        return new Mutants.Scenario() {
            @Override
            public HolmFamily run(Battery battery, long seed) {
                List<Sample> set = new ArrayList<>();
                for (int k = 0; k < Mutants.HAAR_MATRICES; k++) {
                    set.add(Sample.of(o.fill32(Mutants.HAAR, null, PhiloxStream.of(seed, 1 + k), ScalarEngine.instance()),
                            Mutants.HAAR));
                }
                return HolmFamily.of(OrthogonalChecks.haarSet(o, set, Mutants.HAAR_MATRICES + " matrices " + Mutants.HAAR),
                        battery.alpha(), List.of());
            }

            @Override
            public Power.Bound powerBound(Battery battery) {
                return new Power.Bound(0, "a correct sampler");
            }

            @Override
            public int size() {
                return Mutants.HAAR.count() * Mutants.HAAR_MATRICES;
            }
        };
    }

    /** The scenarios whose names are in {@code names} (all when empty); unknown names are an error. */
    public static List<Named> select(List<Named> all, List<String> names) {
        if (names.isEmpty()) {
            return all;
        }
        List<Named> out = new ArrayList<>();
        for (String n : names) {
            Named hit = all.stream().filter(s -> s.name().equals(n)).findFirst().orElseThrow(() ->
                    new IllegalArgumentException("unknown scenario '" + n + "'; known: "
                            + String.join(", ", all.stream().map(Named::name).toList())));
            out.add(hit);
        }
        return out;
    }

    /** What one scenario has accumulated (arrays indexed by run; NaN where a check was absent). */
    private static final class Acc {
        final Named named;
        final long first;
        final int capacity;
        final Map<String, double[]> p = new ConcurrentHashMap<>();
        final Map<String, Boolean> exact = new ConcurrentHashMap<>();
        final Map<String, Integer> order = new ConcurrentHashMap<>();
        final boolean[] rejected;

        Acc(Named named, long first, int capacity) {
            this.named = named;
            this.first = first;
            this.capacity = capacity;
            this.rejected = new boolean[capacity];
        }

        void record(int k, HolmFamily r) {
            rejected[k] = !r.passed();
            int i = 0;
            for (CheckResult c : r.results()) {
                String name = c.name();
                double[] a = p.computeIfAbsent(name, x -> {
                    double[] z = new double[capacity];
                    Arrays.fill(z, Double.NaN);
                    return z;
                });
                exact.putIfAbsent(name, c.alpha() == 0);
                order.putIfAbsent(name, i++);
                a[k] = c.alpha() == 0 ? (c.passed() ? 1 : 0) : c.pValue();
            }
        }
    }

    /**
     * Runs every scenario {@code seeds} times (deterministic ones {@value #DETERMINISTIC_RUNS} times)
     * in rounds of {@code round} seeds, in parallel on {@code threads} threads; after each round the
     * tables so far go to {@code checkpoint}. Stops early, after a whole round, once {@code budgetSeconds}
     * have passed (the result then says how many runs were reached).
     *
     * @param scenarios the experiments
     * @param seeds runs per random scheme
     * @param master master seed of the per-scenario keys
     * @param battery the battery (its alpha is the family level)
     * @param threads worker threads (at least 1)
     * @param round seeds per round (checkpoint interval)
     * @param budgetSeconds wall-time budget (infinite for none)
     * @param progress receives one line per round (may be null)
     * @param checkpoint receives the tables after each round (may be null)
     * @return the tables
     */
    public static CalibrationResult run(List<Named> scenarios, int seeds, long master, Battery battery, int threads, int round,
                             double budgetSeconds, PrintStream progress, Consumer<CalibrationResult> checkpoint) {
        if (seeds < 2) {
            throw new IllegalArgumentException("need at least 2 seeds, got " + seeds);
        }
        if (threads < 1 || round < 1) {
            throw new IllegalArgumentException("threads and round must be >= 1");
        }
        List<Acc> accs = new ArrayList<>();
        for (Named s : scenarios) {
            int cap = s.deterministic() ? Math.min(seeds, DETERMINISTIC_RUNS) : seeds;
            accs.add(new Acc(s, firstSeed(s.name(), master), cap));
        }
        checkDisjoint(accs);
        long t0 = System.nanoTime();
        ExecutorService pool = Executors.newFixedThreadPool(threads, r -> {
            Thread t = new Thread(r, "calibrate");
            t.setDaemon(true);
            return t;
        });
        CalibrationResult last = null;
        try {
            int done = 0;
            while (done < seeds) {
                int hi = Math.min(seeds, done + round);
                List<Callable<Void>> tasks = new ArrayList<>();
                for (Acc a : accs) {
                    int from = done;
                    int to = Math.min(hi, a.capacity);
                    int chunk = 25;
                    for (int c = from; c < to; c += chunk) {
                        int lo = c;
                        int up = Math.min(to, c + chunk);
                        tasks.add(() -> {
                            for (int k = lo; k < up; k++) {
                                a.record(k, a.named.scenario().run(battery, a.first + k));
                            }
                            return null;
                        });
                    }
                }
                for (Future<Void> f : pool.invokeAll(tasks)) {
                    f.get();
                }
                done = hi;
                double sec = (System.nanoTime() - t0) / 1e9;
                last = tables(accs, done, seeds, master, battery.alpha(), sec);
                if (progress != null) {
                    double eta = sec / done * (seeds - done);
                    progress.printf(Locale.ROOT, "calibrate: %d/%d runs per scheme (%.0f%%), %d runs, %.0f s elapsed, "
                                    + "about %.0f s to go, family rejections so far %d%n", done, seeds, 100.0 * done / seeds,
                            last.runs(), sec, eta, last.families().stream().mapToInt(FamilyRow::rejected).sum());
                }
                if (checkpoint != null) {
                    checkpoint.accept(last);
                }
                if (sec > budgetSeconds && done < seeds) {
                    if (progress != null) {
                        progress.printf(Locale.ROOT, "calibrate: time budget of %.0f s spent: stopping at %d of %d runs "
                                + "per scheme%n", budgetSeconds, done, seeds);
                    }
                    break;
                }
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("calibration interrupted", e);
        } catch (ExecutionException e) {
            Throwable c = e.getCause();
            throw c instanceof RuntimeException re ? re : new IllegalStateException(c);
        } finally {
            pool.shutdownNow();
        }
        return last;
    }

    /** Throws if two scenarios' key ranges [first, first + runs) overlap (shared random numbers). */
    private static void checkDisjoint(List<Acc> accs) {
        List<Acc> s = new ArrayList<>(accs);
        s.sort(Comparator.comparingLong(a -> a.first));
        for (int i = 0; i < s.size() && s.size() > 1; i++) {
            Acc a = s.get(i);
            Acc b = s.get((i + 1) % s.size());
            // keys wrap modulo 2^64: b's range starts (b.first - a.first) mod 2^64 keys after a's
            if (Long.compareUnsigned(b.first - a.first, a.capacity) < 0) {
                throw new IllegalStateException("seed ranges of " + a.named.name() + " and " + b.named.name()
                        + " overlap: pick another master seed");
            }
        }
    }

    private static CalibrationResult tables(List<Acc> accs, int done, int requested, long master, double alpha, double sec) {
        List<CheckCalibrationRow> checks = new ArrayList<>();
        List<CellRow> cells = new ArrayList<>();
        List<FamilyRow> fams = new ArrayList<>();
        int runs = 0;
        int effective = 0;
        for (Acc a : accs) {
            int n = Math.min(done, a.capacity);
            runs += n;
            FamilyRow family = familyRow(a, n, alpha);
            effective += family.effective_runs();
            fams.add(family);
            addCheckRows(a, n, checks, cells);
        }
        // Benjamini-Hochberg over every statistical cell and every random scheme's family cell.
        double[] ps = new double[cells.size() + fams.size()];
        for (int i = 0; i < cells.size(); i++) {
            ps[i] = cells.get(i).binom_p();
        }
        for (int i = 0; i < fams.size(); i++) {
            FamilyRow f = fams.get(i);
            ps[cells.size() + i] = f.scenario().isEmpty() || f.verdict().equals("deterministic") ? Double.NaN : f.binom_p();
        }
        double[] q = benjaminiHochberg(ps);
        List<CellRow> judged = new ArrayList<>();
        for (int i = 0; i < cells.size(); i++) {
            CellRow c = cells.get(i);
            judged.add(new CellRow(c.scenario(), c.check(), c.level(), c.runs(), c.rejections(), c.expected(), c.rate(),
                    c.ci_low(), c.ci_high(), c.binom_p(), q[i], cellVerdict(q[i], c.runs(), c.rejections(), c.level())));
        }
        List<FamilyRow> fjudged = new ArrayList<>();
        for (int i = 0; i < fams.size(); i++) {
            FamilyRow f = fams.get(i);
            double qi = q[cells.size() + i];
            String v = f.verdict().equals("deterministic") ? "deterministic (exact checks only; 1 effective run)"
                    : cellVerdict(qi, f.runs(), f.rejected(), f.alpha());
            fjudged.add(new FamilyRow(f.scenario(), f.first_seed(), f.runs(), f.effective_runs(), f.rejected(), f.rate(),
                    f.ci_low(), f.ci_high(), f.alpha(), f.binom_p(), qi, v));
        }
        List<CheckCalibrationRow> cjudged = checks.stream().map(c -> c.verdict().isEmpty() ? judgedCheck(c, judged) : c).toList();
        int shared = sharedPvalues(accs, done);
        return new CalibrationResult(master, done, requested, runs, effective, shared, sec, cjudged, judged, fjudged);
    }

    /** A scenario's family row (Holm rejections over its first {@code n} runs), not yet judged by BH. */
    private static FamilyRow familyRow(Acc a, int n, double alpha) {
        int eff = a.named.deterministic() ? 1 : n;
        int rej = 0;
        for (int k = 0; k < n; k++) {
            rej += a.rejected[k] ? 1 : 0;
        }
        double[] ci = clopperPearson(rej, n);
        double bp = upperTail(n, rej, alpha);
        return new FamilyRow(a.named.name(), Long.toUnsignedString(a.first), n, eff, rej, rej / (double) n,
                ci[0], ci[1], alpha, bp, Double.NaN, a.named.deterministic() ? "deterministic" : "");
    }

    /**
     * A row per check of the scenario (exact checks with their failure count, statistical ones with their
     * rejection rates and the KS distance of their p-values from uniform), and a cell per statistical check and
     * level.
     */
    private static void addCheckRows(Acc a, int n, List<CheckCalibrationRow> checks, List<CellRow> cells) {
        List<Map.Entry<String, double[]>> entries = new ArrayList<>(a.p.entrySet());
        entries.sort(Comparator.comparingInt(e -> a.order.getOrDefault(e.getKey(), 0)));
        for (Map.Entry<String, double[]> e : entries) {
            double[] p = Arrays.stream(e.getValue(), 0, n).filter(v -> !Double.isNaN(v)).toArray();
            if (p.length == 0) {
                continue;
            }
            int m = p.length;
            if (a.exact.get(e.getKey())) {
                int failed = 0;
                for (double v : p) {
                    failed += v == 0 ? 1 : 0;
                }
                checks.add(new CheckCalibrationRow(a.named.name(), e.getKey(), m, failed / (double) m, failed / (double) m,
                        failed / (double) m, Double.NaN, Double.NaN,
                        failed == 0 ? "exact: never failed" : "exact: FAILED " + failed + " times"));
                continue;
            }
            int[] r = new int[LEVELS.length];
            for (double v : p) {
                for (int j = 0; j < LEVELS.length; j++) {
                    r[j] += v <= LEVELS[j] ? 1 : 0;
                }
            }
            for (int j = 0; j < LEVELS.length; j++) {
                double[] c = clopperPearson(r[j], m);
                cells.add(new CellRow(a.named.name(), e.getKey(), LEVELS[j], m, r[j], m * LEVELS[j],
                        r[j] / (double) m, c[0], c[1], upperTail(m, r[j], LEVELS[j]), Double.NaN, ""));
            }
            double[] s = p.clone();
            Arrays.sort(s);
            KolmogorovSmirnovTest.OneResult ks = KolmogorovSmirnovTest.withDefaults().test(s, t -> t);
            checks.add(new CheckCalibrationRow(a.named.name(), e.getKey(), m, r[0] / (double) m, r[1] / (double) m,
                    r[2] / (double) m, ks.getStatistic(), ks.getPValue(), ""));
        }
    }

    /** A statistical check's verdict: its worst cell ({@code LIBERAL} at a level, else conservative or calibrated). */
    private static CheckCalibrationRow judgedCheck(CheckCalibrationRow c, List<CellRow> judged) {
        String worst = "calibrated";
        for (CellRow cell : judged) {
            if (cell.scenario().equals(c.scenario()) && cell.check().equals(c.check())) {
                if (cell.verdict().startsWith("LIBERAL")) {
                    worst = "LIBERAL at " + cell.level();
                    break;
                }
                if (cell.verdict().equals("conservative") && worst.equals("calibrated")) {
                    worst = "conservative";
                }
            }
        }
        return new CheckCalibrationRow(c.scenario(), c.check(), c.runs(), c.rate_05(), c.rate_01(), c.rate_001(), c.ks_d(),
                c.ks_p(), worst);
    }

    /**
     * Pairs (scenario a, scenario b, check) whose p-values agree run by run (within 1e-6 in at least
     * 90% of the first 200 runs, with at least 10 distinct values): two scenarios fed the same random
     * numbers, which the per-scenario keys rule out. 0 expected.
     */
    static int sharedPvalues(List<Acc> accs, int done) {
        int shared = 0;
        for (int i = 0; i < accs.size(); i++) {
            Acc a = accs.get(i);
            for (int j = i + 1; j < accs.size(); j++) {
                Acc b = accs.get(j);
                int m = Math.min(200, Math.min(done, Math.min(a.capacity, b.capacity)));
                if (m < 10) {
                    continue;
                }
                for (Map.Entry<String, double[]> e : a.p.entrySet()) {
                    double[] pb = b.p.get(e.getKey());
                    if (pb == null || a.exact.get(e.getKey())) {
                        continue;
                    }
                    double[] pa = e.getValue();
                    int agree = 0;
                    for (int k = 0; k < m; k++) {
                        agree += Math.abs(pa[k] - pb[k]) <= 1e-6 ? 1 : 0;
                    }
                    long distinct = Arrays.stream(pa, 0, m).filter(v -> !Double.isNaN(v)).distinct().count();
                    if (agree >= 0.9 * m && distinct >= 10) {
                        shared++;
                    }
                }
            }
        }
        return shared;
    }

    private static String cellVerdict(double q, int runs, int rejections, double level) {
        if (q <= FDR) {
            return "LIBERAL";
        }
        if (BinomialDistribution.of(runs, level).cumulativeProbability(rejections) < 0.001) {
            return "conservative";
        }
        return "ok";
    }

    /** P(X &gt;= k) for X ~ Binomial(n, p): the exact one-sided p-value against a rate of p. */
    public static double upperTail(int n, int k, double p) {
        return k <= 0 ? 1 : BinomialDistribution.of(n, p).survivalProbability(k - 1);
    }

    /** Exact (Clopper-Pearson) two-sided 95% interval for k successes in n trials. */
    public static double[] clopperPearson(int k, int n) {
        if (n <= 0) {
            return new double[] {0, 1};
        }
        double lo = k == 0 ? 0 : BetaDistribution.of(k, n - k + 1).inverseCumulativeProbability(0.025);
        double hi = k == n ? 1 : BetaDistribution.of(k + 1, n - k).inverseCumulativeProbability(0.975);
        return new double[] {lo, hi};
    }

    /**
     * Benjamini-Hochberg adjusted q-values (NaN entries are not tests and stay NaN):
     * q_(i) = min over j &gt;= i of m p_(j) / j.
     */
    public static double[] benjaminiHochberg(double[] p) {
        int m = 0;
        for (double v : p) {
            m += Double.isNaN(v) ? 0 : 1;
        }
        Integer[] idx = new Integer[m];
        int k = 0;
        for (int i = 0; i < p.length; i++) {
            if (!Double.isNaN(p[i])) {
                idx[k++] = i;
            }
        }
        Arrays.sort(idx, Comparator.comparingDouble(i -> p[i]));
        double[] q = new double[p.length];
        Arrays.fill(q, Double.NaN);
        double min = 1;
        for (int r = m - 1; r >= 0; r--) {
            min = Math.min(min, p[idx[r]] * m / (r + 1));
            q[idx[r]] = min;
        }
        return q;
    }

    /**
     * Pools the random scenarios' rows per check name (their runs are independent), for the
     * summary table; the verdict lists the schemes where the check is LIBERAL.
     */
    public static List<CheckCalibrationRow> pooled(CalibrationResult result) {
        Map<String, List<CheckCalibrationRow>> by = new LinkedHashMap<>();
        for (CheckCalibrationRow r : result.checks()) {
            by.computeIfAbsent(r.check(), k -> new ArrayList<>()).add(r);
        }
        List<CheckCalibrationRow> out = new ArrayList<>();
        for (Map.Entry<String, List<CheckCalibrationRow>> e : by.entrySet()) {
            int runs = 0;
            double a = 0;
            double b = 0;
            double c = 0;
            CheckCalibrationRow worst = null;
            for (CheckCalibrationRow r : e.getValue()) {
                runs += r.runs();
                a += r.rate_05() * r.runs();
                b += r.rate_01() * r.runs();
                c += r.rate_001() * r.runs();
                if (worst == null || (!Double.isNaN(r.ks_p()) && (Double.isNaN(worst.ks_p()) || r.ks_p() < worst.ks_p()))) {
                    worst = r;
                }
            }
            List<String> lib = e.getValue().stream().filter(r -> r.verdict().startsWith("LIBERAL"))
                    .map(CheckCalibrationRow::scenario).toList();
            long cons = e.getValue().stream().filter(r -> r.verdict().equals("conservative")).count();
            long failed = e.getValue().stream().filter(r -> r.verdict().startsWith("exact: FAILED")).count();
            String dir = worst.verdict().startsWith("exact") ? (failed == 0 ? "exact: never failed"
                    : "exact: FAILED in " + failed + " schemes")
                    : !lib.isEmpty() ? "LIBERAL in " + String.join(", ", lib)
                    : cons > 0 ? "calibrated or conservative (" + cons + " of " + e.getValue().size() + " conservative)"
                    : "calibrated";
            out.add(new CheckCalibrationRow("all (" + e.getValue().size() + ")", e.getKey(), runs, a / runs, b / runs, c / runs,
                    worst.ks_d(), worst.ks_p(), dir));
        }
        return out;
    }
}
