package dev.initlab.cli;

import dev.initlab.init.Engine;
import dev.initlab.init.Fans;
import dev.initlab.init.Initializers;
import dev.initlab.init.Layout;
import dev.initlab.init.Parameters;
import dev.initlab.init.Params;
import dev.initlab.init.Precision;
import dev.initlab.tensor.Dtype;
import dev.initlab.tensor.Shape;
import dev.initlab.init.TensorInitializer;
import dev.initlab.io.LoadedTensor;
import dev.initlab.io.Npy;
import dev.initlab.io.RawFloats;
import dev.initlab.io.Safetensors;
import java.io.PrintStream;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;

/** {@code initlab fill}: one initialized tensor to .npy, raw or safetensors. */
final class FillCommand implements Command, Main.FlagAware {
    @Override public String name() { return "fill"; }
    @Override public String summary() { return "initialize one tensor with a scheme and write it (.npy, raw, safetensors)"; }

    @Override
    public java.util.Set<String> flags() {
        return java.util.Set.of("force", "progress");
    }

    @Override
    public String help() {
        return """
            usage: ./initlab fill --scheme NAME --shape DIMS --out FILE [options] [scheme parameters]

              --scheme NAME        a catalog scheme or alias (./initlab list), e.g. glorot_uniform, kaiming_normal_
              --shape DIMS         e.g. 256x784 or 64,3,3,3 (C order; positive dims)
              --out FILE           output file; written atomically (never a partial file)
              --layout L           torch (OIHW, Linear (out,in)), keras (HWIO, Dense (in,out)) or jax; default
                                   keras for Keras spellings (glorot_*, he_*, lecun_*, GlorotUniform...), else torch;
                                   decides how fans are read off the shape and how orthogonal/dirac flatten it
              --fan-in N --fan-out M   explicit fans instead of reading them off the shape (give both)
              --seed S             64-bit seed, decimal or 0x hex (default 0)
              --stream ID          64-bit tensor stream id (default 0); give distinct tensors distinct ids
              --dtype T            float32 (default) or float64
              --format F           npy (default), raw (little-endian, no header) or safetensors;
                                   inferred from the extension .npy/.raw/.bin/.safetensors when not given
              --tensor NAME        tensor name inside a safetensors file (default weight)
              --force              with --format safetensors: replace an existing file. Without it an existing
                                   file is refused (it may hold other tensors; fill writes a file with one
                                   tensor; to write a whole model use ./initlab init)
              --engine E           scalar, vector, parallel, auto or auto-scalar (default auto-scalar): all
                                   bit-identical; auto-scalar = scalar kernels, on all threads for big
                                   fills, fastest in a one-shot process (SIMD code needs seconds of JIT
                                   warm-up); auto = the same policy with SIMD kernels (warm processes)
              --threads N          threads for parallel/auto/auto-scalar, at least 1 (default: all cores)
              --progress           progress on stderr even when it is not a terminal (on a terminal it is
                                   shown for fills that take more than ~2 s)

            scheme parameters (only those the scheme takes; ./initlab list shows them and their defaults):
              --gain G  --mode fan_in|fan_out|fan_avg  --nonlinearity NAME  --a SLOPE  --scale S
              --distribution uniform|untruncated_normal|truncated_normal  --low A --high B  --mean M --std S
              --value V  --sparsity P  --groups G

            Parameters whose values would not be finite or not representable in --dtype are refused with the
            reason (exit 2), e.g. "--high 1e-46 rounds to 0 in float32, not above --low 0"; every value is
            checked (finite, inside the law's support) before the file is written.

            The element values are a pure function of (seed, stream, index): element i of a float32 tensor
            comes from Philox word i (README: "Generator and transforms").

            examples:
              ./initlab fill --scheme glorot_uniform --shape 784x300 --layout keras --seed 7 --out w.npy
              ./initlab fill --scheme uniform --low -1 --high 1 --shape 1000 --seed 42 --format raw --out x.bin
              ./initlab fill --scheme kaiming_normal --nonlinearity relu --mode fan_out --shape 64x3x7x7 --out conv1.npy""";
    }

