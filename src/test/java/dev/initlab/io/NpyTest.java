package dev.initlab.io;

import static dev.initlab.io.IoTestSupport.assertInput;
import static dev.initlab.io.IoTestSupport.concat;
import static dev.initlab.io.IoTestSupport.dict;
import static dev.initlab.io.IoTestSupport.f32le;
import static dev.initlab.io.IoTestSupport.f64;
import static dev.initlab.io.IoTestSupport.listing;
import static dev.initlab.io.IoTestSupport.npy;
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
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class NpyTest {
    @TempDir
    Path dir;

    // ---- round trips

    @Test
    void float32RoundTrip() {
        SplittableRandom r = new SplittableRandom(1);
        float[] v = new float[2 * 3 * 5];
        for (int i = 0; i < v.length; i++) {
            v[i] = (float) r.nextGaussian();
        }
        v[0] = Float.NaN;
        v[1] = Float.NEGATIVE_INFINITY;
        v[2] = Float.MIN_VALUE;
        v[3] = -0.0f;
        Path f = dir.resolve("w.npy");
        Npy.writeFloat32(f, new long[] {2, 3, 5}, v);
        LoadedTensor t = Npy.read(f);
        assertEquals("w", t.name());
        assertEquals(Dtype.FLOAT32, t.dtype());
        assertArrayEquals(new long[] {2, 3, 5}, t.shape());
        for (int i = 0; i < v.length; i++) {
            assertEquals(Float.floatToRawIntBits(v[i]), Float.floatToRawIntBits((float) t.values()[i]), "index " + i);
        }
    }

    @Test
    void float64RoundTripScalarVectorEmpty() {
        double[] v = {Math.PI, -Double.MIN_VALUE, Double.MAX_VALUE, Double.POSITIVE_INFINITY, 0.1};
        for (long[] shape : List.of(new long[] {5}, new long[] {5, 1}, new long[] {1, 5, 1})) {
            Path f = dir.resolve("v.npy");
            Npy.writeFloat64(f, shape, v);
            LoadedTensor t = Npy.read(f);
            assertArrayEquals(shape, t.shape());
            assertArrayEquals(v, t.values());
            assertEquals(Dtype.FLOAT64, t.dtype());
        }
        Path s = dir.resolve("s.npy");
        Npy.writeFloat64(s, new long[0], new double[] {-2.5});
        assertEquals(LoadedTensor.ofDoubles("s", new long[0], new double[] {-2.5}), Npy.read(s));
        Path e = dir.resolve("e.npy");
        Npy.writeFloat32(e, new long[] {0, 4}, new float[0]);
        assertEquals(LoadedTensor.ofFloats("e", new long[] {0, 4}, new float[0]), Npy.read(e));
    }

    @Test
    void largeArraysSpanSeveralReadChunks() {
        // 700 x 500 float64 = 2.8 MB, more than the 1 MiB decoding chunk, in both memory orders
        int rows = 700, cols = 500;
        double[] c = new double[rows * cols];
        for (int i = 0; i < c.length; i++) {
            c[i] = i * 0.5 - 3;
        }
        Path f = dir.resolve("big.npy");
        Npy.writeFloat64(f, new long[] {rows, cols}, c);
        assertArrayEquals(c, Npy.read(f).values());
        double[] fortran = new double[c.length];
        for (int j = 0; j < cols; j++) {
            for (int i = 0; i < rows; i++) {
                fortran[j * rows + i] = c[i * cols + j];
            }
        }
        Path g = write(dir.resolve("bigf.npy"), npy(1, dict("<f8", true, "(700, 500)"),
                f64(ByteOrder.LITTLE_ENDIAN, fortran)));
        assertArrayEquals(c, Npy.read(g).values());
    }

    @Test
    void headerIsAlignedLikeNumpy() throws IOException {
        for (int rank = 0; rank < 40; rank++) {
            long[] shape = new long[rank];
            java.util.Arrays.fill(shape, 1);
            Path f = dir.resolve("a.npy");
            Npy.writeFloat32(f, shape, new float[] {7});
            byte[] b = Files.readAllBytes(f);
            int hlen = (b[8] & 0xff) | (b[9] & 0xff) << 8;
            assertEquals(0, (10 + hlen) % 64, "rank " + rank);
            assertEquals('\n', b[10 + hlen - 1]);
            assertEquals(10 + hlen + 4, b.length);
            assertEquals(7.0, Npy.read(f).values()[0]);
        }
    }

    @Test
    void writeTensorChoosesDtypeAndRejectsInexactFloat32() {
        Path f = dir.resolve("t.npy");
        Npy.write(f, LoadedTensor.ofFloats("x", new long[] {2}, new float[] {1.5f, 0.1f}));
        assertEquals(Dtype.FLOAT32, Npy.read(f).dtype());
        Npy.write(f, LoadedTensor.ofDoubles("x", new long[] {2}, new double[] {1.5, 0.1}));
        assertEquals(Dtype.FLOAT64, Npy.read(f).dtype());
        assertInput(f, () -> Npy.write(f, new LoadedTensor("x", new long[] {2}, Dtype.FLOAT32, new double[] {1, 0.1})),
                "cannot write", "value 0.1 at index 1 is not exactly a float32");
        assertInput(f, () -> Npy.write(f, new LoadedTensor("x", new long[] {1}, Dtype.FLOAT16, new double[] {1})),
                "dtype float16; only float32 and float64 can be written");
    }

    @Test
    void writeRejectsShapeMismatchAndMissingDirectory() {
        Path f = dir.resolve("m.npy");
        assertInput(f, () -> Npy.writeFloat32(f, new long[] {2, 3}, new float[5]),
                "shape (2, 3) has 6 elements but 5 values were given");
        assertInput(f, () -> Npy.writeFloat64(f, new long[] {-1}, new double[0]), "shape (-1,) is invalid");
        Path missing = dir.resolve("out/x.npy");
        assertInput(missing, () -> Npy.writeFloat32(missing, new long[] {1}, new float[] {1}),
                "cannot write " + missing, "directory does not exist");
        assertEquals(List.of(), listing(dir).toList());
    }

    // ---- formats NumPy writes that the writer does not produce

    @Test
    void fortranOrderIsTransposed() {
        // shape (2, 3), C values 0..5 stored column-major: 0 3 1 4 2 5
        Path f = write(dir.resolve("f.npy"), npy(1, dict("<f4", true, "(2, 3)"), f32le(0, 3, 1, 4, 2, 5)));
        assertArrayEquals(new double[] {0, 1, 2, 3, 4, 5}, Npy.read(f).values());
        // 1-D and scalar Fortran arrays are the same as C
        Path g = write(dir.resolve("g.npy"), npy(1, dict("<f4", true, "(3,)"), f32le(1, 2, 3)));
        assertArrayEquals(new double[] {1, 2, 3}, Npy.read(g).values());
    }

    @Test
    void fortranOrderRank3() {
        int d0 = 2, d1 = 3, d2 = 4;
        double[] stored = new double[d0 * d1 * d2];
        int k = 0;
        for (int c = 0; c < d2; c++) {
            for (int b = 0; b < d1; b++) {
                for (int a = 0; a < d0; a++) {
                    stored[k++] = 100 * a + 10 * b + c;
                }
            }
        }
        Path f = write(dir.resolve("f3.npy"), npy(1, dict("<f8", true, "(2, 3, 4)"), f64(ByteOrder.LITTLE_ENDIAN, stored)));
        double[] v = Npy.read(f).values();
        k = 0;
        for (int a = 0; a < d0; a++) {
            for (int b = 0; b < d1; b++) {
                for (int c = 0; c < d2; c++) {
                    assertEquals(100 * a + 10 * b + c, v[k++]);
                }
            }
        }
    }

    @Test
    void bigEndianAndHalf() {
        Path f = write(dir.resolve("be.npy"), npy(1, dict(">f8", false, "(2,)"), f64(ByteOrder.BIG_ENDIAN, 1.25, -3)));
        assertArrayEquals(new double[] {1.25, -3}, Npy.read(f).values());
        // float16: 1.0 = 0x3c00, -2.0 = 0xc000, 65504 = 0x7bff, smallest subnormal = 0x0001, inf = 0x7c00
        double[] half = {1, -2, 65504, Math.scalb(1.0, -24), Double.POSITIVE_INFINITY};
        Path le = write(dir.resolve("h.npy"), npy(1, dict("<f2", false, "(5,)"),
                u16(ByteOrder.LITTLE_ENDIAN, 0x3c00, 0xc000, 0x7bff, 0x0001, 0x7c00)));
        LoadedTensor t = Npy.read(le);
        assertEquals(Dtype.FLOAT16, t.dtype());
        assertArrayEquals(half, t.values());
        Path be = write(dir.resolve("hb.npy"), npy(1, dict(">f2", false, "(5,)"),
                u16(ByteOrder.BIG_ENDIAN, 0x3c00, 0xc000, 0x7bff, 0x0001, 0x7c00)));
        assertArrayEquals(half, Npy.read(be).values());
    }

    @Test
    void nativeOrderMarkers() {
        ByteOrder n = ByteOrder.nativeOrder();
        for (String descr : List.of("=f8", "|f8")) {
            Path f = write(dir.resolve("n.npy"), npy(1, dict(descr, false, "(1,)"), f64(n, 6.5)));
            assertArrayEquals(new double[] {6.5}, Npy.read(f).values(), descr);
        }
    }

    @Test
    void versions2And3AndPython2Longs() {
        Path v2 = write(dir.resolve("v2.npy"), npy(2, dict("<f4", false, "(1,)"), f32le(3)));
        assertArrayEquals(new double[] {3}, Npy.read(v2).values());
        Path v3 = write(dir.resolve("v3.npy"), npy(3, "{'descr': '<f4', 'fortran_order': False, 'shape': (1,), 'é': 1}",
                f32le(3)));
        assertInput(v3, () -> Npy.read(v3), "keys are [descr, fortran_order, shape, é]");
        Path v3ok = write(dir.resolve("v3ok.npy"), npy(3, dict("<f4", false, "(1,)"), f32le(4)));
        assertArrayEquals(new double[] {4}, Npy.read(v3ok).values());
        // a version 3.0 header that ends inside a two-byte UTF-8 sequence: lengthen it by the lone lead byte
        byte[] b = npy(3, "{'descr'", new byte[0]);
        b[8]++;
        Path utf = write(dir.resolve("v3utf.npy"), concat(b, new byte[] {(byte) 0xc3}));
        assertInput(utf, () -> Npy.read(utf), "malformed header: not valid UTF-8");
        Path py2 = write(dir.resolve("py2.npy"), npy(1, "{'descr': '<f4', 'fortran_order': False, 'shape': (2L,), }",
                f32le(1, 2)));
        assertArrayEquals(new long[] {2}, Npy.read(py2).shape());
    }

    // ---- hardening

    @Test
    void truncatedData() {
        Path f = write(dir.resolve("x.npy"), npy(1, dict("<f4", false, "(1000,)"), new byte[3996]));
        assertInput(f, () -> Npy.read(f),
                "x.npy: truncated: header declares 1000 float32 values (4000 bytes) but only 3996 data bytes follow");
    }

    @Test
    void trailingData() {
        Path f = write(dir.resolve("t.npy"), npy(1, dict("<f8", false, "(2,)"), new byte[17]));
        assertInput(f, () -> Npy.read(f), "trailing data", "16 bytes", "17 data bytes follow (1 extra)");
    }

    @Test
    void badMagicVersionAndShortFiles() {
        byte[] good = npy(1, dict("<f4", false, "(1,)"), f32le(1));
        byte[] magic = good.clone();
        magic[1] = 'n';
        Path m = write(dir.resolve("m.npy"), magic);
        assertInput(m, () -> Npy.read(m), "not a .npy file: bad magic");
        byte[] version = good.clone();
        version[6] = 4;
        Path v = write(dir.resolve("v.npy"), version);
        assertInput(v, () -> Npy.read(v), "unsupported .npy format version 4.0");
        byte[] minor = good.clone();
        minor[7] = 1;
        Path vm = write(dir.resolve("vm.npy"), minor);
        assertInput(vm, () -> Npy.read(vm), "unsupported .npy format version 1.1");
        Path s = write(dir.resolve("s.npy"), new byte[] {(byte) 0x93, 'N', 'U'});
        assertInput(s, () -> Npy.read(s), "only 3 bytes");
        Path e = write(dir.resolve("e.npy"), new byte[0]);
        assertInput(e, () -> Npy.read(e), "only 0 bytes");
        Path v2 = write(dir.resolve("v2short.npy"), java.util.Arrays.copyOf(npy(2, "{}", new byte[0]), 11));
        assertInput(v2, () -> Npy.read(v2), "truncated", "12-byte prelude");
    }

    @Test
    void headerTooLargeOrBeyondTheFile() {
        byte[] huge = npy(2, "{}", new byte[0]);
        java.nio.ByteBuffer.wrap(huge).order(ByteOrder.LITTLE_ENDIAN).putInt(8, (1 << 20) + 1);
        Path h = write(dir.resolve("h.npy"), huge);
        assertInput(h, () -> Npy.read(h), "header too large: 1048577 bytes (limit 1048576)");
        byte[] neg = npy(2, "{}", new byte[0]);
        java.nio.ByteBuffer.wrap(neg).order(ByteOrder.LITTLE_ENDIAN).putInt(8, -1);
        Path n = write(dir.resolve("n.npy"), neg);
        assertInput(n, () -> Npy.read(n), "header too large: 4294967295 bytes");
        byte[] beyond = npy(1, "{}", new byte[0]);
        beyond[8] = 100;
        Path b = write(dir.resolve("b.npy"), beyond);
        assertInput(b, () -> Npy.read(b), "truncated: header length 100 exceeds the 2 bytes after the prelude");
        // a large but legal header (above numpy's default 10000) is accepted
        String big = dict("<f4", false, "(1,)").replace("}", "}" + " ".repeat(20_000));
        Path ok = write(dir.resolve("ok.npy"), npy(2, big, f32le(9)));
        assertArrayEquals(new double[] {9}, Npy.read(ok).values());
    }

    @Test
    void unsupportedDtypes() {
        for (String descr : List.of("<i4", "|O", "<c8", "|b1", "<f16", "<V2", "f4", "<F4", "")) {
            Path f = write(dir.resolve("d.npy"), npy(1, dict(descr, false, "(1,)"), new byte[8]));
            assertInput(f, () -> Npy.read(f), "unsupported dtype '" + descr + "'", "supported: <f2, <f4, <f8");
        }
        Path s = write(dir.resolve("st.npy"), npy(1,
                "{'descr': [('a', '<f4'), ('b', '<i4')], 'fortran_order': False, 'shape': (1,), }", new byte[8]));
        assertInput(s, () -> Npy.read(s), "unsupported dtype: structured arrays are not supported");
    }

    @Test
    void malformedHeaders() {
        record Case(String header, String fragment) {
        }
        for (Case c : List.of(
                new Case("{'descr': '<f4', 'shape': (1,), }", "keys are [descr, shape] but must be exactly"),
                new Case("{'descr': '<f4', 'fortran_order': False, 'shape': (1,), 'x': 1}", "keys are"),
                new Case("['descr']", "not a dict"),
                new Case("{'descr': '<f4', 'fortran_order': 0, 'shape': (1,), }", "'fortran_order' must be True or False"),
                new Case("{'descr': '<f4', 'fortran_order': False, 'shape': [1], }", "'shape' must be a tuple"),
                new Case("{'descr': '<f4', 'fortran_order': False, 'shape': (1), }", "'shape' must be a tuple"),
                new Case("{'descr': '<f4', 'fortran_order': False, 'shape': ('1',), }", "'shape' must be a tuple"),
                new Case("{'descr': '<f4', 'fortran_order': False, 'shape': (1.0,), }", "malformed header: unexpected '.'"),
                new Case("{'descr': '<f4', 'fortran_order': False, 'shape': (1,), ", "malformed header: unexpected end of header"),
                new Case("{'descr': '<f4', 'fortran_order': False, 'shape': (1,), }{}", "after the literal"),
                new Case("{'descr': '<f4' 'fortran_order': False}", "expected ',' or '}'"),
                new Case("\"descr\"", "not a dict"))) {
            Path f = write(dir.resolve("bad.npy"), npy(1, c.header, new byte[4]));
            assertInput(f, () -> Npy.read(f), c.fragment);
        }
    }

    @Test
    void invalidShapes() {
        Path neg = write(dir.resolve("neg.npy"), npy(1, dict("<f4", false, "(2, -1)"), new byte[0]));
        assertInput(neg, () -> Npy.read(neg), "negative dimension -1 at axis 1");
        Path big = write(dir.resolve("big.npy"), npy(1, dict("<f4", false, "(99999999999999999999,)"), new byte[0]));
        assertInput(big, () -> Npy.read(big), "dimension 99999999999999999999 at axis 0 is too large");
        Path ovf = write(dir.resolve("ovf.npy"), npy(1, dict("<f4", false, "(4294967296, 4294967296)"), new byte[0]));
        assertInput(ovf, () -> Npy.read(ovf), "shape (4294967296, 4294967296) is too large", "overflows 64 bits");
        Path arr = write(dir.resolve("arr.npy"), npy(1, dict("<f4", false, "(65536, 65536)"), new byte[0]));
        assertInput(arr, () -> Npy.read(arr), "4294967296 elements, more than a Java array holds");
        // a zero dimension makes any other dimension harmless
        Path zero = write(dir.resolve("zero.npy"), npy(1, dict("<f4", false, "(0, 4294967296, 4294967296)"), new byte[0]));
        assertEquals(0, Npy.read(zero).count());
    }

    @Test
    void hugeDeclaredShapeOnATinyFileIsTruncationNotOutOfMemory() {
        Path f = write(dir.resolve("lie.npy"), npy(1, dict("<f8", false, "(268435455,)"), new byte[8]));
        assertInput(f, () -> Npy.read(f), "truncated", "2147483640 bytes", "only 8 data bytes");
    }

    @Test
    void missingFileAndDirectory() throws IOException {
        Path f = dir.resolve("nope.npy");
        assertInput(f, () -> Npy.read(f), "cannot read: no such file");
        Path d = Files.createDirectory(dir.resolve("d.npy"));
        assertInput(d, () -> Npy.read(d), "is a directory");
    }
}
