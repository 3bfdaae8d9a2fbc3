package dev.initlab.conformance;

import dev.initlab.io.AtomicFiles;
import dev.initlab.io.CsvTables;
import java.io.OutputStreamWriter;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/** Writes the study: {@code conformance.csv}, {@code fans.csv} and the Markdown summary {@code conformance.md}. */
public final class ConformanceReport {
    private ConformanceReport() {
    }

    /** Writes the three files into {@code dir} (atomically each) and returns their paths. */
    public static List<Path> write(ConformanceStudy.StudyResult r, Path dir) {
        try {
            java.nio.file.Files.createDirectories(dir);
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException("cannot create " + dir + ": " + e.getMessage(), e);
        }
        Path csv = dir.resolve("conformance.csv");
        Path fans = dir.resolve("fans.csv");
        Path md = dir.resolve("conformance.md");
        CsvTables.write(csv, ConformanceStudy.FixtureResult.class, r.rows());
        CsvTables.write(fans, FanTable.FanRow.class, r.fans());
        AtomicFiles.write(md, out -> {
            try (Writer w = new OutputStreamWriter(out, StandardCharsets.UTF_8)) {
                w.write(markdown(r));
            }
        });
        return List.of(csv, fans, md);
    }

    /** The logical initializer a framework's function belongs to (the matrix rows). */
    static String family(ConformanceStudy.FixtureResult r) {
        String i = r.initializer().toLowerCase(Locale.ROOT).replace("_", "");
        if (r.initializer().contains(".") || r.initializer().startsWith("nn.")) {
            return "layer defaults";
        }
        if (i.startsWith("varscaling") || i.startsWith("variancescaling")) {
            return "variance scaling";
        }
        if (r.framework().equals("deeplearning4j") && i.equals("normal")) {
            return "lecun normal"; // DL4J's NORMAL is N(0, 1/fanIn)
        }
        return switch (i) {
            case "uniform", "randomuniform" -> "uniform";
            case "normal", "randomnormal" -> "normal";
            case "truncnormal", "truncatednormal" -> "truncated normal";
            case "zeros", "ones", "constant", "zero" -> "zeros / ones / constant";
            case "eye", "identity" -> "identity";
            case "xavieruniform", "glorotuniform" -> "xavier/glorot uniform";
            case "xaviernormal", "glorotnormal", "xavier" -> "xavier/glorot normal";
            case "kaiminguniform", "heuniform", "reluuniform" -> "kaiming/he uniform";
            case "kaimingnormal", "henormal", "relu" -> "kaiming/he normal";
            case "lecununiform" -> "lecun uniform";
            case "lecunnormal", "xavierfanin" -> "lecun normal";
            case "sigmoiduniform" -> "sigmoid uniform (DL4J)";
            case "distribution" -> "distribution (DL4J)";
            default -> i;
        };
    }

    /** One matrix cell: verdict counts over the rows of a framework x initializer family. */
    public static String cell(List<ConformanceStudy.FixtureResult> rows) {
        if (rows.isEmpty()) {
            return "-";
        }
        long ok = rows.stream().filter(x -> x.verdict().equals("conforms")).count();
        long dev = rows.stream().filter(ConformanceStudy.FixtureResult::deviates).count();
        long raises = rows.stream().filter(x -> x.verdict().equals("raises")).count();
        StringBuilder b = new StringBuilder();
        b.append(dev > 0 ? "**deviates** " + dev + "/" + (ok + dev) : "conforms " + ok + "/" + ok);
        if (raises > 0) {
            b.append(", raises ").append(raises);
        }
        return b.toString();
    }

    /** framework -> (initializer family -> rows), documented-law rows only. */
    public static Map<String, Map<String, List<ConformanceStudy.FixtureResult>>> matrix(ConformanceStudy.StudyResult r) {
        Map<String, Map<String, List<ConformanceStudy.FixtureResult>>> m = new LinkedHashMap<>();
        for (ConformanceStudy.FixtureResult x : r.rows()) {
            if (x.basis().equals("cross-framework")) {
                continue;
            }
            m.computeIfAbsent(x.framework(), k -> new LinkedHashMap<>())
                    .computeIfAbsent(family(x), k -> new ArrayList<>()).add(x);
        }
        return m;
    }

    /** The Markdown summary. */
    public static String markdown(ConformanceStudy.StudyResult r) {
        StringBuilder b = new StringBuilder();
        frameworks(b, r);
        matrixTable(b, r);
        deviations(b, r);
        fans(b, r);
        power(b, r);
        return b.toString();
    }

    /** The title, what was checked, and a row per framework. */
    private static void frameworks(StringBuilder b, ConformanceStudy.StudyResult r) {
        b.append("# Framework conformance\n\n");
        b.append("Generated by `./initlab conformance` from the committed fixtures in `conformance/fixtures/` "
                + "(the generator scripts' one-line commands are in their headers). Each dumped tensor is checked by "
                + "the verification battery against the law its framework documents; one Holm family per framework, "
                + "so each framework's column has a family-wise false-alarm rate of at most alpha.\n\n");
        b.append("| framework | version | rows | deviate | raise | statistical checks (Holm) | exact checks | alpha |\n");
        b.append("|---|---|---|---|---|---|---|---|\n");
        for (ConformanceStudy.FrameworkFamily f : r.families()) {
            List<ConformanceStudy.FixtureResult> rows = r.of(f.framework());
            b.append(String.format(Locale.ROOT, "| %s | %s | %d | %d | %d | %d | %d | %s |\n", f.framework(),
                    f.version(), rows.size(), rows.stream().filter(ConformanceStudy.FixtureResult::deviates).count(),
                    rows.stream().filter(x -> x.verdict().equals("raises")).count(), f.statisticalChecks(),
                    f.exactChecks(), g(f.alpha())));
        }
    }

