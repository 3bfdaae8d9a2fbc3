package dev.initlab.cli;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.dataformat.csv.CsvMapper;
import com.fasterxml.jackson.dataformat.csv.CsvSchema;
import dev.initlab.init.Fans;
import dev.initlab.init.Layout;
import dev.initlab.tensor.Shape;
import dev.initlab.init.TensorInitializer;
import dev.initlab.io.CsvTables;
import dev.initlab.io.InputException;
import dev.initlab.io.LoadedTensor;
import dev.initlab.io.Safetensors;
import dev.initlab.io.TensorFiles;
import dev.initlab.io.TfjsWeights;
import dev.initlab.model.Checkpoint;
import dev.initlab.model.InitSpec;
import dev.initlab.stats.Battery;
import dev.initlab.stats.CheckResult;
import dev.initlab.stats.CheckpointVerifier;
import dev.initlab.stats.Claim;
import dev.initlab.tensor.Dtype;
import dev.initlab.stats.Sample;
import dev.initlab.stats.Verification;
import dev.initlab.stats.VerificationFamily;
import dev.initlab.stats.VerificationResult;
import java.io.PrintStream;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.function.Supplier;

/** {@code initlab verify}: checks weights from any framework against a scheme's exact law. */
final class VerifyCommand implements Command, Main.FlagAware {
    /** One result row, as written by {@code --csv} and {@code --format csv|json}. */
    record VerifyCsvRow(String file, String tensor, String scheme, String check, double statistic, double p_value, double alpha,
               boolean passed, String verdict) {
    }

    @Override public String name() { return "verify"; }

    @Override
    public java.util.Set<String> flags() {
        return java.util.Set.of("strict", "progress");
    }

    @Override
    public String summary() {
        return "check weights (.npy, safetensors, raw) against a scheme's theoretical law, with a stated false-alarm rate";
    }

    @Override
    public String help() {
        return """
            usage: ./initlab verify FILE --scheme NAME [scheme parameters] [options]
                   ./initlab verify CHECKPOINT --spec NAME|FILE [--alpha A] [--strict] [--format F] [--csv OUT]

            Reads FILE and checks every tensor in it (or the one --tensor names) against the exact law of
            --scheme for that tensor's shape: exact checks (finite, support, structure) and statistical
            ones (mean, variance, KS, Anderson-Darling, tails, range, dependence...). The family-wise
            false-alarm rate over all checks of the run is --alpha (Holm's procedure).

              FILE                 NumPy .npy (float16/32/64, C or Fortran order), safetensors
                                   (F16/BF16/F32/F64), TensorFlow.js model.json
                       (+ shards; float32/float16) or raw little-endian floats (needs --shape)
              --scheme NAME        the claimed scheme (./initlab list), e.g. glorot_normal, kaiming_uniform_
              --tensor NAME        only this tensor of a safetensors file (default: every tensor)
              --layout L           torch, keras or jax (default: keras for Keras spellings such as glorot_*,
                                   he_*, lecun_*, HeNormal, else torch): how fans are read off each shape and how
                                   orthogonal/dirac flatten it
              --fan-in N --fan-out M   explicit fans (give both) instead of reading them off the shape
              --alpha A            family-wise false-alarm probability (default 0.001)
              --format F           table (default), csv or json, on standard output
              --csv FILE           also write the results as CSV (columns: file, tensor, scheme, check,
                                   statistic, p_value, alpha, passed, verdict)
              --shape DIMS         for raw files: the shape, e.g. 256x784 (checked against other formats)
              --dtype T            for raw files: float32 (default) or float64
              --subsample N        largest sample for KS and Anderson-Darling (default 1048576; larger
                                   tensors use a deterministic stratified subsample, and say so)
              --progress           progress on stderr even when it is not a terminal (on a terminal it is
                                   shown for runs that take more than ~2 s)

            scheme parameters are passed to the scheme, which rejects ones it does not take:
              --gain G  --mode fan_in|fan_out|fan_avg  --nonlinearity NAME  --a SLOPE  --scale S
              --distribution uniform|untruncated_normal|truncated_normal  --low A --high B  --mean M --std S
              --value V  --sparsity P  --groups G

            Tensors the scheme cannot apply to (e.g. a 1-D bias under torch fans) are skipped with a note.
            Consecutive tensors of a safetensors file are also checked for independence (distinct streams).

            With --spec, CHECKPOINT is a whole model: a safetensors file, a Hugging Face sharded checkpoint
            (*.safetensors.index.json or its folder), .npy, .npz or a TF.js model.json. Each tensor is checked
            under the first rule of the init spec that matches its name (built-in: torch-default,
            keras-default, gpt2, bert, llama, resnet50; ./initlab spec list / show). A 1-D X.bias whose
            scheme needs fans takes them from X.weight (or X.kernel). Every statistical check of every tensor
            and the distinct-stream checks of every pair of same-shaped tensors form ONE Holm family: --alpha is
            the false-alarm rate of the whole checkpoint. Tensors under 32 elements get exact checks only
            (finite, support, structure). Tensors matched by no rule are listed as unchecked (--strict makes
            that a failure); integer tensors are skipped with a note; a rule matching nothing is a warning.
            Output: one line per tensor (verdict, name, shape, dtype, rule file:line, law, worst check) and
            totals; --format csv|json; progress on stderr every 2 s for long runs. Tensors above 2^24
            elements are streamed (finite/support over all elements, other checks on evenly spaced rows).

            exit status: 0 every check passed, 1 a check failed, 2 bad usage or unreadable input

            examples:
              ./initlab verify w.npy --scheme glorot_uniform
              ./initlab verify model.safetensors --scheme kaiming_uniform --a 2.23606797749979 --csv checks.csv
              ./initlab verify model.safetensors --spec torch-default
              ./initlab verify gpt2/model.safetensors.index.json --spec gpt2 --format json
              ./initlab verify w.bin --shape 256x784 --scheme xavier_normal --gain 1.4142135623730951""";
    }

