package dev.initlab.io;

import dev.initlab.tensor.Dtype;
import dev.initlab.tensor.Shapes;
import java.io.IOException;
import java.math.BigInteger;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.channels.FileChannel;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.IntToDoubleFunction;

/**
 * NumPy {@code .npy} files (format versions 1.0, 2.0 and 3.0) of float16, float32 and float64
 * arrays, in either byte order and either memory order.
 *
 * <p>Layout: the magic {@code \x93NUMPY}, a major and a minor version byte, the header length
 * (little-endian; 2 bytes in version 1.0, 4 bytes in 2.0 and 3.0), then the header: the text of a
 * Python dict literal (latin-1, or UTF-8 in 3.0) with exactly the keys {@code 'descr'},
 * {@code 'fortran_order'} and {@code 'shape'}, then the raw data. See
 * <a href="https://numpy.org/doc/stable/reference/generated/numpy.lib.format.html">numpy.lib.format</a>.
 *
 * <p>Reading is strict: the header is parsed by a literal parser (not pattern matching), its
 * length is capped at {@link #MAX_HEADER_BYTES}, the data must be exactly as long as the shape
 * and dtype declare, and only float dtypes are accepted. Writing produces what
 * {@code numpy.save} produces for the same array: version 1.0, little-endian, C order, the header
 * padded with spaces (including NumPy's spare room for growing the first axis) and a newline so
 * the data starts at a multiple of 64 bytes.
 */
public final class Npy {
    /** The largest header accepted, in bytes (NumPy's own default limit is 10,000). */
    public static final int MAX_HEADER_BYTES = 1 << 20;

    private static final byte[] MAGIC = {(byte) 0x93, 'N', 'U', 'M', 'P', 'Y'};
    private static final int ALIGN = 64;
    /** NumPy leaves room in the header for the growth axis to reach this many digits. */
    private static final int GROWTH_AXIS_MAX_DIGITS = 21;
    private static final Set<String> KEYS = Set.of("descr", "fortran_order", "shape");
    private static final String SUPPORTED = "<f2, <f4, <f8, >f2, >f4, >f8 (or = and | for native order)";

    private Npy() {
    }

    /** What a header declares. */
    record ArrayHeader(Dtype type, ByteOrder order, boolean fortran, long[] shape, int count,
            long dataStart) {
    }

    /** The data after the header must be exactly what the header declares. */
    private static void checkLength(Path path, ArrayHeader h, long size) {
        long need = (long) h.count * h.type.byteWidth();
        long have = size - h.dataStart;
        String declared = "header declares " + h.count + " " + h.type.label() + " values (" + need + " bytes)";
        if (have < need) {
            throw InputException.at(path, "truncated: " + declared + " but only " + have + " data bytes follow");
        }
        if (have > need) {
            throw InputException.at(path, "trailing data: " + declared + " but " + have
                    + " data bytes follow (" + (have - need) + " extra)");
        }
    }

    /**
     * Reads a {@code .npy} file.
     *
     * @param path the file
     * @return the array in C order, named after the file without its extension
     * @throws InputException if the file is missing, unreadable, not a valid {@code .npy} file,
     *     of an unsupported dtype, or not exactly as long as its header declares
     */
    public static LoadedTensor read(Path path) {
        try (FileChannel ch = TensorData.open(path)) {
            long size = ch.size();
            ArrayHeader h = readHeader(ch, path, size);
            checkLength(path, h, size);
            double[] values = new double[h.count];
            boolean transpose = h.fortran && h.shape.length > 1;
            TensorData.read(ch, path, h.dataStart, h.type, h.order, values, transpose ? h.shape : null);
            return new LoadedTensor(stem(path), h.shape, h.type, values);
        } catch (IOException e) {
            throw InputException.cannotRead(path, e);
        }
    }

    /**
     * Parses the header of a {@code .npy} file once and describes where its data is; the data is
     * read on demand. C-ordered arrays are read in place by byte range; Fortran-ordered ones are
     * transposed on read. Non-float dtypes are an error, as in {@link #read}.
     *
     * @param path the file
     * @return the array, named after the file without its extension
     * @throws InputException as {@link #read} does
     */
    public static StoredTensor index(Path path) {
        try (FileChannel ch = TensorData.open(path)) {
            long size = ch.size();
            ArrayHeader h = readHeader(ch, path, size);
            checkLength(path, h, size);
            if (h.fortran && h.shape.length > 1) {
                return StoredTensor.of(stem(path), h.shape, h.type, path, StoredTensor.whole(() -> read(path).values()));
            }
            return StoredTensor.range(stem(path), h.shape, h.type, path, h.dataStart, h.order);
        } catch (IOException e) {
            throw InputException.cannotRead(path, e);
        }
    }

