package dev.initlab.io;

import dev.initlab.tensor.Dtype;
import dev.initlab.tensor.Shapes;
import java.io.IOException;
import java.nio.ByteOrder;
import java.nio.channels.FileChannel;
import java.nio.file.Path;

/**
 * Headerless files of little-endian floats in C order, such as {@code tensor.tofile(...)} writes.
 * The shape and dtype come from the caller, so the only check possible, and the one made, is that
 * the file holds exactly {@code count * itemsize} bytes.
 */
public final class RawFloats {
    private RawFloats() {
    }

    /**
     * Reads a raw float32 file.
     *
     * @param path the file
     * @param shape the dimensions
     * @return the tensor, named after the file without its extension
     * @throws InputException if the file is missing or unreadable, or its size is not exactly
     *     {@code 4 * count(shape)} bytes
     */
    public static LoadedTensor read(Path path, long[] shape) {
        return read(path, shape, Dtype.FLOAT32);
    }

    /**
     * Reads a raw little-endian file.
     *
     * @param path the file
     * @param shape the dimensions
     * @param type a {@linkplain Dtype#decodable() decodable} type: float32, float64, float16 or bfloat16
     * @return the tensor, named after the file without its extension
     * @throws InputException if the type is not decodable, the shape is invalid, the file is missing or
     *     unreadable, or its size is not exactly {@code itemsize * count(shape)} bytes
     */
    public static LoadedTensor read(Path path, long[] shape, Dtype type) {
        if (!type.decodable()) {
            throw InputException.at(path, "unsupported raw dtype '" + type
                    + "' (supported: float32, float64, float16, bfloat16)");
        }
        int count = TensorData.checkedCount(path, "shape", shape);
        try (FileChannel ch = TensorData.open(path)) {
            long need = (long) count * type.byteWidth();
            long have = ch.size();
            if (have != need) {
                throw InputException.at(path, "size mismatch: shape " + Shapes.format(shape) + " of " + type
                        + " needs " + need + " bytes but the file has " + have + " ("
                        + Math.abs(have - need) + (have < need ? " bytes short)" : " bytes too many)"));
            }
            double[] values = new double[count];
            TensorData.read(ch, path, 0, type, ByteOrder.LITTLE_ENDIAN, values, null);
            return new LoadedTensor(Npy.stem(path), shape, type, values);
        } catch (IOException e) {
            throw InputException.cannotRead(path, e);
        }
    }

    /**
     * Writes float32 values little-endian, atomically.
     *
     * @param path the file to create or replace
     * @param data the values
     * @throws InputException if the file cannot be written
     */
    public static void writeFloat32(Path path, float[] data) {
        AtomicFiles.write(path, out -> TensorData.write(out, data.length, i -> data[i], Dtype.FLOAT32));
    }

    /**
     * Writes float64 values little-endian, atomically.
     *
     * @param path the file to create or replace
     * @param data the values
     * @throws InputException if the file cannot be written
     */
    public static void writeFloat64(Path path, double[] data) {
        AtomicFiles.write(path, out -> TensorData.write(out, data.length, i -> data[i], Dtype.FLOAT64));
    }
}
