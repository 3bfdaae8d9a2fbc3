package dev.initlab.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.initlab.fill.ScalarEngine;
import dev.initlab.init.Catalog;
import dev.initlab.init.Fans;
import dev.initlab.init.Layout;
import dev.initlab.tensor.Shape;
import dev.initlab.random.PhiloxStream;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** verify on a TensorFlow.js model.json checks every weight in the manifest. */
class VerifyTfjsTest {
    @TempDir
    Path dir;

    @Test
    void everyWeightOfAManifestIsChecked() throws Exception {
        Shape a = Shape.of(512, 128);
        Shape b = Shape.of(128, 10);
        float[] wa = Catalog.of("he_uniform").fill32(a, Fans.of(a, Layout.KERAS), PhiloxStream.of(1, 0), ScalarEngine.instance());
        float[] wb = Catalog.of("he_uniform").fill32(b, Fans.of(b, Layout.KERAS), PhiloxStream.of(1, 1), ScalarEngine.instance());
        ByteBuffer buf = ByteBuffer.allocate(4 * (wa.length + wb.length)).order(ByteOrder.LITTLE_ENDIAN);
        buf.asFloatBuffer().put(wa).put(wb);
        Files.write(dir.resolve("group1-shard1of1.bin"), buf.array());
        Files.writeString(dir.resolve("model.json"), """
            {"format": "layers-model", "weightsManifest": [{"paths": ["group1-shard1of1.bin"], "weights": [
              {"name": "dense/kernel", "shape": [512, 128], "dtype": "float32"},
              {"name": "dense_1/kernel", "shape": [128, 10], "dtype": "float32"}]}]}""");
        String m = dir.resolve("model.json").toString();
        CliRun.Result ok = FillCommandTest.run("verify", m, "--scheme", "he_uniform", "--layout", "keras");
        assertEquals(0, ok.code(), ok.out() + ok.err());
        assertTrue(ok.out().contains("dense_1/kernel"), ok.out());
        CliRun.Result bad = FillCommandTest.run("verify", m, "--scheme", "glorot_uniform", "--layout", "keras");
        assertEquals(1, bad.code(), bad.out());
    }
}
