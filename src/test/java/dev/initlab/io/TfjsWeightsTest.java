package dev.initlab.io;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.initlab.tensor.Dtype;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Fixture written by src/test/resources/io/tfjs/make_tfjs.py. */
class TfjsWeightsTest {
    @TempDir
    Path dir;

    private Path copyFixture() throws Exception {
        for (String f : List.of("model.json", "group1-shard1of2.bin", "group1-shard2of2.bin", "group2-shard1of1.bin")) {
            Files.copy(Path.of(getClass().getResource("/io/tfjs/" + f).toURI()), dir.resolve(f),
                    StandardCopyOption.REPLACE_EXISTING);
        }
        return dir.resolve("model.json");
    }

    @Test
    void readsWeightsAcrossShards() throws Exception {
        Path m = copyFixture();
        assertEquals(List.of("dense/kernel", "dense/bias", "half/w", "q/w"), TfjsWeights.names(m));
        // the kernel straddles the two shards (shard 1 holds 20 of its 48 bytes)
        LoadedTensor k = TfjsWeights.read(m, "dense/kernel");
        assertArrayEquals(new long[] {3, 4}, k.shape());
        for (int i = 0; i < 12; i++) {
            assertEquals((i - 5.5) / 8, k.values()[i]);
        }
        assertArrayEquals(new double[] {0.25, -0.5, 1.0, 0.0}, TfjsWeights.read(m, "dense/bias").values());
        LoadedTensor h = TensorFiles.read(m, "half/w", null, null);
        assertEquals(Dtype.FLOAT16, h.dtype());
        assertArrayEquals(new double[] {0.5, -1.5, 2.0}, h.values());
        assertEquals(TensorFiles.Format.TFJS, TensorFiles.detect(m));
    }

    @Test
    void errors() throws Exception {
        Path m = copyFixture();
        InputException q = assertThrows(InputException.class, () -> TfjsWeights.read(m, "q/w"));
        assertTrue(q.getMessage().contains("quantized to uint8"), q.getMessage());
        InputException name = assertThrows(InputException.class, () -> TfjsWeights.read(m, "nope"));
        assertTrue(name.getMessage().contains("available: dense/kernel"), name.getMessage());
        InputException many = assertThrows(InputException.class, () -> TensorFiles.read(m, null, null, null));
        assertTrue(many.getMessage().contains("give a tensor name"), many.getMessage());
        Files.write(dir.resolve("group1-shard2of2.bin"), new byte[10]);
        InputException trunc = assertThrows(InputException.class, () -> TfjsWeights.read(m, "dense/kernel"));
        assertTrue(trunc.getMessage().contains("(truncated)"), trunc.getMessage());
        Files.delete(dir.resolve("group2-shard1of1.bin"));
        assertThrows(InputException.class, () -> TfjsWeights.names(m));
        Files.writeString(m, "{\"weightsManifest\": 3}");
        assertThrows(InputException.class, () -> TfjsWeights.names(m));
        Files.writeString(m, "{not json");
        InputException bad = assertThrows(InputException.class, () -> TfjsWeights.names(m));
        assertTrue(bad.getMessage().contains("not valid JSON"), bad.getMessage());
        Files.writeString(m, "{\"weightsManifest\": [{\"paths\": [\"../x.bin\"], \"weights\": []}]}");
        InputException esc = assertThrows(InputException.class, () -> TfjsWeights.names(m));
        assertTrue(esc.getMessage().contains("leaves the model directory"), esc.getMessage());
    }
}
