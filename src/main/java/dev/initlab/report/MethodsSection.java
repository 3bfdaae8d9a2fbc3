package dev.initlab.report;

import dev.initlab.bench.JmhResult;
import dev.initlab.bench.Targets;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;

/**
 * The Methods section: generator, transforms, schemes and their laws, fans per framework, gains,
 * the statistical battery with its power, size and report-wide false-alarm rate, every
 * experiment's protocol, the benchmark method and the targets. Scheme, fan and gain tables are
 * computed from the catalog's code ({@link SchemeLaws}, {@link FanConventions}, {@link GainTable}),
 * protocols from the experiments' settings ({@link ExperimentProtocols}).
 */
final class MethodsSection {
    private MethodsSection() {
    }

    static void write(ReportContext ctx, List<CsvFile> verify, VerifySection.VerifyTotals summary,
                      List<PerformanceSection.Run> runs) {
        ctx.doc.heading(2, "Methods");
        generator(ctx.doc);
        transforms(ctx.doc);
        ctx.doc.heading(3, "Schemes");
        ctx.doc.p("Each catalog scheme's law, as the catalog states it, and the variance of one element at the "
                + "scheme's default parameters in terms of the fans (read off the stored shape: see Fans per "
                + "framework) and the gain g. The variance column is tested against the exact law each initializer "
                + "reports, so it cannot drift from the code.");
        ctx.doc.add(SchemeLaws.table());
        FanConventions.write(ctx);
        GainTable.write(ctx);
        battery(ctx.doc, verify);
        VerificationMethods.write(ctx, summary);
        ExperimentProtocols.write(ctx);
        benchmark(ctx.doc, runs);
        targets(ctx.doc);
    }

    private static void generator(Doc d) {
        d.heading(3, "Generator");
        d.p("Philox4x32-10, the counter-based generator of Salmon, Moraes, Dror and Shaw (\"Parallel random numbers: "
                + "as easy as 1, 2, 3\", SC 2011), checked against the Random123 known-answer vectors. Stream layout:");
        d.bullets(List.of(
                "key = (seed & 0xffffffff, seed >>> 32) for a 64-bit seed;",
                "block j (unsigned 64-bit) of tensor stream s is Philox4x32-10 of the counter (j low 32, j high 32, "
                        + "s low 32, s high 32);",
                "stream word 4j + k is word k (0..3) of block j; blocks whose index has bit 63 set are reserved for "
                        + "auxiliary draws (such as the sparse scheme's zero mask) and never feed elements;",
                "float32 element i uses word i; float64 element i uses words 2i and 2i + 1. Every element is a pure "
                        + "function of (seed, stream id, index), so any engine, thread count or shard gives the same "
                        + "bits."));
    }

    private static void transforms(Doc d) {
        d.heading(3, "Transforms");
        d.bullets(List.of(
                "Uniform: float32 u = (w >>> 8) 2^-24, x = L (2u - 1) for U(-L, L), or a + (b - a) u kept below b; "
                        + "float64 the same with 53 bits.",
                "Normal: inverse CDF with no rejection. float32 v = (2m + 1 - 2^24) 2^-24 from the top 24 bits m, "
                        + "z = sqrt(2) erfinv(v) by M. Giles' single-precision approximation (\"Approximating the "
                        + "erfinv function\", GPU Computing Gems, 2011), |z| <= 5.42; float64 by Wichura's AS 241 "
                        + "(Applied Statistics 37, 1988), |z| <= 8.21.",
                "Truncated normal: the same inverse CDFs restricted to [Phi(alpha), Phi(beta)], then clamped to the "
                        + "bounds, so it stays counter-based.",
                "All kernels use only +, -, *, /, sqrt, bit operations and (float32 normal, generator version 2) fused "
                        + "multiply-add, each correctly rounded (no Math.log), so the scalar and SIMD engines agree bit for bit."));
    }

