package dev.initlab.cli;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.dataformat.csv.CsvMapper;
import com.fasterxml.jackson.dataformat.csv.CsvSchema;
import dev.initlab.io.CsvTables;
import dev.initlab.io.InputException;
import dev.initlab.model.Checkpoint;
import dev.initlab.stats.CheckpointVerifier;
import dev.initlab.stats.CheckpointVerifier.CheckpointResult;
import dev.initlab.stats.CheckpointVerifier.Status;
import dev.initlab.stats.CheckpointVerifier.TensorResult;
import dev.initlab.model.InitSpec;
import dev.initlab.stats.Battery;
import dev.initlab.stats.CheckResult;
import java.io.PrintStream;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/** {@code initlab verify CHECKPOINT --spec NAME|FILE}: a whole checkpoint against an init spec. */
final class SpecVerify {
    /** One row per tensor, as written by {@code --format csv} and {@code --csv} (text columns: dtype is the label). */
    record SpecCsvRow(String tensor, String shape, String dtype, String rule, String law, String verdict, String worst_check,
               String detail, int checks, String notes) {
    }

    private SpecVerify() {
    }

    static int run(Args args, PrintStream out, PrintStream err) {
        List<String> pos = args.positionals();
        if (pos.size() != 1) {
            throw new IllegalArgumentException(pos.isEmpty() ? "give the checkpoint to verify (see --help)"
                    : "give one checkpoint, got " + pos.size() + ": " + String.join(" ", pos));
        }
        String specName = args.require("spec");
        for (String other : List.of("scheme", "tensor", "shape", "dtype", "layout", "fan-in", "fan-out")) {
            if (args.has(other)) {
                throw new IllegalArgumentException("--" + other + " does not apply with --spec (the spec's rules say "
                        + "which scheme, layout and fans each tensor has)");
            }
        }
        double alpha = args.getDouble("alpha", 0.001);
        String format = args.get("format", "table").toLowerCase(Locale.ROOT);
        if (!List.of("table", "csv", "json").contains(format)) {
            throw new IllegalArgumentException("--format must be table, csv or json, got " + format);
        }
        String csv = args.get("csv", null);
        int cap = args.getInt("subsample", Battery.DEFAULT_SUBSAMPLE_CAP);
        boolean strict = args.flag("strict");
        args.flag("progress"); // accepted: progress lines are printed for long runs (every 2 s) either way
        args.checkNoneLeft();
        InitSpec spec = InitSpec.load(specName);
        Checkpoint ckpt = Checkpoint.open(Path.of(pos.get(0)));
        return run(spec, ckpt, alpha, format, csv, cap, strict, out, err);
    }

    /** Verifies an opened checkpoint against a spec and prints the result. */
    static int run(InitSpec spec, Checkpoint ckpt, double alpha, String format, String csv, int cap, boolean strict,
                   PrintStream out, PrintStream err) {
        if (ckpt.tensors().isEmpty()) {
            throw new IllegalArgumentException(ckpt.path() + ": the checkpoint holds no tensors");
        }
        CheckpointResult r = CheckpointVerifier.verify(ckpt, spec, new CheckpointVerifier.CheckpointOptions(alpha, cap, strict,
                line -> err.println("initlab " + line)));
        // a rule of the user's own spec that matches nothing is worth a warning; a built-in spec covers variants
        // (prefixes, tied heads, optional biases) that one checkpoint does not all have: one note says how many
        int builtinUnmatched = 0;
        for (String w : r.warnings()) {
            if (w.startsWith("rule builtin:")) {
                builtinUnmatched++;
            } else {
                err.println("initlab verify: warning: " + InputException.printable(w));
            }
        }
        if (builtinUnmatched > 0) {
            err.println("initlab verify: note: " + builtinUnmatched + " rule" + (builtinUnmatched == 1 ? "" : "s")
                    + " of the built-in spec match no tensor here (variants for other checkpoints; ./initlab spec show "
                    + "NAME lists them)");
        }
        List<SpecCsvRow> rows = new ArrayList<>();
        for (TensorResult t : r.tensors()) {
            rows.add(new SpecCsvRow(t.name(), t.shapeText(), t.dtypeLabel(), t.rule(), t.law(), verdict(t.status()), t.worstCheck(),
                    t.detail(OptionSpelling::option), t.checks(), String.join("; ", t.notes())));
        }
        if (csv != null) {
            CsvTables.write(Path.of(csv), SpecCsvRow.class, rows);
        }
        switch (format) {
            case "csv" -> printCsv(rows, out);
            case "json" -> printJson(ckpt, spec, rows, r, out);
            default -> printTable(ckpt, spec, r, out);
        }
        return r.passed() ? 0 : 1;
    }

