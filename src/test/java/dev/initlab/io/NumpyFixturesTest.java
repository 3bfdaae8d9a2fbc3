package dev.initlab.io;

import static dev.initlab.io.IoTestSupport.assertInput;
import static dev.initlab.io.IoTestSupport.fixture;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.initlab.tensor.Dtype;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Files written by real NumPy ({@code numpy.save}) and a hand-assembled safetensors file, generated
 * by {@code src/test/resources/io/make_fixtures.py}; see the README there.
 */
class NumpyFixturesTest {
    private static final long[] SHAPE = {2, 3};
    private static final double[] BASE = {0.5, -1.25, 3.0, 1024.0, -0.0, 0.15625};

    @TempDir
    Path dir;

    private static void assertTensor(String file, String dtype, long[] shape, double[] values) {
        LoadedTensor t = Npy.read(fixture(file));
        assertEquals(dtype, t.dtype().label(), file);
        assertArrayEquals(shape, t.shape(), file);
        assertArrayEquals(values, t.values(), file);
        assertEquals(file.substring(0, file.length() - 4), t.name());
    }

    @Test
    void cOrderEveryFloatDtype() {
        assertTensor("c_f2.npy", "float16", SHAPE, BASE);
        assertTensor("c_f4.npy", "float32", SHAPE, BASE);
        assertTensor("c_f8.npy", "float64", SHAPE, BASE);
    }

    @Test
    void bigEndian() {
        assertTensor("big_endian_f4.npy", "float32", SHAPE, BASE);
        assertTensor("big_endian_f8.npy", "float64", SHAPE, BASE);
    }

    @Test
    void fortranOrder() {
        assertTensor("fortran_f4.npy", "float32", SHAPE, BASE);
        double[] expected = new double[24];
        int k = 0;
        for (int i = 0; i < 2; i++) {
            for (int j = 0; j < 3; j++) {
                for (int l = 0; l < 4; l++) {
                    expected[k++] = 100 * i + 10 * j + l;
                }
            }
        }
        assertTensor("fortran3d_f8.npy", "float64", new long[] {2, 3, 4}, expected);
    }

    @Test
    void scalarVectorSpecials() {
        assertTensor("scalar_f8.npy", "float64", new long[0], new double[] {2.5});
        assertTensor("vector_f4.npy", "float32", new long[] {5}, new double[] {0, 0.25, 0.5, 0.75, 1});
        assertTensor("special_f4.npy", "float32", new long[] {4},
                new double[] {Double.NaN, Double.POSITIVE_INFINITY, Double.NEGATIVE_INFINITY, Float.MIN_VALUE});
    }

    @Test
    void integerArrayIsRejected() {
        Path f = fixture("int32.npy");
        assertInput(f, () -> Npy.read(f), "unsupported dtype '<i4'");
    }

    /** The writer reproduces numpy.save byte for byte, so NumPy reads what Java writes. */
    @Test
    void writerIsByteIdenticalToNumpySave() throws IOException {
        float[] f = new float[BASE.length];
        for (int i = 0; i < f.length; i++) {
            f[i] = (float) BASE[i];
        }
        Path a = dir.resolve("a.npy");
        Npy.writeFloat32(a, SHAPE, f);
        assertArrayEquals(Files.readAllBytes(fixture("c_f4.npy")), Files.readAllBytes(a));
        Npy.writeFloat64(a, SHAPE, BASE);
        assertArrayEquals(Files.readAllBytes(fixture("c_f8.npy")), Files.readAllBytes(a));
        Npy.writeFloat64(a, new long[0], new double[] {2.5});
        assertArrayEquals(Files.readAllBytes(fixture("scalar_f8.npy")), Files.readAllBytes(a));
        Npy.writeFloat32(a, new long[] {5}, new float[] {0, 0.25f, 0.5f, 0.75f, 1});
        assertArrayEquals(Files.readAllBytes(fixture("vector_f4.npy")), Files.readAllBytes(a));
    }

    @Test
    void handAssembledSafetensors() {
        Path f = fixture("mixed.safetensors");
        assertEquals(TensorFiles.Format.SAFETENSORS, TensorFiles.detect(f));
        assertEquals(List.of("w16", "wbf16", "w32", "w64", "idx"), Safetensors.names(f));
        assertEquals(Map.of("format", "pt", "made_by", "make_fixtures.py"), Safetensors.metadata(f));
        assertEquals(new LoadedTensor("w16", SHAPE, Dtype.FLOAT16, BASE), Safetensors.read(f, "w16"));
        assertEquals(new LoadedTensor("wbf16", SHAPE, Dtype.BFLOAT16, BASE), Safetensors.read(f, "wbf16"));
        assertEquals(new LoadedTensor("w32", new long[] {3}, Dtype.FLOAT32, new double[] {1.5, -2, 0.1f}),
                Safetensors.read(f, "w32"));
        assertEquals(new LoadedTensor("w64", new long[0], Dtype.FLOAT64, new double[] {0.1}), Safetensors.read(f, "w64"));
        assertInput(f, () -> Safetensors.read(f, "idx"), "tensor 'idx': unsupported dtype 'I32'");
        assertInput(f, () -> Safetensors.readAll(f), "unsupported dtype 'I32'");
    }

    @Test
    void detectionOnNumpyFiles() {
        for (String name : List.of("c_f2.npy", "fortran3d_f8.npy", "scalar_f8.npy")) {
            assertEquals(TensorFiles.Format.NPY, TensorFiles.detect(fixture(name)), name);
        }
        assertArrayEquals(BASE, TensorFiles.read(fixture("big_endian_f8.npy"), null, SHAPE, Dtype.FLOAT64).values());
    }
}
