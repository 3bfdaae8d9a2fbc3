package dev.initlab.cli;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.dataformat.csv.CsvMapper;
import com.fasterxml.jackson.dataformat.csv.CsvSchema;
import dev.initlab.init.Catalog;
import dev.initlab.init.Fans;
import dev.initlab.init.Initializer;
import dev.initlab.init.Layout;
import dev.initlab.init.Params;
import dev.initlab.init.Shape;
import dev.initlab.io.CsvTables;
import dev.initlab.io.LoadedTensor;
import dev.initlab.io.Safetensors;
import dev.initlab.io.TensorFiles;
import dev.initlab.io.TfjsWeights;
import dev.initlab.stats.Battery;
import dev.initlab.stats.Check;
import dev.initlab.stats.CheckResult;
import dev.initlab.stats.Claim;
import dev.initlab.stats.Detectable;
import dev.initlab.stats.Dtype;
import dev.initlab.stats.Report;
import dev.initlab.stats.Sample;
import dev.initlab.stats.StreamChecks;
import java.io.PrintStream;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/** {@code initlab verify}: checks weights from any framework against a scheme's exact law. */
final class VerifyCommand implements Command {
    /** One result row, as written by {@code --csv} and {@code --format csv|json}. */
    record Row(String file, String tensor, String scheme, String check, double statistic, double p_value, double alpha,
               boolean passed, String verdict) {
    }

    @Override public String name() { return "verify"; }

    @Override
    public String summary() {
        return "check weights (.npy, safetensors, raw) against a scheme's theoretical law, with a stated false-alarm rate";
    }

    @Override
    public String help() {
        return """
            usage: ./initlab verify FILE --scheme NAME [scheme parameters] [options]

            Reads FILE and checks every tensor in it (or the one --tensor names) against the exact law of
            --scheme for that tensor's shape: exact checks (finite, support, structure) and statistical
            ones (mean, variance, KS, Anderson-Darling, tails, range, dependence...). The family-wise
            false-alarm rate over all checks of the run is --alpha (Holm's procedure).

              FILE                 NumPy .npy (float16/32/64, C or Fortran order), safetensors
                                   (F16/BF16/F32/F64), TensorFlow.js model.json
                       (+ shards; float32/float16) or raw little-endian floats (needs --shape)
              --scheme NAME        the claimed scheme (./initlab list), e.g. glorot_normal, kaiming_uniform_
              --tensor NAME        only this tensor of a safetensors file (default: every tensor)
              --layout L           torch (default), keras or jax: how fans are read off each shape and how
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

            scheme parameters are passed to the scheme, which rejects ones it does not take:
              --gain G  --mode fan_in|fan_out|fan_avg  --nonlinearity NAME  --a SLOPE  --scale S
              --distribution uniform|untruncated_normal|truncated_normal  --low A --high B  --mean M --std S
              --value V  --sparsity P  --groups G

            Tensors the scheme cannot apply to (e.g. a 1-D bias under torch fans) are skipped with a note.
            Consecutive tensors of a safetensors file are also checked for independence (distinct streams).

            exit status: 0 every check passed, 1 a check failed, 2 bad usage or unreadable input

            examples:
              ./initlab verify w.npy --scheme glorot_uniform
              ./initlab verify model.safetensors --scheme kaiming_uniform --a 2.23606797749979 --csv checks.csv
              ./initlab verify w.bin --shape 256x784 --scheme xavier_normal --gain 1.4142135623730951""";
    }

    private static final List<String> OWN = List.of("tensor", "scheme", "layout", "fan-in", "fan-out", "alpha", "format",
            "csv", "shape", "dtype", "subsample");

