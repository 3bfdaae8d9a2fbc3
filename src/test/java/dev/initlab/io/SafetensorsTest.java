package dev.initlab.io;

import static dev.initlab.io.IoTestSupport.assertInput;
import static dev.initlab.io.IoTestSupport.concat;
import static dev.initlab.io.IoTestSupport.f32le;
import static dev.initlab.io.IoTestSupport.f64;
import static dev.initlab.io.IoTestSupport.listing;
import static dev.initlab.io.IoTestSupport.safetensors;
import static dev.initlab.io.IoTestSupport.u16;
import static dev.initlab.io.IoTestSupport.write;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.initlab.tensor.Dtype;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class SafetensorsTest {
    private static final ByteOrder LE = ByteOrder.LITTLE_ENDIAN;

    @TempDir
    Path dir;

    private Path file(String json, byte[] data) {
        return write(dir.resolve("m.safetensors"), safetensors(json, data));
    }

    private static String one(String dtype, String shape, long begin, long end) {
        return "{\"t\":{\"dtype\":\"" + dtype + "\",\"shape\":" + shape + ",\"data_offsets\":[" + begin + "," + end + "]}}";
    }

    // ---- round trips

    @Test
    void roundTripFloat32AndFloat64WithMetadata() throws IOException {
        LoadedTensor a = LoadedTensor.ofFloats("layer.weight", new long[] {2, 3}, new float[] {1, -2, 3.5f, 0.1f, Float.NaN, -0f});
        LoadedTensor b = LoadedTensor.ofDoubles("bias", new long[] {3}, new double[] {0.1, Math.E, -Double.MAX_VALUE});
        LoadedTensor s = LoadedTensor.ofDoubles("scale", new long[0], new double[] {7});
        LoadedTensor e = LoadedTensor.ofFloats("empty", new long[] {0, 2}, new float[0]);
        Path f = dir.resolve("w.safetensors");
        Safetensors.write(f, List.of(a, b, s, e), Map.of("format", "pt"));
        assertEquals(List.of("layer.weight", "bias", "scale", "empty"), Safetensors.names(f));
        assertEquals(Map.of("format", "pt"), Safetensors.metadata(f));
        assertEquals(List.of(a, b, s, e), Safetensors.readAll(f));
        assertEquals(b, Safetensors.read(f, "bias"));
        long n = ByteBuffer.wrap(Files.readAllBytes(f), 0, 8).order(LE).getLong();
        assertEquals(0, n % 8, "header padded to 8 bytes");
        Safetensors.write(f, List.of());
        assertEquals(List.of(), Safetensors.names(f));
        assertEquals(Map.of(), Safetensors.metadata(f));
    }

    @Test
    void readsHalfAndBfloat16() {
        // F16 [1, -2, 2^-24, inf] then BF16 [1, -2, 2^-133 (subnormal), NaN]
        String json = "{\"h\":{\"dtype\":\"F16\",\"shape\":[4],\"data_offsets\":[0,8]},"
                + "\"b\":{\"dtype\":\"BF16\",\"shape\":[2,2],\"data_offsets\":[8,16]}}";
        Path f = file(json, concat(u16(LE, 0x3c00, 0xc000, 0x0001, 0x7c00), u16(LE, 0x3f80, 0xc000, 0x0001, 0x7fc0)));
        LoadedTensor h = Safetensors.read(f, "h");
        assertEquals(Dtype.FLOAT16, h.dtype());
        assertArrayEquals(new double[] {1, -2, Math.scalb(1.0, -24), Double.POSITIVE_INFINITY}, h.values());
        LoadedTensor b = Safetensors.read(f, "b");
        assertEquals(Dtype.BFLOAT16, b.dtype());
        assertArrayEquals(new long[] {2, 2}, b.shape());
        assertArrayEquals(new double[] {1, -2, Math.scalb(1.0, -133), Double.NaN}, b.values());
    }

    @Test
    void writerRejects() {
        Path f = dir.resolve("w.safetensors");
        LoadedTensor a = LoadedTensor.ofDoubles("a", new long[] {1}, new double[] {1});
        assertInput(f, () -> Safetensors.write(f, List.of(a, a)), "tensor name 'a' is repeated");
        assertInput(f, () -> Safetensors.write(f, List.of(LoadedTensor.ofDoubles("__metadata__", new long[0], new double[1]))),
                "'__metadata__' is reserved");
        assertInput(f, () -> Safetensors.write(f, List.of(new LoadedTensor("h", new long[] {1}, Dtype.BFLOAT16, new double[1]))),
                "dtype bfloat16; only float32 and float64");
        assertInput(f, () -> Safetensors.write(f, List.of(new LoadedTensor("x", new long[] {1}, Dtype.FLOAT32, new double[] {0.1}))),
                "not exactly a float32");
        Path missing = dir.resolve("no/w.safetensors");
        assertInput(missing, () -> Safetensors.write(missing, List.of(a)), "directory does not exist");
        assertEquals(List.of(), listing(dir).toList());
    }

    // ---- hardening

    @Test
    void unknownNameListsAvailable() {
        String json = "{\"b\":{\"dtype\":\"F32\",\"shape\":[],\"data_offsets\":[0,4]},"
                + "\"a\":{\"dtype\":\"F32\",\"shape\":[1],\"data_offsets\":[4,8]}}";
        Path f = file(json, f32le(1, 2));
        assertInput(f, () -> Safetensors.read(f, "c"), "no tensor named 'c'; available: b, a");
        Path e = file("{}", new byte[0]);
        assertInput(e, () -> Safetensors.read(e, "c"), "available: none");
    }

    @Test
    void unsupportedDtype() {
        String json = "{\"i\":{\"dtype\":\"I32\",\"shape\":[2],\"data_offsets\":[0,8]},"
                + "\"f\":{\"dtype\":\"F32\",\"shape\":[1],\"data_offsets\":[8,12]},"
                + "\"q\":{\"dtype\":\"F4_NEW\",\"shape\":[3],\"data_offsets\":[12,14]}}";
        Path f = file(json, new byte[14]);
        assertEquals(List.of("i", "f", "q"), Safetensors.names(f));
        assertArrayEquals(new double[] {0}, Safetensors.read(f, "f").values());
        assertInput(f, () -> Safetensors.read(f, "i"), "tensor 'i': unsupported dtype 'I32' (supported: F16, BF16, F32, F64)");
        assertInput(f, () -> Safetensors.read(f, "q"), "unsupported dtype 'F4_NEW'");
        assertInput(f, () -> Safetensors.readAll(f), "unsupported dtype 'I32'");
    }

    @Test
    void headerLengthProblems() {
        Path tiny = write(dir.resolve("tiny.safetensors"), new byte[] {1, 2, 3});
        assertInput(tiny, () -> Safetensors.names(tiny), "only 3 bytes, shorter than the 8-byte header length");
        byte[] big = safetensors("{}", new byte[0]);
        ByteBuffer.wrap(big).order(LE).putLong(0, 100_000_001L);
        Path b = write(dir.resolve("big.safetensors"), big);
        assertInput(b, () -> Safetensors.names(b), "header too large: 100000001 bytes (limit 100000000)");
        ByteBuffer.wrap(big).order(LE).putLong(0, -1L);
        Path u = write(dir.resolve("u.safetensors"), big);
        assertInput(u, () -> Safetensors.names(u), "header too large: 18446744073709551615 bytes");
        ByteBuffer.wrap(big).order(LE).putLong(0, 50);
        Path t = write(dir.resolve("t.safetensors"), big);
        assertInput(t, () -> Safetensors.names(t), "truncated: header length 50 exceeds the 2 bytes after the length field");
    }

    @Test
    void invalidJson() {
        assertInput(dir.resolve("m.safetensors"), () -> Safetensors.names(file("{\"t\":", new byte[0])), "invalid header JSON");
        assertInput(dir.resolve("m.safetensors"), () -> Safetensors.names(file("{} {}", new byte[0])), "invalid header JSON");
        assertInput(dir.resolve("m.safetensors"), () -> Safetensors.names(file(" {}", new byte[0])), "does not start with '{'");
        assertInput(dir.resolve("m.safetensors"), () -> Safetensors.names(file("[]", new byte[0])), "does not start with '{'");
        assertInput(dir.resolve("m.safetensors"), () -> Safetensors.names(file("", new byte[0])), "does not start with '{'");
        Path dup = file("{\"t\":{},\"t\":{}}", new byte[0]);
        assertInput(dup, () -> Safetensors.names(dup), "invalid header JSON", "Duplicate field 't'");
        byte[] bad = safetensors("{\"x\":1}", new byte[0]);
        bad[10] = (byte) 0xff;
        Path utf = write(dir.resolve("utf.safetensors"), bad);
        assertInput(utf, () -> Safetensors.names(utf), "not valid UTF-8");
        // padding with spaces after the object is fine
        assertEquals(List.of(), Safetensors.names(file("{}      ", new byte[0])));
    }

    @Test
    void missingOrMistypedFields() {
        record Case(String json, String fragment) {
        }
        for (Case c : List.of(
                new Case("{\"t\":[]}", "tensor 't': entry is not a JSON object"),
                new Case("{\"t\":{\"shape\":[1],\"data_offsets\":[0,4]}}", "tensor 't': missing 'dtype'"),
                new Case("{\"t\":{\"dtype\":4,\"shape\":[1],\"data_offsets\":[0,4]}}", "non-string 'dtype'"),
                new Case("{\"t\":{\"dtype\":\"F32\",\"data_offsets\":[0,4]}}", "tensor 't': missing 'shape'"),
                new Case("{\"t\":{\"dtype\":\"F32\",\"shape\":[1]}}", "tensor 't': missing 'data_offsets'"),
                new Case("{\"t\":{\"dtype\":\"F32\",\"shape\":1,\"data_offsets\":[0,4]}}", "'shape' must be an array"),
                new Case("{\"t\":{\"dtype\":\"F32\",\"shape\":[1.5],\"data_offsets\":[0,4]}}", "'shape' must be an array"),
                new Case("{\"t\":{\"dtype\":\"F32\",\"shape\":[-1],\"data_offsets\":[0,4]}}", "non-negative integers"),
                new Case("{\"t\":{\"dtype\":\"F32\",\"shape\":[1],\"data_offsets\":[0]}}", "'data_offsets' must be an array of 2"),
                new Case("{\"t\":{\"dtype\":\"F32\",\"shape\":[1],\"data_offsets\":[-4,0]}}", "'data_offsets' must be an array"),
                new Case("{\"t\":{\"dtype\":\"F32\",\"shape\":[99999999999999999999],\"data_offsets\":[0,4]}}",
                        "'shape' value 99999999999999999999 is too large"),
                new Case("{\"__metadata__\":{\"a\":1}}", "__metadata__ value for 'a' is not a string"),
                new Case("{\"__metadata__\":[]}", "__metadata__ must be an object"))) {
            Path f = file(c.json, new byte[4]);
            assertInput(f, () -> Safetensors.names(f), c.fragment);
        }
    }

    @Test
    void offsetProblems() {
        Path out = file(one("F32", "[2]", 0, 8), new byte[4]);
        assertInput(out, () -> Safetensors.read(out, "t"), "data_offsets [0, 8] out of range: the data buffer has 4 bytes");
        Path rev = file(one("F32", "[0]", 4, 0), new byte[4]);
        assertInput(rev, () -> Safetensors.names(rev), "end before they begin");
        Path size = file(one("F32", "[2, 3]", 0, 20), new byte[20]);
        assertInput(size, () -> Safetensors.names(size), "data_offsets [0, 20] span 20 bytes but shape (2, 3) of F32 needs 24");
        Path ovf = file(one("F32", "[4294967296, 4294967296]", 0, 4), new byte[4]);
        assertInput(ovf, () -> Safetensors.names(ovf), "shape (4294967296, 4294967296) is too large", "overflows 64 bits");
        Path ovf8 = file(one("F64", "[1152921504606846976, 2]", 0, 4), new byte[4]);
        assertInput(ovf8, () -> Safetensors.names(ovf8), "needs more than 2^63");
        String overlap = "{\"a\":{\"dtype\":\"F32\",\"shape\":[2],\"data_offsets\":[0,8]},"
                + "\"b\":{\"dtype\":\"F32\",\"shape\":[2],\"data_offsets\":[4,12]}}";
        Path o = file(overlap, new byte[12]);
        assertInput(o, () -> Safetensors.read(o, "a"), "tensors 'a' [0, 8] and 'b' [4, 12] overlap");
        String gap = "{\"a\":{\"dtype\":\"F32\",\"shape\":[1],\"data_offsets\":[0,4]},"
                + "\"b\":{\"dtype\":\"F32\",\"shape\":[1],\"data_offsets\":[8,12]}}";
        Path g = file(gap, new byte[12]);
        assertInput(g, () -> Safetensors.read(g, "a"), "gap of 4 unused bytes before tensor 'b' [8, 12]");
        Path trailing = file(one("F32", "[1]", 0, 4), new byte[6]);
        assertInput(trailing, () -> Safetensors.read(trailing, "t"),
                "trailing data: the tensors cover 4 bytes but the data buffer has 6 (2 extra)");
    }

    @Test
    void hugeDeclaredTensorOnATinyFileIsRejectedBeforeAllocation() {
        Path f = file(one("F64", "[268435455]", 0, 2147483640L), f64(LE, 1));
        assertInput(f, () -> Safetensors.read(f, "t"), "out of range: the data buffer has 8 bytes");
    }

    @Test
    void missingFile() {
        Path f = dir.resolve("none.safetensors");
        assertInput(f, () -> Safetensors.readAll(f), "cannot read: no such file");
    }
}