    /**
     * Writes a float32 array as {@code <f4}, C order, format 1.0, atomically.
     *
     * @param path the file to create or replace
     * @param shape the dimensions; the product must equal {@code data.length}
     * @param data the elements in C order
     * @throws InputException if the shape does not match the data or the file cannot be written
     */
    public static void writeFloat32(Path path, long[] shape, float[] data) {
        write(path, shape, data.length, i -> data[i], Dtype.FLOAT32);
    }

    /**
     * Writes a float64 array as {@code <f8}, C order, format 1.0, atomically.
     *
     * @param path the file to create or replace
     * @param shape the dimensions; the product must equal {@code data.length}
     * @param data the elements in C order
     * @throws InputException if the shape does not match the data or the file cannot be written
     */
    public static void writeFloat64(Path path, long[] shape, double[] data) {
        write(path, shape, data.length, i -> data[i], Dtype.FLOAT64);
    }

    /**
     * Writes a tensor as {@code <f4} if its dtype is float32 and {@code <f8} if it is float64.
     *
     * @param path the file to create or replace
     * @param tensor the tensor; its name is not stored
     * @throws InputException if the dtype is float16 or bfloat16, a float32 tensor holds a value
     *     that is not exactly a float, or the file cannot be written
     */
    public static void write(Path path, LoadedTensor tensor) {
        Dtype t = TensorData.writableType(path, tensor);
        double[] v = tensor.values();
        write(path, tensor.shape(), v.length, i -> v[i], t);
    }

    private static void write(Path path, long[] shape, int count, IntToDoubleFunction value, Dtype type) {
        long n = Shapes.count(shape);
        if (n != count) {
            throw InputException.cannotWrite(path, "shape " + Shapes.format(shape)
                    + (n < 0 ? " is invalid" : " has " + n + " elements but " + count + " values were given"), null);
        }
        byte[] header = header(type.npyDescr(), shape);
        AtomicFiles.write(path, out -> {
            out.write(header);
            TensorData.write(out, count, value, type);
        });
    }

    /** Magic, version, header length and the padded header, exactly as {@code numpy.save} writes them. */
    static byte[] header(String descr, long[] shape) {
        StringBuilder dict = new StringBuilder()
                .append("{'descr': '").append(descr).append("', 'fortran_order': False, 'shape': ")
                .append(Shapes.format(shape)).append(", }");
        if (shape.length > 0) {
            dict.repeat(' ', Math.max(0, GROWTH_AXIS_MAX_DIGITS - Long.toString(shape[0]).length()));
        }
        int hlen = dict.length() + 1;
        // like numpy: version 1.0 unless the padded header overflows its 2-byte length field
        boolean v1 = hlen + ALIGN - ((10 + hlen) % ALIGN) <= 0xffff;
        int prefix = v1 ? 10 : 12;
        int pad = ALIGN - ((prefix + hlen) % ALIGN);
        dict.repeat(' ', pad).append('\n');
        byte[] text = dict.toString().getBytes(StandardCharsets.ISO_8859_1);
        ByteBuffer b = ByteBuffer.allocate(prefix + text.length).order(ByteOrder.LITTLE_ENDIAN);
        b.put(MAGIC).put((byte) (v1 ? 1 : 2)).put((byte) 0);
        if (v1) {
            b.putShort((short) text.length);
        } else {
            b.putInt(text.length);
        }
        return b.put(text).array();
    }

    /** Positional reads of the first bytes of an array (a file, or a zip member read in order). */
    interface Bytes {
        ByteBuffer read(long position, int n) throws IOException;
    }

    private static ArrayHeader readHeader(FileChannel ch, Path path, long size) throws IOException {
        return readHeader((pos, n) -> readFully(ch, pos, n), path, size);
    }

