package dev.initlab.io;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.initlab.tensor.Dtype;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * TensorFlow.js weights: a {@code model.json} with a {@code weightsManifest} (or a bare manifest
 * array, as in {@code weights_manifest.json}). Each manifest group lists shard files (relative to
 * the JSON file) whose bytes, laid end to end, hold the group's weights in order, little-endian:
 * float32 4 bytes, int32 4, bool 1. Weights with a {@code quantization} entry hold
 * {@code float16}, {@code uint8} or {@code uint16} values instead; float16 is decoded exactly, the
 * affine uint8/uint16 codes are reported as unsupported (a discrete code cannot be checked against
 * a continuous law). The shard bytes must add up exactly to what the manifest declares.
 */
public final class TfjsWeights {
    /** Largest model.json read (bytes). */
    public static final long MAX_JSON_BYTES = 64L << 20;

    /**
     * One weight of the manifest.
     *
     * @param storage the stored dtype as the manifest spells it (the quantization dtype when quantized), for messages
     * @param type that dtype when {@link Dtype} names it, else null (e.g. {@code string})
     */
    private record Entry(String name, long[] shape, String storage, Dtype type, List<Path> shards, long offset,
                         long bytes) {
        /** Whether the weight is stored as float32 or float16, the two kinds decoded. */
        boolean decodable() {
            return type == Dtype.FLOAT32 || type == Dtype.FLOAT16;
        }
    }

    private TfjsWeights() {
    }

    /** True when the first non-blank byte is '{' or '[' (a JSON document). */
    static boolean looksLike(byte[] head) {
        for (byte b : head) {
            if (b == ' ' || b == '\n' || b == '\r' || b == '\t') {
                continue;
            }
            return b == '{' || b == '[';
        }
        return false;
    }

    private static int storageBytes(Path path, String name, String storage) {
        return switch (storage) {
            case "float32", "int32" -> 4;
            case "float16", "uint16" -> 2;
            case "uint8", "bool" -> 1;
            default -> throw InputException.at(path, "weight '" + name + "' has dtype '" + storage
                    + "' whose size is not fixed; cannot locate the weights after it");
        };
    }

    private static List<Entry> manifest(Path path) {
        JsonNode groups = groups(path);
        Path base;
        try { // real paths: '..' in the given path is fine, a symlink out of the folder is not
            base = path.toRealPath().getParent();
        } catch (IOException e) {
            throw InputException.cannotRead(path, e);
        }
        List<Entry> out = new ArrayList<>();
        java.util.Set<String> seen = new java.util.HashSet<>();
        for (JsonNode g : groups) {
            JsonNode paths = g.get("paths");
            JsonNode weights = g.get("weights");
            if (paths == null || !paths.isArray() || weights == null || !weights.isArray()) {
                throw InputException.at(path, "manifest group without 'paths' and 'weights' arrays");
            }
            List<Path> shards = new ArrayList<>();
            long available = 0;
            for (JsonNode p : paths) {
                Path shard = shard(path, base, p.asText());
                try {
                    available += Files.size(shard);
                } catch (IOException e) {
                    throw InputException.cannotRead(shard, e);
                }
                shards.add(shard);
            }
            long offset = 0;
            for (JsonNode w : weights) {
                String name = w.path("name").asText(null);
                String dtype = w.path("dtype").asText(null);
                JsonNode shapeNode = w.get("shape");
                if (name == null || dtype == null || shapeNode == null || !shapeNode.isArray()) {
                    throw InputException.at(path, "weight entry needs name, dtype and shape");
                }
                if (!seen.add(name)) {
                    throw InputException.at(path, "weight name '" + name + "' appears twice in the manifest");
                }
                long[] shape = shape(path, name, shapeNode);
                String storage = w.has("quantization") ? w.get("quantization").path("dtype").asText("?") : dtype;
                long bytes;
                try {
                    long count = 1;
                    for (long d : shape) {
                        count = Math.multiplyExact(count, d);
                    }
                    bytes = Math.multiplyExact(count, storageBytes(path, name, storage));
                } catch (ArithmeticException e) {
                    throw InputException.at(path, "weight '" + name + "' is too large");
                }
                out.add(new Entry(name, shape, storage, Dtype.fromLabel(storage).orElse(null), shards, offset, bytes));
                offset += bytes;
            }
            if (offset != available) {
                throw InputException.at(path, "shards " + paths + " hold " + available + " bytes but the manifest declares "
                        + offset + (offset > available ? " (truncated)" : " (trailing bytes)"));
            }
        }
        return out;
    }

    /** The manifest's groups: the top-level array of a weights manifest, or a model.json's {@code weightsManifest}. */
    private static JsonNode groups(Path path) {
        JsonNode root;
        try {
            if (Files.size(path) > MAX_JSON_BYTES) {
                throw InputException.at(path, "JSON larger than " + MAX_JSON_BYTES + " bytes");
            }
            root = new ObjectMapper().readTree(path.toFile());
        } catch (InputException e) {
            throw e;
        } catch (IOException e) {
            String m = e.getMessage() == null ? e.toString() : e.getMessage().lines().findFirst().orElse("");
            throw InputException.at(path, "not valid JSON: " + m);
        }
        JsonNode groups = root != null && root.isArray() ? root : root == null ? null : root.get("weightsManifest");
        if (groups == null || !groups.isArray()) {
            throw InputException.at(path, "no weightsManifest: not a TensorFlow.js model.json or weights manifest");
        }
        return groups;
    }

