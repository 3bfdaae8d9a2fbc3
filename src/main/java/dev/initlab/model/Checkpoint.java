package dev.initlab.model;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.json.JsonMapper;
import dev.initlab.io.InputException;
import dev.initlab.io.Npy;
import dev.initlab.io.Npz;
import dev.initlab.io.Safetensors;
import dev.initlab.io.StoredTensor;
import dev.initlab.io.TensorFiles;
import dev.initlab.io.TfjsWeights;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

/**
 * A checkpoint: a set of uniquely named tensors, each known from a header parsed once, with its
 * data read on demand. Opens a safetensors file, a Hugging Face sharded checkpoint (the
 * {@code *.safetensors.index.json} file, or a folder holding exactly one), a {@code .npy} file
 * (one tensor named after the file), a {@code .npz} archive, or a TensorFlow.js {@code model.json}.
 *
 * <p>A sharded checkpoint is checked before any tensor is read: every shard named by the index's
 * {@code weight_map} must be a file inside the index's folder (after resolving symbolic links), no
 * tensor may occur in two shards, and every shard must hold exactly the tensors the index maps to
 * it. Each violation is a one-line error naming the file and the tensor.
 */
public final class Checkpoint {
    private static final ObjectMapper JSON = JsonMapper.builder()
            .enable(JsonParser.Feature.STRICT_DUPLICATE_DETECTION).build();

    private final Path path;
    private final String format;
    private final List<StoredTensor> tensors;
    private final Map<String, StoredTensor> byName;
    private final Map<String, String> metadata;
    private final int files;

    private Checkpoint(Path path, String format, List<StoredTensor> tensors, Map<String, String> metadata, int files) {
        this.path = path;
        this.format = format;
        this.tensors = List.copyOf(tensors);
        Map<String, StoredTensor> m = new LinkedHashMap<>();
        for (StoredTensor t : tensors) {
            if (m.put(t.name(), t) != null) {
                throw new InputException(path + ": tensor '" + t.name() + "' occurs twice");
            }
        }
        this.byName = Collections.unmodifiableMap(m);
        this.metadata = Map.copyOf(metadata);
        this.files = files;
    }

    /**
     * Opens a checkpoint, recognising the format by content (and {@code .index.json} by name).
     *
     * @throws InputException (one line, naming the file) if it cannot be read or is not a checkpoint
     */
    public static Checkpoint open(Path path) {
        if (Files.isDirectory(path)) {
            return openFolder(path);
        }
        String file = path.getFileName() == null ? "" : path.getFileName().toString();
        if (file.endsWith(".index.json")) {
            return openIndex(path);
        }
        if (isZip(path)) {
            return new Checkpoint(path, "npz", Npz.index(path), Map.of(), 1);
        }
        return switch (TensorFiles.detect(path)) {
            case SAFETENSORS -> {
                Safetensors.Contents c = Safetensors.index(path);
                yield new Checkpoint(path, "safetensors", c.tensors(), c.metadata(), 1);
            }
            case NPY -> new Checkpoint(path, "npy", List.of(Npy.index(path)), Map.of(), 1);
            case TFJS -> new Checkpoint(path, "tfjs", TfjsWeights.index(path), Map.of(), 1);
            case UNKNOWN -> throw new InputException(path + ": not a checkpoint (expected safetensors, a "
                    + "*.safetensors.index.json, .npy, .npz or a TF.js model.json)");
        };
    }

    private static Checkpoint openFolder(Path dir) {
        List<Path> index;
        List<Path> single;
        try (Stream<Path> s = Files.list(dir)) {
            List<Path> all = s.sorted().toList();
            index = all.stream().filter(p -> p.getFileName().toString().endsWith(".safetensors.index.json")).toList();
            single = all.stream().filter(p -> p.getFileName().toString().endsWith(".safetensors")).toList();
        } catch (IOException e) {
            throw new InputException(dir + ": cannot list the folder: " + e.getMessage());
        }
        if (index.size() == 1) {
            return openIndex(index.get(0));
        }
        if (index.isEmpty() && single.size() == 1) {
            return open(single.get(0));
        }
        throw new InputException(dir + ": a folder must hold exactly one *.safetensors.index.json (or one "
                + ".safetensors file); found " + index.size() + " index files and " + single.size() + " safetensors files");
    }

    private static boolean isZip(Path path) {
        try (InputStream in = Files.newInputStream(path)) {
            byte[] b = in.readNBytes(4);
            return b.length == 4 && b[0] == 'P' && b[1] == 'K' && b[2] == 3 && b[3] == 4;
        } catch (IOException e) {
            return false; // detect() reports unreadable files
        }
    }

