package dev.initlab.stats;

import dev.initlab.fill.ScalarEngine;
import dev.initlab.init.Catalog;
import dev.initlab.init.Fans;
import dev.initlab.init.Initializer;
import dev.initlab.init.Layout;
import dev.initlab.init.Params;
import dev.initlab.init.Shape;
import dev.initlab.random.PhiloxStream;
import java.io.PrintStream;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.apache.commons.statistics.inference.KolmogorovSmirnovTest;

/**
 * Null calibration: runs the battery on correct samplers over many seeds and measures, per check,
 * how often it rejects at fixed raw levels and whether its p-values are uniform (one-sample KS of
 * the p-values against U(0, 1)); per scenario, how often the whole family rejects at alpha.
 *
 * <p>Checks with discrete p-values (binomial counts, range, duplicates) are conservative by
 * construction: their p-values are stochastically larger than uniform, which the KS test reports
 * as non-uniform in the conservative direction. What must not happen is the liberal direction:
 * more small p-values than U(0, 1) gives.
 */
public final class Calibration {
    /** A named experiment on correct output. */
    public record Named(String name, Mutants.Scenario scenario) {
    }

    /**
     * Per check: runs, raw rejection rates at 0.05, 0.01 and 0.001, KS of the p-values against
     * U(0, 1), and the direction of any departure.
     */
    public record CheckRow(String scenario, String check, int runs, double rate_05, double rate_01, double rate_001,
                           double ks_d, double ks_p, String direction) {
    }

    /** Per scenario: how often the Holm family rejected at alpha. */
    public record FamilyRow(String scenario, int runs, int rejected, double rate, double alpha) {
    }

    /** Both tables. */
    public record Result(List<CheckRow> checks, List<FamilyRow> families) {
    }

    private Calibration() {
    }

    /** A catalog scheme filled (float32, stream 0) on {@code shape} under torch conventions. */
    public static Mutants.Scenario scheme(String name, Params params, Shape shape) {
        Initializer init = Catalog.create(name, params, Layout.TORCH);
        Fans fans = init.needsFans() ? Fans.of(shape, Layout.TORCH) : null;
        Claim claim = Claim.of(init, shape, fans, Layout.TORCH);
        return new Mutants.Scenario() {
            @Override
            public Report run(Battery battery, long seed) {
                float[] x = init.fill32(shape, fans, PhiloxStream.of(seed, 0), ScalarEngine.get());
                return battery.run(claim, Sample.of(x, shape));
            }

            @Override
            public Power.Bound powerBound(Battery battery) {
                return new Power.Bound(0, "a correct sampler");
            }

            @Override
            public int size() {
                return shape.size();
            }
        };
    }

    /** An asymmetric 2-D shape with about n elements (rows : cols about 2 : 3). */
    public static Shape shapeFor(int n) {
        int rows = Math.max(2, (int) Math.round(Math.sqrt(n / 1.5)));
        int cols = Math.max(2, (int) Math.round((double) n / rows));
        return Shape.of(rows, cols);
    }

