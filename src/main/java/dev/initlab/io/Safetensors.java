package dev.initlab.io;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.json.JsonMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.initlab.tensor.Dtype;
import dev.initlab.tensor.Shapes;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.channels.FileChannel;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Comparator;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * safetensors files of F16, BF16, F32 and F64 tensors.
 *
 * <p>Layout: an unsigned 64-bit little-endian header length {@code N}, {@code N} bytes of UTF-8
 * JSON {@code {"name": {"dtype": "F32", "shape": [2, 3], "data_offsets": [begin, end]}, ...,
 * "__metadata__": {"key": "value"}}}, then the data buffer; offsets are relative to the buffer and
 * tensors are little-endian, C order.
 *
 * <p>Reading validates the whole header the way the reference implementation does before any
 * tensor is returned: {@code N} at most {@link #MAX_HEADER_BYTES} and within the file, valid JSON
 * that starts with {@code '{'}, all fields present and well-typed, every byte range matching its
 * shape and dtype, and the ranges tiling the data buffer exactly (no overlap, gap or trailing
 * bytes). Tensors of other dtypes (integers, 8-bit floats, ...) are listed by {@link #names} but
 * reading them is an "unsupported dtype" error.
 */
public final class Safetensors {
    /** The largest header accepted, in bytes, as in the reference implementation. */
    public static final long MAX_HEADER_BYTES = 100_000_000L;

    private static final String METADATA = "__metadata__";
    private static final ObjectMapper JSON = JsonMapper.builder()
            .enable(JsonParser.Feature.STRICT_DUPLICATE_DETECTION)
            .enable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS)
            .build();

    private Safetensors() {
    }

    /**
     * One header entry; {@code count} is the product of the shape (it may exceed an array's limit).
     *
     * @param stored the dtype as the header spells it ({@code F32}, {@code I64}, ...), for messages
     * @param type that dtype when {@link Dtype} names it, else null
     */
    private record Entry(String name, String stored, Dtype type, long[] shape, long count, long begin, long end) {
    }

    /** A validated header: the entries in header order, the metadata and where the data starts. */
    private record Header(List<Entry> entries, Map<String, String> metadata, long dataStart) {
        Entry find(Path path, String name) {
            for (Entry e : entries) {
                if (e.name.equals(name)) {
                    return e;
                }
            }
            throw InputException.at(path, "no tensor named '" + name + "'; available: " + available());
        }

        private String available() {
            if (entries.isEmpty()) {
                return "none (the file holds no tensors)";
            }
            StringBuilder b = new StringBuilder();
            int shown = Math.min(entries.size(), 20);
            for (int i = 0; i < shown; i++) {
                b.append(i == 0 ? "" : ", ").append(entries.get(i).name);
            }
            if (entries.size() > shown) {
                b.append(", ... (").append(entries.size() - shown).append(" more)");
            }
            return b.toString();
        }
    }

    /**
     * The tensor names, in header order.
     *
     * @param path the file
     * @return the names (not including {@code __metadata__})
     * @throws InputException if the file is missing, unreadable or invalid
     */
    public static List<String> names(Path path) {
        try (FileChannel ch = TensorData.open(path)) {
            return header(ch, path).entries.stream().map(Entry::name).toList();
        } catch (IOException e) {
            throw InputException.cannotRead(path, e);
        }
    }

    /**
     * The {@code __metadata__} map.
     *
     * @param path the file
     * @return the metadata, empty if the file has none
     * @throws InputException if the file is missing, unreadable or invalid
     */
    public static Map<String, String> metadata(Path path) {
        try (FileChannel ch = TensorData.open(path)) {
            return header(ch, path).metadata;
        } catch (IOException e) {
            throw InputException.cannotRead(path, e);
        }
    }

    /**
     * Reads one tensor.
     *
     * @param path the file
     * @param name the tensor's name
     * @return the tensor
     * @throws InputException if the file is missing, unreadable or invalid, has no tensor of that
     *     name (the message lists the available ones), or the tensor's dtype is not supported
     */
    public static LoadedTensor read(Path path, String name) {
        try (FileChannel ch = TensorData.open(path)) {
            Header h = header(ch, path);
            return load(ch, path, h, h.find(path, name));
        } catch (IOException e) {
            throw InputException.cannotRead(path, e);
        }
    }

    /**
     * Reads every tensor, in header order.
     *
     * @param path the file
     * @return the tensors
     * @throws InputException if the file is missing, unreadable or invalid, or any tensor has an
     *     unsupported dtype
     */
    public static List<LoadedTensor> readAll(Path path) {
        try (FileChannel ch = TensorData.open(path)) {
            Header h = header(ch, path);
            List<LoadedTensor> out = new ArrayList<>();
            for (Entry e : h.entries) {
                out.add(load(ch, path, h, e));
            }
            return out;
        } catch (IOException e) {
            throw InputException.cannotRead(path, e);
        }
    }

    /**
     * A file's tensors and metadata from one parse of its header: the whole-checkpoint entry point
     * (every tensor is then read on demand through {@link StoredTensor#read}).
     *
     * @param tensors the tensors in header order; those of dtypes other than F16/BF16/F32/F64 are
     *     listed as not {@link StoredTensor#decodable() decodable}, under their safetensors dtype name
     * @param metadata the {@code __metadata__} map
     */
    public record Contents(List<StoredTensor> tensors, Map<String, String> metadata) {
    }

    /**
     * Parses and validates the header once and lists every tensor with where its bytes are.
     *
     * @param path the file
     * @return the tensors and metadata
     * @throws InputException if the file is missing, unreadable or invalid
     */
    public static Contents index(Path path) {
        try (FileChannel ch = TensorData.open(path)) {
            Header h = header(ch, path);
            List<StoredTensor> out = new ArrayList<>(h.entries.size());
            for (Entry e : h.entries) {
                Dtype type = e.type;
                out.add(type == null || !type.decodable() ? StoredTensor.undecodable(e.name, e.shape, e.stored, type, path)
                        : StoredTensor.range(e.name, e.shape, type, path, h.dataStart + e.begin, ByteOrder.LITTLE_ENDIAN));
            }
            return new Contents(List.copyOf(out), h.metadata);
        } catch (IOException e) {
            throw InputException.cannotRead(path, e);
        }
    }

    /**
     * Writes tensors atomically, without metadata. See {@link #write(Path, List, Map)}.
     *
     * @param path the file to create or replace
     * @param tensors the tensors, stored under their names in this order
     */
    public static void write(Path path, List<LoadedTensor> tensors) {
        write(path, tensors, Map.of());
    }

    /**
     * A safetensors header being written: {@code __metadata__}, then each tensor's dtype, shape and data
     * offsets in order; {@link #bytes()} is the 8-byte little-endian length, the JSON and its space padding to a
     * multiple of 8, i.e. everything before the tensor data.
     */
    public static final class HeaderWriter {
        private final ObjectNode root = JSON.createObjectNode();
        private final Set<String> seen = new HashSet<>();
        private long offset;

        /** A header with these {@code __metadata__} entries (none written when empty). */
        public HeaderWriter(Map<String, String> metadata) {
            if (!metadata.isEmpty()) {
                ObjectNode m = root.putObject(METADATA);
                metadata.forEach(m::put);
            }
        }

        /**
         * Adds the next tensor, whose data takes {@code bytes} bytes after the previous one's.
         *
         * @return null, or why the name cannot be used (repeated, or {@code __metadata__})
         */
        public String add(String name, Dtype dtype, long[] shape, long bytes) {
            if (name.equals(METADATA) || !seen.add(name)) {
                return "tensor name '" + name + "' is " + (name.equals(METADATA) ? "reserved" : "repeated");
            }
            ObjectNode info = root.putObject(name);
            info.put("dtype", dtype.safetensorsName());
            var s = info.putArray("shape");
            for (long d : shape) {
                s.add(d);
            }
            long end = offset + bytes;
            info.putArray("data_offsets").add(offset).add(end);
            offset = end;
            return null;
        }

        /** The bytes before the tensor data: length, JSON, padding. */
        public byte[] bytes() {
            byte[] json;
            try {
                json = JSON.writeValueAsBytes(root);
            } catch (JsonProcessingException e) {
                throw new IllegalStateException(e); // a tree of strings and numbers always serializes
            }
            int padded = (json.length + 7) / 8 * 8;
            ByteBuffer b = ByteBuffer.allocate(8 + padded).order(ByteOrder.LITTLE_ENDIAN).putLong(padded).put(json);
            while (b.hasRemaining()) {
                b.put((byte) ' ');
            }
            return b.array();
        }
    }

    /**
     * Writes tensors atomically: float32 tensors as F32, float64 tensors as F64, contiguous in the
     * given order, the header padded with spaces to a multiple of 8 bytes.
     *
     * @param path the file to create or replace
     * @param tensors the tensors, stored under their names in this order
     * @param metadata the {@code __metadata__} entries; omitted from the file when empty
     * @throws InputException if names repeat or are {@code __metadata__}, a tensor is float16 or
     *     bfloat16, a float32 tensor holds a value that is not exactly a float, or the file cannot
     *     be written
     */
    public static void write(Path path, List<LoadedTensor> tensors, Map<String, String> metadata) {
        HeaderWriter header = new HeaderWriter(metadata);
        List<Dtype> types = new ArrayList<>();
        for (LoadedTensor t : tensors) {
            Dtype type = TensorData.writableType(path, t);
            String problem = header.add(t.name(), type, t.shape(),
                    t.count() * type.byteWidth());
            if (problem != null) {
                throw InputException.cannotWrite(path, problem, null);
            }
            types.add(type);
        }
        byte[] head = header.bytes();
        AtomicFiles.write(path, out -> {
            out.write(head);
            for (int k = 0; k < tensors.size(); k++) {
                double[] v = tensors.get(k).values();
                TensorData.write(out, v.length, i -> v[i], types.get(k));
            }
        });
    }

    private static LoadedTensor load(FileChannel ch, Path path, Header h, Entry e) throws IOException {
        Dtype type = e.type;
        if (type == null || !type.decodable()) {
            throw InputException.at(path, "tensor '" + e.name + "': unsupported dtype '" + e.stored
                    + "' (supported: F16, BF16, F32, F64)");
        }
        double[] values = new double[TensorData.checkedCount(path, "tensor '" + e.name + "': shape", e.shape)];
        TensorData.read(ch, path, h.dataStart + e.begin, type, ByteOrder.LITTLE_ENDIAN, values, null);
        return new LoadedTensor(e.name, e.shape, type, values);
    }

    private static Header header(FileChannel ch, Path path) throws IOException {
        long size = ch.size();
        if (size < 8) {
            throw InputException.at(path, "not a safetensors file: only " + size
                    + " bytes, shorter than the 8-byte header length");
        }
        ByteBuffer len = ByteBuffer.allocate(8).order(ByteOrder.LITTLE_ENDIAN);
        readFully(ch, len, 0);
        long n = len.getLong(0);
        if (n < 0 || n > MAX_HEADER_BYTES) {
            throw InputException.at(path, "header too large: " + Long.toUnsignedString(n)
                    + " bytes (limit " + MAX_HEADER_BYTES + ")");
        }
        if (8 + n > size) {
            throw InputException.at(path, "truncated: header length " + n + " exceeds the "
                    + (size - 8) + " bytes after the length field");
        }
        ByteBuffer raw = ByteBuffer.allocate((int) n);
        readFully(ch, raw, 8);
        String text;
        try {
            text = StandardCharsets.UTF_8.newDecoder()
                    .onMalformedInput(CodingErrorAction.REPORT)
                    .onUnmappableCharacter(CodingErrorAction.REPORT)
                    .decode(raw.flip()).toString();
        } catch (CharacterCodingException e) {
            throw InputException.at(path, "invalid header: not valid UTF-8");
        }
        if (!text.startsWith("{")) {
            throw InputException.at(path, "invalid header: does not start with '{'");
        }
        JsonNode root;
        try {
            root = JSON.readTree(text);
        } catch (JsonProcessingException e) {
            throw InputException.at(path, "invalid header JSON: " + e.getOriginalMessage()
                    + (e.getLocation() == null ? "" : " (at character " + e.getLocation().getCharOffset() + ")"));
        }
        return validate(path, root, 8 + n, size - 8 - n);
    }

    private static Header validate(Path path, JsonNode root, long dataStart, long dataLength) {
        if (!root.isObject()) {
            throw InputException.at(path, "invalid header: not a JSON object");
        }
        Map<String, String> metadata = new LinkedHashMap<>();
        List<Entry> entries = new ArrayList<>();
        for (var field : root.properties()) {
            String name = field.getKey();
            JsonNode v = field.getValue();
            if (name.equals(METADATA)) {
                metadata(path, v, metadata);
            } else {
                entries.add(entry(path, name, v, dataLength));
            }
        }
        List<Entry> byOffset = new ArrayList<>(entries);
        byOffset.sort(Comparator.comparingLong(Entry::begin).thenComparingLong(Entry::end));
        long end = 0;
        Entry previous = null;
        for (Entry e : byOffset) {
            if (e.begin < end) {
                throw InputException.at(path, "tensors '" + previous.name + "' " + range(previous) + " and '"
                        + e.name + "' " + range(e) + " overlap");
            }
            if (e.begin > end) {
                throw InputException.at(path, "gap of " + (e.begin - end) + " unused bytes before tensor '"
                        + e.name + "' " + range(e) + "; tensor data must be contiguous");
            }
            end = e.end;
            previous = e;
        }
        if (end != dataLength) {
            throw InputException.at(path, "trailing data: the tensors cover " + end + " bytes but the data buffer has "
                    + dataLength + " (" + (dataLength - end) + " extra)");
        }
        return new Header(List.copyOf(entries), Collections.unmodifiableMap(metadata), dataStart);
    }

    private static void metadata(Path path, JsonNode v, Map<String, String> into) {
        if (!v.isObject()) {
            throw InputException.at(path, "invalid header: __metadata__ must be an object of strings");
        }
        for (var m : v.properties()) {
            if (!m.getValue().isTextual()) {
                throw InputException.at(path, "invalid header: __metadata__ value for '" + m.getKey()
                        + "' is not a string");
            }
            into.put(m.getKey(), m.getValue().textValue());
        }
    }

    private static Entry entry(Path path, String name, JsonNode v, long dataLength) {
        String what = "tensor '" + name + "'";
        if (!v.isObject()) {
            throw InputException.at(path, what + ": entry is not a JSON object");
        }
        JsonNode dtype = v.get("dtype");
        if (dtype == null || !dtype.isTextual()) {
            throw InputException.at(path, what + ": " + (dtype == null ? "missing" : "non-string") + " 'dtype'");
        }
        long[] shape = longs(path, what, v, "shape", -1);
        long[] offsets = longs(path, what, v, "data_offsets", 2);
        long begin = offsets[0];
        long end = offsets[1];
        if (end < begin) {
            throw InputException.at(path, what + ": data_offsets [" + begin + ", " + end + "] end before they begin");
        }
        if (end > dataLength) {
            throw InputException.at(path, what + ": data_offsets [" + begin + ", " + end
                    + "] out of range: the data buffer has " + dataLength + " bytes");
        }
        long count = Shapes.product(shape);
        if (count < 0) {
            throw InputException.at(path, what + ": shape " + Shapes.format(shape)
                    + " is too large: its element count overflows 64 bits");
        }
        Dtype type = Dtype.fromSafetensors(dtype.textValue()).orElse(null);
        Integer size = type == null ? null : type.byteWidth();
        if (size != null && (count > Long.MAX_VALUE / size || end - begin != count * size)) {
            throw InputException.at(path, what + ": data_offsets [" + begin + ", " + end + "] span " + (end - begin)
                    + " bytes but shape " + Shapes.format(shape) + " of " + dtype.textValue() + " needs "
                    + (count > Long.MAX_VALUE / size ? "more than 2^63" : Long.toString(count * size)));
        }
        return new Entry(name, dtype.textValue(), type, shape, count, begin, end);
    }

    /** A field that must be an array of non-negative integers ({@code length} of them unless -1). */
    private static long[] longs(Path path, String what, JsonNode v, String field, int length) {
        JsonNode a = v.get(field);
        String must = what + ": '" + field + "' must be an array of "
                + (length < 0 ? "" : length + " ") + "non-negative integers";
        if (a == null) {
            throw InputException.at(path, what + ": missing '" + field + "'");
        }
        if (!a.isArray() || (length >= 0 && a.size() != length)) {
            throw InputException.at(path, must);
        }
        long[] r = new long[a.size()];
        for (int i = 0; i < r.length; i++) {
            JsonNode x = a.get(i);
            if (!x.isIntegralNumber() || x.bigIntegerValue().signum() < 0) {
                throw InputException.at(path, must);
            }
            if (!x.canConvertToLong()) {
                throw InputException.at(path, what + ": '" + field + "' value " + x.asText() + " is too large");
            }
            r[i] = x.longValue();
        }
        return r;
    }

    private static String range(Entry e) {
        return "[" + e.begin + ", " + e.end + "]";
    }

    private static void readFully(FileChannel ch, ByteBuffer b, long position) throws IOException {
        while (b.hasRemaining()) {
            if (ch.read(b, position + b.position()) < 0) {
                throw new IOException("file ended unexpectedly");
            }
        }
    }

    /**
     * Whether the first bytes of a file plausibly start a safetensors file: a header length of at
     * least 2 that fits in the file and the limit, followed by {@code '{'}.
     */
    static boolean looksLike(byte[] head, long fileSize) {
        if (head.length < 9) {
            return false;
        }
        long n = ByteBuffer.wrap(head, 0, 8).order(ByteOrder.LITTLE_ENDIAN).getLong();
        return n >= 2 && n <= MAX_HEADER_BYTES && 8 + n <= fileSize && head[8] == '{';
    }
}
