package dev.initlab.io;

import dev.initlab.tensor.Dtype;
import dev.initlab.tensor.Shapes;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.channels.FileChannel;
import java.nio.file.Path;
import java.util.Objects;

/**
 * A tensor as it lies in a file, known from a header that was parsed once: its name, shape, dtype
 * and where its bytes are. The data is read on demand, in any slice, straight from the file
 * (positional reads in 1 MiB chunks), so a checkpoint larger than the heap can be walked tensor
 * by tensor and a huge tensor can be sampled without being loaded.
 *
 * <p>Tensors of dtypes this package does not decode (integers, booleans, 8-bit floats) are
 * listed with {@link #decodable()} false and their {@link Dtype} where it names them; a kind it has no
 * name for (a NumPy string array, a TF.js string tensor) keeps the file's own spelling in
 * {@link #dtypeName()}. Reading them is an error.
 */
public final class StoredTensor {
    /** Reads a slice of elements of a tensor whose bytes are not a plain range of one file. */
    @FunctionalInterface
    public interface Source {
        /**
         * Reads {@code n} elements starting at element {@code first} into {@code dst[off..]}.
         *
         * @throws IOException when the file cannot be read
         */
        void read(long first, double[] dst, int off, int n) throws IOException;
    }

    private final String name;
    private final long[] shape;
    private final String dtypeName;
    private final Dtype type;
    private final Path file;
    private final long dataStart;
    private final ByteOrder order;
    private final Source source;

    private StoredTensor(String name, long[] shape, String dtypeName, Dtype type, Path file, long dataStart,
                         ByteOrder order, Source source) {
        this.name = Objects.requireNonNull(name, "name");
        this.shape = shape.clone();
        this.dtypeName = type == null ? dtypeName : type.label();
        this.type = type;
        this.file = file;
        this.dataStart = dataStart;
        this.order = order;
        this.source = source;
    }

    /** A C-ordered tensor of a decodable type stored as one byte range of {@code file}. */
    static StoredTensor range(String name, long[] shape, Dtype type, Path file, long dataStart, ByteOrder order) {
        return new StoredTensor(name, shape, type.label(), type, file, dataStart, order, null);
    }

    /**
     * A tensor of a dtype this package does not decode (listed, never read).
     *
     * @param sourceDtype the dtype as the file spells it ({@code I64}, {@code <i8}, {@code int32}, {@code string}),
     *     kept only when {@link Dtype} has no name for it
     * @param type that dtype when {@link Dtype} names it (an integer, boolean, 8-bit float or complex type), else null
     */
    static StoredTensor undecodable(String name, long[] shape, String sourceDtype, Dtype type, Path file) {
        if (type != null && type.decodable()) {
            throw new IllegalArgumentException(type + " is decodable");
        }
        return new StoredTensor(name, shape, sourceDtype, type, file, -1, null, null);
    }

    /** A tensor read through {@code source} (compressed entries, quantized or split data, Fortran order). */
    static StoredTensor of(String name, long[] shape, Dtype type, Path file, Source source) {
        return new StoredTensor(name, shape, type.label(), type, file, -1, null, source);
    }

    /**
     * A source that decodes the whole tensor at once (Fortran order, quantized or split data) and
     * keeps it behind a soft reference, so reading it in slices decodes it once while memory allows.
     */
    static Source whole(java.util.function.Supplier<double[]> decode) {
        java.util.concurrent.atomic.AtomicReference<java.lang.ref.SoftReference<double[]>> cache =
                new java.util.concurrent.atomic.AtomicReference<>(new java.lang.ref.SoftReference<>(null));
        return (first, dst, off, n) -> {
            double[] all = cache.get().get();
            if (all == null) {
                all = decode.get();
                cache.set(new java.lang.ref.SoftReference<>(all));
            }
            System.arraycopy(all, (int) first, dst, off, n);
        };
    }

    /**
     * A tensor whose elements come from {@code source}.
     *
     * @param type float16, bfloat16, float32 or float64
     * @throws IllegalArgumentException if the type is not {@linkplain Dtype#decodable() decodable}
     */
    public static StoredTensor ofSource(String name, long[] shape, Dtype type, Path file, Source source) {
        if (!type.decodable()) {
            throw new IllegalArgumentException("tensor '" + name + "': dtype " + type + " cannot be read as floats");
        }
        return of(name, shape, type, file, source);
    }

