package dev.initlab.model;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.initlab.fill.FillEngine;
import dev.initlab.init.Engine;
import dev.initlab.init.Fans;
import dev.initlab.init.Initializer;
import dev.initlab.tensor.Dtype;
import dev.initlab.tensor.Shape;
import dev.initlab.io.AtomicFiles;
import dev.initlab.io.Safetensors;
import dev.initlab.random.PhiloxStream;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;
import java.util.function.Consumer;

/**
 * Writes a freshly initialized checkpoint: every tensor drawn under the first matching rule of an
 * init spec, as safetensors (one file, or shards with a Hugging Face {@code *.safetensors.index.json}
 * when the data exceed the shard size).
 *
 * <p>Tensor {@code name}'s values are the generator's output for (seed, {@link #streamOf stream of
 * the name}, element index), so they do not depend on which other tensors exist, on their order, on
 * the engine or on the thread count. Integer tensors (e.g. {@code num_batches_tracked}) and tensors
 * under a {@code skip} rule are written as zeros; a tensor no rule matches is an error. Every file is
 * written atomically ({@link AtomicFiles}); if a later shard fails, the shards already written are
 * removed. Memory: the largest tensor, once, plus a 1 MiB conversion buffer.
 */
public final class CheckpointWriter {
    /** Version of the name -> stream derivation and element layout recorded in the metadata. */
    public static final String LAYOUT_VERSION = "1";
    /** The project version recorded in the metadata. */
    public static final String INITLAB_VERSION = "0.1.0";

    private static final ObjectMapper JSON = new ObjectMapper();

    private CheckpointWriter() {
    }

    /** A tensor to write: its name, shape and dtype (float16, bfloat16, float32, float64, or an integer type). */
    public record TensorSpec(String name, long[] shape, Dtype dtype) {
        public TensorSpec {
            if (!dtype.decodable() && !dtype.integer()) {
                throw new IllegalArgumentException("tensor '" + name + "': cannot write dtype " + dtype
                        + " (float16, bfloat16, float32, float64, or integers as zeros)");
            }
            shape = shape.clone();
        }

        long count() {
            long n = 1;
            for (long d : shape) {
                n = Math.multiplyExact(n, d);
            }
            return n;
        }

        long bytes() {
            return Math.multiplyExact(count(), dtype.byteWidth());
        }

        boolean floating() {
            return dtype.decodable();
        }
    }

    /** One planned tensor: what it is, the rule and scheme it is drawn with (null: zeros), its fans and stream. */
    public record Planned(TensorSpec tensor, Rule rule, Initializer init, Fans fans, long stream) {
    }

    /** What was written. */
    public record WrittenCheckpoint(List<Path> files, Path index, long bytes, long fillNanos, long writeNanos) {
    }

