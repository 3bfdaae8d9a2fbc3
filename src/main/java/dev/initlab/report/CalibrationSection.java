package dev.initlab.report;

import dev.initlab.stats.Detectable;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * The Calibration section: what {@code initlab calibrate --full} and {@code calibrate --power}
 * wrote under {@code calibration/}: the null rejection rates judged per cell, the family-wise rate
 * per scheme with its exact interval, and each check's minimum detectable effect against n.
 */
final class CalibrationSection {
    private CalibrationSection() {
    }

    static void write(ReportContext ctx) {
        Doc d = ctx.doc;
        Path dir = ctx.in.resolve("calibration");
        d.heading(2, "Calibration and power");
        Path summary = dir.resolve("calibration_summary.csv");
        if (!Files.isRegularFile(summary)) {
            d.p(Doc.bold("Not run: "), Doc.plain("no " + ctx.show(summary) + " (from initlab calibrate --full --out "
                    + ctx.show(dir) + ")."));
        } else {
            try {
                null_(ctx, dir, summary);
            } catch (IllegalArgumentException e) {
                ctx.warn(e.getMessage());
            }
        }
        Path mde = dir.resolve("power_mde.csv");
        if (Files.isRegularFile(mde)) {
            try {
                power(ctx, dir, mde);
            } catch (IllegalArgumentException | IOException e) {
                ctx.warn(ctx.show(mde) + ": " + e.getMessage());
            }
        }
    }

    private static void null_(ReportContext ctx, Path dir, Path summary) {
        Doc d = ctx.doc;
        Map<String, String> kv = new LinkedHashMap<>();
        for (Map<String, String> r : CsvFile.read(summary).rows()) {
            kv.put(r.get("key"), r.get("value"));
        }
        d.p(String.format(Locale.ROOT, "%s runs per scheme (%s asked; %s) on float32 tensors of n = %s elements (%s), "
                        + "master seed %s; %s runs in all, %s independent; wall time %s s on %s threads. Seeds: %s.",
                kv.get("runs_per_scheme"), kv.get("runs_per_scheme_requested"),
                "true".equals(kv.get("complete")) ? "complete" : "STOPPED EARLY", kv.get("n"), kv.get("shape"), kv.get("master_seed"), kv.get("total_runs"),
                kv.get("effective_independent_runs"), kv.get("wall_seconds"), kv.get("threads"),
                kv.getOrDefault("seed_derivation", "")));
        d.p(String.format(Locale.ROOT, "Family-wise rejection rate over the random schemes: %s of %s = %s (95%% interval "
                        + "%s) at alpha %s. Verdicts: exact binomial test per (check, scheme, level) cell; %s; cells "
                        + "judged LIBERAL: %s.", kv.get("random_scheme_family_rejections"),
                kv.get("random_scheme_family_runs"), kv.get("random_scheme_family_rate"),
                kv.get("random_scheme_family_rate_ci95"), kv.get("family_alpha"), kv.get("multiplicity"),
                kv.get("cells_liberal")));
        Path fam = dir.resolve("calibration_family.csv");
        if (Files.isRegularFile(fam)) {
            Doc.TableBuilder t = new Doc.TableBuilder("Holm family rejections per scheme (" + ctx.show(fam) + ")",
                    "scheme", "verdict", "runs", "rejected", "rate", "95% interval", "binomial p vs alpha");
            for (Map<String, String> r : CsvFile.read(fam).rows()) {
                t.rowText(r.get("scenario"), r.get("verdict"), r.get("runs"), r.get("rejected"), num(r.get("rate")),
                        num(r.get("ci_low")) + " - " + num(r.get("ci_high")), num(r.get("binom_p")));
            }
            d.add(t.build());
        }
        Path cells = dir.resolve("calibration_cells.csv");
        if (Files.isRegularFile(cells)) {
            List<String> lib = new ArrayList<>();
            int n = 0;
            for (Map<String, String> r : CsvFile.read(cells).rows()) {
                n++;
                if (r.getOrDefault("verdict", "").startsWith("LIBERAL")) {
                    lib.add(r.get("scenario") + " / " + r.get("check") + " at " + r.get("level") + ": " + r.get("rejections")
                            + " of " + r.get("runs") + " (binomial p " + num(r.get("binom_p")) + ")");
                }
            }
            d.p(n + " cells in " + ctx.show(cells) + "; " + (lib.isEmpty() ? "none LIBERAL." : lib.size() + " LIBERAL:"));
            if (!lib.isEmpty()) {
                d.bullets(lib);
            }
        }
    }

