package dev.initlab.report;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * How far the verification can be trusted, in the methods: the power of the battery (its negative
 * controls with their analytic power and observed rejections, {@code calibration/mutants.csv}),
 * its size under the null ({@code calibration/calibration_summary.csv}) and the false-alarm rate
 * of the report as a whole (from the verify runs).
 */
final class VerificationMethods {
    private VerificationMethods() {
    }

    static void write(ReportContext ctx, VerifySection.VerifyTotals verify) {
        Doc d = ctx.doc;
        d.heading(3, "Power, size and false alarms of the verification");
        negativeControls(ctx);
        nullCalibration(ctx);
        if (verify.files() > 0) {
            VerifySection.reportWide(d, verify);
        }
    }

    private static void negativeControls(ReportContext ctx) {
        Doc d = ctx.doc;
        Path csv = ctx.in.resolve(NegativeControls.FILE);
        if (!Files.isRegularFile(csv)) {
            d.p(Doc.bold("Power (negative controls): "), Doc.plain("not run here (no " + ctx.show(csv)
                    + "; ./initlab report --mutants writes it). The unit tests still run every negative control."));
            return;
        }
        CsvFile f = CsvFile.read(csv);
        int total = 0;
        int rejected = 0;
        int twin = 0;
        double minPower = 1;
        Doc.TableBuilder t = new Doc.TableBuilder("Negative controls: deliberately wrong samplers the battery must "
                + "reject (each run: one battery family at the level shown)", "mistake", "wrong sampler rejected",
                "correct twin rejected", "claimed as", "elements", "level", "analytic power (lower bound)",
                "how the bound is obtained");
        for (Map<String, String> r : f.rows()) {
            int seeds = (int) CsvFile.number(r.get("seeds")).orElse(0);
            int rej = (int) CsvFile.number(r.get("rejected")).orElse(0);
            int tw = (int) CsvFile.number(r.get("twinRejected")).orElse(0);
            double power = CsvFile.number(r.get("analyticPower")).orElse(Double.NaN);
            total += seeds;
            rejected += rej;
            twin += tw;
            minPower = Math.min(minPower, power);
            t.row(Doc.cell(r.get("mistake")), Doc.cell(rej + " of " + seeds, rej == seeds ? Doc.Tone.GOOD : Doc.Tone.BAD),
                    Doc.cell(tw + " of " + seeds, tw == 0 ? Doc.Tone.GOOD : Doc.Tone.WARN), Doc.cell(r.get("claimedAs")),
                    Doc.cell(r.get("elements")), Doc.cell(Num.g(CsvFile.number(r.get("alpha")).orElse(Double.NaN))),
                    Doc.cell(power >= 0.999999 ? ">= 0.999999" : Num.g(power)), Doc.cell(r.get("powerMethod")));
        }
        String seedNote = f.rows().isEmpty() ? "" : " (seeds " + f.rows().get(0).get("firstSeed") + " + 1000 k)";
        d.p(Doc.bold("Power (negative controls). "), Doc.plain(f.rows().size() + " deliberately wrong samplers, each "
                + "passed off as the catalog scheme it imitates, were checked by the battery on " + total / Math.max(1,
                f.rows().size()) + " seeds each" + seedNote + ": " + rejected + " of " + total + " runs rejected; their "
                + "correct twins, on the same seeds, were rejected " + twin + " times. The smallest analytic power "
                + "bound is " + (minPower >= 0.999999 ? "above 0.999999" : Num.g(minPower)) + ": the "
                + "Dvoretzky-Kiefer-Wolfowitz-Massart inequality for the KS check (a guarantee, not an approximation), "
                + "exact bounds for the range, sign and equal-element checks. What a pass rules out in general (the "
                + "minimum detectable effect of each check against n) is in the Calibration and power section."));
        d.add(t.source(ctx.link(csv)).build());
    }

    private static void nullCalibration(ReportContext ctx) {
        Doc d = ctx.doc;
        Path summary = ctx.in.resolve("calibration").resolve("calibration_summary.csv");
        if (!Files.isRegularFile(summary)) {
            d.p(Doc.bold("Size under the null: "), Doc.plain("not measured here (no " + ctx.show(summary)
                    + "; ./initlab calibrate --full writes it)."));
            return;
        }
        Map<String, String> kv = new LinkedHashMap<>();
        for (Map<String, String> r : CsvFile.read(summary).rows()) {
            kv.put(r.get("key"), r.get("value"));
        }
        String ci = kv.getOrDefault("random_scheme_family_rate_ci95", "");
        String[] ends = ci.split("-(?=\\d)");
        double hi = ends.length == 2 ? CsvFile.number(ends[1]).orElse(Double.NaN) : Double.NaN;
        double level = CsvFile.number(kv.get("family_alpha")).orElse(Double.NaN);
        String interval = ends.length == 2 ? Num.g(CsvFile.number(ends[0]).orElse(Double.NaN)) + " to " + Num.g(hi)
                : "not recorded";
        String judged = hi <= level ? "the whole interval lies at or below the level"
                : Double.isNaN(hi) ? "no interval recorded" : "the interval reaches above the level";
        d.p(Doc.bold("Size under the null (calibration). "), Doc.plain("On correct output the battery must fail no "
                + "more often than its level. " + kv.get("random_scheme_family_runs") + " independent battery runs on "
                + "the random schemes (" + kv.get("runs_per_scheme") + " per scheme, n = " + kv.get("n") + " "
                + kv.get("dtype") + " elements, master seed " + kv.get("master_seed") + ") were rejected "
                + kv.get("random_scheme_family_rejections") + " times at family-wise level " + kv.get("family_alpha")
                + ": a rate of " + Num.g(CsvFile.number(kv.get("random_scheme_family_rate")).orElse(Double.NaN))
                + " (95% interval " + interval + "): " + judged + ". Every (check, scheme, level) cell was tested "
                + "against its nominal rate with an exact binomial test, " + kv.get("multiplicity") + ": "
                + kv.get("cells_liberal") + " cells judged liberal. Details in the Calibration and power section."));
    }

    /** For the findings: the count of negative-control runs rejected and run, or null when not run. */
    static int[] controls(Path in) {
        Path csv = in.resolve(NegativeControls.FILE);
        if (!Files.isRegularFile(csv)) {
            return null;
        }
        int total = 0;
        int rejected = 0;
        List<Map<String, String>> rows = CsvFile.read(csv).rows();
        for (Map<String, String> r : rows) {
            total += (int) CsvFile.number(r.get("seeds")).orElse(0);
            rejected += (int) CsvFile.number(r.get("rejected")).orElse(0);
        }
        return new int[] {rejected, total, rows.size()};
    }
}
