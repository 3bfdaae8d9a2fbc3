package dev.initlab.report;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalDouble;

/**
 * The findings up front: what was found, in sentences, with the key numbers read from the inputs
 * (never written into the code). A sentence whose input is absent is left out; the summary table
 * below it says which parts were not run.
 */
final class FindingsSection {
    private FindingsSection() {
    }

    static void write(Doc doc, ReportContext ctx, VerifySection.VerifyTotals vs, PerformanceSection.BenchCounts ps) {
        doc.heading(2, "Findings");
        List<String> items = new ArrayList<>();
        verification(ctx, vs).ifPresent(items::add);
        depth(ctx.in.resolve("experiments")).ifPresent(items::add);
        linear9(ctx.in.resolve("experiments")).ifPresent(items::add);
        mnist(ctx.in.resolve("experiments")).ifPresent(items::add);
        symmetry(ctx.in.resolve("experiments")).ifPresent(items::add);
        items.addAll(ClassicStudies.findings(ctx.in.resolve("experiments")));
        claims(ctx.in.resolve("experiments")).ifPresent(items::add);
        conformance(ctx.in.resolve("conformance").resolve("conformance.csv")).ifPresent(items::add);
        if (ps.runs() > 0) {
            items.add("Performance: of the fill-speed targets, " + ps.targetsPass() + " met and " + ps.targetsMiss()
                    + " missed (each target counted once over all runs: missed when any run missed it at any array size); "
                    + ps.regressions() + " regressions flagged against the baseline. Details under Performance.");
        }
        if (items.isEmpty()) {
            doc.p("Nothing was measured: no inputs were found (see the summary).");
        } else {
            doc.bullets(items);
        }
    }

    private static Optional<String> verification(ReportContext ctx, VerifySection.VerifyTotals vs) {
        if (vs.files() == 0) {
            return Optional.empty();
        }
        StringBuilder sb = new StringBuilder("Verification: every catalog scheme's output was checked against its "
                + "exact law; " + vs.checks() + " checks in " + vs.files() + " verify runs, " + vs.failed() + " failed. ");
        int[] c = VerificationMethods.controls(ctx.in);
        if (c != null) {
            sb.append("The battery rejected ").append(c[0]).append(" of ").append(c[1]).append(" runs of ").append(c[2])
                    .append(" deliberately wrong samplers (negative controls). ");
        }
        Path cal = ctx.in.resolve("calibration").resolve("calibration_summary.csv");
        if (Files.isRegularFile(cal)) {
            Map<String, String> kv = new LinkedHashMap<>();
            CsvFile.read(cal).rows().forEach(r -> kv.put(r.get("key"), r.get("value")));
            sb.append("On correct output it failed ").append(kv.get("random_scheme_family_rejections")).append(" of ")
                    .append(kv.get("random_scheme_family_runs")).append(" runs at level ").append(kv.get("family_alpha"))
                    .append(" (rate ").append(Num.g(num(kv.get("random_scheme_family_rate")))).append("; ")
                    .append(kv.get("cells_liberal")).append(" calibration cells liberal).");
        }
        return Optional.of(sb.toString().strip());
    }

    private static Optional<String> depth(Path dir) {
        Path csv = dir.resolve("depth_checks.csv");
        if (!Files.isRegularFile(csv)) {
            return Optional.empty();
        }
        List<Map<String, String>> rows = CsvFile.read(csv).rows();
        StringBuilder sb = new StringBuilder("Variance through depth (50-layer MLPs at initialization): ");
        List<String> parts = new ArrayList<>();
        for (String check : List.of("relu + He: forward variance", "relu + Glorot", "tanh + Glorot",
                "relu + He: single networks")) {
            List<Map<String, String>> m = rows.stream().filter(r -> r.getOrDefault("check", "").startsWith(check)).toList();
            if (m.isEmpty()) {
                continue;
            }
            String what = m.get(0).get("check");
            List<String> per = new ArrayList<>();
            for (Map<String, String> r : m) {
                per.add("width " + r.get("width") + ": " + Num.g(num(r.get("value"))) + " ("
                        + ("true".equalsIgnoreCase(r.get("holds")) ? "holds" : "does not hold") + ")");
            }
            parts.add(what + " (expected " + m.get(0).get("expected") + "): " + String.join(", ", per));
        }
        if (parts.isEmpty()) {
            return Optional.empty();
        }
        return Optional.of(sb + String.join("; ", parts) + ".");
    }

    private static Optional<String> linear9(Path dir) {
        Path csv = dir.resolve("linear9_fit.csv");
        if (!Files.isRegularFile(csv)) {
            return Optional.empty();
        }
        return CsvFile.read(csv).rows().stream().filter(r -> "exponent".equals(r.get("quantity"))).findFirst()
                .map(r -> "The 9-layer linear network: the output scales like s^k with fitted k = "
                        + Num.g(num(r.get("estimate"))) + " (95% interval " + Num.g(num(r.get("lo"))) + " to "
                        + Num.g(num(r.get("hi"))) + "; theory " + Num.g(num(r.get("expected"))) + ") at width "
                        + r.get("width") + ".");
    }

