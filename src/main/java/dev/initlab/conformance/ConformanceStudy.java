package dev.initlab.conformance;

import dev.initlab.dist.Distribution;
import dev.initlab.init.Catalog;
import dev.initlab.init.Fans;
import dev.initlab.init.Initializer;
import dev.initlab.init.Layout;
import dev.initlab.init.Params;
import dev.initlab.tensor.Shape;
import dev.initlab.io.CsvTables;
import dev.initlab.io.LoadedTensor;
import dev.initlab.io.TensorFiles;
import dev.initlab.stats.Battery;
import dev.initlab.stats.Check;
import dev.initlab.stats.CheckResult;
import dev.initlab.stats.Claim;
import dev.initlab.tensor.Dtype;
import dev.initlab.stats.HolmFamily;
import dev.initlab.stats.Sample;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.function.Consumer;
import java.util.stream.Stream;
import org.apache.commons.math3.distribution.NormalDistribution;

/**
 * The conformance study: every dumped tensor of every framework under {@code fixtures/} is checked
 * by the {@link Battery} against the law its framework documents (the manifest's claim), with one
 * Holm family per framework: the probability that a framework's table shows any false "deviates"
 * is at most {@code alpha}.
 *
 * <p>Per row the result gives the worst check (a failed one, exact failures first, else the
 * smallest p-value), the variance ratio (second moment about the claimed mean over the claimed
 * variance), and the power statement: the smallest relative change of the variance that the
 * variance check detects with probability 0.9 at the row's most stringent Holm level
 * alpha/m, |r - 1| &gt;= (z(1 - alpha/(2m)) + z(0.9)) sqrt((kurtosis - 1)/n) (normal approximation
 * of the second-moment z-test).
 */
public final class ConformanceStudy {
    /** The documented default family-wise level. */
    public static final double DEFAULT_ALPHA = 0.001;
    /** Power at which {@link FixtureResult#detectable_variance_change()} is stated. */
    public static final double POWER = 0.9;

    private ConformanceStudy() {
    }

    /**
     * One row of {@code conformance.csv}.
     *
     * @param framework framework name
     * @param version its version
     * @param initializer function or layer, in the framework's spelling
     * @param parameters non-default parameters
     * @param shape tensor shape
     * @param claimed_law the documented law in words
     * @param verdict {@code conforms}, {@code deviates} or {@code raises} (the framework refused the shape)
     * @param worst_check the failed check (or, when none failed, the one with the smallest p-value)
     * @param statistic its statistic
     * @param p_value its p-value (0 or 1 for exact checks)
     * @param hint what the worst check measured and, on failure, which way it points
     * @param reference documentation or source, with version
     * @param id manifest row id
     * @param shape_name grid entry
     * @param basis doc, doc-formula or cross-framework
     * @param claim the claim as the battery read it (scheme, fans, law)
     * @param n number of elements
     * @param variance_ratio measured second moment about the claimed mean / claimed variance
     * @param detectable_variance_change smallest |ratio - 1| detected with power 0.9 at alpha/m
     */
    public record FixtureResult(String framework, String version, String initializer, String parameters, String shape,
                      String claimed_law, String verdict, String worst_check, double statistic, double p_value,
                      String hint, String reference, String id, String shape_name, String basis, String claim, long n,
                      double variance_ratio, double detectable_variance_change) {
        /** True when the row's dump deviates from its claim. */
        public boolean deviates() {
            return verdict.equals("deviates");
        }
    }

    /** One framework's Holm family. */
    public record FrameworkFamily(String framework, String version, int rows, int statisticalChecks, int exactChecks,
                         double alpha) {
    }

    /** The study's outcome. */
    public record StudyResult(List<FixtureResult> rows, List<FrameworkFamily> families, List<FanTable.FanRow> fans, double alpha) {
        /** Rows of one framework. */
        public List<FixtureResult> of(String framework) {
            return rows.stream().filter(r -> r.framework().equals(framework)).toList();
        }

        /** The row with an id. */
        public FixtureResult row(String id) {
            return rows.stream().filter(r -> r.id().equals(id)).findFirst()
                    .orElseThrow(() -> new IllegalArgumentException("no conformance row " + id));
        }
    }

    /** The framework directories under {@code root} (those holding a manifest.csv), in name order. */
    public static List<Path> frameworkDirs(Path root) {
        if (!Files.isDirectory(root)) {
            throw new IllegalArgumentException("no fixtures directory " + root
                    + " (the committed fixtures live in conformance/fixtures)");
        }
        try (Stream<Path> s = Files.list(root)) {
            List<Path> dirs = s.filter(p -> Files.isRegularFile(p.resolve("manifest.csv"))).sorted().toList();
            if (dirs.isEmpty()) {
                throw new IllegalArgumentException(root + " holds no framework directory with a manifest.csv");
            }
            return dirs;
        } catch (IOException e) {
            throw new UncheckedIOException("cannot list " + root + ": " + e.getMessage(), e);
        }
    }

