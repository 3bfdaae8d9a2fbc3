package dev.initlab.io;

import dev.initlab.tensor.Dtype;
import dev.initlab.tensor.Shapes;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;

/**
 * Reads a tensor from a file whose format is recognised by content, not by extension:
 * {@code .npy} by its magic, safetensors by a plausible header length followed by {@code '{'},
 * TensorFlow.js {@code model.json} by a leading JSON brace, and raw little-endian floats only when
 * the caller gives a shape (and then the file is raw unless it carries the {@code .npy} magic).
 */
public final class TensorFiles {
    private TensorFiles() {
    }

    /** A file format recognised by content. */
    public enum Format {
        /** NumPy {@code .npy}. */
        NPY,
        /** safetensors. */
        SAFETENSORS,
        /** TensorFlow.js model.json / weights manifest (JSON; weights in shard files beside it). */
        TFJS,
        /** Neither: possibly raw floats. */
        UNKNOWN
    }

    /**
     * Recognises a file's format from its first bytes.
     *
     * @param path the file
     * @return the format; {@link Format#UNKNOWN} when it is neither {@code .npy} nor safetensors
     * @throws InputException if the file is missing or unreadable
     */
    public static Format detect(Path path) {
        try (FileChannel ch = TensorData.open(path)) {
            ByteBuffer head = ByteBuffer.allocate(9);
            while (head.hasRemaining() && ch.read(head, head.position()) >= 0) {
                // read up to 9 bytes; shorter files simply give fewer
            }
            byte[] b = Arrays.copyOf(head.array(), head.position());
            if (Npy.hasMagic(b)) {
                return Format.NPY;
            }
            if (Safetensors.looksLike(b, ch.size())) {
                return Format.SAFETENSORS;
            }
            return TfjsWeights.looksLike(b) ? Format.TFJS : Format.UNKNOWN;
        } catch (IOException e) {
            throw InputException.cannotRead(path, e);
        }
    }

    /** Why a file was not recognised: an impossible safetensors header length is said as such. */
    private static String unknownFormat(Path path) {
        try (FileChannel ch = TensorData.open(path)) {
            ByteBuffer head = ByteBuffer.allocate(9).order(java.nio.ByteOrder.LITTLE_ENDIAN);
            while (head.hasRemaining() && ch.read(head, head.position()) >= 0) {
                // up to 9 bytes
            }
            if (head.position() == 9 && head.get(8) == '{') {
                long n = head.getLong(0);
                return "looks like safetensors ('{' after an 8-byte length) but its header length "
                        + Long.toUnsignedString(n) + " is impossible for a file of " + ch.size() + " bytes";
            }
        } catch (IOException e) {
            throw InputException.cannotRead(path, e);
        }
        return "not .npy, safetensors or a TensorFlow.js model.json; give " + MarkedNames.name("shape") + " (and "
                + MarkedNames.name("dtype") + ") to read raw floats";
    }

    /**
     * The tensor named {@code nameOrNull} of a file holding several, or its only one when no name is given
     * (an error naming the available ones when it holds more).
     */
    private static LoadedTensor named(Path path, String nameOrNull, java.util.function.Supplier<List<String>> listed,
                                      String holds, String what,
                                      java.util.function.BiFunction<Path, String, LoadedTensor> read) {
        if (nameOrNull != null) {
            return read.apply(path, nameOrNull);
        }
        List<String> names = listed.get();
        if (names.size() != 1) {
            throw InputException.at(path, holds + " " + names.size() + " " + what + "; give a tensor name (available: "
                    + String.join(", ", names) + ")");
        }
        return read.apply(path, names.get(0));
    }

    /**
     * The format of a file for which the caller gave a shape: raw floats, unless it carries the six-byte
     * {@code .npy} magic (which a raw float file shows with probability 2^-48; the shape is then checked
     * against the header). Safetensors and TF.js are not sniffed here: their signatures (a length, a brace)
     * are a byte or two that raw floats show by chance (a raw file starting with '{' is 1 in 256).
     */
    public static Format detectGivenShape(Path path) {
        return detect(path) == Format.NPY ? Format.NPY : Format.UNKNOWN;
    }

    /**
     * Reads a tensor, choosing the reader by content; with a shape and no tensor name, a file is raw unless it
     * is a {@code .npy} ({@link #detectGivenShape}). Every argument given must be consistent with
     * the file; an argument that does not apply is an error rather than silently ignored.
     *
     * @param path the file
     * @param tensorNameOrNull the tensor to read from a safetensors file; may be {@code null} when
     *     the file holds exactly one tensor; must be {@code null} for {@code .npy} and raw files
     * @param shapeOrNull for raw files, the shape (required); for the other formats, if given,
     *     the shape the tensor must have
     * @param rawDtypeOrNull for raw files, the dtype ({@code null} means float32); for the other
     *     formats, if given, the dtype the tensor must have
     * @return the tensor
     * @throws InputException if the file cannot be read or recognised, or an argument does not
     *     match it
     */
    public static LoadedTensor read(Path path, String tensorNameOrNull, long[] shapeOrNull, Dtype rawDtypeOrNull) {
        LoadedTensor t = switch (shapeOrNull != null && tensorNameOrNull == null ? detectGivenShape(path) : detect(path)) {
            case NPY -> {
                if (tensorNameOrNull != null) {
                    throw InputException.at(path, "a .npy file holds one unnamed array; a tensor name ('"
                            + tensorNameOrNull + "') does not apply");
                }
                yield Npy.read(path);
            }
            case SAFETENSORS -> named(path, tensorNameOrNull, () -> Safetensors.names(path), "safetensors file holds",
                    "tensors", Safetensors::read);
            case TFJS -> named(path, tensorNameOrNull, () -> TfjsWeights.names(path), "TensorFlow.js manifest lists",
                    "weights", TfjsWeights::read);
            case UNKNOWN -> {
                if (shapeOrNull == null) {
                    throw InputException.at(path, unknownFormat(path));
                }
                if (tensorNameOrNull != null) {
                    throw InputException.at(path, "raw float files hold one unnamed array; a tensor name ('"
                            + tensorNameOrNull + "') does not apply");
                }
                yield RawFloats.read(path, shapeOrNull, rawDtypeOrNull == null ? Dtype.FLOAT32 : rawDtypeOrNull);
            }
        };
        if (shapeOrNull != null && !Arrays.equals(shapeOrNull, t.shape())) {
            throw InputException.at(path, "tensor '" + t.name() + "' has shape " + Shapes.format(t.shape())
                    + " but shape " + Shapes.format(shapeOrNull) + " was given");
        }
        if (rawDtypeOrNull != null && rawDtypeOrNull != t.dtype()) {
            throw InputException.at(path, "tensor '" + t.name() + "' has dtype " + t.dtype()
                    + " but dtype " + rawDtypeOrNull + " was given");
        }
        return t;
    }
}
