package dev.initlab.io;

import static dev.initlab.io.IoTestSupport.assertInput;
import static dev.initlab.io.IoTestSupport.listing;
import static dev.initlab.io.IoTestSupport.u16;
import static dev.initlab.io.IoTestSupport.write;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.initlab.tensor.Dtype;
import java.io.IOException;
import java.nio.ByteOrder;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class RawFloatsTest {
    @TempDir
    Path dir;

    @Test
    void float32RoundTrip() throws IOException {
        float[] v = {1, -0.5f, Float.MAX_VALUE, Float.NaN, 0.1f, -0f};
        Path f = dir.resolve("w.f32");
        RawFloats.writeFloat32(f, v);
        assertEquals(24, Files.size(f));
        LoadedTensor t = RawFloats.read(f, new long[] {2, 3});
        assertEquals(LoadedTensor.ofFloats("w", new long[] {2, 3}, v), t);
        assertEquals(0x3f800000, Integer.reverseBytes(java.nio.ByteBuffer.wrap(Files.readAllBytes(f)).getInt(0)),
                "little-endian on disk");
    }

    @Test
    void float64RoundTripScalarAndEmpty() {
        Path f = dir.resolve("d.bin");
        RawFloats.writeFloat64(f, new double[] {Math.PI});
        assertEquals(LoadedTensor.ofDoubles("d", new long[0], new double[] {Math.PI}), RawFloats.read(f, new long[0], Dtype.FLOAT64));
        RawFloats.writeFloat64(f, new double[0]);
        assertEquals(0, RawFloats.read(f, new long[] {0}, Dtype.FLOAT64).count());
    }

    @Test
    void halfAndBfloat16() {
        Path f = write(dir.resolve("h.raw"), u16(ByteOrder.LITTLE_ENDIAN, 0x3c00, 0x4000));
        assertArrayEquals(new double[] {1, 2}, RawFloats.read(f, new long[] {2}, Dtype.FLOAT16).values());
        // bfloat16 0x3c00 is float32 0x3c000000 = 2^-7
        assertArrayEquals(new double[] {0.0078125, 2}, RawFloats.read(f, new long[] {2}, Dtype.BFLOAT16).values());
    }

    @Test
    void sizeMismatchSaysWhichWay() {
        Path f = write(dir.resolve("x.bin"), new byte[20]);
        assertInput(f, () -> RawFloats.read(f, new long[] {2, 3}),
                "x.bin: size mismatch: shape (2, 3) of float32 needs 24 bytes but the file has 20 (4 bytes short)");
        assertInput(f, () -> RawFloats.read(f, new long[] {2}, Dtype.FLOAT64), "needs 16 bytes but the file has 20 (4 bytes too many)");
        assertInput(f, () -> RawFloats.read(f, new long[] {3}, Dtype.FLOAT64), "(4 bytes short)");
    }

    @Test
    void badArguments() {
        Path f = write(dir.resolve("x.bin"), new byte[4]);
        assertInput(f, () -> RawFloats.read(f, new long[] {1}, Dtype.INT32), "unsupported raw dtype 'int32'");
        assertInput(f, () -> RawFloats.read(f, new long[] {-1}), "shape (-1,) has a negative dimension");
        assertInput(f, () -> RawFloats.read(f, new long[] {1L << 31}), "more than a Java array holds");
        Path none = dir.resolve("none.bin");
        assertInput(none, () -> RawFloats.read(none, new long[] {1}), "cannot read: no such file");
    }

    @Test
    void writeToMissingDirectoryLeavesNothing() {
        Path f = dir.resolve("gone/x.bin");
        assertInput(f, () -> RawFloats.writeFloat32(f, new float[] {1}), "cannot write", "directory does not exist");
        assertEquals(List.of(), listing(dir).toList());
    }
}