    private static Optional<String> mnist(Path dir) {
        Path csv = dir.resolve("mnist_summary.csv");
        if (!Files.isRegularFile(csv)) {
            return Optional.empty();
        }
        CsvFile f = CsvFile.read(csv);
        String acc = f.firstOf("finalTestAccuracyMean", "accuracyMean").orElse(null);
        if (acc == null) {
            return Optional.empty();
        }
        List<String> parts = new ArrayList<>();
        for (String depth : f.rows().stream().map(r -> r.get("depth")).distinct().toList()) {
            for (String act : f.rows().stream().map(r -> r.get("activation")).distinct().toList()) {
                List<Map<String, String>> g = f.rows().stream().filter(r -> depth.equals(r.get("depth"))
                        && act.equals(r.get("activation")) && num(r.get("clip")) == 0).sorted(Comparator.comparingDouble(
                        r -> -num(r.get(acc)))).toList();
                if (g.size() < 2) {
                    continue;
                }
                Map<String, String> best = g.get(0);
                Map<String, String> worst = g.get(g.size() - 1);
                parts.add(String.format(Locale.ROOT, "depth %s %s: from %s (%s) down to %s (%s)", depth, act,
                        pct(num(best.get(acc))), best.get("init"), pct(num(worst.get(acc))), worst.get("init")));
            }
        }
        if (parts.isEmpty()) {
            return Optional.empty();
        }
        return Optional.of("MNIST (held-out accuracy after training, mean over seeds, no clipping), best and worst "
                + "scheme per setting: " + String.join("; ", parts) + ".");
    }

    private static Optional<String> symmetry(Path dir) {
        Path csv = dir.resolve("symmetry_summary.csv");
        if (!Files.isRegularFile(csv)) {
            return Optional.empty();
        }
        List<Map<String, String>> rows = CsvFile.read(csv).rows();
        List<Map<String, String>> constant = rows.stream().filter(r -> num(r.get("depth")) >= 2
                && (r.get("init").startsWith("zeros") || r.get("init").startsWith("constant"))).toList();
        if (constant.isEmpty()) {
            return Optional.empty();
        }
        List<String> inits = constant.stream().map(r -> r.get("init")).distinct().toList();
        List<String> depths = constant.stream().map(r -> r.get("depth")).distinct().sorted().toList();
        double lo = constant.stream().mapToDouble(r -> num(r.get("accuracyMean"))).min().orElse(Double.NaN);
        double hi = constant.stream().mapToDouble(r -> num(r.get("accuracyMean"))).max().orElse(Double.NaN);
        double trivial = constant.stream().mapToDouble(r -> num(r.get("trivialAccuracy"))).max().orElse(Double.NaN);
        long exact = constant.stream().filter(r -> "true".equalsIgnoreCase(r.get("symmetryStaysExact"))).count();
        Optional<Map<String, String>> softmax = rows.stream().filter(r -> num(r.get("depth")) == 1
                && r.get("init").startsWith("zeros")).findFirst();
        return Optional.of("Symmetry: " + String.join(" and ", inits) + " at depths " + String.join(", ", depths)
                + " reached held-out accuracy " + (pct(lo).equals(pct(hi)) ? pct(lo) : pct(lo) + " to " + pct(hi)) + " against "
                + pct(trivial) + " for the majority class; in " + exact + " of " + constant.size() + " settings the hidden "
                + "units stayed exactly equal through training" + softmax.map(r -> ". With no hidden layer (softmax "
                + "regression) zeros reached " + pct(num(r.get("accuracyMean")))).orElse("") + ".");
    }

    private static Optional<String> claims(Path dir) {
        Path csv = dir.resolve("claims.csv");
        if (!Files.isRegularFile(csv)) {
            return Optional.empty();
        }
        Map<String, Integer> counts = new LinkedHashMap<>();
        List<Map<String, String>> rows = CsvFile.read(csv).rows();
        for (Map<String, String> r : rows) {
            counts.merge(r.getOrDefault("verdict", "?"), 1, Integer::sum);
        }
        List<String> parts = new ArrayList<>();
        counts.forEach((k, v) -> parts.add(v + " " + k));
        return Optional.of("Claims ledger: " + rows.size() + " claims from papers, framework documentation and widely "
                + "read articles, each decided by a stated rule from the measurements: " + String.join(", ", parts)
                + " (table under Experiments, Claims ledger).");
    }

    private static Optional<String> conformance(Path csv) {
        if (!Files.isRegularFile(csv)) {
            return Optional.empty();
        }
        List<dev.initlab.conformance.ConformanceStudy.FixtureResult> rows;
        try {
            rows = dev.initlab.io.CsvTables.read(csv, dev.initlab.conformance.ConformanceStudy.FixtureResult.class);
        } catch (IllegalArgumentException e) {
            return Optional.empty();
        }
        long frameworks = rows.stream().map(dev.initlab.conformance.ConformanceStudy.FixtureResult::framework).distinct().count();
        long deviations = rows.stream().filter(dev.initlab.conformance.ConformanceStudy.FixtureResult::deviates).count();
        return Optional.of("Framework conformance: " + rows.size() + " initializer dumps from " + frameworks
                + " frameworks checked against their documented laws; " + deviations + " deviate (explained under "
                + "Framework conformance).");
    }

    private static double num(String s) {
        OptionalDouble d = CsvFile.number(s);
        return d.isPresent() ? d.getAsDouble() : Double.NaN;
    }

    private static String pct(double x) {
        return Double.isFinite(x) ? String.format(Locale.ROOT, "%.1f%%", 100 * x) : "not measured";
    }
}
