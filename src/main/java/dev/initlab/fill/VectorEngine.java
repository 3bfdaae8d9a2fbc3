package dev.initlab.fill;

import static jdk.incubator.vector.VectorOperators.LSHL;
import static jdk.incubator.vector.VectorOperators.LSHR;
import static jdk.incubator.vector.VectorOperators.XOR;

import static dev.initlab.random.Philox4x32.roundKey0;
import static dev.initlab.random.Philox4x32.roundKey1;
import static dev.initlab.random.PhiloxStream.WORDS_PER_BLOCK;
import static dev.initlab.random.PhiloxStream.WORDS_PER_FLOAT32;
import static dev.initlab.random.PhiloxStream.WORDS_PER_FLOAT64;
import static dev.initlab.random.PhiloxStream.blockOf;

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
 * The scalar edges run {@link ScalarEngine}'s element loops (so the scalar Philox round lives only
 * in {@link Philox4x32}); the SIMD round below is its lane-wise twin, checked bit for bit against
 * the scalar engine by {@code VectorEngineTest} and {@code EnginesEquivalenceProperties}.
 * The hot loops allocate nothing; a call allocates at most one 4-int block for its scalar edges,
 * and none when the slice starts and ends on group boundaries (every inner chunk of
 * {@link ParallelEngine}).
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
    public static VectorEngine instance() {
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

    @Override
    public void fill(ElementTransform t, PhiloxStream s, long first, float[] dst, int off, int len) {
        FillEngine.checkSlice(first, dst.length, off, len);
        FillEngine.checkFloat32(t);
        fillSlice(t, s, first, dst, null, off, len);
    }

    @Override
    public void fill(ElementTransform t, PhiloxStream s, long first, double[] dst, int off, int len) {
        FillEngine.checkSlice(first, dst.length, off, len);
        FillEngine.checkFloat64(t);
        fillSlice(t, s, first, null, dst, off, len);
    }

    /**
     * Elements {@code first .. first+len-1} into {@code f[off..]} (float32) or {@code d[off..]}
     * (float64; exactly one of f, d is non-null): a constant is stored directly; otherwise a scalar head up to the first block boundary,
     * SIMD chunks of whole groups of L blocks, a scalar tail of fewer than L blocks (or 2L when
     * the whole slice held a single group).
     */
    private static void fillSlice(ElementTransform t, PhiloxStream s, long first, float[] f, double[] d,
                                  int off, int len) {
        if (t instanceof ConstantTransform c) {
            if (f != null) {
                Arrays.fill(f, off, off + len, c.value32());
            } else {
                Arrays.fill(d, off, off + len, c.value());
            }
            return;
        }
        int wordsPerElement = f != null ? WORDS_PER_FLOAT32 : WORDS_PER_FLOAT64;
        int perBlock = WORDS_PER_BLOCK / wordsPerElement;
        int pos = off;
        int end = off + len;
        long i = first;
        int head = (int) Math.min(len, (-first) & (perBlock - 1));
        int[] edgeWords = null; // one scalar Philox block, allocated only when the slice has an edge
        if (head > 0) {
            edgeWords = new int[WORDS_PER_BLOCK];
            scalarEdge(t, s, i, f, d, pos, head, edgeWords);
            pos += head;
            i += head;
        }
        int groups = (end - pos) / (perBlock * L);
        if (groups == 1) {
            groups = 0; // the Philox pass computes two groups at once; a lone group goes to the scalar tail
        }
        while (groups > 0) {
            // whole chunks, the last one up to a group longer so that no lone group is left over
            int blocks = groups * L <= CHUNK_BLOCKS + L ? groups * L : CHUNK_BLOCKS;
            philoxBits(blockOf(wordsPerElement * i), blocks, s, f, d, pos);
            int to = pos + perBlock * blocks;
            transformPass(t, f, d, pos, to);
            pos = to;
            i += (long) perBlock * blocks;
            groups -= blocks / L;
        }
        if (pos < end) {
            scalarEdge(t, s, i, f, d, pos, end - pos, edgeWords == null ? new int[WORDS_PER_BLOCK] : edgeWords);
        }
    }

    /** Elements {@code i .. i+count-1} by the scalar engine's loops (a slice's head and tail). */
    private static void scalarEdge(ElementTransform t, PhiloxStream s, long i, float[] f, double[] d, int pos,
                                   int count, int[] words) {
        if (f != null) {
            ScalarEngine.fill32(t, s, i, f, pos, count, words);
        } else {
            ScalarEngine.fill64(t, s, i, d, pos, count, words);
        }
    }

    /** Pass 2: the transform's SIMD twin turns the raw words in {@code [from, to)} into elements, in place. */
    private static void transformPass(ElementTransform t, float[] f, double[] d, int from, int to) {
        if (f != null) {
            switch (t) {
                case UniformTransform u -> u.vectorPass32(f, from, to);
                case NormalTransform n -> n.vectorPass32(f, from, to);
                case TruncatedNormalTransform n -> n.vectorPass32(f, from, to);
                case ConstantTransform c -> throw new AssertionError("constants are filled directly");
            }
        } else {
            switch (t) {
                case UniformTransform u -> u.vectorPass64(d, from, to);
                case NormalTransform n -> n.vectorPass64(d, from, to);
                case TruncatedNormalTransform n -> n.vectorPass64(d, from, to);
                case ConstantTransform c -> throw new AssertionError("constants are filled directly");
            }
        }
    }

    // ---- Philox4x32-10 in SIMD -----------------------------------------------------------------

    /**
     * Writes the raw words of blocks {@code j0 .. j0+blocks-1} ({@code blocks} a multiple of L, at
     * least 2L) in stream order into {@code f[pos..]} (float bits, 4 per block) or {@code d[pos..]} (double
     * bits, 2 per block; exactly one of f, d is non-null). Lane n of a step computes block j+n; the
     * ten rounds are unrolled with their round keys hoisted out of the loop.
     *
     * <p>Per round and group of L blocks: 2 masks, 2 multiplies (vpmuludq), 2 shifts, 4 xors; 10 vector
     * operations for 4L words. Each xor pair is written {@code hi ^ (c ^ k)}: {@code c ^ k} does not
     * wait for the multiply, so a round's dependency chain is mask, multiply, shift, one xor (one
     * operation shorter); uniform fills measured ~8% faster on AVX2 (Zen 1) than with
     * {@code (hi ^ c) ^ k}, same bits.
     *
     * <p>Why one long method (measured on AVX2, Zen 1, 256 Ki uniform float32, issue #11; README,
     * "Philox SIMD step"): the rounds as a loop ran 1.6x slower than unrolled (4.4 vs 2.7 ns/word);
     * four groups ran slower still in a loop (6.0) and were not compiled by C2 at all unrolled; the
     * layouts with two vectors per group (c0 &lt;&lt; 32 | c1 and c2 &lt;&lt; 32 | c3, or c2 &lt;&lt; 32 | c0
     * and c3 &lt;&lt; 32 | c1) need more shifts or masks per round: 2.8 ns/word unrolled with two groups
     * (this layout 2.6-2.7); converting uniforms in registers instead of pass 2 ran 12% slower. And
     * no helper methods taking or returning vectors: C2 inlines a method that is not the Vector API's
     * own (@ForceInline) only while the compilation has created fewer than NodeCountInliningCutoff
     * (18000) nodes, and Vector API calls create thousands while parsed; helpers for the round, the
     * key step and the store were tried, {@code -XX:+PrintInlining} showed "failed to inline:
     * NodeCountInliningCutoff" from the fifth call on, their vectors were boxed and the fill ran
     * 15-20x slower.
     */
    private static void philoxBits(long j0, int blocks, PhiloxStream s, float[] f, double[] d, int pos) {
        LongVector iota = LongVector.fromArray(LS, IOTA, 0);
        LongVector m0 = LongVector.broadcast(LS, M0).and(MASK);
        LongVector m1 = LongVector.broadcast(LS, M1).and(MASK);
        LongVector c2i = LongVector.broadcast(LS, s.counter2() & MASK);
        LongVector c3i = LongVector.broadcast(LS, s.counter3() & MASK);
        // round keys (Philox4x32.roundKey0/1), hoisted out of the loop
        LongVector a0 = LongVector.broadcast(LS, roundKey0(s.key0(), 0) & MASK);
        LongVector b0 = LongVector.broadcast(LS, roundKey1(s.key1(), 0) & MASK);
        LongVector a1 = LongVector.broadcast(LS, roundKey0(s.key0(), 1) & MASK);
        LongVector b1 = LongVector.broadcast(LS, roundKey1(s.key1(), 1) & MASK);
        LongVector a2 = LongVector.broadcast(LS, roundKey0(s.key0(), 2) & MASK);
        LongVector b2 = LongVector.broadcast(LS, roundKey1(s.key1(), 2) & MASK);
        LongVector a3 = LongVector.broadcast(LS, roundKey0(s.key0(), 3) & MASK);
        LongVector b3 = LongVector.broadcast(LS, roundKey1(s.key1(), 3) & MASK);
        LongVector a4 = LongVector.broadcast(LS, roundKey0(s.key0(), 4) & MASK);
        LongVector b4 = LongVector.broadcast(LS, roundKey1(s.key1(), 4) & MASK);
        LongVector a5 = LongVector.broadcast(LS, roundKey0(s.key0(), 5) & MASK);
        LongVector b5 = LongVector.broadcast(LS, roundKey1(s.key1(), 5) & MASK);
        LongVector a6 = LongVector.broadcast(LS, roundKey0(s.key0(), 6) & MASK);
        LongVector b6 = LongVector.broadcast(LS, roundKey1(s.key1(), 6) & MASK);
        LongVector a7 = LongVector.broadcast(LS, roundKey0(s.key0(), 7) & MASK);
        LongVector b7 = LongVector.broadcast(LS, roundKey1(s.key1(), 7) & MASK);
        LongVector a8 = LongVector.broadcast(LS, roundKey0(s.key0(), 8) & MASK);
        LongVector b8 = LongVector.broadcast(LS, roundKey1(s.key1(), 8) & MASK);
        LongVector a9 = LongVector.broadcast(LS, roundKey0(s.key0(), 9) & MASK);
        LongVector b9 = LongVector.broadcast(LS, roundKey1(s.key1(), 9) & MASK);
        for (int step = 0; step < blocks; step += 2 * L) {
            // two independent groups of L blocks (c: blocks j..j+L-1, e: the next L) interleaved, so
            // the out-of-order core overlaps their round latencies (~25% faster than one group). When
            // blocks is an odd number of groups the last pair starts L blocks early and rewrites L
            // blocks with the same words (nothing has read them yet): cheaper than a conditional store
            int b = Math.min(step, blocks - 2 * L);
            // counter (PhiloxStream.counter0..3: j lo, j hi, s lo, s hi) lane-wise; the j lo lanes keep
            // garbage above bit 31, masked before use
            LongVector c0 = iota.add(j0 + b);
            LongVector c1 = c0.lanewise(LSHR, 32);
            LongVector c2 = c2i;
            LongVector c3 = c3i;
            LongVector e0 = iota.add(j0 + b + L);
            LongVector e1 = e0.lanewise(LSHR, 32);
            LongVector e2 = c2i;
            LongVector e3 = c3i;
            // one round (Philox4x32.block): (hi(M1*c2) ^ (c1 ^ k0), lo(M1*c2), hi(M0*c0) ^ (c3 ^ k1), lo(M0*c0));
            // the lo words are kept unmasked (only their low 32 bits are ever read)
            LongVector p0 = c0.and(MASK).mul(m0); LongVector p1 = c2.and(MASK).mul(m1);
            LongVector q0 = e0.and(MASK).mul(m0); LongVector q1 = e2.and(MASK).mul(m1);
            c0 = p1.lanewise(LSHR, 32).lanewise(XOR, c1.lanewise(XOR, a0)); c1 = p1;
            e0 = q1.lanewise(LSHR, 32).lanewise(XOR, e1.lanewise(XOR, a0)); e1 = q1;
            c2 = p0.lanewise(LSHR, 32).lanewise(XOR, c3.lanewise(XOR, b0)); c3 = p0;
            e2 = q0.lanewise(LSHR, 32).lanewise(XOR, e3.lanewise(XOR, b0)); e3 = q0;
            p0 = c0.and(MASK).mul(m0); p1 = c2.and(MASK).mul(m1);
            q0 = e0.and(MASK).mul(m0); q1 = e2.and(MASK).mul(m1);
            c0 = p1.lanewise(LSHR, 32).lanewise(XOR, c1.lanewise(XOR, a1)); c1 = p1;
            e0 = q1.lanewise(LSHR, 32).lanewise(XOR, e1.lanewise(XOR, a1)); e1 = q1;
            c2 = p0.lanewise(LSHR, 32).lanewise(XOR, c3.lanewise(XOR, b1)); c3 = p0;
            e2 = q0.lanewise(LSHR, 32).lanewise(XOR, e3.lanewise(XOR, b1)); e3 = q0;
            p0 = c0.and(MASK).mul(m0); p1 = c2.and(MASK).mul(m1);
            q0 = e0.and(MASK).mul(m0); q1 = e2.and(MASK).mul(m1);
            c0 = p1.lanewise(LSHR, 32).lanewise(XOR, c1.lanewise(XOR, a2)); c1 = p1;
            e0 = q1.lanewise(LSHR, 32).lanewise(XOR, e1.lanewise(XOR, a2)); e1 = q1;
            c2 = p0.lanewise(LSHR, 32).lanewise(XOR, c3.lanewise(XOR, b2)); c3 = p0;
            e2 = q0.lanewise(LSHR, 32).lanewise(XOR, e3.lanewise(XOR, b2)); e3 = q0;
            p0 = c0.and(MASK).mul(m0); p1 = c2.and(MASK).mul(m1);
            q0 = e0.and(MASK).mul(m0); q1 = e2.and(MASK).mul(m1);
            c0 = p1.lanewise(LSHR, 32).lanewise(XOR, c1.lanewise(XOR, a3)); c1 = p1;
            e0 = q1.lanewise(LSHR, 32).lanewise(XOR, e1.lanewise(XOR, a3)); e1 = q1;
            c2 = p0.lanewise(LSHR, 32).lanewise(XOR, c3.lanewise(XOR, b3)); c3 = p0;
            e2 = q0.lanewise(LSHR, 32).lanewise(XOR, e3.lanewise(XOR, b3)); e3 = q0;
            p0 = c0.and(MASK).mul(m0); p1 = c2.and(MASK).mul(m1);
            q0 = e0.and(MASK).mul(m0); q1 = e2.and(MASK).mul(m1);
            c0 = p1.lanewise(LSHR, 32).lanewise(XOR, c1.lanewise(XOR, a4)); c1 = p1;
            e0 = q1.lanewise(LSHR, 32).lanewise(XOR, e1.lanewise(XOR, a4)); e1 = q1;
            c2 = p0.lanewise(LSHR, 32).lanewise(XOR, c3.lanewise(XOR, b4)); c3 = p0;
            e2 = q0.lanewise(LSHR, 32).lanewise(XOR, e3.lanewise(XOR, b4)); e3 = q0;
            p0 = c0.and(MASK).mul(m0); p1 = c2.and(MASK).mul(m1);
            q0 = e0.and(MASK).mul(m0); q1 = e2.and(MASK).mul(m1);
            c0 = p1.lanewise(LSHR, 32).lanewise(XOR, c1.lanewise(XOR, a5)); c1 = p1;
            e0 = q1.lanewise(LSHR, 32).lanewise(XOR, e1.lanewise(XOR, a5)); e1 = q1;
            c2 = p0.lanewise(LSHR, 32).lanewise(XOR, c3.lanewise(XOR, b5)); c3 = p0;
            e2 = q0.lanewise(LSHR, 32).lanewise(XOR, e3.lanewise(XOR, b5)); e3 = q0;
            p0 = c0.and(MASK).mul(m0); p1 = c2.and(MASK).mul(m1);
            q0 = e0.and(MASK).mul(m0); q1 = e2.and(MASK).mul(m1);
            c0 = p1.lanewise(LSHR, 32).lanewise(XOR, c1.lanewise(XOR, a6)); c1 = p1;
            e0 = q1.lanewise(LSHR, 32).lanewise(XOR, e1.lanewise(XOR, a6)); e1 = q1;
            c2 = p0.lanewise(LSHR, 32).lanewise(XOR, c3.lanewise(XOR, b6)); c3 = p0;
            e2 = q0.lanewise(LSHR, 32).lanewise(XOR, e3.lanewise(XOR, b6)); e3 = q0;
            p0 = c0.and(MASK).mul(m0); p1 = c2.and(MASK).mul(m1);
            q0 = e0.and(MASK).mul(m0); q1 = e2.and(MASK).mul(m1);
            c0 = p1.lanewise(LSHR, 32).lanewise(XOR, c1.lanewise(XOR, a7)); c1 = p1;
            e0 = q1.lanewise(LSHR, 32).lanewise(XOR, e1.lanewise(XOR, a7)); e1 = q1;
            c2 = p0.lanewise(LSHR, 32).lanewise(XOR, c3.lanewise(XOR, b7)); c3 = p0;
            e2 = q0.lanewise(LSHR, 32).lanewise(XOR, e3.lanewise(XOR, b7)); e3 = q0;
            p0 = c0.and(MASK).mul(m0); p1 = c2.and(MASK).mul(m1);
            q0 = e0.and(MASK).mul(m0); q1 = e2.and(MASK).mul(m1);
            c0 = p1.lanewise(LSHR, 32).lanewise(XOR, c1.lanewise(XOR, a8)); c1 = p1;
            e0 = q1.lanewise(LSHR, 32).lanewise(XOR, e1.lanewise(XOR, a8)); e1 = q1;
            c2 = p0.lanewise(LSHR, 32).lanewise(XOR, c3.lanewise(XOR, b8)); c3 = p0;
            e2 = q0.lanewise(LSHR, 32).lanewise(XOR, e3.lanewise(XOR, b8)); e3 = q0;
            p0 = c0.and(MASK).mul(m0); p1 = c2.and(MASK).mul(m1);
            q0 = e0.and(MASK).mul(m0); q1 = e2.and(MASK).mul(m1);
            c0 = p1.lanewise(LSHR, 32).lanewise(XOR, c1.lanewise(XOR, a9)); c1 = p1;
            e0 = q1.lanewise(LSHR, 32).lanewise(XOR, e1.lanewise(XOR, a9)); e1 = q1;
            c2 = p0.lanewise(LSHR, 32).lanewise(XOR, c3.lanewise(XOR, b9)); c3 = p0;
            e2 = q0.lanewise(LSHR, 32).lanewise(XOR, e3.lanewise(XOR, b9)); e3 = q0;
            // word pairs (w0|w1<<32, w2|w3<<32) zipped into stream order and stored, written out for both
            // groups: a helper taking vectors was tried, not inlined here, and boxed (16 B per element)
            LongVector w01c = c0.and(MASK).or(c1.lanewise(LSHL, 32));
            LongVector w23c = c2.and(MASK).or(c3.lanewise(LSHL, 32));
            LongVector loc = w01c.rearrange(ZIP_LO, w23c);
            LongVector hic = w01c.rearrange(ZIP_HI, w23c);
            if (f != null) {
                loc.reinterpretAsFloats().intoArray(f, pos + 4 * b);
                hic.reinterpretAsFloats().intoArray(f, pos + 4 * b + 2 * L);
            } else {
                loc.reinterpretAsDoubles().intoArray(d, pos + 2 * b);
                hic.reinterpretAsDoubles().intoArray(d, pos + 2 * b + L);
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
