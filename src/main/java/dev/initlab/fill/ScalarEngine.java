package dev.initlab.fill;

import static dev.initlab.random.PhiloxStream.WORDS_PER_BLOCK;
import static dev.initlab.random.PhiloxStream.WORDS_PER_FLOAT64;
import static dev.initlab.random.PhiloxStream.blockOf;
import static dev.initlab.random.PhiloxStream.positionInBlock;

import dev.initlab.random.PhiloxStream;

/**
 * The reference engine: one Philox block at a time ({@link PhiloxStream#block}), one element at a
 * time. Its element loops also fill the vector engine's scalar edges. The float32 and float64 fills are deliberate twins (element {@code i} is word {@code i},
 * or words {@code 2i, 2i+1}); both are pinned by {@code CrossLanguageKatTest} and compared with the
 * other engines by {@code EnginesEquivalenceProperties}.
 */
public final class ScalarEngine implements FillEngine {
    private static final ScalarEngine INSTANCE = new ScalarEngine();

    private ScalarEngine() {
    }

    /** The engine (stateless: one instance serves every caller). */
    public static ScalarEngine instance() {
        return INSTANCE;
    }

    @Override
    public String name() {
        return "scalar";
    }

    @Override
    public void fill(ElementTransform t, PhiloxStream s, long first, float[] dst, int off, int len) {
        FillEngine.checkSlice(first, dst.length, off, len);
        FillEngine.checkFloat32(t);
        fill32(t, s, first, dst, off, len, new int[WORDS_PER_BLOCK]);
    }

    @Override
    public void fill(ElementTransform t, PhiloxStream s, long first, double[] dst, int off, int len) {
        FillEngine.checkSlice(first, dst.length, off, len);
        FillEngine.checkFloat64(t);
        fill64(t, s, first, dst, off, len, new int[WORDS_PER_BLOCK]);
    }

    /** The float32 element loop, arguments checked; {@code words} is scratch for one block. */
    static void fill32(ElementTransform t, PhiloxStream s, long first, float[] dst, int off, int len, int[] words) {
        for (int n = 0; n < len; ) {
            long word = first + n;
            s.block(blockOf(word), words, 0);
            for (int k = positionInBlock(word); k < WORDS_PER_BLOCK && n < len; k++) {
                dst[off + n++] = t.apply32(words[k]);
            }
        }
    }

    /** The float64 element loop, arguments checked; {@code words} is scratch for one block. */
    static void fill64(ElementTransform t, PhiloxStream s, long first, double[] dst, int off, int len, int[] words) {
        for (int n = 0; n < len; ) {
            long word = WORDS_PER_FLOAT64 * (first + n);
            s.block(blockOf(word), words, 0);
            for (int k = positionInBlock(word); k < WORDS_PER_BLOCK && n < len; k += WORDS_PER_FLOAT64) {
                dst[off + n++] = t.apply64(words[k], words[k + 1]);
            }
        }
    }
}
