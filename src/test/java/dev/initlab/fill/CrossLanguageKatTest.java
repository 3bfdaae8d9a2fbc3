package dev.initlab.fill;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.initlab.random.PhiloxStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import org.junit.jupiter.api.Test;

/**
 * Known answers produced by {@code src/test/resources/fill/make_reference.py}, an independent
 * numpy reimplementation of the stream layout and transforms written from the README. Equality is
 * bit for bit: the documented formulas are precise enough to reproduce in another language. The
 * files pin generator version {@link PhiloxStream#GENERATOR_VERSION}; {@code generator_v1/} keeps
 * version 1's float32 normals as the record of what version 2 changed.
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
        ScalarEngine.instance().fill(UniformTransform.of(-1, 1), PhiloxStream.of(42, 0), got);
        for (int i = 0; i < got.length; i++) {
            assertEquals(b.getInt(4 * i), Float.floatToRawIntBits(got[i]), "element " + i);
        }
    }

    @Test
    void normalFloat32() throws IOException {
        ByteBuffer b = resource("normal_f32_seed7_stream3_n4096.bin");
        float[] got = new float[4096];
        ScalarEngine.instance().fill(NormalTransform.of(0, 1), PhiloxStream.of(7, 3), got);
        for (int i = 0; i < got.length; i++) {
            assertEquals(b.getInt(4 * i), Float.floatToRawIntBits(got[i]), "element " + i);
        }
    }

    @Test
    void theVectorsAreThoseOfGeneratorVersion2() {
        // a bump of the version must come with new vectors (and the old ones kept as a record)
        assertEquals(2, PhiloxStream.GENERATOR_VERSION);
    }

    /**
     * The version-1 record is exactly the old kernel (no fused multiply-add) on the same words, and
     * version 2 moved some of those 4096 normals by at most 4 ulp (the most it moves any of the 2^24 inputs), never their sign.
     */
    @Test
    void generatorVersion1RecordIsTheOldArithmeticAndVersion2MovedOnlyLastBits() throws IOException {
        ByteBuffer v1 = resource("generator_v1/normal_f32_seed7_stream3_n4096.bin");
        ByteBuffer v2 = resource("normal_f32_seed7_stream3_n4096.bin");
        int[] words = new int[4096];
        PhiloxStream s = PhiloxStream.of(7, 3);
        for (int i = 0; i < words.length; i++) {
            words[i] = s.word(i);
        }
        int changed = 0;
        int maxUlps = 0;
        for (int i = 0; i < words.length; i++) {
            float old = GeneratorV1Kernel.normalFromErfDomain(ElementTransform.centered24(words[i]));
            assertEquals(v1.getInt(4 * i), Float.floatToRawIntBits(0f + 1f * old), "version 1 record, element " + i);
            float a = v1.getFloat(4 * i);
            float b = v2.getFloat(4 * i);
            assertEquals(Math.signum(a), Math.signum(b), "element " + i);
            int ulps = Math.abs(Float.floatToRawIntBits(a) - Float.floatToRawIntBits(b));
            changed += ulps == 0 ? 0 : 1;
            maxUlps = Math.max(maxUlps, ulps);
        }
        System.out.println("generator v1 -> v2: " + changed + " of 4096 float32 normals changed, at most " + maxUlps + " ulp");
        assertTrue(changed > 0, "version 2 changed no bit: the version bump would be unjustified");
        assertTrue(maxUlps <= 4, "version 2 moved a normal by " + maxUlps + " ulp");
    }

    @Test
    void normalFloat64() throws IOException {
        ByteBuffer b = resource("normal_f64_seed7_stream3_n2048.bin");
        double[] got = new double[2048];
        ScalarEngine.instance().fill(NormalTransform.of(0, 1), PhiloxStream.of(7, 3), got);
        for (int i = 0; i < got.length; i++) {
            assertEquals(b.getLong(8 * i), Double.doubleToRawLongBits(got[i]), "element " + i);
        }
    }
}