    /** Reads a framework's manifest. */
    public static List<FixtureRow> manifest(Path frameworkDir) {
        List<FixtureRow> rows = CsvTables.read(frameworkDir.resolve("manifest.csv"), FixtureRow.class);
        if (rows.isEmpty()) {
            throw new IllegalArgumentException(frameworkDir.resolve("manifest.csv") + " has no rows");
        }
        return rows;
    }

    /**
     * Runs the study over every framework directory under {@code root}.
     *
     * @param root the fixtures root ({@code conformance/fixtures})
     * @param alpha family-wise level per framework
     * @param progress receives one line per framework
     * @return rows, families and the fans table
     */
    public static StudyResult run(Path root, double alpha, Consumer<String> progress) {
        if (!(alpha > 0 && alpha < 1)) {
            throw new IllegalArgumentException("alpha must be in (0, 1), got " + alpha);
        }
        List<FixtureResult> all = new ArrayList<>();
        List<FrameworkFamily> families = new ArrayList<>();
        Map<String, Claim> claims = new HashMap<>();
        for (Path dir : frameworkDirs(root)) {
            long t0 = System.nanoTime();
            List<FixtureRow> rows = manifest(dir);
            FrameworkRun fr = runFramework(dir, rows, alpha, claims);
            all.addAll(fr.rows);
            families.add(fr.family);
            progress.accept(String.format(Locale.ROOT, "conformance: %s %s: %d rows, %d deviate, %d statistical checks"
                            + " (Holm at %s), %.1f s", fr.family.framework(), fr.family.version(), fr.rows.size(),
                    fr.rows.stream().filter(FixtureResult::deviates).count(), fr.family.statisticalChecks(), alpha,
                    (System.nanoTime() - t0) / 1e9));
        }
        return new StudyResult(all, families, FanTable.build(all, claims), alpha);
    }

    private record FrameworkRun(List<FixtureResult> rows, FrameworkFamily family) {
    }

    private record Pending(FixtureRow row, Claim claim, long n, double varianceRatio) {
    }

    private static FrameworkRun runFramework(Path dir, List<FixtureRow> rows, double alpha, Map<String, Claim> claims) {
        Battery battery = Battery.of(alpha);
        List<Check> checks = new ArrayList<>();
        List<String> notes = new ArrayList<>();
        Map<String, Pending> pending = new LinkedHashMap<>();
        Map<String, double[]> cache = new HashMap<>(); // rows that share a file (cross-framework rows)
        for (FixtureRow r : rows) {
            Shape shape = Shape.parse(r.shape());
            if (r.raised()) {
                pending.put(r.id(), new Pending(r, null, shape.count(), Double.NaN));
                continue;
            }
            Path file = dir.resolve(r.file());
            double[] x = cache.computeIfAbsent(r.file(), f -> {
                LoadedTensor t = TensorFiles.read(file, null, null, null);
                if (!Shape.of(t.shape()).equals(shape)) {
                    throw new IllegalArgumentException(file + ": shape " + Shape.of(t.shape()) + " but the manifest says " + shape);
                }
                return t.values();
            });
            Claim claim = claim(r, shape);
            claims.put(r.id(), claim);
            Sample sample = Sample.of(x, shape, Dtype.FLOAT32);
            checks.addAll(battery.checks(claim, sample, r.id(), notes));
            pending.put(r.id(), new Pending(r, claim, shape.count(), varianceRatio(x, claim.law())));
        }
        HolmFamily report = HolmFamily.of(checks, alpha, notes);
        Map<String, List<CheckResult>> bySubject = new HashMap<>();
        for (CheckResult c : report.results()) {
            bySubject.computeIfAbsent(c.subject(), k -> new ArrayList<>()).add(c);
        }
        int m = report.statisticalChecks();
        List<FixtureResult> out = new ArrayList<>();
        for (Pending p : pending.values()) {
            out.add(row(p, bySubject.getOrDefault(p.row().id(), List.of()), alpha, m));
        }
        FixtureRow first = rows.get(0);
        return new FrameworkRun(out, new FrameworkFamily(first.framework(), first.version(), rows.size(), m,
                report.exactChecks(), alpha));
    }

