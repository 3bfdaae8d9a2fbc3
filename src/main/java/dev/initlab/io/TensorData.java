package dev.initlab.io;

import dev.initlab.tensor.Dtype;
import dev.initlab.tensor.Shapes;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.function.IntToDoubleFunction;

/**
 * Streams tensor elements between files and {@code double[]} in fixed-size chunks, so a file is
 * never held in memory as bytes next to its decoded values.
 */
final class TensorData {
    /** Chunk size in bytes; a multiple of every element size. */
    private static final int CHUNK = 1 << 20;

    private TensorData() {
    }

    /**
     * Reads {@code dst.length} elements starting at byte {@code position}. The caller has already
     * checked that the file holds exactly that many bytes; a file that shrinks meanwhile is
     * reported as truncated.
     *
     * @param fortranShape when not {@code null}, the elements are stored in Fortran (column-major)
     *     order with this shape and are transposed into C order on the fly
     */
    static void read(FileChannel ch, Path path, long position, Dtype type, ByteOrder order,
            double[] dst, long[] fortranShape) throws IOException {
        long total = (long) dst.length * type.byteWidth();
        ByteBuffer buf = ByteBuffer.allocateDirect((int) Math.min(CHUNK, Math.max(total, 1))).order(order);
        FortranIndex fortran = fortranShape == null ? null : new FortranIndex(fortranShape);
        int next = 0;
        long done = 0;
        while (done < total) {
            buf.clear();
            buf.limit((int) Math.min(buf.capacity(), total - done));
            while (buf.hasRemaining()) {
                int r = ch.read(buf, position + done + buf.position());
                if (r < 0) {
                    throw InputException.at(path, "truncated: the file ended after "
                            + (position + done + buf.position()) + " bytes while reading data");
                }
            }
            int n = buf.limit() / type.byteWidth();
            if (fortran == null) {
                for (int i = 0; i < n; i++) {
                    dst[next++] = type.decode(buf, i * type.byteWidth());
                }
            } else {
                for (int i = 0; i < n; i++) {
                    dst[fortran.next()] = type.decode(buf, i * type.byteWidth());
                }
            }
            done += buf.limit();
        }
    }

    /** Writes {@code count} elements little-endian; {@code type} is FLOAT32 or FLOAT64. */
    static void write(OutputStream out, int count, IntToDoubleFunction value, Dtype type) throws IOException {
        byte[] chunk = new byte[(int) Math.min(CHUNK, Math.max(1L, (long) count * type.byteWidth()))];
        ByteBuffer buf = ByteBuffer.wrap(chunk).order(ByteOrder.LITTLE_ENDIAN);
        int perChunk = chunk.length / type.byteWidth();
        for (int start = 0; start < count; start += perChunk) {
            int n = Math.min(perChunk, count - start);
            for (int i = 0; i < n; i++) {
                type.encode(buf, i * type.byteWidth(), value.applyAsDouble(start + i));
            }
            out.write(chunk, 0, n * type.byteWidth());
        }
    }

    /**
     * The type a tensor is written as: FLOAT32 or FLOAT64, or an error if it has another dtype or
     * is float32 but holds a value that is not exactly a float.
     */
    static Dtype writableType(Path path, LoadedTensor tensor) {
        Dtype t = tensor.dtype();
        if (t != Dtype.FLOAT32 && t != Dtype.FLOAT64) {
            throw InputException.cannotWrite(path, "tensor '" + tensor.name() + "' has dtype " + tensor.dtype()
                    + "; only float32 and float64 can be written", null);
        }
        int bad = t == Dtype.FLOAT32 ? TensorData.firstNonFloat(tensor.values()) : -1;
        if (bad >= 0) {
            throw InputException.cannotWrite(path, "tensor '" + tensor.name() + "' is float32 but value "
                    + tensor.values()[bad] + " at index " + bad + " is not exactly a float32", null);
        }
        return t;
    }

    /**
     * The element count of a shape read from a file, or an {@link InputException} naming the file.
     *
     * @param what how to introduce the shape in the message, e.g. {@code "shape"} or
     *     {@code "tensor 'w': shape"}
     */
    static int checkedCount(Path path, String what, long[] shape) {
        long n = Shapes.count(shape);
        if (n == Shapes.NEGATIVE_DIMENSION) {
            throw InputException.at(path, what + " " + Shapes.format(shape) + " has a negative dimension");
        }
        if (n == Shapes.OVERFLOW) {
            throw InputException.at(path, what + " " + Shapes.format(shape)
                    + " is too large: its element count overflows 64 bits");
        }
        if (n == Shapes.TOO_LARGE) {
            throw InputException.at(path, what + " " + Shapes.format(shape) + " is too large: "
                    + Shapes.exactProduct(shape) + " elements, more than a Java array holds (" + Shapes.MAX_ELEMENTS + ")");
        }
        return (int) n;
    }

    /** Opens a file for reading; a directory is reported as such rather than failing on read. */
    static FileChannel open(Path path) throws IOException {
        if (Files.isDirectory(path)) {
            throw InputException.at(path, "is a directory, not a file");
        }
        return FileChannel.open(path, StandardOpenOption.READ);
    }

    /**
     * Index of the first value that is not exactly representable as float32, or -1. NaN and
     * infinities count as representable.
     */
    static int firstNonFloat(double[] values) {
        for (int i = 0; i < values.length; i++) {
            double v = values[i];
            if ((double) (float) v != v && !Double.isNaN(v)) {
                return i;
            }
        }
        return -1;
    }

    /**
     * Walks a Fortran-ordered array in storage order (first index fastest) and yields the C-order
     * linear index of each element.
     */
    static final class FortranIndex {
        private final int[] dims;
        private final long[] cStride;
        private final int[] idx;
        private long offset;

        FortranIndex(long[] shape) {
            int n = shape.length;
            dims = new int[n];
            cStride = new long[n];
            idx = new int[n];
            long s = 1;
            for (int k = n - 1; k >= 0; k--) {
                dims[k] = (int) shape[k];
                cStride[k] = s;
                s *= shape[k];
            }
        }

        /** The C index of the current element; advances to the next one in Fortran order. */
        int next() {
            int r = (int) offset;
            for (int k = 0; k < dims.length; k++) {
                idx[k]++;
                offset += cStride[k];
                if (idx[k] < dims[k]) {
                    break;
                }
                offset -= cStride[k] * dims[k];
                idx[k] = 0;
            }
            return r;
        }
    }
}
