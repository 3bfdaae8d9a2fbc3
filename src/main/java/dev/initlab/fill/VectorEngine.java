package dev.initlab.fill;

import static jdk.incubator.vector.VectorOperators.LSHL;
import static jdk.incubator.vector.VectorOperators.LSHR;
import static jdk.incubator.vector.VectorOperators.XOR;

import dev.initlab.random.Philox4x32;
import dev.initlab.random.PhiloxStream;
import java.util.Arrays;
import jdk.incubator.vector.LongVector;
import jdk.incubator.vector.VectorShuffle;
import jdk.incubator.vector.VectorSpecies;

/**
 * Single-threaded SIMD engine ({@code jdk.incubator.vector}, preferred species chosen at run time),
 * bit-identical to {@link ScalarEngine}.
 *
 * <p>How a slice is filled: the elements before the first whole Philox block and after the last
 * whole group of {@code L} blocks ({@code L} = long lanes, 4 on AVX2) are computed by scalar code.
 * The rest is processed in L1-sized chunks, each in two passes over the destination:
 * <ol>
 *   <li>Philox4x32-10 in SIMD: each long lane carries one block's 32-bit counter words
 *       zero-extended, so the 32x32-&gt;64 round multiplies are single unsigned lane multiplies
 *       (both operands masked with {@code 0xFFFFFFFF}, which C2 turns into {@code vpmuludq}).
 *       Word pairs (w0|w1&lt;&lt;32, w2|w3&lt;&lt;32) are zipped into stream order and stored as raw
 *       bits into the destination (a float32 element's word, or a float64 element's two words).</li>
 *   <li>The transform's vector twin reads the raw bits back and overwrites them with the elements.</li>
 * </ol>
 * The hot loops allocate nothing; a call allocates nothing either (the scalar edges keep their
 * Philox block in locals).
 */
public final class VectorEngine implements FillEngine {
    private static final VectorEngine INSTANCE = new VectorEngine();

    private static final VectorSpecies<Long> LS = VectorKernels.LS;
    /** Long lanes = Philox blocks per vector step. */
    static final int L = LS.length();
    /** Blocks per chunk: 2048 float32 or 1024 float64 elements (8 KiB), so pass 2 reads from L1. */
    static final int CHUNK_BLOCKS = 512;
    private static final long MASK = 0xFFFFFFFFL;
    private static final long M0 = Philox4x32.M0 & MASK;
    private static final long M1 = Philox4x32.M1 & MASK;
    private static final int W0 = Philox4x32.W0;
    private static final int W1 = Philox4x32.W1;
    private static final long[] IOTA = new long[L];
    /** Zips lanes 0..L/2-1 of a and b: a0 b0 a1 b1 ... ; and the upper halves. */
    private static final VectorShuffle<Long> ZIP_LO;
    private static final VectorShuffle<Long> ZIP_HI;

    static {
        int[] lo = new int[L];
        int[] hi = new int[L];
        for (int n = 0; n < L; n++) {
            IOTA[n] = n;
            lo[n] = (n & 1) == 0 ? n / 2 : L + n / 2;
            hi[n] = (n & 1) == 0 ? L / 2 + n / 2 : L + L / 2 + n / 2;
        }
        ZIP_LO = VectorShuffle.fromArray(LS, lo, 0);
        ZIP_HI = VectorShuffle.fromArray(LS, hi, 0);
        if (Philox4x32.ROUNDS != 10) {
            throw new AssertionError("vector Philox is unrolled for 10 rounds");
        }
    }

    private VectorEngine() {
    }

    /**
     * The engine.
     *
     * @throws UnsupportedOperationException if the preferred vector shape is too narrow (see
     *     {@link #supported()})
     */
    public static VectorEngine get() {
        if (!supported()) {
            throw new UnsupportedOperationException("the preferred vector shape (" + describeShape()
                    + ") is narrower than 256 bits; use the scalar engine");
        }
        return INSTANCE;
    }