    /** A Hugging Face sharded checkpoint: {@code {"metadata": {...}, "weight_map": {tensor: shard file}}}. */
    private static Checkpoint openIndex(Path index) {
        JsonNode root = indexJson(index);
        JsonNode map = root.get("weight_map");
        Path dir = index.toAbsolutePath().getParent();
        Path realDir;
        try {
            realDir = dir.toRealPath();
        } catch (IOException e) {
            throw new InputException(index + ": cannot resolve its folder: " + e.getMessage());
        }
        Map<String, String> shardOf = new LinkedHashMap<>();
        Map<String, Path> shardPaths = new LinkedHashMap<>();
        for (var e : map.properties()) {
            String tensor = e.getKey();
            if (!e.getValue().isTextual()) {
                throw new InputException(index + ": tensor '" + tensor + "': shard must be a file name string");
            }
            String shard = e.getValue().textValue();
            shardOf.put(tensor, shard);
            if (!shardPaths.containsKey(shard)) {
                shardPaths.put(shard, safeShard(index, dir, realDir, shard, tensor));
            }
        }
        Map<String, String> metadata = new LinkedHashMap<>();
        JsonNode meta = root.get("metadata");
        if (meta != null && meta.isObject()) {
            meta.properties().forEach(m -> metadata.put(m.getKey(), m.getValue().isTextual()
                    ? m.getValue().textValue() : m.getValue().toString()));
        }
        Map<String, StoredTensor> found = shardTensors(index, shardOf, shardPaths);
        List<StoredTensor> ordered = new ArrayList<>(shardOf.size());
        for (var e : shardOf.entrySet()) {
            StoredTensor t = found.get(e.getKey());
            if (t == null) {
                throw new InputException(index + ": tensor '" + e.getKey() + "' is mapped to shard " + e.getValue()
                        + ", which does not hold it");
            }
            ordered.add(t);
        }
        return new Checkpoint(index, "safetensors-index", ordered, metadata, shardPaths.size());
    }

    /** The index file as JSON, with a {@code weight_map} object. */
    private static JsonNode indexJson(Path index) {
        JsonNode root;
        try {
            if (Files.size(index) > 256L << 20) {
                throw new InputException(index + ": index larger than 256 MiB");
            }
            root = JSON.readTree(index.toFile());
        } catch (InputException e) {
            throw e;
        } catch (IOException e) {
            String m = e.getMessage() == null ? e.toString() : e.getMessage().lines().findFirst().orElse("");
            throw new InputException(index + ": not a valid index (JSON): " + m);
        }
        JsonNode map = root == null ? null : root.get("weight_map");
        if (map == null || !map.isObject()) {
            throw new InputException(index + ": no \"weight_map\" object: not a Hugging Face sharded index");
        }
        return root;
    }

    /**
     * Every tensor of every shard by name, each checked to be in exactly the shard the weight map names.
     */
    private static Map<String, StoredTensor> shardTensors(Path index, Map<String, String> shardOf,
                                                          Map<String, Path> shardPaths) {
        Map<String, StoredTensor> found = new LinkedHashMap<>();
        Map<String, String> foundIn = new LinkedHashMap<>();
        for (var s : shardPaths.entrySet()) {
            Safetensors.Contents c = Safetensors.index(s.getValue());
            for (StoredTensor t : c.tensors()) {
                String before = foundIn.put(t.name(), s.getKey());
                if (before != null) {
                    throw new InputException(index + ": tensor '" + t.name() + "' occurs in two shards: "
                            + before + " and " + s.getKey());
                }
                String mapped = shardOf.get(t.name());
                if (mapped == null) {
                    throw new InputException(index + ": tensor '" + t.name() + "' is in shard " + s.getKey()
                            + " but not in the weight_map");
                }
                if (!mapped.equals(s.getKey())) {
                    throw new InputException(index + ": tensor '" + t.name() + "' is in shard " + s.getKey()
                            + " but the weight_map puts it in " + mapped);
                }
                found.put(t.name(), t);
            }
        }
        return found;
    }

    private static Path safeShard(Path index, Path dir, Path realDir, String shard, String tensor) {
        Path p;
        try {
            p = dir.resolve(shard).normalize();
        } catch (java.nio.file.InvalidPathException e) {
            throw new InputException(index + ": tensor '" + tensor + "': invalid shard name '" + shard + "'");
        }
        if (shard.isEmpty() || Path.of(shard).isAbsolute() || !p.startsWith(dir)) {
            throw new InputException(index + ": tensor '" + tensor + "': shard '" + shard
                    + "' is outside the index's folder");
        }
        if (!Files.exists(p)) {
            throw new InputException(index + ": tensor '" + tensor + "': shard '" + shard + "' is missing");
        }
        Path real;
        try {
            real = p.toRealPath();
        } catch (IOException e) {
            throw new InputException(index + ": tensor '" + tensor + "': cannot resolve shard '" + shard + "'");
        }
        if (!real.startsWith(realDir)) {
            throw new InputException(index + ": tensor '" + tensor + "': shard '" + shard
                    + "' resolves outside the index's folder (to " + real + ")");
        }
        if (!Files.isRegularFile(real)) {
            throw new InputException(index + ": tensor '" + tensor + "': shard '" + shard + "' is not a file");
        }
        return real;
    }

    /** The path given to {@link #open}. */
    public Path path() {
        return path;
    }

    /** safetensors, safetensors-index, npy, npz or tfjs. */
    public String format() {
        return format;
    }

    /** Every tensor, in file (or index) order. */
    public List<StoredTensor> tensors() {
        return tensors;
    }

    /** The tensor of that name, or null. */
    public StoredTensor tensor(String name) {
        return byName.get(name);
    }

    /** Tensor names in order. */
    public java.util.Set<String> names() {
        return byName.keySet();
    }

    /** safetensors {@code __metadata__} or the index's {@code metadata}; empty for other formats. */
    public Map<String, String> metadata() {
        return metadata;
    }

    /** How many files hold the tensors (shards for an index). */
    public int files() {
        return files;
    }
}
