package dev.initlab.fill;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.initlab.random.PhiloxStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import org.junit.jupiter.api.Test;

/**
 * Known answers produced by {@code src/test/resources/fill/make_reference.py}, an independent
 * numpy reimplementation of the stream layout and transforms written from the README. Equality is
 * bit for bit: the documented formulas are precise enough to reproduce in another language.
 */
class CrossLanguageKatTest {
    private static ByteBuffer resource(String name) throws IOException {
        try (InputStream in = CrossLanguageKatTest.class.getResourceAsStream("/fill/" + name)) {
            return ByteBuffer.wrap(in.readAllBytes()).order(ByteOrder.LITTLE_ENDIAN);
        }
    }

    @Test
    void uniformFloat32() throws IOException {
        ByteBuffer b = resource("uniform_f32_seed42_n1000.bin");
        float[] got = new float[1000];
        ScalarEngine.get().fill(UniformTransform.of(-1, 1), PhiloxStream.of(42, 0), got);
        for (int i = 0; i < got.length; i++) {
            assertEquals(b.getInt(4 * i), Float.floatToRawIntBits(got[i]), "element " + i);
        }
    }

    @Test
    void normalFloat32() throws IOException {
        ByteBuffer b = resource("normal_f32_seed7_stream3_n4096.bin");
        float[] got = new float[4096];
        ScalarEngine.get().fill(NormalTransform.of(0, 1), PhiloxStream.of(7, 3), got);
        for (int i = 0; i < got.length; i++) {
            assertEquals(b.getInt(4 * i), Float.floatToRawIntBits(got[i]), "element " + i);
        }
    }

    @Test
    void normalFloat64() throws IOException {
        ByteBuffer b = resource("normal_f64_seed7_stream3_n2048.bin");
        double[] got = new double[2048];
        ScalarEngine.get().fill(NormalTransform.of(0, 1), PhiloxStream.of(7, 3), got);
        for (int i = 0; i < got.length; i++) {
            assertEquals(b.getLong(8 * i), Double.doubleToRawLongBits(got[i]), "element " + i);
        }
    }
}