    private static final List<String> OWN = List.of("tensor", "scheme", "layout", "fan-in", "fan-out", "alpha", "format",
            "csv", "shape", "dtype", "subsample", "progress");

    /** One {@code verify FILE --scheme NAME} run, as the command line gave it. */
    private record Request(Path file, String scheme, Map<String, String> schemeParams, String tensorName,
                           long[] shape, Dtype dtype, Layout layout, String layoutNote, Fans explicit, double alpha,
                           String format, String csv, int cap) {
    }

    @Override
    public int run(Args args, PrintStream out, PrintStream err) {
        if (args.has("spec")) {
            if (args.has("scheme")) {
                throw new IllegalArgumentException("give --spec (a rule per tensor) or --scheme (one scheme for every "
                        + "tensor), not both");
            }
            return SpecVerify.run(args, out, err);
        }
        if (args.flag("strict")) {
            throw new IllegalArgumentException("--strict applies with --spec only");
        }
        Request r = request(args);
        boolean progress = args.flag("progress");
        args.checkNoneLeft();
        try (Ticker ticker = Ticker.start(progress, err, "verify")) {
            return verify(r, ticker, out, err);
        }
    }

    /** Reads and checks every option of a {@code --scheme} run; what is left are the scheme's parameters. */
    private static Request request(Args args) {
        List<String> pos = args.positionals();
        if (pos.size() != 1) {
            throw new IllegalArgumentException(pos.isEmpty() ? "give the file to verify (see --help)"
                    : "give one file, got " + pos.size() + ": " + String.join(" ", pos));
        }
        String scheme = args.require("scheme");
        String tensorName = args.get("tensor", null);
        Layout layout = FanOptions.layout(args, scheme);
        String layoutNote = FanOptions.layoutNote(args, scheme);
        Fans explicit = FanOptions.explicit(args);
        double alpha = args.getDouble("alpha", Verification.DEFAULT_ALPHA);
        if (!(alpha > 0 && alpha < 1)) {
            throw new IllegalArgumentException("--alpha must be in (0, 1), got " + alpha);
        }
        String format = args.get("format", "table").toLowerCase(Locale.ROOT);
        if (!List.of("table", "csv", "json").contains(format)) {
            throw new IllegalArgumentException("--format must be table, csv or json, got " + format);
        }
        String csv = args.get("csv", null);
        long[] shape = args.has("shape") ? Shape.parse(args.get("shape", null)).dims() : null;
        Dtype dtype = args.has("dtype") ? Dtype.parse(args.get("dtype", null)) : null;
        if (dtype != null && dtype != Dtype.FLOAT32 && dtype != Dtype.FLOAT64) {
            throw new IllegalArgumentException("--dtype must be float32 or float64 (the raw types), got " + dtype);
        }
        int cap = args.getInt("subsample", Battery.DEFAULT_SUBSAMPLE_CAP);
        Map<String, String> schemeParams = new LinkedHashMap<>(args.untaken());
        OWN.forEach(schemeParams::remove);
        args.takeRemaining(schemeParams.keySet());
        return new Request(Path.of(pos.get(0)), scheme, schemeParams, tensorName, shape, dtype, layout, layoutNote,
                explicit, alpha, format, csv, cap);
    }