    /** A shard named by the manifest: a regular file inside the model's directory, also after resolving links. */
    private static Path shard(Path path, Path base, String name) {
        Path shard;
        try {
            shard = base.resolve(name);
        } catch (java.nio.file.InvalidPathException e) {
            throw InputException.at(path, "shard path '" + name + "' is not a valid file name");
        }
        if (!shard.normalize().startsWith(base)) {
            throw InputException.at(path, "shard path '" + name + "' leaves the model directory");
        }
        try {
            shard = shard.toRealPath();
        } catch (IOException e) {
            throw InputException.at(path, "shard '" + name + "': cannot read: " + InputException.reason(e));
        }
        if (!shard.startsWith(base)) {
            throw InputException.at(path, "shard path '" + name + "' leaves the model directory "
                    + "(after resolving links)");
        }
        if (!Files.isRegularFile(shard)) {
            throw InputException.at(path, "shard '" + name + "' is not a regular file");
        }
        return shard;
    }

    /** A weight's dimensions: non-negative integers that fit a long. */
    private static long[] shape(Path path, String name, JsonNode shapeNode) {
        long[] shape = new long[shapeNode.size()];
        for (int i = 0; i < shape.length; i++) {
            if (!shapeNode.get(i).isIntegralNumber() || !shapeNode.get(i).canConvertToLong()
                    || shapeNode.get(i).asLong() < 0) {
                throw InputException.at(path, "weight '" + name + "' has a bad dimension " + shapeNode.get(i));
            }
            shape[i] = shapeNode.get(i).asLong();
        }
        return shape;
    }

    /** Names of all weights, in manifest order. */
    public static List<String> names(Path path) {
        return manifest(path).stream().map(Entry::name).toList();
    }

    /**
     * Every weight from one parse of the manifest. float32/float16 weights are decodable (a read
     * decodes the whole weight, which may span shards, and returns the slice asked for); other
     * storage (int32, quantized uint8/uint16) is listed as not decodable.
     *
     * @param path the model.json or weights manifest
     * @return the weights in manifest order
     */
    public static List<StoredTensor> index(Path path) {
        List<StoredTensor> out = new ArrayList<>();
        for (Entry e : manifest(path)) {
            if (!e.decodable()) {
                out.add(StoredTensor.undecodable(e.name(), e.shape(), e.storage(),
                        e.type() == null || e.type().decodable() ? null : e.type(), path));
                continue;
            }
            out.add(StoredTensor.of(e.name(), e.shape(), e.type(), path, StoredTensor.whole(() -> decode(path, e).values())));
        }
        return out;
    }

    /** Reads one weight; unknown name is an error listing the available ones. */
    public static LoadedTensor read(Path path, String name) {
        Map<String, Entry> byName = new LinkedHashMap<>();
        for (Entry e : manifest(path)) {
            byName.put(e.name(), e);
        }
        Entry e = byName.get(name);
        if (e == null) {
            throw InputException.at(path, "no weight named '" + name + "' (available: " + String.join(", ", byName.keySet()) + ")");
        }
        return decode(path, e);
    }

    /** Reads every float weight. */
    public static List<LoadedTensor> readAll(Path path) {
        List<LoadedTensor> r = new ArrayList<>();
        for (Entry e : manifest(path)) {
            r.add(decode(path, e));
        }
        return r;
    }

    private static LoadedTensor decode(Path path, Entry e) {
        if (!e.decodable()) {
            String why = e.storage().startsWith("uint") ? "quantized to " + e.storage()
                    + " (a discrete affine code cannot be checked against a continuous law)" : "of dtype " + e.storage();
            throw InputException.at(path, "weight '" + e.name() + "' is " + why + "; only float32 and float16 weights are supported");
        }
        int n = TensorData.checkedCount(path, "weight '" + e.name() + "'", e.shape());
        boolean half = e.type() == Dtype.FLOAT16;
        int width = half ? 2 : 4;
        double[] v = new double[n];
        // read in bounded chunks: a weight may span shards and exceed 2 GiB of bytes
        ByteBuffer buf = ByteBuffer.allocate(1 << 20).order(ByteOrder.LITTLE_ENDIAN);
        long skip = e.offset();
        long left = e.bytes();
        int filled = 0;
        try {
            for (Path shard : e.shards()) {
                if (left == 0) {
                    break;
                }
                long size = Files.size(shard);
                if (skip >= size) {
                    skip -= size;
                    continue;
                }
                try (FileChannel ch = FileChannel.open(shard)) {
                    long pos = skip;
                    skip = 0;
                    while (left > 0 && pos < size) {
                        buf.limit(buf.position() + (int) Math.min(buf.capacity() - buf.position(), left));
                        int r = ch.read(buf, pos);
                        if (r < 0) {
                            break;
                        }
                        pos += r;
                        left -= r;
                        buf.flip();
                        while (buf.remaining() >= width) {
                            v[filled++] = half ? Float.float16ToFloat(buf.getShort()) : buf.getFloat();
                        }
                        buf.compact(); // a value split across reads or shards stays for the next read
                    }
                }
            }
        } catch (IOException ex) {
            throw InputException.cannotRead(path, ex);
        }
        if (left > 0 || filled != n) {
            throw InputException.at(path, "weight '" + e.name() + "' is truncated");
        }
        return new LoadedTensor(e.name(), e.shape(), half ? Dtype.FLOAT16 : Dtype.FLOAT32, v);
    }
}