    private static void power(ReportContext ctx, Path dir, Path mde) throws IOException {
        Doc d = ctx.doc;
        List<Detectable.EffectRow> rows = new ArrayList<>();
        for (Map<String, String> r : CsvFile.read(mde).rows()) {
            rows.add(new Detectable.EffectRow((int) v(r, "n"), v(r, "level"), v(r, "power"), v(r, "mean_shift_sd"),
                    v(r, "variance_up"), v(r, "variance_down"), v(r, "tail2_ratio"), v(r, "tail3_ratio"), v(r, "lag1_rho"),
                    v(r, "ks_distance"), v(r, "row_corr_rho")));
        }
        String rel = ctx.figureName("calibration-minimum-detectable-effect");
        if (PowerFigure.write(ctx.out.resolve(rel), rows)) {
            ctx.addFigure(rel, "minimum detectable effect per check against n",
                    "Smallest effect each check rejects at level 0.001 with power 0.999 (" + ctx.show(mde) + "); a pass "
                            + "at size n rules out only effects above the curves.");
        }
        Doc.TableBuilder t = new Doc.TableBuilder("Minimum detectable effects (level 0.001, power 0.999, normal claim)",
                "n", "variance ratio", "mean shift (sd)", "tail mass >2 sd (ratio)", "lag-1 r", "KS distance");
        for (Detectable.EffectRow r : rows) {
            if (r.n() == 1000 || r.n() == 10000 || r.n() == 100000 || r.n() == 1000000 || r.n() == 10000000) {
                t.rowText(String.format(Locale.ROOT, "%,d", r.n()), String.format(Locale.ROOT, "%.4f / %.4f",
                                r.variance_down(), r.variance_up()), num3(r.mean_shift_sd()), num3(r.tail2_ratio()),
                        num3(r.lag1_rho()), num3(r.ks_distance()));
            }
        }
        d.add(t.build());
        Path sim = dir.resolve("power_simulated.csv");
        if (Files.isRegularFile(sim)) {
            Doc.TableBuilder s = new Doc.TableBuilder("Simulated power of the battery's checks at the analytic minimum "
                    + "detectable effect (x1.0) and below it (x0.8), normal data (" + ctx.show(sim) + ")",
                    "check", "x MDE", "power (95% interval)", "rejected", "effect", "n", "size");
            for (Map<String, String> r : CsvFile.read(sim).rows()) {
                s.rowText(r.get("check"), r.get("multiple_of_mde"), num(r.get("power")) + " (" + num(r.get("ci_low"))
                                + " - " + num(r.get("ci_high")) + ")", r.get("rejected") + " of " + r.get("reps"),
                        r.get("effect"), r.get("n"), num(r.get("size")));
            }
            d.add(s.build());
        }
    }

    private static double v(Map<String, String> r, String k) {
        return CsvFile.number(r.get(k)).orElse(Double.NaN);
    }

    private static String num3(double x) {
        return Double.isNaN(x) ? "-" : String.format(Locale.ROOT, "%.3g", x);
    }

    private static String num(String s) {
        return CsvFile.number(s).stream().mapToObj(CalibrationSection::num3).findFirst().orElse(s == null ? "" : s);
    }
}