    private static int verify(Request r, Ticker ticker, PrintStream out, PrintStream err) {
        // validates the scheme and its parameters up front
        TensorInitializer init = FillCommand.initializer(r.scheme(), r.schemeParams(), r.layout(), OWN);
        if (r.explicit() != null && init.needsFans()) {
            init = init.withFans(r.explicit());
        }
        Integer streamed = streamedIfLarge(r, err, out);
        if (streamed != null) {
            return streamed;
        }
        List<Supplier<LoadedTensor>> tensors = read(r.file(), r.tensorName(), r.shape(), r.dtype());
        VerificationFamily family = VerificationFamily.of(init, r.alpha(), r.cap());
        int index = 0;
        for (Supplier<LoadedTensor> next : tensors) {
            ticker.status("tensor " + (++index) + " of " + tensors.size());
            add(family, next.get(), tensors.size() == 1, r.file(), err);
        }
        if (family.isEmpty()) {
            throw new IllegalArgumentException("no tensor in " + r.file() + " can be checked as " + r.scheme());
        }
        if (r.layoutNote() != null) {
            family.note(r.layoutNote().replace("initlab: note: ", ""));
        }
        VerificationResult result = family.result(); // with what a pass could not have seen at this size
        print(r, result, out);
        return result.passed() ? 0 : 1;
    }

    /**
     * A .npy or safetensors file with a tensor above {@link CheckpointVerifier#LOAD_CAP} elements is checked as a
     * checkpoint under the one-rule spec that makes the same claim, streamed; null when the file loads whole.
     */
    private static Integer streamedIfLarge(Request r, PrintStream err, PrintStream out) {
        if (r.tensorName() != null || r.shape() != null || r.dtype() != null || r.csv() != null
                || !List.of(TensorFiles.Format.NPY, TensorFiles.Format.SAFETENSORS).contains(TensorFiles.detect(r.file()))) {
            return null;
        }
        Checkpoint ckpt = Checkpoint.open(r.file());
        if (ckpt.tensors().stream().noneMatch(t -> t.count() > CheckpointVerifier.LOAD_CAP)) {
            return null;
        }
        StringBuilder rule = new StringBuilder("* ").append(r.scheme());
        r.schemeParams().forEach((k, v) -> rule.append(" --").append(k).append(' ').append(v));
        rule.append(" --layout ").append(r.layout().label());
        if (r.explicit() != null) {
            rule.append(" --fan-in ").append((long) r.explicit().fanIn()).append(" --fan-out ")
                    .append((long) r.explicit().fanOut());
        }
        err.println("initlab verify: note: a tensor has more than 2^24 elements: checking the file as a "
                + "checkpoint under the one-rule spec '" + rule + "' (streamed; see --spec)");
        return SpecVerify.run(InitSpec.parse(rule + "\n", "--scheme"), ckpt, r.alpha(), r.format(), null, r.cap(),
                false, out, err);
    }

    /**
     * Adds one tensor to the family; a tensor the scheme cannot apply to (or one with no elements) is skipped
     * with a note when the file holds others, and is an error when it is the only one.
     */
    private static void add(VerificationFamily family, LoadedTensor t, boolean only, Path file, PrintStream err) {
        if (Arrays.stream(t.shape()).anyMatch(d -> d == 0)) {
            String why = "tensor '" + InputException.printable(t.name()) + "' "
                    + String.join("x", Arrays.stream(t.shape()).mapToObj(Long::toString).toList()) + " has no elements";
            if (only) {
                throw new IllegalArgumentException(file + ": " + why + "; nothing to check");
            }
            err.println("initlab verify: skipped " + why);
            family.note("skipped " + why);
            return;
        }
        Shape s = t.shape().length == 0 ? Shape.of(1) : Shape.of(t.shape());
        Claim claim;
        try {
            claim = family.claim(s);
        } catch (IllegalArgumentException e) {
            if (only) {
                throw OptionSpelling.prefixed("tensor '" + t.name() + "' " + s + ": ", e);
            }
            err.println("initlab verify: skipped tensor '" + InputException.printable(t.name()) + "' " + s + ": "
                    + InputException.printable(OptionSpelling.message(e)));
            return;
        }
        try {
            family.add(t.name(), claim, Sample.of(t.values(), s, t.dtype()));
        } catch (IllegalArgumentException e) {
            throw OptionSpelling.prefixed("tensor '" + t.name() + "' " + s + ": ", e);
        }
    }

