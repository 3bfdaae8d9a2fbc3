package dev.initlab.random;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.api.Test;

/**
 * Known-answer tests. The three vectors are the philox4x32 (R=10) entries of the file
 * {@code kat_vectors} distributed with Random123 1.09 (D. E. Shaw Research), as quoted in
 * issue #2: zero counter/key, all-ones counter/key, and the digits of pi.
 */
class Philox4x32Test {
    private static int[] w(long... v) {
        int[] r = new int[v.length];
        for (int i = 0; i < v.length; i++) {
            r[i] = (int) v[i];
        }
        return r;
    }

    @Test
    void katZero() {
        assertArrayEquals(w(0x6627e8d5L, 0xe169c58dL, 0xbc57ac4cL, 0x9b00dbd8L),
                Philox4x32.block(w(0, 0, 0, 0), w(0, 0)));
    }

    @Test
    void katOnes() {
        assertArrayEquals(w(0x408f276dL, 0x41c83b0eL, 0xa20bc7c6L, 0x6d5451fdL),
                Philox4x32.block(w(0xffffffffL, 0xffffffffL, 0xffffffffL, 0xffffffffL),
                        w(0xffffffffL, 0xffffffffL)));
    }

    @Test
    void katPi() {
        assertArrayEquals(w(0xd16cfe09L, 0x94fdccebL, 0x5001e420L, 0x24126ea1L),
                Philox4x32.block(w(0x243f6a88L, 0x85a308d3L, 0x13198a2eL, 0x03707344L),
                        w(0xa4093822L, 0x299f31d0L)));
    }

    @Test
    void streamLayoutMapsSeedStreamAndBlockToCounterAndKey() {
        long seed = 0x299f31d0a4093822L;
        long stream = 0x0370734413198a2eL;
        long block = 0x85a308d3243f6a88L;
        PhiloxStream s = PhiloxStream.of(seed, stream);
        int[] b = new int[4];
        s.block(block, b, 0);
        assertArrayEquals(w(0xd16cfe09L, 0x94fdccebL, 0x5001e420L, 0x24126ea1L), b);
        // word 4j+k is word k of block j
        s.block(12345, b, 0);
        assertEquals(b[2], s.word(12345L * 4 + 2));
        assertEquals(b[3], s.word(12345L * 4 + 3));
    }

    @Test
    void wordsMatchWordAcrossUnalignedRanges() {
        PhiloxStream s = PhiloxStream.of(42, 7);
        int[] dst = new int[23];
        s.words(5, dst, 1, 21);
        for (int i = 0; i < 21; i++) {
            assertEquals(s.word(5 + i), dst[1 + i], "word " + (5 + i));
        }
        assertEquals(0, dst[0]);
        assertEquals(0, dst[22]);
    }
}