    @Override
    public int run(Args args, PrintStream out, PrintStream err) {
        List<String> pos = args.positionals();
        if (pos.size() != 1) {
            throw new IllegalArgumentException(pos.isEmpty() ? "give the file to verify (see --help)"
                    : "give one file, got " + pos.size() + ": " + String.join(" ", pos));
        }
        Path file = Path.of(pos.get(0));
        String scheme = args.require("scheme");
        String tensorName = args.get("tensor", null);
        Layout layout = Layout.parse(args.get("layout", "torch"));
        Fans explicit = FanOptions.explicit(args);
        double alpha = args.getDouble("alpha", 0.001);
        if (!(alpha > 0 && alpha < 1)) {
            throw new IllegalArgumentException("--alpha must be in (0, 1), got " + alpha);
        }
        String format = args.get("format", "table").toLowerCase(Locale.ROOT);
        if (!List.of("table", "csv", "json").contains(format)) {
            throw new IllegalArgumentException("--format must be table, csv or json, got " + format);
        }
        String csv = args.get("csv", null);
        long[] shape = args.has("shape") ? Shape.parse(args.get("shape", null)).dims() : null;
        String dtype = args.has("dtype") ? Dtype.parse(args.get("dtype", null)).cliName() : null;
        if (dtype != null && !dtype.equals("float32") && !dtype.equals("float64")) {
            throw new IllegalArgumentException("--dtype must be float32 or float64 (the raw types), got " + dtype);
        }
        int cap = args.getInt("subsample", Battery.DEFAULT_SUBSAMPLE_CAP);
        Map<String, String> schemeParams = new LinkedHashMap<>(args.untaken());
        OWN.forEach(schemeParams::remove);
        args.takeRemaining(schemeParams.keySet());
        args.checkNoneLeft();
        Catalog.create(scheme, Params.of(schemeParams), layout); // validates the scheme and its parameters up front

        List<java.util.function.Supplier<LoadedTensor>> tensors = read(file, tensorName, shape, dtype);
        Battery battery = Battery.of(alpha).withSubsampleCap(cap);
        List<Check> checks = new ArrayList<>();
        List<String> notes = new ArrayList<>();
        List<String> claims = new ArrayList<>();
        Sample previous = null;
        String previousName = null;
        List<Detectable.Tensor> seen = new ArrayList<>();
        for (java.util.function.Supplier<LoadedTensor> next : tensors) {
            LoadedTensor t = next.get();
            Shape s = t.shape().length == 0 ? Shape.of(1) : Shape.of(t.shape());
            Initializer init = Catalog.create(scheme, Params.of(schemeParams), layout);
            Claim claim;
            try {
                Fans fans = explicit != null ? explicit : init.needsFans() ? Fans.of(s, layout) : null;
                claim = Claim.of(init, s, fans, layout);
            } catch (IllegalArgumentException e) {
                if (tensors.size() == 1) {
                    throw new IllegalArgumentException("tensor '" + t.name() + "' " + s + ": " + e.getMessage());
                }
                err.println("initlab verify: skipped tensor '" + t.name() + "' " + s + ": " + e.getMessage());
                continue;
            }
            Sample sample = Sample.of(t.values(), s, Dtype.parse(t.dtype()));
            claims.add(t.name() + " " + s + " " + t.dtype() + ": " + claim.describe());
            try {
                checks.addAll(battery.checks(claim, sample, t.name(), notes));
                seen.add(new Detectable.Tensor(t.name(), t.values().length, claim));
            } catch (IllegalArgumentException e) {
                throw new IllegalArgumentException("tensor '" + t.name() + "' " + s + ": " + e.getMessage());
            }
            if (previous != null && claim.structure() == Initializer.Structure.IID && claim.law().continuous()) {
                checks.addAll(StreamChecks.checks(previous, previousName, sample, t.name()));
            }
            boolean iid = claim.structure() == Initializer.Structure.IID && claim.law().continuous();
            previous = iid ? sample : null;
            previousName = iid ? t.name() : null;
        }
        if (claims.isEmpty()) {
            throw new IllegalArgumentException("no tensor in " + file + " can be checked as " + scheme);
        }
        notes.addAll(Detectable.notes(seen, checks, alpha)); // what a pass could not have seen at this size
        Report report = Report.of(checks, alpha, notes);
        List<Row> rows = new ArrayList<>();
        for (CheckResult r : report.results()) {
            rows.add(new Row(file.toString(), r.subject(), scheme, r.name(), r.statistic(), r.pValue(), r.alpha(),
                    r.passed(), r.verdict()));
        }
        if (csv != null) {
            CsvTables.write(Path.of(csv), Row.class, rows);
        }
        switch (format) {
            case "csv" -> printCsv(rows, out);
            case "json" -> printJson(rows, report, out);
            default -> printTable(file, claims, report, out);
        }
        return report.passed() ? 0 : 1;
    }


    /** The tensors to check, read one at a time (a checkpoint need not fit in memory at once). */
    private static List<java.util.function.Supplier<LoadedTensor>> read(Path file, String tensorName, long[] shape,
                                                                        String dtype) {
        TensorFiles.Format format = tensorName == null ? TensorFiles.detect(file) : TensorFiles.Format.UNKNOWN;
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
            return names.stream().<java.util.function.Supplier<LoadedTensor>>map(
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

    private static void printTable(Path file, List<String> claims, Report report, PrintStream out) {
        out.println("file: " + file);
        for (String c : claims) {
            out.println("claim: " + c);
        }
        boolean many = claims.size() > 1;
        for (CheckResult r : report.results()) {
            out.printf(Locale.ROOT, "%-4s %s%-18s stat=%-10s p=%-9s alpha=%-9s %s%n", r.passed() ? "ok" : "FAIL",
                    many ? String.format(Locale.ROOT, "%-16s ", r.subject()) : "", r.name(), num(r.statistic()),
                    num(r.pValue()), r.alpha() == 0 ? "exact" : num(r.alpha()), r.verdict());
        }
        for (String n : report.notes()) {
            out.println("note: " + n);
        }
        out.println(report.summary());
        List<CheckResult> f = report.failures();
        out.println(f.isEmpty() ? "PASS" : "FAIL: " + f.size() + " of " + report.results().size() + " checks failed");
    }

    private static void printCsv(List<Row> rows, PrintStream out) {
        CsvSchema schema = CsvSchema.builder().addColumn("file").addColumn("tensor").addColumn("scheme").addColumn("check")
                .addNumberColumn("statistic").addNumberColumn("p_value").addNumberColumn("alpha")
                .addBooleanColumn("passed").addColumn("verdict").build().withHeader();
        try {
            out.print(new CsvMapper().writer(schema).writeValueAsString(rows));
        } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }

    private static void printJson(List<Row> rows, Report report, PrintStream out) {
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
