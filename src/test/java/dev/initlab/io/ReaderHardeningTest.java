package dev.initlab.io;

import static dev.initlab.io.IoTestSupport.assertInput;
import static dev.initlab.io.IoTestSupport.f32le;
import static dev.initlab.io.IoTestSupport.write;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Regressions from a fuzzing and new-user pass over the readers (each case once failed). */
class ReaderHardeningTest {
    @TempDir
    Path dir;

    @Test
    void aRawFileStartingWithABraceIsRawWhenAShapeIsGiven() {
        // seed 94 of a 4x6 he_uniform raw fill started with '{': it was refused as a TF.js manifest
        byte[] b = f32le(1, 2, 3, 4, 5, 6);
        b[0] = '{';
        Path raw = write(dir.resolve("w.bin"), b);
        LoadedTensor t = TensorFiles.read(raw, null, new long[] {2, 3}, null);
        assertEquals(6, t.values().length);
        byte[] c = f32le(1, 2);
        c[0] = '[';
        Path raw2 = write(dir.resolve("v.bin"), c);
        assertEquals(2, TensorFiles.read(raw2, null, new long[] {2}, null).values().length);
        assertEquals(TensorFiles.Format.UNKNOWN, TensorFiles.detectGivenShape(raw));
    }

    @Test
    void anImpossibleSafetensorsHeaderLengthIsSaidAsSuch() {
        ByteBuffer b = ByteBuffer.allocate(8 + 16).order(ByteOrder.LITTLE_ENDIAN);
        b.putLong(Long.MAX_VALUE).put("{\"a\": 1}        ".getBytes());
        Path f = write(dir.resolve("h.safetensors"), b.array());
        assertInput(f, () -> TensorFiles.read(f, null, null, null), "header length 9223372036854775807 is impossible");
    }

    private Path manifest(String json, byte[] shard) throws Exception {
        Files.write(dir.resolve("s.bin"), shard);
        return Files.writeString(dir.resolve("model.json"), json);
    }

    @Test
    void tfjsNulInAShardPathIsAOneLineErrorWithoutTheNul() throws Exception {
        Path m = manifest("{\"weightsManifest\": [{\"paths\": [\"s\\u0000.bin\"], \"weights\": "
                + "[{\"name\": \"w\", \"shape\": [2], \"dtype\": \"float32\"}]}]}", f32le(1, 2));
        InputException e = assertInput(m, () -> TfjsWeights.names(m), "model.json", "not a valid file name");
        assertFalse(e.getMessage().contains("\u0000"), e.getMessage());
        assertTrue(e.getMessage().contains("\\x00"), e.getMessage());
    }

    @Test
    void tfjsDuplicateNamesAndFractionalDimensionsAreRefused() throws Exception {
        Path m = manifest("{\"weightsManifest\": [{\"paths\": [\"s.bin\"], \"weights\": ["
                + "{\"name\": \"w\", \"shape\": [1], \"dtype\": \"float32\"},"
                + "{\"name\": \"w\", \"shape\": [1], \"dtype\": \"float32\"}]}]}", f32le(1, 2));
        assertInput(m, () -> TfjsWeights.names(m), "model.json", "'w' appears twice");
        Path f = manifest("{\"weightsManifest\": [{\"paths\": [\"s.bin\"], \"weights\": ["
                + "{\"name\": \"w\", \"shape\": [10.9, 10.2], \"dtype\": \"float32\"}]}]}", new byte[400]);
        assertInput(f, () -> TfjsWeights.names(f), "model.json", "bad dimension 10.9");
    }

    @Test
    void tfjsWeightsAreReadInChunksAcrossShardBoundaries() throws Exception {
        // 600,000 floats over three shards of unequal, non-multiple-of-4 sizes: exercises the chunked reader
        int n = 600_000;
        ByteBuffer all = ByteBuffer.allocate(4 * n).order(ByteOrder.LITTLE_ENDIAN);
        for (int i = 0; i < n; i++) {
            all.putFloat(i * 0.5f);
        }
        byte[] a = all.array();
        int c1 = 1_000_003;
        int c2 = 2_000_001;
        Files.write(dir.resolve("p1.bin"), java.util.Arrays.copyOfRange(a, 0, c1));
        Files.write(dir.resolve("p2.bin"), java.util.Arrays.copyOfRange(a, c1, c2));
        Files.write(dir.resolve("p3.bin"), java.util.Arrays.copyOfRange(a, c2, a.length));
        Path m = Files.writeString(dir.resolve("model.json"), "{\"weightsManifest\": [{\"paths\": [\"p1.bin\", "
                + "\"p2.bin\", \"p3.bin\"], \"weights\": [{\"name\": \"w\", \"shape\": [600000], \"dtype\": \"float32\"}]}]}");
        double[] v = TfjsWeights.read(m, "w").values();
        for (int i = 0; i < n; i++) {
            if (v[i] != i * 0.5) {
                throw new AssertionError("element " + i + ": " + v[i]);
            }
        }
    }

    @Test
    void tfjsPathsAreComparedAsRealPaths() throws Exception {
        Path model = Files.createDirectories(dir.resolve("model"));
        Files.write(model.resolve("s.bin"), f32le(1, 2));
        Files.writeString(model.resolve("model.json"), "{\"weightsManifest\": [{\"paths\": [\"s.bin\"], \"weights\": "
                + "[{\"name\": \"w\", \"shape\": [2], \"dtype\": \"float32\"}]}]}");
        // a valid manifest reached through '..' is read
        Path other = Files.createDirectories(dir.resolve("other"));
        Path viaDots = other.resolve("../model/model.json");
        assertArrayEquals(new double[] {1, 2}, TfjsWeights.read(viaDots, "w").values());
        // a symlink inside the folder that points out of it is refused
        Path secret = write(dir.resolve("secret.bin"), f32le(7, 8));
        Path evil = Files.createDirectories(dir.resolve("evil"));
        Files.createSymbolicLink(evil.resolve("s.bin"), secret);
        Path m = Files.writeString(evil.resolve("model.json"), "{\"weightsManifest\": [{\"paths\": [\"s.bin\"], "
                + "\"weights\": [{\"name\": \"w\", \"shape\": [2], \"dtype\": \"float32\"}]}]}");
        assertInput(m, () -> TfjsWeights.read(m, "w"), "leaves the model directory");
    }

    @Test
    void controlCharactersFromFilesAreEscapedInMessages() {
        assertEquals("a\\x1b[2Jb\\x00c\\x7f \\u202e", InputException.printable("a\u001b[2Jb\u0000c\u007f \u202e"));
        assertEquals("tab\tok", InputException.printable("tab\tok"));
        InputException e = new InputException("tensor '\u001b[2J' line1\nline2");
        assertEquals("tensor '\\x1b[2J' line1 line2", e.getMessage());
    }
}
