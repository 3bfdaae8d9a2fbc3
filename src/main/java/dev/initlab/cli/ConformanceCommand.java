package dev.initlab.cli;

import dev.initlab.conformance.ConformanceStudy;
import dev.initlab.conformance.ConformanceReport;
import java.io.PrintStream;
import java.nio.file.Path;
import java.util.List;

/** {@code initlab conformance}: verifies the committed framework dumps against their documented laws. */
final class ConformanceCommand implements Command {
    @Override public String name() { return "conformance"; }

    @Override
    public String summary() {
        return "framework conformance: check PyTorch / TF.js / DL4J initializer dumps against their documented laws";
    }

    @Override
    public String help() {
        return """
            usage: ./initlab conformance [--fixtures DIR] [--out DIR] [--alpha A]

            Reads every framework directory under --fixtures (a manifest.csv and one .npy per dumped
            tensor, written by the generator scripts conformance/torch/dump_torch.py,
            conformance/tfjs/dump_tfjs.js and conformance/dl4j/; the frameworks are not needed here) and
            checks each tensor with the verification battery against the law its framework documents.
            All checks of one framework form one Holm family at --alpha: a framework's column shows a
            false "deviates" with probability at most alpha.

              --fixtures DIR   the fixtures root (default conformance/fixtures)
              --out DIR        where to write conformance.csv, fans.csv and conformance.md
                               (default reports/conformance)
              --alpha A        family-wise false-alarm probability per framework (default 0.001)

            conformance.csv columns: framework, version, initializer, parameters, shape, claimed_law,
            verdict (conforms | deviates | raises), worst_check, statistic, p_value, hint, reference, id,
            shape_name, basis (doc | doc-formula | cross-framework), claim, n, variance_ratio,
            detectable_variance_change (power 0.9 at alpha/m). fans.csv: the fans each framework's
            rule gives the same layer, and the fan measured from the dumps.

            Deviations are findings, not errors: exit status 0 when the table was written,
            2 bad usage or unreadable fixtures. Takes about a minute on 2 cores.

            example:
              ./initlab conformance""";
    }

    @Override
    public int run(Args args, PrintStream out, PrintStream err) {
        if (!args.positionals().isEmpty()) {
            throw new IllegalArgumentException("conformance takes no positional arguments, got "
                    + String.join(" ", args.positionals()));
        }
        Path fixtures = Path.of(args.get("fixtures", "conformance/fixtures"));
        Path dir = Path.of(args.get("out", "reports/conformance"));
        double alpha = args.getDouble("alpha", ConformanceStudy.DEFAULT_ALPHA);
        if (!(alpha > 0 && alpha < 1)) {
            throw new IllegalArgumentException("--alpha must be in (0, 1), got " + alpha);
        }
        args.checkNoneLeft();
        ConformanceStudy.StudyResult r = ConformanceStudy.run(fixtures, alpha, line -> err.println("initlab " + line));
        List<Path> files = ConformanceReport.write(r, dir);
        long dev = r.rows().stream().filter(ConformanceStudy.FixtureResult::deviates).count();
        out.printf("%d rows over %d frameworks: %d deviate from their claim%n", r.rows().size(), r.families().size(), dev);
        for (ConformanceStudy.FixtureResult x : r.rows()) {
            if (x.deviates()) {
                out.printf("  %-10s %-14s %-28s %-22s %-12s %s%n", x.id(), x.framework(), x.initializer(),
                        x.parameters(), x.shape(), x.worst_check());
            }
        }
        files.forEach(f -> out.println("wrote " + f));
        return 0;
    }
}