    /** Parses a 64-bit value given as signed/unsigned decimal or 0x hex. */
    static long parseU64(String what, String s) {
        String t = s.trim();
        try {
            if (t.startsWith("0x") || t.startsWith("0X")) {
                return Long.parseUnsignedLong(t.substring(2), 16);
            }
            if (t.startsWith("-")) {
                throw new IllegalArgumentException(what + " must be between 0 and 2^64-1 (decimal or 0x hex), got " + s);
            }
            return Long.parseUnsignedLong(t);
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException(what + " must be a 64-bit whole number (decimal or 0x hex), got '" + s + "'");
        }
    }

    /**
     * The initializer with the explicit fans when the scheme takes fans; explicit fans for a scheme that takes
     * none are ignored with a note.
     */
    static TensorInitializer withFans(TensorInitializer init, Fans explicit, PrintStream err) {
        if (explicit == null) {
            return init;
        }
        if (!init.needsFans()) {
            err.println("initlab: note: " + init.name() + " does not use fans; --fan-in/--fan-out ignored");
            return init;
        }
        return init.withFans(explicit);
    }

    /** Creates the scheme from the options the command did not take (the catalog rejects ones it does not use). */
    static TensorInitializer scheme(Args args, String name, Layout layout) {
        java.util.Map<String, String> rest = args.untaken();
        TensorInitializer init = initializer(name, rest, layout, args.known());
        args.takeRemaining(rest.keySet());
        return init;
    }

    /**
     * Creates the scheme from the parameters; a parameter the scheme does not take that is a near miss of one of
     * the command's own options ({@code --sead}) is reported as that typo, anything else as the scheme's error.
     */
    static TensorInitializer initializer(String name, java.util.Map<String, String> params, Layout layout,
                                    java.util.Collection<String> commandOptions) {
        try {
            return Initializers.of(name, Parameters.parse(params), layout);
        } catch (Params.UnknownParameterException e) {
            if (dev.initlab.init.Spelling.nearest(e.key(), commandOptions).isPresent()) {
                throw new IllegalArgumentException("unknown option " + OptionSpelling.option(e.key())
                        + dev.initlab.init.Spelling.hint(e.key(), commandOptions, "--") + " (see --help)");
            }
            throw e;
        }
    }

    @Override
    public int run(Args args, PrintStream out, PrintStream err) {
        String scheme = args.require("scheme");
        Shape shape = Shape.parse(args.require("shape"));
        Path file = Path.of(args.require("out"));
        Layout layout = FanOptions.layout(args, scheme);
        long seed = parseU64("--seed", args.get("seed", "0"));
        long stream = parseU64("--stream", args.get("stream", "0"));
        Precision dtype = precision(args.get("dtype", "float32"));
        String format = args.has("format") ? args.get("format", "npy").toLowerCase(Locale.ROOT) : inferFormat(file);
        if (!List.of("npy", "raw", "safetensors").contains(format)) {
            throw new IllegalArgumentException("--format must be npy, raw or safetensors, got " + format);
        }
        String tensorName = args.get("tensor", "weight");
        boolean force = args.flag("force");
        if (format.equals("safetensors") && !force && java.nio.file.Files.exists(file)) {
            throw new IllegalArgumentException(file + " exists and may hold other tensors; fill writes a safetensors "
                    + "file with one tensor: give --force to replace it (or use ./initlab init for whole models)");
        }
        Engine engine = EngineOption.resolve(args);
        Fans explicit = FanOptions.explicit(args);
        boolean progress = args.flag("progress");
        TensorInitializer init = withFans(scheme(args, scheme, layout).withEngine(engine), explicit, err);
        Fans fans = init.fans(shape).orElse(null); // a shape the layout reads no fans from fails here
        String note = FanOptions.layoutNote(args, scheme);
        args.checkNoneLeft();
        try (Ticker ticker = Ticker.start(progress, err, "fill")) {
            write(file, shape, dtype, format, tensorName, init, fans, seed, stream, ticker, err);
        }
        if (note != null) {
            err.println(note);
        }
        return 0;
    }

