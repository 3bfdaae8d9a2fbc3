package dev.initlab.conformance;

import dev.initlab.io.CsvTables;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * The deviations of a conformance table, one per (framework, initializer, parameters, basis):
 * what the claims ledger reports. Computed from the rows (never written by hand): a group is a
 * deviation when at least one of its tensors deviates under its framework's Holm family.
 */
public final class Deviations {
    private Deviations() {
    }

    /**
     * One deviation.
     *
     * @param framework framework
     * @param version its version
     * @param initializer function or layer
     * @param parameters its parameters
     * @param basis doc, doc-formula, source or cross-framework
     * @param claimedLaw the claimed law
     * @param reference where the claim comes from
     * @param deviating tensors of the group that deviate
     * @param total tensors of the group checked (rows that raised are not counted)
     * @param shapes the deviating shapes
     * @param worstCheck the worst check of the group's first deviating row (table order)
     * @param minRatio smallest variance ratio among the deviating rows
     * @param maxRatio largest variance ratio among the deviating rows
     * @param hint the first deviating row's hint
     */
    public record Deviation(String framework, String version, String initializer, String parameters, String basis,
                            String claimedLaw, String reference, int deviating, int total, List<String> shapes,
                            String worstCheck, double minRatio, double maxRatio, String hint) {
        /** One line of evidence for the ledger. */
        public String evidence() {
            return String.format(Locale.ROOT, "%d of %d dumped tensors deviate (%s); worst check %s; variance ratio "
                            + "measured/claimed %s; %s", deviating, total, String.join(", ", shapes), worstCheck,
                    minRatio == maxRatio ? g(minRatio) : g(minRatio) + " to " + g(maxRatio), hint);
        }
    }

    /** The deviations of {@code rows}, in table order. */
    public static List<Deviation> of(List<ConformanceStudy.FixtureResult> rows) {
        Map<String, List<ConformanceStudy.FixtureResult>> groups = new LinkedHashMap<>();
        for (ConformanceStudy.FixtureResult r : rows) {
            if (!r.verdict().equals("raises")) {
                groups.computeIfAbsent(String.join("\u0000", r.framework(), r.initializer(), r.parameters(),
                        r.basis()), k -> new ArrayList<>()).add(r);
            }
        }
        List<Deviation> out = new ArrayList<>();
        for (List<ConformanceStudy.FixtureResult> g : groups.values()) {
            List<ConformanceStudy.FixtureResult> dev = g.stream().filter(ConformanceStudy.FixtureResult::deviates).toList();
            if (dev.isEmpty()) {
                continue;
            }
            ConformanceStudy.FixtureResult first = dev.get(0);
            double lo = dev.stream().mapToDouble(ConformanceStudy.FixtureResult::variance_ratio).filter(Double::isFinite).min()
                    .orElse(Double.NaN);
            double hi = dev.stream().mapToDouble(ConformanceStudy.FixtureResult::variance_ratio).filter(Double::isFinite).max()
                    .orElse(Double.NaN);
            out.add(new Deviation(first.framework(), first.version(), first.initializer(), first.parameters(),
                    first.basis(), first.claimed_law(), first.reference(), dev.size(), g.size(),
                    dev.stream().map(ConformanceStudy.FixtureResult::shape).toList(), first.worst_check(), lo, hi, first.hint()));
        }
        return out;
    }

    /** Reads a {@code conformance.csv} written by {@link ConformanceReport}; empty when the file does not exist. */
    public static List<Deviation> read(Path csv) {
        if (!Files.isRegularFile(csv)) {
            return List.of();
        }
        return of(CsvTables.read(csv, ConformanceStudy.FixtureResult.class));
    }

    static String g(double v) {
        return Double.isNaN(v) ? "-" : String.format(Locale.ROOT, "%.3g", v);
    }
}