    /** Every catalog scheme (default parameters; constant 0.5, sparse 0.3, dirac on a conv shape), plus stream pairs. */
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
            out.add(new Named(name, scheme(name, p, s)));
        }
        out.add(new Named("stream_pair", new Mutants.PairScenario(shape, Fans.of(shape, Layout.TORCH), false)));
        return out;
    }

    /**
     * Runs every scenario over {@code seeds} seeds (base + k).
     *
     * @param scenarios the experiments
     * @param seeds number of seeds
     * @param base first seed
     * @param battery the battery (its alpha is the family level)
     * @param progress receives one line per scenario (may be null)
     * @return the tables
     */
    public static Result run(List<Named> scenarios, int seeds, long base, Battery battery, PrintStream progress) {
        if (seeds < 2) {
            throw new IllegalArgumentException("need at least 2 seeds, got " + seeds);
        }
        List<CheckRow> rows = new ArrayList<>();
        List<FamilyRow> fams = new ArrayList<>();
        long t0 = System.nanoTime();
        for (int si = 0; si < scenarios.size(); si++) {
            Named sc = scenarios.get(si);
            Map<String, double[]> pv = new LinkedHashMap<>();
            Map<String, Boolean> exact = new LinkedHashMap<>();
            int rejected = 0;
            for (int k = 0; k < seeds; k++) {
                Report r = sc.scenario().run(battery, base + k);
                if (!r.passed()) {
                    rejected++;
                }
                for (CheckResult c : r.results()) {
                    double[] a = pv.computeIfAbsent(c.name(), x -> {
                        double[] z = new double[seeds];
                        Arrays.fill(z, Double.NaN);
                        return z;
                    });
                    a[k] = c.pValue();
                    exact.putIfAbsent(c.name(), c.alpha() == 0);
                }
            }
            fams.add(new FamilyRow(sc.name(), seeds, rejected, rejected / (double) seeds, battery.alpha()));
            for (Map.Entry<String, double[]> e : pv.entrySet()) {
                double[] p = Arrays.stream(e.getValue()).filter(v -> !Double.isNaN(v)).toArray();
                rows.add(row(sc.name(), e.getKey(), p, exact.get(e.getKey())));
            }
            if (progress != null) {
                progress.printf(Locale.ROOT, "calibrate: %d/%d %-20s %d seeds, family rejections %d (%.1fs elapsed)%n",
                        si + 1, scenarios.size(), sc.name(), seeds, rejected, (System.nanoTime() - t0) / 1e9);
            }
        }
        return new Result(rows, fams);
    }

    static CheckRow row(String scenario, String check, double[] p, boolean exact) {
        int n = p.length;
        int r05 = 0;
        int r01 = 0;
        int r001 = 0;
        for (double v : p) {
            r05 += v <= 0.05 ? 1 : 0;
            r01 += v <= 0.01 ? 1 : 0;
            r001 += v <= 0.001 ? 1 : 0;
        }
        if (exact) {
            return new CheckRow(scenario, check, n, r05 / (double) n, r01 / (double) n, r001 / (double) n, Double.NaN,
                    Double.NaN, r05 == 0 ? "exact: never failed" : "exact: FAILED " + r05 + " times");
        }
        double[] s = p.clone();
        Arrays.sort(s);
        double dPlus = 0;
        double dMinus = 0;
        for (int i = 0; i < n; i++) {
            dPlus = Math.max(dPlus, (i + 1.0) / n - s[i]);
            dMinus = Math.max(dMinus, s[i] - (double) i / n);
        }
        KolmogorovSmirnovTest.OneResult ks = KolmogorovSmirnovTest.withDefaults().test(s, t -> t);
        String dir;
        if (ks.getPValue() >= 0.001) {
            dir = "uniform";
        } else {
            dir = dPlus > dMinus ? "LIBERAL (too many small p-values)" : "conservative";
        }
        return new CheckRow(scenario, check, n, r05 / (double) n, r01 / (double) n, r001 / (double) n,
                ks.getStatistic(), ks.getPValue(), dir);
    }

    /**
     * Pools every scenario's rows per check name (weighting by runs), for the summary table.
     * KS is redone on the pooled p-values of each check in {@code result}; not available after
     * pooling, so the pooled rows report the worst scenario's KS.
     */
    public static List<CheckRow> pooled(Result result) {
        Map<String, List<CheckRow>> by = new LinkedHashMap<>();
        for (CheckRow r : result.checks()) {
            by.computeIfAbsent(r.check(), k -> new ArrayList<>()).add(r);
        }
        List<CheckRow> out = new ArrayList<>();
        for (Map.Entry<String, List<CheckRow>> e : by.entrySet()) {
            int runs = 0;
            double a = 0;
            double b = 0;
            double c = 0;
            CheckRow worst = null;
            for (CheckRow r : e.getValue()) {
                runs += r.runs();
                a += r.rate_05() * r.runs();
                b += r.rate_01() * r.runs();
                c += r.rate_001() * r.runs();
                if (worst == null || (!Double.isNaN(r.ks_p()) && (Double.isNaN(worst.ks_p()) || r.ks_p() < worst.ks_p()))) {
                    worst = r;
                }
            }
            long liberal = e.getValue().stream().filter(r -> r.direction().startsWith("LIBERAL")).count();
            long conservative = e.getValue().stream().filter(r -> r.direction().equals("conservative")).count();
            String dir = worst.direction().startsWith("exact") ? worst.direction()
                    : liberal > 0 ? "LIBERAL in " + liberal + " of " + e.getValue().size() + " scenarios"
                    : conservative > 0 ? "uniform or conservative (" + conservative + " conservative)" : "uniform";
            out.add(new CheckRow("all (" + e.getValue().size() + ")", e.getKey(), runs, a / runs, b / runs, c / runs,
                    worst.ks_d(), worst.ks_p(), dir));
        }
        return out;
    }
}
