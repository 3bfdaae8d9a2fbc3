package dev.initlab.random;

/**
 * The Philox4x32-10 block function: a keyed bijection on 128-bit counters.
 *
 * <p>Reference: J. K. Salmon, M. A. Moraes, R. O. Dror and D. E. Shaw,
 * "Parallel random numbers: as easy as 1, 2, 3", Proceedings of SC'11 (2011),
 * doi:10.1145/2063384.2063405. The round multipliers {@code 0xD2511F53}, {@code 0xCD9E8D57}
 * and the Weyl key increments {@code 0x9E3779B9} (golden ratio), {@code 0xBB67AE85}
 * (sqrt(3)-1) are the ones given there and in the authors' Random123 library.
 *
 * <p>One round maps counter {@code (c0,c1,c2,c3)} and key {@code (k0,k1)} to
 * {@code (hi(M1*c2) ^ c1 ^ k0, lo(M1*c2), hi(M0*c0) ^ c3 ^ k1, lo(M0*c0))}, where hi/lo are the
 * upper and lower 32 bits of the 64-bit product; the key is bumped by the Weyl increments between
 * rounds. Ten rounds are applied.
 *
 * <p>This class is stateless; {@link PhiloxStream} lays the blocks out over tensor elements.
 */
public final class Philox4x32 {
    /** Round multiplier applied to counter word 0. */
    public static final int M0 = 0xD2511F53;
    /** Round multiplier applied to counter word 2. */
    public static final int M1 = 0xCD9E8D57;
    /** Weyl increment for key word 0. */
    public static final int W0 = 0x9E3779B9;
    /** Weyl increment for key word 1. */
    public static final int W1 = 0xBB67AE85;
    /** Number of rounds. */
    public static final int ROUNDS = 10;

    private static final long MASK = 0xFFFFFFFFL;

    private Philox4x32() {
    }

    /** Key word 0 as used in round {@code round} (0-based): {@code k0 + round * W0} (mod 2^32). */
    public static int roundKey0(int k0, int round) {
        return k0 + round * W0;
    }

    /** Key word 1 as used in round {@code round} (0-based): {@code k1 + round * W1} (mod 2^32). */
    public static int roundKey1(int k1, int round) {
        return k1 + round * W1;
    }

    /**
     * Computes one 128-bit output block. This is the one scalar Philox round in the code base;
     * the SIMD engine's lane-wise copy ({@code dev.initlab.fill.VectorEngine#philoxBits}) is
     * pinned to it bit for bit by {@code VectorEngineTest} and {@code EnginesEquivalenceProperties}.
     *
     * @param c0 counter word 0 (least significant)
     * @param c1 counter word 1
     * @param c2 counter word 2
     * @param c3 counter word 3
     * @param k0 key word 0
     * @param k1 key word 1
     * @param out receives the four output words at {@code out[off..off+3]}
     * @param off offset into {@code out}
     */
    public static void block(int c0, int c1, int c2, int c3, int k0, int k1, int[] out, int off) {
        for (int r = 0; r < ROUNDS; r++) {
            long p0 = (M0 & MASK) * (c0 & MASK);
            long p1 = (M1 & MASK) * (c2 & MASK);
            int n0 = (int) (p1 >>> 32) ^ c1 ^ k0;
            int n1 = (int) p1;
            int n2 = (int) (p0 >>> 32) ^ c3 ^ k1;
            int n3 = (int) p0;
            c0 = n0;
            c1 = n1;
            c2 = n2;
            c3 = n3;
            k0 += W0;
            k1 += W1;
        }
        out[off] = c0;
        out[off + 1] = c1;
        out[off + 2] = c2;
        out[off + 3] = c3;
    }

    /** Convenience form of {@link #block(int, int, int, int, int, int, int[], int)}. */
    public static int[] block(int[] counter, int[] key) {
        if (counter.length != 4 || key.length != 2) {
            throw new IllegalArgumentException("Philox4x32 needs a 4-word counter and a 2-word key");
        }
        int[] out = new int[4];
        block(counter[0], counter[1], counter[2], counter[3], key[0], key[1], out, 0);
        return out;
    }
}