    /** The layout a framework's tensors are stored in (orthogonal flattening, dirac, default fans). */
    static Layout layoutOf(String framework) {
        return switch (framework) {
            case "pytorch", "deeplearning4j" -> Layout.TORCH;
            default -> Layout.KERAS;
        };
    }

    /** The battery's claim for a manifest row. */
    static Claim claim(FixtureRow r, Shape shape) {
        String f = r.claim_fans() == null ? "" : r.claim_fans().trim();
        Layout layout = switch (f) {
            case "torch", "keras", "jax" -> Layout.parse(f);
            default -> layoutOf(r.framework());
        };
        Initializer init = Catalog.of(r.claim_scheme(), Params.of(params(r.claim_params())), layout);
        Fans fans = null;
        if (init.needsFans()) {
            if (f.contains("/")) {
                String[] io = f.split("/");
                fans = new Fans(Double.parseDouble(io[0]), Double.parseDouble(io[1]));
            } else if (!f.isEmpty()) {
                fans = Fans.of(shape, layout);
            } else {
                throw new IllegalArgumentException(r.id() + ": scheme " + r.claim_scheme() + " needs fans (claim_fans)");
            }
        }
        return Claim.of(init, shape, fans, layout);
    }

    /** {@code k=v;k=v} to a map (empty string: none). */
    static Map<String, String> params(String s) {
        Map<String, String> m = new LinkedHashMap<>();
        if (s == null || s.isBlank()) {
            return m;
        }
        for (String kv : s.split(";")) {
            int eq = kv.indexOf('=');
            if (eq <= 0) {
                throw new IllegalArgumentException("bad claim parameter '" + kv + "' (want key=value)");
            }
            m.put(kv.substring(0, eq).trim(), kv.substring(eq + 1).trim());
        }
        return m;
    }

    static double varianceRatio(double[] x, Distribution law) {
        double var = law.variance();
        if (!(var > 0) || !Double.isFinite(var)) {
            return Double.NaN;
        }
        double mu = law.mean();
        double s = 0;
        for (double v : x) {
            s += (v - mu) * (v - mu);
        }
        return s / x.length / var;
    }

    /** Smallest |variance ratio - 1| detected with power {@link #POWER} at level alpha/m (two-sided). */
    static double detectable(Distribution law, long n, double alpha, int m) {
        double var = law.variance();
        if (!(var > 0) || !law.continuous() || m == 0) {
            return Double.NaN;
        }
        double kurt = law.centralMoment4() / (var * var);
        NormalDistribution z = new NormalDistribution();
        double za = z.inverseCumulativeProbability(1 - alpha / (2.0 * m));
        double zb = z.inverseCumulativeProbability(POWER);
        return (za + zb) * Math.sqrt((kurt - 1) / n);
    }

    private static FixtureResult row(Pending p, List<CheckResult> results, double alpha, int m) {
        FixtureRow r = p.row();
        if (p.claim() == null) {
            return new FixtureResult(r.framework(), r.version(), r.initializer(), r.parameters(), r.shape(), r.claimed_law(),
                    "raises", "raises", Double.NaN, Double.NaN, r.error(), r.reference(), r.id(), r.shape_name(),
                    r.basis(), "", p.n(), Double.NaN, Double.NaN);
        }
        CheckResult worst = null;
        for (CheckResult c : results) {
            if (worst == null || worse(c, worst)) {
                worst = c;
            }
        }
        boolean passed = results.stream().allMatch(CheckResult::passed);
        String hint = worst == null ? "" : worst.verdict().replaceFirst("^(ok|FAIL): ", "");
        return new FixtureResult(r.framework(), r.version(), r.initializer(), r.parameters(), r.shape(), r.claimed_law(),
                passed ? "conforms" : "deviates", worst == null ? "" : worst.name(),
                worst == null ? Double.NaN : worst.statistic(), worst == null ? Double.NaN : worst.pValue(), hint,
                r.reference(), r.id(), r.shape_name(), r.basis(), p.claim().describe(), p.n(), p.varianceRatio(),
                detectable(p.claim().law(), p.n(), alpha, m));
    }

    /** Failed before passed; among failures exact (p = 0, alpha 0) first; then the smaller p-value. */
    private static boolean worse(CheckResult a, CheckResult b) {
        if (a.passed() != b.passed()) {
            return !a.passed();
        }
        boolean ea = a.alpha() == 0;
        boolean eb = b.alpha() == 0;
        if (!a.passed() && ea != eb) {
            return ea;
        }
        if (a.passed() && ea != eb) {
            return !ea; // among passes, a statistical check is more informative than an exact one
        }
        return a.pValue() < b.pValue();
    }
}
