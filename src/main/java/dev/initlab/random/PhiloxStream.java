package dev.initlab.random;

/**
 * A counter-based stream of 32-bit words: word {@code i} is a pure function of
 * (seed, stream id, i), so any engine, thread, shard or language reproduces it.
 *
 * <p>Layout (fixed; the README restates it for reimplementers):
 * <ul>
 *   <li>key = ({@code seed & 0xffffffff}, {@code seed >>> 32});</li>
 *   <li>block {@code j} (unsigned 64-bit) of stream {@code s} is Philox4x32-10 of counter
 *       ({@code j} low 32, {@code j} high 32, {@code s} low 32, {@code s} high 32);</li>
 *   <li>word {@code k} (0..3) of block {@code j} is stream word {@code 4j+k};</li>
 *   <li>a float32 element {@code i} is made from word {@code i}, a float64 element {@code i} from
 *       words {@code 2i} (low half) and {@code 2i+1} (high half): {@link #WORDS_PER_FLOAT32},
 *       {@link #WORDS_PER_FLOAT64}.</li>
 * </ul>
 * Engines ask this class for the key words, the counter words of block {@code j} and the block of a
 * word; element transforms decide how the words make a value (see {@code dev.initlab.fill}).
 * Words whose block index has bit 63 set are reserved for auxiliary draws (such as the zero mask
 * of the sparse scheme) so that they can never collide with element words.
 *
 * <p>Instances are immutable and thread-safe.
 */
public final class PhiloxStream {
    /**
     * Version of the generator contract, the one version number of initlab's output bits: the stream
     * layout (key, counter, word-to-element mapping) and the transforms' and kernels' exact arithmetic
     * (README, "Generator and transforms"). Any change to a single output bit bumps it; outputs that can
     * carry it record it ({@code --version}, safetensors {@code __metadata__} key {@link #METADATA_KEY},
     * the report's provenance). History:
     * <ol>
     *   <li>the first published layout and transforms, no fused multiply-add anywhere;</li>
     *   <li>the float32 normal kernel (normal, truncated normal and the schemes built on them) evaluates
     *       1 - x^2, its log polynomial and Giles' erfinv polynomials with fused multiply-adds
     *       (issue #11): float32 normals differ from version 1 in the last bit(s) of some elements
     *       (record: {@code src/test/resources/fill/generator_v1/}); uniform, float64 and the stream
     *       layout are unchanged.</li>
     * </ol>
     */
    public static final int GENERATOR_VERSION = 2;

    /** The safetensors {@code __metadata__} key under which writers record {@link #GENERATOR_VERSION}. */
    public static final String METADATA_KEY = "initlab_generator_version";

    /** Stream words per Philox block. */
    public static final int WORDS_PER_BLOCK = 4;
    /** Stream words per float32 element: element {@code i} is word {@code i}. */
    public static final int WORDS_PER_FLOAT32 = 1;
    /** Stream words per float64 element: element {@code i} is words {@code 2i} (low half) and {@code 2i+1} (high). */
    public static final int WORDS_PER_FLOAT64 = 2;

    /** First block index of the auxiliary range (bit 63 set). */
    public static final long AUX_BLOCK_BASE = Long.MIN_VALUE;

    private final long seed;
    private final long streamId;
    private final int k0;
    private final int k1;
    private final int s0;
    private final int s1;

    private PhiloxStream(long seed, long streamId) {
        this.seed = seed;
        this.streamId = streamId;
        this.k0 = (int) seed;
        this.k1 = (int) (seed >>> 32);
        this.s0 = (int) streamId;
        this.s1 = (int) (streamId >>> 32);
    }

    /**
     * Creates a stream. Every 64-bit seed and stream id is valid.
     *
     * @param seed the 64-bit seed (the Philox key)
     * @param streamId the tensor stream id (0 when a single tensor is filled)
     * @return the stream
     */
    public static PhiloxStream of(long seed, long streamId) {
        return new PhiloxStream(seed, streamId);
    }

    public long seed() {
        return seed;
    }

    public long streamId() {
        return streamId;
    }

    /** Key word 0: low half of the seed. */
    public int key0() {
        return k0;
    }

    /** Key word 1: high half of the seed. */
    public int key1() {
        return k1;
    }

    /** The block holding stream word {@code word} (an unsigned 64-bit index). */
    public static long blockOf(long word) {
        return word >>> 2;
    }

    /** The position (0..3) of stream word {@code word} in its block. */
    public static int positionInBlock(long word) {
        return (int) word & 3;
    }

    /** Counter word 0 of block {@code j}: low half of the block index. */
    public static int counter0(long j) {
        return (int) j;
    }

    /** Counter word 1 of block {@code j}: high half of the block index. */
    public static int counter1(long j) {
        return (int) (j >>> 32);
    }

    /** Counter word 2 of every block of this stream: low half of the stream id. */
    public int counter2() {
        return s0;
    }

    /** Counter word 3 of every block of this stream: high half of the stream id. */
    public int counter3() {
        return s1;
    }

    /**
     * Writes the four words of block {@code j} to {@code out[off..off+3]}: Philox4x32-10 of counter
     * ({@link #counter0}, {@link #counter1}, {@link #counter2}, {@link #counter3}) under key
     * ({@link #key0}, {@link #key1}). Engines fill from this; the SIMD engine computes the same
     * counters lane-wise.
     */
    public void block(long j, int[] out, int off) {
        Philox4x32.block(counter0(j), counter1(j), s0, s1, k0, k1, out, off);
    }

    /** Word {@code i} of the stream (slow path: computes a whole block for one word). */
    public int word(long i) {
        int[] b = new int[4];
        block(blockOf(i), b, 0);
        return b[positionInBlock(i)];
    }

    /**
     * Auxiliary word {@code i}: word {@code i & 3} of block {@code AUX_BLOCK_BASE | (i >>> 2)}.
     * Used for draws that are not tensor elements (the sparse scheme's zero mask); never equal to
     * an element word because element blocks stay below 2^62.
     */
    public int auxWord(long i) {
        if (i < 0 || i >= (1L << 62)) {
            throw new IllegalArgumentException("auxiliary word index out of range: " + i);
        }
        int[] b = new int[4];
        block(AUX_BLOCK_BASE | blockOf(i), b, 0);
        return b[positionInBlock(i)];
    }

    /**
     * Fills {@code dst[off..off+len)} with stream words {@code first, first+1, ...}.
     *
     * @param first index of the first word
     * @param dst destination
     * @param off offset in {@code dst}
     * @param len number of words
     */
    public void words(long first, int[] dst, int off, int len) {
        int[] b = new int[4];
        long i = first;
        int n = 0;
        while (n < len) {
            long j = blockOf(i);
            int k = positionInBlock(i);
            block(j, b, 0);
            while (k < 4 && n < len) {
                dst[off + n++] = b[k++];
                i++;
            }
        }
    }

    @Override
    public String toString() {
        return "PhiloxStream[seed=" + seed + ", stream=" + streamId + "]";
    }
}