    static ArrayHeader readHeader(Bytes ch, Path path, long size) throws IOException {
        if (size < 10) {
            throw InputException.at(path, "not a .npy file: only " + size + " bytes, shorter than the 10-byte prelude");
        }
        ByteBuffer pre = ch.read(0, 12 <= size ? 12 : 10).order(ByteOrder.LITTLE_ENDIAN);
        for (int i = 0; i < MAGIC.length; i++) {
            if (pre.get(i) != MAGIC[i]) {
                throw InputException.at(path, "not a .npy file: bad magic (expected \\x93NUMPY)");
            }
        }
        int major = pre.get(6) & 0xff;
        int minor = pre.get(7) & 0xff;
        if (major < 1 || major > 3 || minor != 0) {
            throw InputException.at(path, "unsupported .npy format version " + major + "." + minor
                    + " (supported: 1.0, 2.0, 3.0)");
        }
        int prefix = major == 1 ? 10 : 12;
        if (size < prefix) {
            throw InputException.at(path, "truncated: only " + size + " bytes, shorter than the "
                    + prefix + "-byte prelude of format " + major + ".0");
        }
        long hlen = major == 1 ? pre.getShort(8) & 0xffffL : pre.getInt(8) & 0xffffffffL;
        if (hlen > MAX_HEADER_BYTES) {
            throw InputException.at(path, "header too large: " + hlen + " bytes (limit " + MAX_HEADER_BYTES + ")");
        }
        if (prefix + hlen > size) {
            throw InputException.at(path, "truncated: header length " + hlen + " exceeds the "
                    + (size - prefix) + " bytes after the prelude");
        }
        ByteBuffer raw = ch.read(prefix, (int) hlen);
        String text;
        try {
            text = (major == 3 ? StandardCharsets.UTF_8 : StandardCharsets.ISO_8859_1).newDecoder()
                    .onMalformedInput(CodingErrorAction.REPORT)
                    .onUnmappableCharacter(CodingErrorAction.REPORT)
                    .decode(raw).toString();
        } catch (CharacterCodingException e) {
            throw InputException.at(path, "malformed header: not valid UTF-8");
        }
        Object parsed;
        try {
            parsed = PyLiteral.parse(text, major < 3);
        } catch (PyLiteral.SyntaxError e) {
            throw InputException.at(path, "malformed header: " + e.getMessage());
        }
        return interpret(path, parsed, prefix + hlen);
    }

    private static ArrayHeader interpret(Path path, Object parsed, long dataStart) {
        if (!(parsed instanceof Map<?, ?> dict)) {
            throw InputException.at(path, "malformed header: not a dict");
        }
        if (!dict.keySet().equals(KEYS)) {
            throw InputException.at(path, "malformed header: keys are " + dict.keySet()
                    + " but must be exactly [descr, fortran_order, shape]");
        }
        if (!(dict.get("fortran_order") instanceof Boolean fortran)) {
            throw InputException.at(path, "malformed header: 'fortran_order' must be True or False");
        }
        Object descr = dict.get("descr");
        if (!(descr instanceof String d)) {
            throw InputException.at(path, "unsupported dtype: " + (descr instanceof List<?>
                    ? "structured arrays are not supported" : "'descr' is not a string") + "; supported: " + SUPPORTED);
        }
        Dtype type = d.length() == 3 ? Dtype.fromNpyKind(d.substring(1)).filter(Dtype::decodable).orElse(null) : null;
        ByteOrder order = switch (d.isEmpty() ? ' ' : d.charAt(0)) {
            case '<' -> ByteOrder.LITTLE_ENDIAN;
            case '>' -> ByteOrder.BIG_ENDIAN;
            case '=', '|' -> ByteOrder.nativeOrder();
            default -> null;
        };
        if (type == null || order == null) {
            throw InputException.at(path, "unsupported dtype '" + d + "'; supported: " + SUPPORTED);
        }
        long[] shape = shape(path, dict.get("shape"));
        int count = TensorData.checkedCount(path, "shape", shape);
        return new ArrayHeader(type, order, fortran, shape, count, dataStart);
    }

    private static long[] shape(Path path, Object value) {
        if (!(value instanceof PyLiteral.Tuple(List<Object> items))) {
            throw InputException.at(path, "malformed header: 'shape' must be a tuple of integers");
        }
        long[] shape = new long[items.size()];
        for (int i = 0; i < shape.length; i++) {
            if (!(items.get(i) instanceof BigInteger d)) {
                throw InputException.at(path, "malformed header: 'shape' must be a tuple of integers");
            }
            if (d.signum() < 0) {
                throw InputException.at(path, "invalid shape: negative dimension " + d + " at axis " + i);
            }
            if (d.bitLength() > 63) {
                throw InputException.at(path, "invalid shape: dimension " + d + " at axis " + i
                        + " is too large (more than 64 bits)");
            }
            shape[i] = d.longValueExact();
        }
        return shape;
    }

    private static ByteBuffer readFully(FileChannel ch, long position, int n) throws IOException {
        ByteBuffer b = ByteBuffer.allocate(n);
        while (b.hasRemaining()) {
            if (ch.read(b, position + b.position()) < 0) {
                throw new IOException("file ended unexpectedly");
            }
        }
        return b.flip();
    }

    /** The file name without its last extension: the tensor name of single-array formats. */
    static String stem(Path path) {
        Path f = path.getFileName();
        String name = f == null ? path.toString() : f.toString();
        int dot = name.lastIndexOf('.');
        return dot > 0 ? name.substring(0, dot) : name;
    }

    /** Whether {@code head} (the first bytes of a file) starts with the {@code .npy} magic. */
    static boolean hasMagic(byte[] head) {
        if (head.length < MAGIC.length) {
            return false;
        }
        for (int i = 0; i < MAGIC.length; i++) {
            if (head[i] != MAGIC[i]) {
                return false;
            }
        }
        return true;
    }
}