    private static void battery(Doc d, List<CsvFile> verify) {
        d.heading(3, "Statistical battery");
        if (verify.isEmpty()) {
            d.p("Not run: no verification CSVs, so the battery's checks and levels cannot be listed here.");
        } else {
            Map<String, Integer> checks = new TreeMap<>();
            Set<String> schemes = new LinkedHashSet<>();
            double familyAlpha = 0;
            int exact = 0;
            for (CsvFile f : verify) {
                for (Map<String, String> r : f.rows()) {
                    checks.merge(r.getOrDefault("check", "?"), 1, Integer::sum);
                    schemes.add(r.getOrDefault("scheme", "?"));
                    double a = CsvFile.number(r.get("alpha")).orElse(Double.NaN);
                    if (a == 0) {
                        exact++;
                    } else if (a > familyAlpha) {
                        familyAlpha = a;
                    }
                }
            }
            StringBuilder names = new StringBuilder();
            checks.forEach((k, v) -> names.append(names.isEmpty() ? "" : ", ").append(k).append(" (").append(v)
                    .append(')'));
            d.p("Each tensor is checked against the exact law its scheme claims by initlab verify. Checks seen in "
                    + "these results, with how often they ran: " + names + ". Schemes: " + String.join(", ", schemes)
                    + ".");
            d.p("Family-wise error control: Holm's step-down procedure (S. Holm, Scandinavian Journal of Statistics "
                    + "6, 1979) over all statistical checks of one verify run (one CSV). The alpha column holds each "
                    + "check's Holm threshold; the largest threshold is the run's family-wise level"
                    + (familyAlpha > 0 ? " (largest here: " + Num.g(familyAlpha) + ")" : "") + ", so under the "
                    + "claimed law the chance that any statistical check of the run fails is at most that level. "
                    + "Checks with alpha 0 (" + exact + " here) are exact properties (finiteness, support, structure) "
                    + "that fail only when violated.");
        }
    }

    private static void benchmark(Doc d, List<PerformanceSection.Run> runs) {
        d.heading(3, "Benchmark method");
        Set<String> jmh = new LinkedHashSet<>();
        Set<String> jvm = new LinkedHashSet<>();
        Set<String> config = new LinkedHashSet<>();
        for (PerformanceSection.Run run : runs) {
            for (JmhResult r : run.results()) {
                jmh.add(r.run().jmhVersion());
                jvm.add(r.run().vmName() + " " + r.run().vmVersion());
                config.add(run.name() + ": " + r.forks() + " fork(s), warmup " + r.run().warmupIterations() + " x "
                        + r.run().warmupTime() + ", measurement " + r.run().measurementIterations() + " x "
                        + r.run().measurementTime());
            }
        }
        if (runs.isEmpty()) {
            d.p("Not run: no JMH results.");
        } else {
            d.p("JMH " + String.join(", ", jmh) + " on " + String.join(", ", jvm) + ". Configurations: "
                    + String.join("; ", config) + ".");
        }
        d.p("Scores are JMH's means with its error, the half-width of a 99.9% Student-t interval over all "
                + "measurement iterations of all forks. One JMH operation fills one array, so samples/s = ops/s x "
                + "elements per operation (from the size parameter, e.g. 4Ki = 4096; a benchmark carrying "
                + "@OperationsPerInvocation is taken as already per sample) and ns/sample = 1e9 / samples/s; time "
                + "modes are inverted first (rate = threads / time). Speed claims are ratios to a baseline measured in "
                + "the same run, because shared machines drift between runs. The interval of a ratio a/b is the "
                + "conservative quotient of interval ends [a_lo / b_hi, a_hi / b_lo] (lower ends clipped at 0), which "
                + "covers the true ratio with probability at least 0.999^2 when the two intervals are independent; "
                + "no normality or small-error assumption is needed. The machine and load of each run are under "
                + "Provenance.");
    }

    private static void targets(Doc d) {
        d.heading(3, "Targets");
        d.bullets(Targets.TARGETS.stream().map(t -> t.text() + " (" + t.id() + ")").toList());
        d.p(Targets.RULE);
    }
}