    /** The framework x initializer matrix of verdicts. */
    private static void matrixTable(StringBuilder b, ConformanceStudy.StudyResult r) {
        b.append("\n## Matrix (documented laws; framework x initializer, verdicts over the grid of shapes and parameters)\n\n");
        Map<String, Map<String, List<ConformanceStudy.FixtureResult>>> m = matrix(r);
        List<String> fws = new ArrayList<>(m.keySet());
        Set<String> fams = new LinkedHashSet<>();
        m.values().forEach(v -> fams.addAll(v.keySet()));
        b.append("| initializer |");
        fws.forEach(f -> b.append(' ').append(f).append(" |"));
        b.append("\n|---|");
        fws.forEach(f -> b.append("---|"));
        b.append('\n');
        for (String fam : fams) {
            b.append("| ").append(fam).append(" |");
            for (String f : fws) {
                b.append(' ').append(cell(m.get(f).getOrDefault(fam, List.of()))).append(" |");
            }
            b.append('\n');
        }
    }

    /** Every row that deviates from its documented law. */
    private static void deviations(StringBuilder b, ConformanceStudy.StudyResult r) {
        b.append("\n## Deviations\n\n");
        b.append("| id | framework | initializer | parameters | shape | claimed law | basis | worst check | variance ratio | hint |\n");
        b.append("|---|---|---|---|---|---|---|---|---|---|\n");
        for (ConformanceStudy.FixtureResult x : r.rows()) {
            if (x.deviates()) {
                b.append(String.format(Locale.ROOT, "| %s | %s | %s | %s | %s | %s | %s | %s | %s | %s |\n", x.id(),
                        x.framework(), cellText(x.initializer()), cellText(x.parameters()), x.shape(),
                        cellText(x.claimed_law()), x.basis(), x.worst_check(), g(x.variance_ratio()),
                        cellText(x.hint())));
            }
        }
    }

    /** The fans-across-frameworks table, measured from the dumps. */
    private static void fans(StringBuilder b, ConformanceStudy.StudyResult r) {
        b.append("\n## Fans across frameworks (measured from the dumps)\n\n");
        b.append("Measured fan_in = documented fan_in / (measured variance / documented variance) of a fan_in-mode "
                + "probe (PyTorch `kaiming_normal_`, TF.js `heUniform`, DL4J layers built with `weightInit(RELU)`), 95% interval. Rule columns: "
                + "(fan_in/fan_out) of each framework's rule on the tensor that framework stores for the layer.\n\n");
        b.append("| layer | evidence | stored shape | documented fan_in | measured fan_in [95%] | PyTorch rule | Keras/TF.js rule | JAX rule | DL4J rule | note |\n");
        b.append("|---|---|---|---|---|---|---|---|---|---|\n");
        String last = "";
        for (FanTable.FanRow f : r.fans()) {
            boolean first = !f.layer().equals(last);
            last = f.layer();
            b.append(String.format(Locale.ROOT, "| %s | %s | %s | %s | %s | %s | %s | %s | %s | %s |\n",
                    first ? f.layer() : "", f.framework() + (f.probe().isEmpty() ? "" : " (" + f.probe() + ")"),
                    f.stored_shape(), g(f.documented_fan_in()),
                    Double.isNaN(f.measured_fan_in()) ? "-" : g(f.measured_fan_in()) + " [" + g(f.ci_low()) + ", "
                            + g(f.ci_high()) + "]",
                    first ? f.pytorch_rule() : "", first ? f.keras_rule() : "", first ? f.jax_rule() : "",
                    first ? f.dl4j_rule() : "", first ? cellText(f.note()) : ""));
        }
    }

    /** The smallest detectable variance change per framework, tensor size and law. */
    private static void power(StringBuilder b, ConformanceStudy.StudyResult r) {
        b.append("\n## Power\n\n");
        b.append("Smallest relative change of the variance that the variance check detects with probability "
                + ConformanceStudy.POWER + " at the most stringent Holm level alpha/m of the row's family "
                + "(column `detectable_variance_change` of conformance.csv), by tensor size:\n\n");
        b.append("| framework | n | law | detectable change of the variance |\n|---|---|---|---|\n");
        Map<String, ConformanceStudy.FixtureResult> seen = new java.util.TreeMap<>();
        for (ConformanceStudy.FixtureResult x : r.rows()) {
            if (Double.isFinite(x.detectable_variance_change())) {
                String fam = x.claim().contains("U(") ? "uniform" : x.claim().contains("TN(") ? "truncated normal"
                        : x.claim().contains("N(") ? "normal" : "orthogonal / sparse";
                seen.putIfAbsent(String.format(Locale.ROOT, "%s|%012d|%s", x.framework(), Long.MAX_VALUE / 1_000_000
                        - x.n(), fam), x);
            }
        }
        for (Map.Entry<String, ConformanceStudy.FixtureResult> e : seen.entrySet()) {
            String[] k = e.getKey().split("\\|");
            b.append(String.format(Locale.ROOT, "| %s | %d | %s | +-%.1f%% |\n", k[0], e.getValue().n(), k[2],
                    100 * e.getValue().detectable_variance_change()));
        }
    }

    static String cellText(String s) {
        return s == null ? "" : s.replace("|", "\\|").replace("\n", " ");
    }

    static String g(double v) {
        if (Double.isNaN(v)) {
            return "-";
        }
        if (v == Math.rint(v) && Math.abs(v) < 1e9) {
            return Long.toString((long) v);
        }
        return String.format(Locale.ROOT, "%.4g", v);
    }
}
