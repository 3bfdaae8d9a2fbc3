package dev.initlab.io;

import static dev.initlab.io.IoTestSupport.assertInput;
import static dev.initlab.io.IoTestSupport.f32le;
import static dev.initlab.io.IoTestSupport.safetensors;
import static dev.initlab.io.IoTestSupport.write;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.initlab.tensor.Dtype;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class TensorFilesTest {
    @TempDir
    Path dir;

    private Path npy;
    private Path single;
    private Path multi;
    private Path raw;

    @BeforeEach
    void files() {
        // extensions deliberately misleading: detection is by content
        npy = dir.resolve("a.bin");
        Npy.writeFloat32(npy, new long[] {2}, new float[] {1, 2});
        single = dir.resolve("b.npy");
        Safetensors.write(single, List.of(LoadedTensor.ofDoubles("only", new long[] {1}, new double[] {3})));
        multi = dir.resolve("c.safetensors");
        Safetensors.write(multi, List.of(LoadedTensor.ofFloats("p", new long[] {1}, new float[] {4}),
                LoadedTensor.ofFloats("q", new long[] {2}, new float[] {5, 6})));
        raw = dir.resolve("d.safetensors");
        RawFloats.writeFloat32(raw, new float[] {7, 8, 9});
    }

    @Test
    void detectsByContent() {
        assertEquals(TensorFiles.Format.NPY, TensorFiles.detect(npy));
        assertEquals(TensorFiles.Format.SAFETENSORS, TensorFiles.detect(single));
        assertEquals(TensorFiles.Format.SAFETENSORS, TensorFiles.detect(multi));
        assertEquals(TensorFiles.Format.UNKNOWN, TensorFiles.detect(raw));
        assertEquals(TensorFiles.Format.UNKNOWN, TensorFiles.detect(write(dir.resolve("e"), new byte[0])));
        // a header length that points past the end of the file is not a plausible safetensors file
        byte[] lying = safetensors("{}", new byte[0]);
        lying[0] = 3;
        assertEquals(TensorFiles.Format.UNKNOWN, TensorFiles.detect(write(dir.resolve("l"), lying)));
    }

    @Test
    void readsEachFormat() {
        assertArrayEquals(new double[] {1, 2}, TensorFiles.read(npy, null, null, null).values());
        assertArrayEquals(new double[] {1, 2}, TensorFiles.read(npy, null, new long[] {2}, Dtype.FLOAT32).values());
        assertEquals("only", TensorFiles.read(single, null, null, null).name());
        assertArrayEquals(new double[] {5, 6}, TensorFiles.read(multi, "q", null, null).values());
        LoadedTensor r = TensorFiles.read(raw, null, new long[] {3}, null);
        assertEquals(LoadedTensor.ofFloats("d", new long[] {3}, new float[] {7, 8, 9}), r);
        Path d64 = dir.resolve("d64.raw");
        RawFloats.writeFloat64(d64, new double[] {0.1});
        assertArrayEquals(new double[] {0.1}, TensorFiles.read(d64, null, new long[] {1}, Dtype.FLOAT64).values());
    }

    @Test
    void unknownFormatWithoutShape() {
        Path x = write(dir.resolve("x.bin"), f32le(1, 2, 3));
        assertInput(x, () -> TensorFiles.read(x, null, null, null),
                "x.bin: not .npy, safetensors or a TensorFlow.js model.json; give shape (and dtype) to read raw floats");
    }

    @Test
    void argumentsMustMatchTheFile() {
        assertInput(npy, () -> TensorFiles.read(npy, "w", null, null), "a tensor name ('w') does not apply");
        assertInput(raw, () -> TensorFiles.read(raw, "w", new long[] {3}, null), "a tensor name ('w') does not apply");
        assertInput(npy, () -> TensorFiles.read(npy, null, new long[] {1, 2}, null),
                "has shape (2,) but shape (1, 2) was given");
        assertInput(npy, () -> TensorFiles.read(npy, null, null, Dtype.FLOAT64), "has dtype float32 but dtype float64 was given");
        assertInput(multi, () -> TensorFiles.read(multi, null, null, null),
                "safetensors file holds 2 tensors; give a tensor name (available: p, q)");
        assertInput(multi, () -> TensorFiles.read(multi, "r", null, null), "no tensor named 'r'; available: p, q");
        assertInput(raw, () -> TensorFiles.read(raw, null, new long[] {4}, null), "size mismatch");
    }

    @Test
    void missingFile() {
        Path f = dir.resolve("nothing");
        assertInput(f, () -> TensorFiles.read(f, null, new long[] {1}, null), "cannot read: no such file");
    }
}