    static String verdict(Status s) {
        return switch (s) {
            case PASS -> "pass";
            case FAIL -> "FAIL";
            case UNCHECKED -> "unchecked";
            case SKIPPED -> "skipped";
            case NOT_FLOAT -> "skipped-int";
        };
    }

    static String totals(CheckpointResult r) {
        return String.format(Locale.ROOT, "%d tensors: %d pass, %d FAIL, %d unchecked, %d skipped by rule, %d not "
                        + "floating point; %d pair checks failed", r.tensors().size(), r.count(Status.PASS),
                r.count(Status.FAIL), r.count(Status.UNCHECKED), r.count(Status.SKIPPED), r.count(Status.NOT_FLOAT),
                r.pairFailures().size());
    }

    private static void printTable(Checkpoint ckpt, InitSpec spec, CheckpointResult r, PrintStream out) {
        out.println("checkpoint: " + ckpt.path() + " (" + ckpt.format() + ", " + ckpt.tensors().size() + " tensors in "
                + ckpt.files() + " file" + (ckpt.files() == 1 ? "" : "s") + ")");
        out.println("spec: " + spec.name());
        int w = Math.min(48, r.tensors().stream().mapToInt(t -> t.name().length()).max().orElse(8));
        for (TensorResult t : r.tensors()) {
            String rule = t.rule().isEmpty() ? "-" : t.rule().substring(0, t.rule().indexOf(": ") < 0
                    ? t.rule().length() : t.rule().indexOf(": "));
            out.printf(Locale.ROOT, "%-11s %-" + w + "s %-14s %-8s %-18s %s%n", verdict(t.status()), InputException.printable(t.name()),
                    t.shapeText(), t.dtypeLabel(), rule, t.law().isEmpty() ? t.detail(OptionSpelling::option)
                            : t.law() + (t.worstCheck().isEmpty() ? "" : " | worst: " + t.worstCheck() + ": "
                            + t.detail(OptionSpelling::option)));
            for (String n : t.notes()) {
                out.println("            note: " + InputException.printable(n));
            }
        }
        for (CheckResult c : r.pairFailures()) {
            out.println("FAIL pair   " + InputException.printable(c.subject()) + ": " + c.name() + ": " + c.verdict(OptionSpelling::option));
        }
        for (String n : r.notes()) {
            out.println("note: " + InputException.printable(n));
        }
        out.println(r.report().summary());
        out.println(totals(r));
        if (r.strict() && r.count(Status.UNCHECKED) > 0) {
            out.println("--strict: " + r.count(Status.UNCHECKED) + " unchecked tensors count as failures");
        }
        out.println(r.passed() ? "PASS" : "FAIL");
    }

    private static void printCsv(List<SpecCsvRow> rows, PrintStream out) {
        CsvSchema.Builder b = CsvSchema.builder();
        for (var c : SpecCsvRow.class.getRecordComponents()) {
            b.addColumn(c.getName());
        }
        CsvSchema schema = b.build().withHeader();
        try {
            out.print(new CsvMapper().writer(schema).writeValueAsString(rows));
        } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }

    private static void printJson(Checkpoint ckpt, InitSpec spec, List<SpecCsvRow> rows, CheckpointResult r, PrintStream out) {
        Map<String, Object> doc = new LinkedHashMap<>();
        doc.put("checkpoint", ckpt.path().toString());
        doc.put("format", ckpt.format());
        doc.put("spec", spec.name());
        doc.put("passed", r.passed());
        doc.put("summary", r.report().summary());
        doc.put("totals", totals(r));
        doc.put("warnings", r.warnings());
        doc.put("notes", r.notes());
        doc.put("tensors", rows);
        doc.put("failed_pairs", r.pairFailures());
        try {
            out.println(new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT).writeValueAsString(doc));
        } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }
}