    /**
     * Whether the preferred vector shape is at least 256 bits (4 long lanes): AVX2, AVX-512, SVE-256
     * and wider. Narrower shapes (SSE-only x86, NEON) are refused: on x86 with
     * {@code -XX:MaxVectorSize=16} C2 has no intrinsic for 2-lane long shuffles and 2-lane double
     * blends, the vectors are boxed and the engine measured 2-5x slower than the scalar one (still
     * bit-identical). The system property {@code initlab.vector.narrow=true} admits 128-bit shapes,
     * for testing that code path.
     */
    public static boolean supported() {
        return L >= 4 || (L >= 2 && Boolean.getBoolean("initlab.vector.narrow"));
    }

    /** The vector shape in use, e.g. {@code "256-bit: 8 float / 4 double lanes"}. */
    public static String describeShape() {
        return LS.vectorBitSize() + "-bit: " + VectorKernels.FS.length() + " float / "
                + VectorKernels.DS.length() + " double lanes";
    }

    @Override
    public String name() {
        return "vector";
    }

    @Override
    public String toString() {
        return "VectorEngine[" + describeShape() + "]";
    }

    // ---- float32 ------------------------------------------------------------------------------

    @Override
    public void fill(ElementTransform t, PhiloxStream s, long first, float[] dst, int off, int len) {
        FillEngine.checkSlice(first, dst.length, off, len);
        FillEngine.checkFloat32(t);
        if (len == 0) {
            return;
        }
        if (t instanceof ConstantTransform c) {
            Arrays.fill(dst, off, off + len, c.value32());
            return;
        }
        int k0 = s.key0();
        int k1 = s.key1();
        int s0 = s.stream0();
        int s1 = s.stream1();
        int pos = off;
        int end = off + len;
        long i = first;
        // head: up to the first block boundary
        int head = (int) Math.min(len, (-first) & 3);
        if (head > 0) {
            scalarBlock32(t, i >>> 2, (int) (i & 3), head, k0, k1, s0, s1, dst, pos);
            pos += head;
            i += head;
        }
        // whole groups of L blocks, chunk by chunk
        int groups = (end - pos) / (4 * L);
        if (groups == 1) {
            groups = 0; // the Philox pass computes two groups at once; a lone group goes to the scalar tail
        }
        while (groups > 0) {
            // whole chunks, the last one up to a group longer so that no lone group is left over
            int blocks = groups * L <= CHUNK_BLOCKS + L ? groups * L : CHUNK_BLOCKS;
            philoxBits(i >>> 2, blocks, k0, k1, s0, s1, dst, null, pos);
            int to = pos + 4 * blocks;
            switch (t) {
                case UniformTransform u -> u.vectorPass32(dst, pos, to);
                case NormalTransform n -> n.vectorPass32(dst, pos, to);
                case TruncatedNormalTransform n -> n.vectorPass32(dst, pos, to);
                case ConstantTransform c -> throw new AssertionError("handled above");
            }
            pos = to;
            i += 4L * blocks;
            groups -= blocks / L;
        }
        // tail: fewer than L blocks (or 2L when the whole slice held a single group)
        while (pos < end) {
            int n = Math.min(4, end - pos);
            scalarBlock32(t, i >>> 2, 0, n, k0, k1, s0, s1, dst, pos);
            pos += n;
            i += n;
        }
    }

    /** Elements {@code 4j+from .. 4j+from+count-1} (float32: one word each) with a scalar Philox block. */
    private static void scalarBlock32(ElementTransform t, long j, int from, int count,
                                      int k0, int k1, int s0, int s1, float[] dst, int pos) {
        int c0 = (int) j;
        int c1 = (int) (j >>> 32);
        int c2 = s0;
        int c3 = s1;
        for (int r = 0; r < 10; r++) {
            long p0 = M0 * (c0 & MASK);
            long p1 = M1 * (c2 & MASK);
            c0 = (int) (p1 >>> 32) ^ c1 ^ k0;
            c1 = (int) p1;
            c2 = (int) (p0 >>> 32) ^ c3 ^ k1;
            c3 = (int) p0;
            k0 += W0;
            k1 += W1;
        }
        for (int k = from; k < from + count; k++) {
            int w = switch (k) {
                case 0 -> c0;
                case 1 -> c1;
                case 2 -> c2;
                default -> c3;
            };
            dst[pos++] = t.apply32(w);
        }
    }