    private static void print(Request r, VerificationResult result, PrintStream out) {
        List<VerifyCsvRow> rows = new ArrayList<>();
        for (CheckResult c : result.checks()) {
            rows.add(new VerifyCsvRow(r.file().toString(), c.subject(), r.scheme(), c.name(), c.statistic(), c.pValue(),
                    c.alpha(), c.passed(), c.verdict(OptionSpelling::option)));
        }
        if (r.csv() != null) {
            CsvTables.write(Path.of(r.csv()), VerifyCsvRow.class, rows);
        }
        switch (r.format()) {
            case "csv" -> printCsv(rows, out);
            case "json" -> printJson(rows, result, out);
            default -> printTable(r.file(), result, out);
        }
    }

    /** The tensors to check, read one at a time (a checkpoint need not fit in memory at once). */
    private static List<Supplier<LoadedTensor>> read(Path file, String tensorName, long[] shape,
                                                                        Dtype dtype) {
        // an explicit --shape means raw (or a .npy checked against it): never sniffed as safetensors or TF.js
        TensorFiles.Format format = tensorName != null || shape != null ? TensorFiles.Format.UNKNOWN
                : TensorFiles.detect(file);
        if (format == TensorFiles.Format.SAFETENSORS || format == TensorFiles.Format.TFJS) {
            boolean st = format == TensorFiles.Format.SAFETENSORS;
            String kind = st ? "safetensors" : "a TensorFlow.js weights manifest";
            if (shape != null || dtype != null) {
                throw new IllegalArgumentException("--shape/--dtype apply to raw files or one named tensor; "
                        + file + " is " + kind + " (give --tensor NAME)");
            }
            List<String> names = st ? Safetensors.names(file) : TfjsWeights.names(file);
            if (names.isEmpty()) {
                throw new IllegalArgumentException(file + ": " + kind + " holds no tensors");
            }
            return names.stream().<Supplier<LoadedTensor>>map(
                    n -> () -> st ? Safetensors.read(file, n) : TfjsWeights.read(file, n)).toList();
        }
        LoadedTensor t = TensorFiles.read(file, tensorName, shape, dtype);
        return List.of(() -> t);
    }

    private static String num(double v) {
        if (v == 0 || v == 1) {
            return v == 0 ? "0" : "1";
        }
        return String.format(Locale.ROOT, "%.3g", v);
    }

    private static void printTable(Path file, VerificationResult report, PrintStream out) {
        out.println("file: " + file);
        for (String c : report.claims()) {
            out.println("claim: " + InputException.printable(c));
        }
        boolean many = report.claims().size() > 1;
        for (CheckResult r : report.checks()) {
            out.printf(Locale.ROOT, "%-4s %s%-18s stat=%-10s p=%-9s alpha=%-9s %s%n", r.passed() ? "ok" : "FAIL",
                    many ? String.format(Locale.ROOT, "%-16s ", InputException.printable(r.subject())) : "", r.name(),
                    num(r.statistic()),
                    num(r.pValue()), r.alpha() == 0 ? "exact" : num(r.alpha()), r.verdict(OptionSpelling::option));
        }
        for (String n : report.notes()) {
            out.println("note: " + InputException.printable(n));
        }
        out.println(report.summary());
        out.println(report.verdict());
    }

    private static void printCsv(List<VerifyCsvRow> rows, PrintStream out) {
        CsvSchema schema = CsvSchema.builder().addColumn("file").addColumn("tensor").addColumn("scheme").addColumn("check")
                .addNumberColumn("statistic").addNumberColumn("p_value").addNumberColumn("alpha")
                .addBooleanColumn("passed").addColumn("verdict").build().withHeader();
        try {
            out.print(new CsvMapper().writer(schema).writeValueAsString(rows));
        } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }

    private static void printJson(List<VerifyCsvRow> rows, VerificationResult report, PrintStream out) {
        Map<String, Object> doc = new LinkedHashMap<>();
        doc.put("passed", report.passed());
        doc.put("summary", report.summary());
        doc.put("notes", report.notes());
        doc.put("checks", rows);
        try {
            out.println(new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT).writeValueAsString(doc));
        } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }
}