    /**
     * The stream id of a tensor: the first 8 bytes of SHA-256 of its UTF-8 name, read as an unsigned
     * little-endian 64-bit integer.
     */
    public static long streamOf(String name) {
        try {
            byte[] h = MessageDigest.getInstance("SHA-256").digest(name.getBytes(StandardCharsets.UTF_8));
            return ByteBuffer.wrap(h, 0, 8).order(ByteOrder.LITTLE_ENDIAN).getLong();
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    /**
     * Assigns a rule, scheme and fans to every tensor.
     *
     * @throws IllegalArgumentException naming the tensor when no rule matches it or its rule cannot apply
     */
    public static List<Planned> plan(List<TensorSpec> tensors, InitSpec spec) {
        Map<String, TensorSpec> byName = new LinkedHashMap<>();
        for (TensorSpec t : tensors) {
            if (byName.put(t.name(), t) != null) {
                throw new IllegalArgumentException("tensor '" + t.name() + "' occurs twice");
            }
        }
        Map<String, Double> vars = InitSpec.variables(byName.keySet());
        List<Planned> out = new ArrayList<>();
        for (TensorSpec t : tensors) {
            String sib = InitSpec.sibling(t.name(), byName.keySet());
            TensorSpec sibling = sib == null ? null : byName.get(sib);
            Rule rule = spec.match(t.name(), t.shape().length, sibling == null ? -1 : sibling.shape().length);
            long stream = streamOf(t.name());
            if (!t.floating()) {
                out.add(new Planned(t, rule, null, null, stream));
                continue;
            }
            if (rule == null) {
                throw new IllegalArgumentException(spec.name() + ": no rule matches tensor '" + t.name() + "' "
                        + Shape.of(t.shape().length == 0 ? new long[] {1} : t.shape()) + " (add a rule, or 'skip' to write zeros)");
            }
            if (rule.skip()) {
                out.add(new Planned(t, rule, null, null, stream));
                continue;
            }
            try {
                Initializer init = rule.initializer(vars);
                Shape shape = t.shape().length == 0 ? Shape.of(1) : Shape.of(t.shape());
                Fans fans = rule.fans(init, shape, sibling == null ? null : sibling.shape());
                init.distribution(shape, fans); // fails now, not halfway through the file
                out.add(new Planned(t, rule, init, fans, stream));
            } catch (IllegalArgumentException e) {
                throw new IllegalArgumentException(rule.where() + ": tensor '" + t.name() + "': "
                        + dev.initlab.init.ParameterException.message(e, InitSpec::option), e);
            }
        }
        return out;
    }

    /**
     * Writes the checkpoint.
     *
     * @param out the file for a single-shard checkpoint; for several shards, {@code STEM-0000k-of-0000N.safetensors}
     *     files are written beside it and the index is {@code STEM.safetensors.index.json}, STEM being the
     *     name of {@code out} without {@code .safetensors}
     * @param metadata written into every file's {@code __metadata__} (and the index's metadata)
     */
    public static WrittenCheckpoint write(Path out, List<Planned> plan, long seed, long maxShardBytes, Engine engine,
                                Map<String, String> metadata, Consumer<String> progress) {
        if (maxShardBytes <= 0) {
            throw new IllegalArgumentException("maxShardBytes must be positive, got " + maxShardBytes);
        }
        if (plan.isEmpty()) {
            throw new IllegalArgumentException("the model has no tensors to write");
        }
        List<List<Planned>> shards = new ArrayList<>();
        List<Planned> cur = new ArrayList<>();
        long curBytes = 0;
        long total = 0;
        for (Planned p : plan) {
            long b = p.tensor().bytes();
            if (!cur.isEmpty() && curBytes + b > maxShardBytes) {
                shards.add(cur);
                cur = new ArrayList<>();
                curBytes = 0;
            }
            cur.add(p);
            curBytes += b;
            total += b;
        }
        shards.add(cur);
        String file = out.getFileName().toString();
        String stem = file.endsWith(".safetensors") ? file.substring(0, file.length() - ".safetensors".length()) : file;
        Path dir = out.toAbsolutePath().getParent();
        int n = shards.size();
        List<Path> paths = new ArrayList<>();
        for (int k = 0; k < n; k++) {
            paths.add(n == 1 ? out : dir.resolve(String.format(Locale.ROOT, "%s-%05d-of-%05d.safetensors", stem, k + 1, n)));
        }
        Path index = n == 1 ? null : dir.resolve(stem + ".safetensors.index.json");
        WriteProgress prog = new WriteProgress(plan.size(), total, progress);
        List<Path> done = new ArrayList<>();
        try {
            for (int k = 0; k < n; k++) {
                writeShard(paths.get(k), shards.get(k), seed, engine.fillEngine(), metadata, prog);
                done.add(paths.get(k));
            }
            if (index != null) {
                ObjectNode root = JSON.createObjectNode();
                ObjectNode meta = root.putObject("metadata");
                meta.put("total_size", total);
                metadata.forEach((key, v) -> {
                    if (!key.equals("streams")) {
                        meta.put(key, v);
                    }
                });
                ObjectNode map = root.putObject("weight_map");
                for (int k = 0; k < n; k++) {
                    for (Planned p : shards.get(k)) {
                        map.put(p.tensor().name(), paths.get(k).getFileName().toString());
                    }
                }
                byte[] json = JSON.writerWithDefaultPrettyPrinter().writeValueAsBytes(root);
                AtomicFiles.write(index, o -> o.write(json));
            }
        } catch (RuntimeException | JsonProcessingException e) {
            for (Path p : done) {
                try {
                    Files.deleteIfExists(p);
                } catch (IOException ignored) {
                    // best effort: the error below is what the user needs
                }
            }
            if (e instanceof RuntimeException r) {
                throw r;
            }
            throw new IllegalStateException(e);
        }
        return new WrittenCheckpoint(paths, index, total, prog.fillNanos, prog.writeNanos);
    }

    /** The streams of the tensors as the metadata records them: a JSON object name -> unsigned decimal id. */
    static String streamsJson(List<Planned> plan) {
        ObjectNode o = JSON.createObjectNode();
        for (Planned p : plan) {
            o.put(p.tensor().name(), Long.toUnsignedString(p.stream()));
        }
        return o.toString();
    }

    private static final class WriteProgress {
        final int tensors;
        final long bytes;
        final Consumer<String> sink;
        final long start = System.nanoTime();
        long last = start;
        int doneTensors;
        long doneBytes;
        long fillNanos;
        volatile long writeNanos;

        WriteProgress(int tensors, long bytes, Consumer<String> sink) {
            this.tensors = tensors;
            this.bytes = bytes;
            this.sink = sink;
        }

        void tick(long b) {
            doneTensors++;
            doneBytes += b;
            long now = System.nanoTime();
            if (now - last > 2_000_000_000L) {
                last = now;
                sink.accept(String.format(Locale.ROOT, "init: %d/%d tensors, %d of %d MB, %.1f s", doneTensors, tensors,
                        doneBytes / 1_000_000, bytes / 1_000_000, (now - start) / 1e9));
            }
        }
    }

    private static void writeShard(Path path, List<Planned> shard, long seed, FillEngine engine,
                                   Map<String, String> metadata, WriteProgress prog) {
        Map<String, String> meta = new java.util.LinkedHashMap<>();
        metadata.forEach((k, v) -> {
            if (!k.equals("streams")) {
                meta.put(k, v);
            }
        });
        meta.put("streams", streamsJson(shard));
        Safetensors.HeaderWriter header = new Safetensors.HeaderWriter(meta);
        for (Planned p : shard) {
            TensorSpec t = p.tensor();
            String problem = header.add(t.name(), t.dtype(), t.shape(), t.bytes());
            if (problem != null) {
                throw new IllegalArgumentException(problem);
            }
        }
        byte[] head = header.bytes();
        AtomicFiles.write(path, o -> {
            o.write(head);
            byte[] chunk = new byte[1 << 20];
            // fill tensor k+1 on a helper thread while tensor k is converted and written
            java.util.concurrent.ExecutorService ex = java.util.concurrent.Executors.newSingleThreadExecutor(r -> {
                Thread t = new Thread(r, "initlab-init-fill");
                t.setDaemon(true);
                return t;
            });
            try {
                java.util.concurrent.Future<Object> next = ex.submit(() -> fill(shard.get(0), seed, engine, prog));
                for (int k = 0; k < shard.size(); k++) {
                    Object data = await(next);
                    if (k + 1 < shard.size()) {
                        Planned following = shard.get(k + 1);
                        next = ex.submit(() -> fill(following, seed, engine, prog));
                    }
                    long t0 = System.nanoTime();
                    writeTensor(o, shard.get(k), data, chunk);
                    prog.writeNanos += System.nanoTime() - t0;
                    prog.tick(shard.get(k).tensor().bytes());
                }
            } finally {
                ex.shutdownNow();
            }
        });
    }

    private static Object await(java.util.concurrent.Future<Object> f) throws IOException {
        try {
            return f.get();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IOException("interrupted", e);
        } catch (java.util.concurrent.ExecutionException e) {
            if (e.getCause() instanceof RuntimeException r) {
                throw r;
            }
            if (e.getCause() instanceof Error err) {
                throw err;
            }
            throw new IOException(e.getCause());
        }
    }

    /**
     * The tensor's values: float[] (F32/F16/BF16), double[] (F64) or null (zeros). The double[] and float[]
     * branches here and in {@link #writeTensor} are deliberate twins, checked by {@code CheckpointWriterTwinsTest}.
     */
    private static Object fill(Planned p, long seed, FillEngine engine, WriteProgress prog) {
        if (p.init() == null) {
            return null;
        }
        TensorSpec t = p.tensor();
        Shape shape = t.shape().length == 0 ? Shape.of(1) : Shape.of(t.shape());
        PhiloxStream stream = PhiloxStream.of(seed, p.stream());
        long t0 = System.nanoTime();
        Object out;
        if (t.dtype() == Dtype.FLOAT64) {
            double[] a = new double[shape.count()];
            p.init().fill(shape, p.fans(), stream, engine, a);
            out = a;
        } else {
            float[] a = new float[shape.count()];
            p.init().fill(shape, p.fans(), stream, engine, a);
            out = a;
        }
        synchronized (prog) {
            prog.fillNanos += System.nanoTime() - t0;
        }
        return out;
    }

    private static void writeTensor(OutputStream o, Planned p, Object data, byte[] chunk) throws IOException {
        TensorSpec t = p.tensor();
        if (data == null) {
            long left = t.bytes();
            java.util.Arrays.fill(chunk, (byte) 0);
            while (left > 0) {
                int k = (int) Math.min(chunk.length, left);
                o.write(chunk, 0, k);
                left -= k;
            }
            return;
        }
        ByteBuffer bb = ByteBuffer.wrap(chunk).order(ByteOrder.LITTLE_ENDIAN);
        if (data instanceof double[] a) {
            int per = chunk.length / 8;
            for (int i = 0; i < a.length; i += per) {
                int k = Math.min(per, a.length - i);
                bb.clear();
                bb.asDoubleBuffer().put(a, i, k);
                o.write(chunk, 0, k * 8);
            }
            return;
        }
        float[] a = (float[]) data;
        if (t.dtype() == Dtype.FLOAT32) {
            int per = chunk.length / 4;
            for (int i = 0; i < a.length; i += per) {
                int k = Math.min(per, a.length - i);
                bb.clear();
                bb.asFloatBuffer().put(a, i, k);
                o.write(chunk, 0, k * 4);
            }
        } else {
            boolean bf = t.dtype() == Dtype.BFLOAT16;
            int per = chunk.length / 2;
            for (int i = 0; i < a.length; i += per) {
                int k = Math.min(per, a.length - i);
                for (int j = 0; j < k; j++) {
                    bb.putShort(2 * j, bf ? toBfloat16(a[i + j]) : Float.floatToFloat16(a[i + j]));
                }
                o.write(chunk, 0, k * 2);
            }
        }
    }

    /** float32 to bfloat16, round to nearest even (NaN stays NaN). */
    static short toBfloat16(float f) {
        int b = Float.floatToRawIntBits(f);
        if (Float.isNaN(f)) {
            return (short) ((b >>> 16) | 0x40);
        }
        int round = 0x7fff + ((b >>> 16) & 1);
        return (short) ((b + round) >>> 16);
    }

    /** Metadata common to all files of a checkpoint. */
    public static Map<String, String> metadata(InitSpec spec, long seed, List<Planned> plan) {
        Map<String, String> m = new TreeMap<>();
        m.put("format", "pt");
        m.put("initlab_version", INITLAB_VERSION);
        m.put("initlab_layout_version", LAYOUT_VERSION);
        m.put(PhiloxStream.METADATA_KEY, Integer.toString(PhiloxStream.GENERATOR_VERSION));
        m.put("initlab_seed", Long.toUnsignedString(seed));
        m.put("initlab_spec_name", spec.name());
        m.put("initlab_spec", spec.text());
        m.put("initlab_stream_rule", "stream = first 8 bytes of SHA-256(UTF-8 tensor name), little-endian unsigned");
        return m;
    }
}