    // ---- float64 ------------------------------------------------------------------------------

    @Override
    public void fill(ElementTransform t, PhiloxStream s, long first, double[] dst, int off, int len) {
        FillEngine.checkSlice(first, dst.length, off, len);
        FillEngine.checkFloat64(t);
        if (len == 0) {
            return;
        }
        if (t instanceof ConstantTransform c) {
            Arrays.fill(dst, off, off + len, c.value());
            return;
        }
        int k0 = s.key0();
        int k1 = s.key1();
        int s0 = s.stream0();
        int s1 = s.stream1();
        int pos = off;
        int end = off + len;
        long i = first;
        if ((i & 1) != 0) {
            scalarBlock64(t, i >>> 1, 1, 1, k0, k1, s0, s1, dst, pos);
            pos++;
            i++;
        }
        int groups = (end - pos) / (2 * L);
        if (groups == 1) {
            groups = 0; // the Philox pass computes two groups at once; a lone group goes to the scalar tail
        }
        while (groups > 0) {
            // whole chunks, the last one up to a group longer so that no lone group is left over
            int blocks = groups * L <= CHUNK_BLOCKS + L ? groups * L : CHUNK_BLOCKS;
            philoxBits(i >>> 1, blocks, k0, k1, s0, s1, null, dst, pos);
            int to = pos + 2 * blocks;
            switch (t) {
                case UniformTransform u -> u.vectorPass64(dst, pos, to);
                case NormalTransform n -> n.vectorPass64(dst, pos, to);
                case TruncatedNormalTransform n -> n.vectorPass64(dst, pos, to);
                case ConstantTransform c -> throw new AssertionError("handled above");
            }
            pos = to;
            i += 2L * blocks;
            groups -= blocks / L;
        }
        while (pos < end) {
            int n = Math.min(2, end - pos);
            scalarBlock64(t, i >>> 1, 0, n, k0, k1, s0, s1, dst, pos);
            pos += n;
            i += n;
        }
    }

    /** Elements {@code 2j+from ..} (float64: words 2k, 2k+1 of block j for k = from..from+count-1). */
    private static void scalarBlock64(ElementTransform t, long j, int from, int count,
                                      int k0, int k1, int s0, int s1, double[] dst, int pos) {
        int c0 = (int) j;
        int c1 = (int) (j >>> 32);
        int c2 = s0;
        int c3 = s1;
        for (int r = 0; r < 10; r++) {
            long p0 = M0 * (c0 & MASK);
            long p1 = M1 * (c2 & MASK);
            c0 = (int) (p1 >>> 32) ^ c1 ^ k0;
            c1 = (int) p1;
            c2 = (int) (p0 >>> 32) ^ c3 ^ k1;
            c3 = (int) p0;
            k0 += W0;
            k1 += W1;
        }
        for (int k = from; k < from + count; k++) {
            dst[pos++] = k == 0 ? t.apply64(c0, c1) : t.apply64(c2, c3);
        }
    }

    // ---- Philox4x32-10 in SIMD -----------------------------------------------------------------