    /** The same tensor under another name (e.g. prefixed with the archive member it came from). */
    public StoredTensor renamed(String newName) {
        return new StoredTensor(newName, shape, dtypeName, type, file, dataStart, order, source);
    }

    public String name() {
        return name;
    }

    /** A copy of the dimensions. */
    public long[] shape() {
        return shape.clone();
    }

    /** The number of dimensions. */
    public int rank() {
        return shape.length;
    }

    /** The number of elements (may exceed an array's limit). */
    public long count() {
        return Shapes.product(shape);
    }

    /**
     * The element type, when {@link Dtype} names it: always for a {@linkplain #decodable() decodable}
     * tensor; for the others when it is an integer, boolean, 8-bit float or complex64 type (empty for
     * e.g. a NumPy string array or a TF.js string tensor; {@link #dtypeName()} then says what the file holds).
     */
    public java.util.Optional<Dtype> dtype() {
        return java.util.Optional.ofNullable(type);
    }

    /**
     * The dtype for messages: the {@link Dtype#label()} when {@link #dtype()} is present ({@code float32},
     * {@code int64}), else the file's own spelling of a kind {@link Dtype} has no name for (e.g. {@code <U5},
     * {@code string}).
     */
    public String dtypeName() {
        return dtypeName;
    }

    /** Whether the elements can be read (a floating-point dtype this package decodes). */
    public boolean decodable() {
        return type != null && type.decodable();
    }

    /** The file holding the data. */
    public Path file() {
        return file;
    }

    /**
     * Reads {@code n} elements starting at element {@code first} (C order) into {@code dst[off..]}.
     *
     * @throws InputException if the tensor is not decodable or the file cannot be read
     */
    public void read(long first, double[] dst, int off, int n) {
        if (!decodable()) {
            throw InputException.at(file, "tensor '" + name + "': dtype " + dtypeName + " cannot be read as floats");
        }
        if (first < 0 || n < 0 || first + n > count()) {
            throw new IndexOutOfBoundsException("elements [" + first + ", " + (first + n) + ") of " + count());
        }
        try {
            if (source != null) {
                source.read(first, dst, off, n);
                return;
            }
            try (FileChannel ch = TensorData.open(file)) {
                readRange(ch, dataStart + first * type.byteWidth(), type, order, dst, off, n, file);
            }
        } catch (IOException e) {
            throw InputException.cannotRead(file, e);
        }
    }

    /**
     * Reads the whole tensor.
     *
     * @throws InputException if it is not decodable, has more than 2^31 - 9 elements, or cannot be read
     */
    public double[] readAll() {
        double[] v = new double[TensorData.checkedCount(file, "tensor '" + name + "': shape", shape)];
        read(0, v, 0, v.length);
        return v;
    }

    /** Reads the whole tensor as a {@link LoadedTensor}. */
    public LoadedTensor load() {
        return new LoadedTensor(name, shape, type, readAll());
    }

    static void readRange(FileChannel ch, long position, Dtype type, ByteOrder order, double[] dst, int off,
                          int n, Path path) throws IOException {
        long total = (long) n * type.byteWidth();
        ByteBuffer buf = ByteBuffer.allocate((int) Math.min(1 << 20, Math.max(total, 1))).order(order);
        long done = 0;
        int next = off;
        while (done < total) {
            buf.clear();
            buf.limit((int) Math.min(buf.capacity(), total - done));
            while (buf.hasRemaining()) {
                if (ch.read(buf, position + done + buf.position()) < 0) {
                    throw InputException.at(path, "truncated: the file ended after "
                            + (position + done + buf.position()) + " bytes while reading data");
                }
            }
            int k = buf.limit() / type.byteWidth();
            for (int i = 0; i < k; i++) {
                dst[next++] = type.decode(buf, i * type.byteWidth());
            }
            done += buf.limit();
        }
    }

    @Override
    public String toString() {
        return "StoredTensor[" + name + ", " + dtypeName + ", shape " + Shapes.format(shape) + "]";
    }
}
