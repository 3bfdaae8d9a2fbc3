package dev.initlab.stats;

import dev.initlab.dist.Distribution;
import dev.initlab.tensor.Dtype;

/**
 * A transform-level exact check: a float32 element transform that reads the 24 high bits of its
 * word is evaluated on every one of the 2^24 inputs (low 8 bits zero, plus the all-ones word), and
 * every output must be finite and inside the law's support (+-1 float32 ulp of each bound). Data
 * checks can only see an input that occurs in the sample (a word with 24 zero high bits turns up
 * once in 2^24 elements); the sweep sees all of them, so its power is 1.
 */
public final class EdgeSweep {
    /** A float32 sampler as a function of one 32-bit word. */
    @FunctionalInterface
    public interface WordFunction {
        float apply(int word);
    }

    private EdgeSweep() {
    }

    /**
     * Sweeps {@code f} over all 24-bit inputs.
     *
     * @param f the transform
     * @param law the claimed law (for the support)
     * @param subject name for the result
     * @return the exact check {@code edge_sweep}
     */
    public static Check check(WordFunction f, Distribution law, String subject) {
        double lo = law.lower();
        double hi = law.upper();
        double tolLo = Double.isFinite(lo) ? Dtype.FLOAT32.ulp(lo) : 0;
        double tolHi = Double.isFinite(hi) ? Dtype.FLOAT32.ulp(hi) : 0;
        long bad = 0;
        int firstWord = 0;
        float firstValue = 0;
        for (long k = 0; k < (1L << 24) + 1; k++) {
            {
                int w = k < (1L << 24) ? (int) (k << 8) : 0xffffffff;
                float v = f.apply(w);
                if (!Float.isFinite(v) || v < lo - tolLo || v > hi + tolHi) {
                    if (bad == 0) {
                        firstWord = w;
                        firstValue = v;
                    }
                    bad++;
                }
            }
        }
        String detail = bad == 0 ? "all 2^24 inputs give finite values in the support"
                : bad + " of 2^24+1 swept words give non-finite or out-of-support values (first: word 0x"
                + Integer.toHexString(firstWord) + " -> " + firstValue + ")";
        return Check.exact(subject, "edge_sweep", bad == 0, bad, detail,
                Float.isFinite(firstValue) ? "edge words map outside the support"
                        : "an edge word gives " + firstValue + ": log(0) or division by zero at the end of the input range");
    }
}