    /**
     * Writes the raw words of blocks {@code j0 .. j0+blocks-1} ({@code blocks} a multiple of L, at
     * least 2L) in
     * stream order into {@code f[pos..]} (float bits, 4 per block) or {@code d[pos..]} (double
     * bits, 2 per block; exactly one of f, d is non-null). Lane n of a step computes block j+n; the
     * ten rounds are unrolled with their round keys hoisted out of the loop.
     */
    private static void philoxBits(long j0, int blocks, int k0, int k1, int s0, int s1,
                                   float[] f, double[] d, int pos) {
        LongVector iota = LongVector.fromArray(LS, IOTA, 0);
        LongVector m0 = LongVector.broadcast(LS, M0).and(MASK);
        LongVector m1 = LongVector.broadcast(LS, M1).and(MASK);
        LongVector c2i = LongVector.broadcast(LS, s0 & MASK);
        LongVector c3i = LongVector.broadcast(LS, s1 & MASK);
        LongVector a0 = LongVector.broadcast(LS, (k0 + 0 * W0) & MASK);
        LongVector b0 = LongVector.broadcast(LS, (k1 + 0 * W1) & MASK);
        LongVector a1 = LongVector.broadcast(LS, (k0 + 1 * W0) & MASK);
        LongVector b1 = LongVector.broadcast(LS, (k1 + 1 * W1) & MASK);
        LongVector a2 = LongVector.broadcast(LS, (k0 + 2 * W0) & MASK);
        LongVector b2 = LongVector.broadcast(LS, (k1 + 2 * W1) & MASK);
        LongVector a3 = LongVector.broadcast(LS, (k0 + 3 * W0) & MASK);
        LongVector b3 = LongVector.broadcast(LS, (k1 + 3 * W1) & MASK);
        LongVector a4 = LongVector.broadcast(LS, (k0 + 4 * W0) & MASK);
        LongVector b4 = LongVector.broadcast(LS, (k1 + 4 * W1) & MASK);
        LongVector a5 = LongVector.broadcast(LS, (k0 + 5 * W0) & MASK);
        LongVector b5 = LongVector.broadcast(LS, (k1 + 5 * W1) & MASK);
        LongVector a6 = LongVector.broadcast(LS, (k0 + 6 * W0) & MASK);
        LongVector b6 = LongVector.broadcast(LS, (k1 + 6 * W1) & MASK);
        LongVector a7 = LongVector.broadcast(LS, (k0 + 7 * W0) & MASK);
        LongVector b7 = LongVector.broadcast(LS, (k1 + 7 * W1) & MASK);
        LongVector a8 = LongVector.broadcast(LS, (k0 + 8 * W0) & MASK);
        LongVector b8 = LongVector.broadcast(LS, (k1 + 8 * W1) & MASK);
        LongVector a9 = LongVector.broadcast(LS, (k0 + 9 * W0) & MASK);
        LongVector b9 = LongVector.broadcast(LS, (k1 + 9 * W1) & MASK);
        for (int step = 0; step < blocks; step += 2 * L) {
            // two independent groups of L blocks (c: blocks j..j+L-1, e: the next L) interleaved, so
            // the out-of-order core overlaps their round latencies (~25% faster than one group). When
            // blocks is an odd number of groups the last pair starts L blocks early and rewrites L
            // blocks with the same words (nothing has read them yet): cheaper than a conditional store
            int b = Math.min(step, blocks - 2 * L);
            // counter (j lo, j hi, s lo, s hi), j lo keeps garbage above bit 31, masked before use
            LongVector c0 = iota.add(j0 + b);
            LongVector c1 = c0.lanewise(LSHR, 32);
            LongVector c2 = c2i;
            LongVector c3 = c3i;
            LongVector e0 = iota.add(j0 + b + L);
            LongVector e1 = e0.lanewise(LSHR, 32);
            LongVector e2 = c2i;
            LongVector e3 = c3i;
            LongVector p0;
            LongVector p1;
            LongVector q0;
            LongVector q1;
            // one round: (hi(M1*c2) ^ c1 ^ k0, lo(M1*c2), hi(M0*c0) ^ c3 ^ k1, lo(M0*c0)); the lo
            // words are kept unmasked (only their low 32 bits are ever read)
            p0 = c0.and(MASK).mul(m0); p1 = c2.and(MASK).mul(m1);
            q0 = e0.and(MASK).mul(m0); q1 = e2.and(MASK).mul(m1);
            c0 = p1.lanewise(LSHR, 32).lanewise(XOR, c1).lanewise(XOR, a0); c1 = p1;
            e0 = q1.lanewise(LSHR, 32).lanewise(XOR, e1).lanewise(XOR, a0); e1 = q1;
            c2 = p0.lanewise(LSHR, 32).lanewise(XOR, c3).lanewise(XOR, b0); c3 = p0;
            e2 = q0.lanewise(LSHR, 32).lanewise(XOR, e3).lanewise(XOR, b0); e3 = q0;
            p0 = c0.and(MASK).mul(m0); p1 = c2.and(MASK).mul(m1);
            q0 = e0.and(MASK).mul(m0); q1 = e2.and(MASK).mul(m1);
            c0 = p1.lanewise(LSHR, 32).lanewise(XOR, c1).lanewise(XOR, a1); c1 = p1;
            e0 = q1.lanewise(LSHR, 32).lanewise(XOR, e1).lanewise(XOR, a1); e1 = q1;
            c2 = p0.lanewise(LSHR, 32).lanewise(XOR, c3).lanewise(XOR, b1); c3 = p0;
            e2 = q0.lanewise(LSHR, 32).lanewise(XOR, e3).lanewise(XOR, b1); e3 = q0;
            p0 = c0.and(MASK).mul(m0); p1 = c2.and(MASK).mul(m1);
            q0 = e0.and(MASK).mul(m0); q1 = e2.and(MASK).mul(m1);
            c0 = p1.lanewise(LSHR, 32).lanewise(XOR, c1).lanewise(XOR, a2); c1 = p1;
            e0 = q1.lanewise(LSHR, 32).lanewise(XOR, e1).lanewise(XOR, a2); e1 = q1;
            c2 = p0.lanewise(LSHR, 32).lanewise(XOR, c3).lanewise(XOR, b2); c3 = p0;
            e2 = q0.lanewise(LSHR, 32).lanewise(XOR, e3).lanewise(XOR, b2); e3 = q0;
            p0 = c0.and(MASK).mul(m0); p1 = c2.and(MASK).mul(m1);
            q0 = e0.and(MASK).mul(m0); q1 = e2.and(MASK).mul(m1);
            c0 = p1.lanewise(LSHR, 32).lanewise(XOR, c1).lanewise(XOR, a3); c1 = p1;
            e0 = q1.lanewise(LSHR, 32).lanewise(XOR, e1).lanewise(XOR, a3); e1 = q1;
            c2 = p0.lanewise(LSHR, 32).lanewise(XOR, c3).lanewise(XOR, b3); c3 = p0;
            e2 = q0.lanewise(LSHR, 32).lanewise(XOR, e3).lanewise(XOR, b3); e3 = q0;
            p0 = c0.and(MASK).mul(m0); p1 = c2.and(MASK).mul(m1);
            q0 = e0.and(MASK).mul(m0); q1 = e2.and(MASK).mul(m1);
            c0 = p1.lanewise(LSHR, 32).lanewise(XOR, c1).lanewise(XOR, a4); c1 = p1;
            e0 = q1.lanewise(LSHR, 32).lanewise(XOR, e1).lanewise(XOR, a4); e1 = q1;
            c2 = p0.lanewise(LSHR, 32).lanewise(XOR, c3).lanewise(XOR, b4); c3 = p0;
            e2 = q0.lanewise(LSHR, 32).lanewise(XOR, e3).lanewise(XOR, b4); e3 = q0;
            p0 = c0.and(MASK).mul(m0); p1 = c2.and(MASK).mul(m1);
            q0 = e0.and(MASK).mul(m0); q1 = e2.and(MASK).mul(m1);
            c0 = p1.lanewise(LSHR, 32).lanewise(XOR, c1).lanewise(XOR, a5); c1 = p1;
            e0 = q1.lanewise(LSHR, 32).lanewise(XOR, e1).lanewise(XOR, a5); e1 = q1;
            c2 = p0.lanewise(LSHR, 32).lanewise(XOR, c3).lanewise(XOR, b5); c3 = p0;
            e2 = q0.lanewise(LSHR, 32).lanewise(XOR, e3).lanewise(XOR, b5); e3 = q0;
            p0 = c0.and(MASK).mul(m0); p1 = c2.and(MASK).mul(m1);
            q0 = e0.and(MASK).mul(m0); q1 = e2.and(MASK).mul(m1);
            c0 = p1.lanewise(LSHR, 32).lanewise(XOR, c1).lanewise(XOR, a6); c1 = p1;
            e0 = q1.lanewise(LSHR, 32).lanewise(XOR, e1).lanewise(XOR, a6); e1 = q1;
            c2 = p0.lanewise(LSHR, 32).lanewise(XOR, c3).lanewise(XOR, b6); c3 = p0;
            e2 = q0.lanewise(LSHR, 32).lanewise(XOR, e3).lanewise(XOR, b6); e3 = q0;
            p0 = c0.and(MASK).mul(m0); p1 = c2.and(MASK).mul(m1);
            q0 = e0.and(MASK).mul(m0); q1 = e2.and(MASK).mul(m1);
            c0 = p1.lanewise(LSHR, 32).lanewise(XOR, c1).lanewise(XOR, a7); c1 = p1;
            e0 = q1.lanewise(LSHR, 32).lanewise(XOR, e1).lanewise(XOR, a7); e1 = q1;
            c2 = p0.lanewise(LSHR, 32).lanewise(XOR, c3).lanewise(XOR, b7); c3 = p0;
            e2 = q0.lanewise(LSHR, 32).lanewise(XOR, e3).lanewise(XOR, b7); e3 = q0;
            p0 = c0.and(MASK).mul(m0); p1 = c2.and(MASK).mul(m1);
            q0 = e0.and(MASK).mul(m0); q1 = e2.and(MASK).mul(m1);
            c0 = p1.lanewise(LSHR, 32).lanewise(XOR, c1).lanewise(XOR, a8); c1 = p1;
            e0 = q1.lanewise(LSHR, 32).lanewise(XOR, e1).lanewise(XOR, a8); e1 = q1;
            c2 = p0.lanewise(LSHR, 32).lanewise(XOR, c3).lanewise(XOR, b8); c3 = p0;
            e2 = q0.lanewise(LSHR, 32).lanewise(XOR, e3).lanewise(XOR, b8); e3 = q0;
            p0 = c0.and(MASK).mul(m0); p1 = c2.and(MASK).mul(m1);
            q0 = e0.and(MASK).mul(m0); q1 = e2.and(MASK).mul(m1);
            c0 = p1.lanewise(LSHR, 32).lanewise(XOR, c1).lanewise(XOR, a9); c1 = p1;
            e0 = q1.lanewise(LSHR, 32).lanewise(XOR, e1).lanewise(XOR, a9); e1 = q1;
            c2 = p0.lanewise(LSHR, 32).lanewise(XOR, c3).lanewise(XOR, b9); c3 = p0;
            e2 = q0.lanewise(LSHR, 32).lanewise(XOR, e3).lanewise(XOR, b9); e3 = q0;
            // word pairs (w0|w1<<32, w2|w3<<32) of each block, zipped into stream order and stored
            // (written out for both groups: a helper taking vectors could be left uninlined and box)
            LongVector w01c = c0.and(MASK).or(c1.lanewise(LSHL, 32));
            LongVector w23c = c2.and(MASK).or(c3.lanewise(LSHL, 32));
            LongVector loc = w01c.rearrange(ZIP_LO, w23c);
            LongVector hic = w01c.rearrange(ZIP_HI, w23c);
            int atc = b;
            if (f != null) {
                loc.reinterpretAsFloats().intoArray(f, pos + 4 * atc);
                hic.reinterpretAsFloats().intoArray(f, pos + 4 * atc + 2 * L);
            } else {
                loc.reinterpretAsDoubles().intoArray(d, pos + 2 * atc);
                hic.reinterpretAsDoubles().intoArray(d, pos + 2 * atc + L);
            }
            LongVector w01e = e0.and(MASK).or(e1.lanewise(LSHL, 32));
            LongVector w23e = e2.and(MASK).or(e3.lanewise(LSHL, 32));
            LongVector loe = w01e.rearrange(ZIP_LO, w23e);
            LongVector hie = w01e.rearrange(ZIP_HI, w23e);
            int ate = b + L;
            if (f != null) {
                loe.reinterpretAsFloats().intoArray(f, pos + 4 * ate);
                hie.reinterpretAsFloats().intoArray(f, pos + 4 * ate + 2 * L);
            } else {
                loe.reinterpretAsDoubles().intoArray(d, pos + 2 * ate);
                hie.reinterpretAsDoubles().intoArray(d, pos + 2 * ate + L);
            }
        }
    }
}