    /** safetensors {@code __metadata__} of a filled tensor: the generator version its bits belong to. */
    static final java.util.Map<String, String> GENERATOR_METADATA = java.util.Map.of(
            dev.initlab.random.PhiloxStream.METADATA_KEY, Integer.toString(dev.initlab.random.PhiloxStream.GENERATOR_VERSION));

    /** {@code --dtype}: float32 or float64 (any spelling {@link Dtype#parse} reads), the types a fill writes. */
    static Precision precision(String text) {
        Dtype t;
        try {
            t = Dtype.parse(text);
        } catch (IllegalArgumentException e) {
            t = null;
        }
        if (t == Dtype.FLOAT32) {
            return Precision.FLOAT32;
        }
        if (t == Dtype.FLOAT64) {
            return Precision.FLOAT64;
        }
        throw new IllegalArgumentException("--dtype must be float32 or float64, got " + text.toLowerCase(Locale.ROOT));
    }

    private static void write(Path file, Shape shape, Precision dtype, String format, String tensorName,
                              TensorInitializer init, Fans fans, long seed, long stream, Ticker ticker, PrintStream err) {
        // refused before a large tensor is allocated; the fill checks every value before anything is written
        init.scheme().checkRepresentable(shape, fans, dtype);
        long t0 = System.nanoTime();
        String what = shape.count() + " " + dtype.dtype() + " elements (" + shape + ")";
        ticker.status("filling " + what);
        if (dtype == Precision.FLOAT32) {
            float[] a = init.fill(new float[shape.count()], shape, seed, stream);
            long t1 = System.nanoTime();
            ticker.status("writing " + what + " to " + file);
            switch (format) {
                case "npy" -> Npy.writeFloat32(file, shape.dims(), a);
                case "raw" -> RawFloats.writeFloat32(file, a);
                default -> Safetensors.write(file, List.of(LoadedTensor.ofFloats(tensorName, shape.dims(), a)), GENERATOR_METADATA);
            }
            report(err, file, shape, dtype, format, init, fans, seed, stream, t1 - t0, System.nanoTime() - t1);
        } else {
            double[] a = init.fill(new double[shape.count()], shape, seed, stream);
            long t1 = System.nanoTime();
            ticker.status("writing " + what + " to " + file);
            switch (format) {
                case "npy" -> Npy.writeFloat64(file, shape.dims(), a);
                case "raw" -> RawFloats.writeFloat64(file, a);
                default -> Safetensors.write(file, List.of(LoadedTensor.ofDoubles(tensorName, shape.dims(), a)), GENERATOR_METADATA);
            }
            report(err, file, shape, dtype, format, init, fans, seed, stream, t1 - t0, System.nanoTime() - t1);
        }
    }

    private static String inferFormat(Path file) {
        String n = file.getFileName() == null ? "" : file.getFileName().toString().toLowerCase(Locale.ROOT);
        if (n.endsWith(".raw") || n.endsWith(".bin") || n.endsWith(".f32") || n.endsWith(".f64")) {
            return "raw";
        }
        if (n.endsWith(".safetensors")) {
            return "safetensors";
        }
        return "npy";
    }

    private static void report(PrintStream err, Path file, Shape shape, Precision dtype, String format,
                               TensorInitializer init, Fans fans, long seed, long stream, long fillNs, long writeNs) {
        String law;
        try {
            law = init.distribution(shape).describe();
        } catch (IllegalArgumentException e) {
            law = init.scheme().formula();
        }
        err.printf(Locale.ROOT, "initlab: wrote %s (%s, %s %s): %s %s%s; seed %s stream %s; %s engine %.1f ms, write %.1f ms%n",
                file, format, shape, dtype.dtype(), init.name(), law,
                fans == null ? "" : String.format(Locale.ROOT, " [fan_in %s, fan_out %s]", num(fans.fanIn()), num(fans.fanOut())),
                Long.toUnsignedString(seed), Long.toUnsignedString(stream), init.engine().label(), fillNs / 1e6, writeNs / 1e6);
    }

    private static String num(double v) {
        return v == Math.rint(v) ? Long.toString((long) v) : Double.toString(v);
    }
}
