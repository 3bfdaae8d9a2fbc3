package dev.initlab.cli;

import dev.initlab.init.Engine;
import dev.initlab.io.InputException;
import dev.initlab.io.StoredTensor;
import dev.initlab.model.Checkpoint;
import dev.initlab.model.CheckpointWriter;
import dev.initlab.model.CheckpointWriter.Planned;
import dev.initlab.model.CheckpointWriter.TensorSpec;
import dev.initlab.model.InitSpec;
import dev.initlab.model.ModelShapes;
import dev.initlab.tensor.Dtype;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/** {@code initlab init}: a complete, freshly initialized checkpoint from an init spec. */
final class InitCommand implements Command, Main.FlagAware {
    @Override public String name() { return "init"; }

    @Override
    public String summary() {
        return "write a freshly initialized checkpoint (safetensors, sharded with an HF index) from an init spec";
    }

    @Override
    public Set<String> flags() {
        return Set.of("force");
    }

    @Override
    public String help() {
        return """
            usage: ./initlab init --spec NAME|FILE (--like CHECKPOINT | --model NAME) --out PATH [options]

            Writes every tensor of a model, each drawn under the first rule of the init spec that matches its
            name (./initlab spec list; ./initlab spec --help for the grammar), as safetensors.
              --spec NAME|FILE       built-in spec (torch-default, keras-default, gpt2, bert, llama, resnet50) or a file
              --like CHECKPOINT      take tensor names, shapes and dtypes from a checkpoint's headers (the data is
                                     not read): safetensors, *.safetensors.index.json, .npy, .npz, TF.js
              --model NAME           a built-in architecture: gpt2-small (124,439,808 parameters, GPT2Model
                                     names), bert-base (BertModel), resnet50 (torchvision, with BatchNorm buffers)
              --seed S               64-bit seed (default 0)
              --out PATH             output .safetensors; above --max-shard-size the data go to
                                     STEM-0000k-of-0000N.safetensors beside it with STEM.safetensors.index.json
                                     (Hugging Face layout). An existing file is refused without --force.
              --max-shard-size SIZE  largest shard (default 5GB, as Hugging Face's save_pretrained); e.g. 500MB
              --dtype T              for --model: float32 (default), float64, float16 or bfloat16
              --engine E --threads N as for fill; the output is bit-identical for every engine and thread count
              --force                replace existing output files

            Tensor NAME is drawn from Philox stream id = the first 8 bytes of SHA-256(UTF-8 NAME), little-endian,
            so it does not change when other tensors are added or removed. Integer tensors and 'skip' rules are
            written as zeros; a tensor no rule matches is an error. __metadata__ records the initlab version,
            spec text, seed, generator layout version and each tensor's stream. Files are written atomically;
            progress goes to stderr every 2 s.

            examples:
              ./initlab init --model gpt2-small --spec gpt2 --seed 1 --out gpt2.safetensors
              ./initlab init --like model.safetensors --spec torch-default --seed 7 --out fresh.safetensors""";
    }

    @Override
    public int run(Args args, PrintStream out, PrintStream err) {
        if (!args.positionals().isEmpty()) {
            throw new IllegalArgumentException("unexpected argument '" + args.positionals().get(0) + "' (see --help)");
        }
        InitSpec spec = InitSpec.load(args.require("spec"));
        String like = args.get("like", null);
        String model = args.get("model", null);
        if ((like == null) == (model == null)) {
            throw new IllegalArgumentException("give exactly one of --like CHECKPOINT and --model NAME");
        }
        long seed = FillCommand.parseU64("--seed", args.get("seed", "0"));
        Path outPath = Path.of(args.require("out"));
        long maxShard = parseSize(args.get("max-shard-size", "5GB"));
        Dtype dtype = args.has("dtype") ? dtype(args.get("dtype", null)) : null;
        boolean force = args.flag("force");
        Engine engine = EngineOption.resolve(args);
        args.checkNoneLeft();
        if (dtype != null && like != null) {
            throw new IllegalArgumentException("--dtype applies to --model; --like keeps each tensor's dtype");
        }
        List<TensorSpec> tensors = new ArrayList<>();
        if (like != null) {
            for (StoredTensor t : Checkpoint.open(Path.of(like)).tensors()) {
                Dtype type = t.dtype().orElseThrow(() -> new IllegalArgumentException("tensor '"
                        + InputException.printable(t.name()) + "': cannot write dtype " + t.dtypeName()
                        + " (float16, bfloat16, float32, float64, or integers as zeros)"));
                tensors.add(new TensorSpec(t.name(), t.shape(), type));
            }
        } else {
            for (ModelShapes.TensorShape e : ModelShapes.stateDict(model)) {
                tensors.add(new TensorSpec(e.name(), e.shape(), e.integer() ? Dtype.INT64
                        : dtype == null ? Dtype.FLOAT32 : dtype));
            }
        }
        if (!force && Files.exists(outPath)) {
            throw new IllegalArgumentException(outPath + " exists; give --force to replace it");
        }
        List<Planned> plan = CheckpointWriter.plan(tensors, spec);
        Map<String, String> meta = CheckpointWriter.metadata(spec, seed, plan);
        long t0 = System.nanoTime();
        CheckpointWriter.WrittenCheckpoint w = CheckpointWriter.write(outPath, plan, seed, maxShard, engine, meta,
                line -> err.println("initlab " + line));
        double s = (System.nanoTime() - t0) / 1e9;
        long zeros = plan.stream().filter(p -> p.init() == null).count();
        err.printf(Locale.ROOT, "initlab: wrote %s: %d tensors (%d as zeros: integer or skip), %.1f MB in %d file%s%s; "
                        + "seed %s; %s engine; %.2f s (fill %.2f s, convert+write %.2f s)%n", outPath, plan.size(), zeros,
                w.bytes() / 1e6, w.files().size(), w.files().size() == 1 ? "" : "s",
                w.index() == null ? "" : " + index " + w.index().getFileName(), Long.toUnsignedString(seed),
                engine.label(), s, w.fillNanos() / 1e9, w.writeNanos() / 1e9);
        return 0;
    }

    /** {@code --dtype}: a floating-point type a checkpoint can hold. */
    private static Dtype dtype(String text) {
        try {
            return Dtype.parse(text);
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("--dtype must be float32, float64, float16 or bfloat16, got " + text);
        }
    }

    /** {@code --max-shard-size}: a size such as {@code 5GB}, {@code 500MB}, {@code 64KiB} or a byte count. */
    static long parseSize(String s) {
        String t = s.trim().toUpperCase(Locale.ROOT);
        long mult = 1;
        String[][] units = {{"KIB", "1024"}, {"MIB", "1048576"}, {"GIB", "1073741824"}, {"KB", "1000"}, {"MB", "1000000"},
            {"GB", "1000000000"}, {"B", "1"}};
        for (String[] u : units) {
            if (t.endsWith(u[0])) {
                mult = Long.parseLong(u[1]);
                t = t.substring(0, t.length() - u[0].length()).trim();
                break;
            }
        }
        try {
            double v = Double.parseDouble(t);
            if (!(v > 0) || v * mult > Long.MAX_VALUE / 2 || (long) (v * mult) < 1) {
                throw new NumberFormatException();
            }
            return (long) (v * mult);
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("--max-shard-size must be a positive size such as 5GB, 500MB or 1048576, "
                    + "got '" + s + "'");
        }
    }
}
