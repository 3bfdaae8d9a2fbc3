package dev.initlab.fill;

import static jdk.incubator.vector.VectorOperators.ASHR;
import static jdk.incubator.vector.VectorOperators.FMA;
import static jdk.incubator.vector.VectorOperators.GT;
import static jdk.incubator.vector.VectorOperators.I2F;
import static jdk.incubator.vector.VectorOperators.LE;
import static jdk.incubator.vector.VectorOperators.LSHL;
import static jdk.incubator.vector.VectorOperators.LSHR;

import jdk.incubator.vector.DoubleVector;
import jdk.incubator.vector.FloatVector;
import jdk.incubator.vector.IntVector;
import jdk.incubator.vector.LongVector;
import jdk.incubator.vector.VectorMask;
import jdk.incubator.vector.VectorSpecies;

/**
 * SIMD twins of {@link Kernels} and of the word-to-number maps of {@link ElementTransform}.
 * Every twin performs exactly the IEEE 754 operations of its scalar original, in the same order,
 * lane by lane, so the results are bit-identical (checked by the equivalence property and by
 * {@code VectorKernelsTest}, in the interpreter and after C2 compilation). Read each method next
 * to its scalar original: they are written line for line.
 *
 * <p>Operations used: lane-wise {@code + - * / sqrt min max neg abs}, fused multiply-add (the float32
 * normal kernel, twin of {@link Math#fma(float, float, float)}), comparisons, blends, lane
 * compression ({@code compress}, which only moves lanes: the float64 normal kernel's gather on
 * AVX-512), integer and bit operations, and the exact int-to-float conversion. All are correctly rounded (or exact) in both
 * scalar Java and the Vector API, in the interpreter and in compiled code (lane-wise FMA is the IEEE
 * fusedMultiplyAdd, as {@code Math.fma}; see {@link Kernels} on hardware without FMA). Never used:
 * the Vector API's transcendental operators (LOG, EXP, SIN, ...), which are not bit-identical to
 * {@link Math}. Conversions without an AVX2 instruction (long to double) are replaced by
 * exact bit constructions, documented where used; each yields the same double as the scalar cast.
 *
 * <p>Branches of piecewise kernels (the tail of Giles' erfinv, AS241's far tail) are computed for
 * the whole vector and merged with masks; a branch is skipped only when no lane needs it, which
 * cannot change any lane's result. AS241's tails are instead computed on their own lanes only,
 * gathered from a block into scratch ({@link #normalQuantile(double[], int, int)}): a lane's
 * operations are the same either way.
 *
 * <p>Species are the platform's preferred ones, chosen at run time (AVX2: 8 float / 4 double
 * lanes; AVX-512: 16 / 8; NEON: 4 / 2). The int and long species have the same bit size as the
 * float and double ones.
 *
 * <p>Each kernel is the lane-wise twin of the {@link Kernels} method of the same name, bit for bit
 * ({@code VectorKernelsTest}, {@code EnginesEquivalenceProperties}). The two interleaved
 * polynomial chains (x and y halves) are written out rather than called through a helper taking
 * vectors: such a helper was not inlined into {@code VectorEngine.philoxBits} (tried) and boxed
 * every vector, and the same risk applies here ({@code VectorCompilationTest} checks for allocation).
 */
final class VectorKernels {
    private VectorKernels() {
    }

    static final VectorSpecies<Float> FS = FloatVector.SPECIES_PREFERRED;
    static final VectorSpecies<Integer> IS = IntVector.SPECIES_PREFERRED;
    static final VectorSpecies<Double> DS = DoubleVector.SPECIES_PREFERRED;
    static final VectorSpecies<Long> LS = LongVector.SPECIES_PREFERRED;

    /** Bits of 1.0: OR-ed with a 52-bit integer m it gives the double 1 + m * 2^-52 exactly. */
    private static final long ONE_BITS = 0x3ff0000000000000L;
    /** Bits of 2^52: OR-ed with an integer e &lt; 2^52 it gives the double 2^52 + e exactly. */
    private static final long TWO52_BITS = 0x4330000000000000L;
    /** Bits of 2^-53. */
    private static final long TWO_M53_BITS = 0x3ca0000000000000L;

    // ---- word maps (twins of ElementTransform's static helpers) ------------------------------

    /** Twin of {@link ElementTransform#unit24(int)}: (w >>> 8) * 2^-24; the int-to-float conversion is exact. */
    static FloatVector unit24(IntVector w) {
        return ((FloatVector) w.lanewise(LSHR, 8).convert(I2F, 0)).mul(0x1p-24f);
    }

    /** Twin of {@link ElementTransform#centered24(int)}: ((w >>> 8) << 1) + 1 - 2^24 (int), times 2^-24. */
    static FloatVector centered24(IntVector w) {
        IntVector m = w.lanewise(LSHR, 8).lanewise(LSHL, 1).add(1).sub(1 << 24);
        return ((FloatVector) m.convert(I2F, 0)).mul(0x1p-24f);
    }

    /**
     * Twin of {@link ElementTransform#unit53(int, int)} on bits = hi &lt;&lt; 32 | lo:
     * (double) (bits >>> 11) * 2^-53. AVX2 has no long-to-double conversion, so the same exact value
     * m * 2^-53 (m = bits >>> 11 &lt; 2^53) is built as (bits(1.0 | m >>> 1) - 1) + (m &amp; 1) * 2^-53:
     * the subtraction and the addition are exact because their results are representable, so the
     * double is the one the scalar cast and product give.
     */
    static DoubleVector unit53(LongVector bits) {
        DoubleVector high = bits.lanewise(LSHR, 12).or(ONE_BITS).reinterpretAsDoubles().sub(1.0);
        DoubleVector low = bits.lanewise(LSHR, 11).and(1L).neg().and(TWO_M53_BITS).reinterpretAsDoubles();
        return high.add(low);
    }

    /**
     * Twin of {@link ElementTransform#open52(int, int)}: (2m + 1) * 2^-53 with m = bits >>> 12, built
     * exactly as (bits(1.0 | m) - 1) + 2^-53 (both steps exact: m * 2^-52, then an odd multiple of
     * 2^-53 below 1).
     */
    static DoubleVector open52(LongVector bits) {
        return bits.lanewise(LSHR, 12).or(ONE_BITS).reinterpretAsDoubles().sub(1.0).add(0x1p-53);
    }

    // ---- float32: twin of Kernels.log(float) inside twin of Kernels.normalFromErfDomain ------

    /**
     * Twin of {@link Kernels#normalFromErfDomain(float)} (with {@link Kernels#log(float)} written
     * inline), in place: {@code a[i] = normalFromErfDomain(a[i])} for {@code from <= i < to}
     * ({@code to - from} a multiple of twice the float lane count: two vectors per iteration, which
     * measured 16% faster than one because the chain of ~35 dependent operations per vector
     * otherwise leaves the core waiting). Both of Giles' branches are merged by
     * the mask w &lt; 5; the tail polynomial is evaluated only for vectors with a lane in the tail.
     *
     * <p>Why loops over arrays with everything inline, and no vector-typed helper methods: a method
     * whose arguments or result are vectors must be inlined by C2 or the vectors are boxed on the
     * heap (an allocation per call, and ~10x slower). C2 refuses to inline an ordinary method once
     * the compilation unit has grown past its node budget (NodeCountInliningCutoff), which these
     * kernels reach, or when the callee was already compiled on its own into more than
     * {@code InlineSmallCode} bytes; only the Vector API's own {@code @ForceInline} methods are
     * exempt. So the kernels call nothing but the Vector API, and cross method boundaries only with
     * (array, index) arguments, which cost at most a call.
     */
    static void normalFromErfDomain(float[] a, int from, int to) {
        FloatVector one = FloatVector.broadcast(FS, 1f);
        int n = FS.length();
        for (int i = from; i < to; i += 2 * n) {
            // two vectors per iteration, x and y, computed side by side: the same operations on
            // independent data, so the out-of-order core overlaps their long dependency chains
            FloatVector x = FloatVector.fromArray(FS, a, i);
            FloatVector y = FloatVector.fromArray(FS, a, i + n);
            // u = fma(-x, x, 1)
            FloatVector ux = x.neg().lanewise(FMA, x, one);
            FloatVector uy = y.neg().lanewise(FMA, y, one);
            // log(u), twin of Kernels.log(float), line for line
            IntVector ix = ux.reinterpretAsInts().add(0x3f800000 - Kernels.SQRT_HALF_BITS_F);
            IntVector iy = uy.reinterpretAsInts().add(0x3f800000 - Kernels.SQRT_HALF_BITS_F);
            FloatVector kx = (FloatVector) ix.lanewise(ASHR, 23).sub(127).convert(I2F, 0);
            FloatVector ky = (FloatVector) iy.lanewise(ASHR, 23).sub(127).convert(I2F, 0);
            FloatVector mx = ix.and(0x007fffff).add(Kernels.SQRT_HALF_BITS_F).reinterpretAsFloats();
            FloatVector my = iy.and(0x007fffff).add(Kernels.SQRT_HALF_BITS_F).reinterpretAsFloats();
            FloatVector fx = mx.sub(1f);
            FloatVector fy = my.sub(1f);
            FloatVector sx = fx.div(fx.add(2f));
            FloatVector sy = fy.div(fy.add(2f));
            FloatVector s2x = sx.mul(sx);
            FloatVector s2y = sy.mul(sy);
            FloatVector lx = s2x.lanewise(FMA, Kernels.L4F, Kernels.L3F);
            FloatVector ly = s2y.lanewise(FMA, Kernels.L4F, Kernels.L3F);
            lx = s2x.lanewise(FMA, lx, Kernels.L2F);
            ly = s2y.lanewise(FMA, ly, Kernels.L2F);
            lx = s2x.lanewise(FMA, lx, Kernels.L1F);
            ly = s2y.lanewise(FMA, ly, Kernels.L1F);
            FloatVector logmx = sx.mul(s2x).lanewise(FMA, lx, sx.add(sx));
            FloatVector logmy = sy.mul(s2y).lanewise(FMA, ly, sy.add(sy));
            FloatVector wx = kx.lanewise(FMA, Kernels.LN2_HI_F, kx.lanewise(FMA, Kernels.LN2_LO_F, logmx)).neg();
            FloatVector wy = ky.lanewise(FMA, Kernels.LN2_HI_F, ky.lanewise(FMA, Kernels.LN2_LO_F, logmy)).neg();
            // normalFromErfDomain: w = -log(u); central polynomial in w - 2.5
            VectorMask<Float> cx = wx.lt(5f);
            VectorMask<Float> cy = wy.lt(5f);
            FloatVector tx = wx.sub(2.5f);
            FloatVector ty = wy.sub(2.5f);
            FloatVector px = tx.lanewise(FMA, Kernels.C0, Kernels.C1);
            FloatVector py = ty.lanewise(FMA, Kernels.C0, Kernels.C1);
            px = px.lanewise(FMA, tx, Kernels.C2);
            py = py.lanewise(FMA, ty, Kernels.C2);
            px = px.lanewise(FMA, tx, Kernels.C3);
            py = py.lanewise(FMA, ty, Kernels.C3);
            px = px.lanewise(FMA, tx, Kernels.C4);
            py = py.lanewise(FMA, ty, Kernels.C4);
            px = px.lanewise(FMA, tx, Kernels.C5);
            py = py.lanewise(FMA, ty, Kernels.C5);
            px = px.lanewise(FMA, tx, Kernels.C6);
            py = py.lanewise(FMA, ty, Kernels.C6);
            px = px.lanewise(FMA, tx, Kernels.C7);
            py = py.lanewise(FMA, ty, Kernels.C7);
            px = px.lanewise(FMA, tx, Kernels.C8);
            py = py.lanewise(FMA, ty, Kernels.C8);
            FloatVector zx = px.mul(x).mul(Kernels.SQRT2_F);
            FloatVector zy = py.mul(y).mul(Kernels.SQRT2_F);
            if (!cx.and(cy).allTrue()) {
                // tail polynomial (times sqrt 2) in sqrt(w) - 3, for the lanes with w >= 5: z = q * x
                FloatVector qx = wx.sqrt().sub(3f);
                FloatVector qy = wy.sqrt().sub(3f);
                FloatVector rx = qx.lanewise(FMA, Kernels.TS0, Kernels.TS1);
                FloatVector ry = qy.lanewise(FMA, Kernels.TS0, Kernels.TS1);
                rx = rx.lanewise(FMA, qx, Kernels.TS2);
                ry = ry.lanewise(FMA, qy, Kernels.TS2);
                rx = rx.lanewise(FMA, qx, Kernels.TS3);
                ry = ry.lanewise(FMA, qy, Kernels.TS3);
                rx = rx.lanewise(FMA, qx, Kernels.TS4);
                ry = ry.lanewise(FMA, qy, Kernels.TS4);
                rx = rx.lanewise(FMA, qx, Kernels.TS5);
                ry = ry.lanewise(FMA, qy, Kernels.TS5);
                rx = rx.lanewise(FMA, qx, Kernels.TS6);
                ry = ry.lanewise(FMA, qy, Kernels.TS6);
                rx = rx.lanewise(FMA, qx, Kernels.TS7);
                ry = ry.lanewise(FMA, qy, Kernels.TS7);
                rx = rx.lanewise(FMA, qx, Kernels.TS8);
                ry = ry.lanewise(FMA, qy, Kernels.TS8);
                zx = zx.blend(rx.mul(x), cx.not());
                zy = zy.blend(ry.mul(y), cy.not());
            }
            zx.intoArray(a, i);
            zy.intoArray(a, i + n);
        }
    }

    // ---- float64: twin of Kernels.normalQuantile (AS241) with Kernels.log(double) and horner --

    /**
     * Elements per block of {@link #normalQuantile(double[], int, int)}: the block's tail lanes are
     * gathered into per-thread scratch arrays of this size. 1024 is one float64 chunk of
     * {@code VectorEngine} (so a chunk's tail lanes are computed together, with one padded group).
     */
    static final int QUANTILE_BLOCK = 1024;

    /** Vectors side by side in {@link #quantileTails}; the tail scratch is padded to a multiple of this many vectors. */
    static final int TAIL_VECTORS = 4;

    /**
     * Whether the tail lanes are gathered with the Vector API's {@code compress}
     * ({@link #quantileCentralCompress}) rather than a scalar loop over the mask's bits
     * ({@link #quantileCentral}). Only on 512-bit x86 shapes (AVX-512, where C2 compiles
     * {@code compress} to one {@code vcompresspd}/{@code vpcompressq}); elsewhere the scalar loop.
     * Both give the same bits: they only choose which lanes go to the tail pass.
     */
    static final boolean COMPRESS = DS.vectorBitSize() == 512
            && System.getProperty("os.arch", "").matches("amd64|x86_64");

    /** Per-thread scratch for the tail lanes of one block: their probabilities (then results) and indices. */
    private static final class QuantileScratch {
        final double[] p = new double[QUANTILE_BLOCK + TAIL_VECTORS * DS.length()];
        final int[] index = new int[QUANTILE_BLOCK];
        /** Indices as longs, for the compressing gather (room for one whole vector past the last lane). */
        final long[] index64 = new long[QUANTILE_BLOCK + TAIL_VECTORS * DS.length()];
    }

    /**
     * Allocated once per thread, on its first float64 normal fill; {@code ThreadLocal.get} costs a
     * few ns per call (one call per 1024-element chunk of the engine) and allocates nothing after that.
     */
    private static final ThreadLocal<QuantileScratch> QUANTILE_SCRATCH = ThreadLocal.withInitial(QuantileScratch::new);

    /** A probability in AS241's r &lt;= 5 tail, for the padding lanes of the last tail vector group (results unused). */
    private static final double PAD_P = 0.01;

    /** Element offsets 0, 1, 2, ... of the lanes of a long vector, for the compressing gather's indices. */
    private static final long[] LANE_INDEX = new long[LS.length()];

    static {
        for (int l = 0; l < LANE_INDEX.length; l++) {
            LANE_INDEX[l] = l;
        }
    }

    /**
     * Twin of {@link Kernels#normalQuantile(double)}, in place: {@code a[i] = normalQuantile(a[i])} for
     * {@code from <= i < to} ({@code to - from} a multiple of the double lane count).
     *
     * <p>Issue #11: only 15% of probabilities fall in AS241's tails (|q| &gt; 0.425), but with 4
     * lanes 48% of vectors hold at least one such lane (1 - 0.85^4), and masking made every such
     * vector pay the whole tail (a logarithm with one division, a square root, another rational
     * function with one division). So the work is split by lane instead, per block of
     * {@link #QUANTILE_BLOCK} elements: the central pass computes q A(r)/B(r) for every lane (four
     * vectors side by side) and writes it, and copies the probability and the index of each tail
     * lane into per-thread scratch; the tail pass then runs the tail branches on those gathered
     * probabilities, whole vectors of tail lanes only ({@link #TAIL_VECTORS} side by side), and the
     * results are put back in their places. Every lane still goes through exactly the operations of
     * its scalar branch, so the bits are the scalar kernel's; a lane's value never depends on its
     * neighbours. Divisions per element (Zen 1 issues one 256-bit double division every ~8 cycles):
     * 1/4 central + 0.15 x 2/4 tail = 0.33, was 1/4 + 0.48 x 2/4 = 0.49; square roots 0.04, was
     * 0.12. Measured on AVX2 (Zen 1), kernel alone, side by side ({@code NormalQuantileTiming}): see
     * the README, "Float64 normal kernel".
     *
     * <p>Issue #11, float64 target, measured on AVX-512 (8 double lanes; AMD EPYC, Zen 5, 2 cores
     * shared with other work, JDK 25; 256 Ki elements, 1 thread). The gather was the largest cost:
     * with 32 lanes per central iteration 99.5% of iterations hold a tail lane, and the scalar loop
     * over each mask's bits (a data-dependent trip count per vector, so mispredicted branches) cost
     * about as much as the central arithmetic. {@link #COMPRESS}: gathering with {@code compress}
     * instead (branch-free: a vector's tail lanes and their indices are stored whole at the
     * scratch's end, which advances by the mask's bit count) made the kernel alone 1.6x faster;
     * blocks of 1024 instead of 512 (one tail pass per engine chunk, half the padding) 4% more; four
     * tail vectors side by side instead of two another 8-12% (the tail pass alone: 2.5 -&gt; 1.7 ns
     * per tail lane; its ~170-cycle chain per vector had left the core waiting). Scattering the
     * results back with {@code expand} and masked stores measured 2% slower than the scalar loop
     * over the gathered indices, kept here. The kernel alone now splits (ns/element, scratch
     * harness): central arithmetic 0.41, tail pass 0.25, compressing probabilities 0.08 and
     * indices 0.06, scatter 0.08.
     * {@code NormalQuantileTiming} (min ns/element, two JVMs each, alternately, load 1.4-1.7):
     * kernel 2.3-2.8 before, 1.1-1.25 now (the scalar-loop gather path,
     * {@link #normalQuantileGather}, 2.0 in the same runs); whole vector fill N(0,1) 2.9-3.5 before,
     * 1.75-1.87 now (of which the generator and word map, the float64 uniform fill: 0.9).
     * JMH {@code NormalFloat64Bench} (N(0, 0.02^2), 2 forks x 3 iterations, before and after
     * alternately, load 1.6-2.2, the float64-normal-ns target's 99.9% interval): 3.03 [2.73, 3.42]
     * and 3.05 [2.68, 3.54] ns/sample before, 2.32 [2.11, 2.57] and 2.11 [1.95, 2.31] now, and
     * 1.94 [1.90, 1.98] in a last run of the committed code (load 2.0).
     * With {@code -XX:UseAVX=2} on the same machine (4 lanes, {@code COMPRESS} off, the gather
     * path with four tail vectors and blocks of 1024) the kernel was not slower: min 3.6-4.3
     * ns/element before, 3.45-3.6 now (noisy).
     *
     * <p>Written with Vector API calls only and (array, index) method boundaries, for the reason
     * given at {@link #normalFromErfDomain(float[], int, int)}.
     */
    static void normalQuantile(double[] a, int from, int to) {
        if (COMPRESS) {
            normalQuantileCompress(a, from, to);
        } else {
            normalQuantileGather(a, from, to);
        }
    }

    /** {@link #normalQuantile} with the tail lanes gathered by {@code compress} (AVX-512; see {@link #COMPRESS}). */
    static void normalQuantileCompress(double[] a, int from, int to) {
        QuantileScratch s = QUANTILE_SCRATCH.get();
        double[] tp = s.p;
        long[] ti = s.index64;
        for (int b = from; b < to; b += QUANTILE_BLOCK) {
            int e = Math.min(to, b + QUANTILE_BLOCK);
            int k = quantileCentralCompress(a, b, e, tp, ti);
            if (k > 0) {
                quantileTailPass(tp, k);
                for (int j = 0; j < k; j++) {
                    a[(int) ti[j]] = tp[j];
                }
            }
        }
    }

    /** {@link #normalQuantile} with the tail lanes gathered by a scalar loop over each mask's bits. */
    static void normalQuantileGather(double[] a, int from, int to) {
        QuantileScratch s = QUANTILE_SCRATCH.get();
        double[] tp = s.p;
        int[] ti = s.index;
        for (int b = from; b < to; b += QUANTILE_BLOCK) {
            int e = Math.min(to, b + QUANTILE_BLOCK);
            int k = quantileCentral(a, b, e, tp, ti);
            if (k > 0) {
                quantileTailPass(tp, k);
                for (int j = 0; j < k; j++) {
                    a[ti[j]] = tp[j];
                }
            }
        }
    }

    /** The tail branches, in place, on the k gathered probabilities {@code tp[0..k)} (padded here to whole groups). */
    private static void quantileTailPass(double[] tp, int k) {
        int g = TAIL_VECTORS * DS.length();
        int kp = (k + g - 1) / g * g;
        for (int j = k; j < kp; j++) {
            tp[j] = PAD_P;
        }
        for (int j = 0; j < kp; j += g) {
            quantileTails(tp, j);
        }
    }

    /**
     * The central pass over {@code a[from..to)} (a whole number of vectors): every lane gets
     * q * A(r) / B(r) with r = 0.180625 - q^2, q = p - 0.5 (AS241's |q| &lt;= 0.425 branch, the
     * polynomial pair by Horner exactly as {@link Kernels#horner}); the probability and index of each
     * lane with |q| &gt; 0.425 go to {@code tp[k]}, {@code ti[k]} before it is overwritten. Returns
     * the number of tail lanes k.
     */
    private static int quantileCentral(double[] a, int from, int to, double[] tp, int[] ti) {
        double[] na = Kernels.A;
        double[] da = Kernels.B;
        int n = DS.length();
        int k = 0;
        int i = from;
        for (; i + 4 * n <= to; i += 4 * n) {
            // four vectors W, X, Y, Z side by side: their Horner chains are independent, so the core
            // overlaps them (two vectors left it waiting on latency: four measured 1.2x faster)
            DoubleVector qW = DoubleVector.fromArray(DS, a, i).sub(0.5);
            DoubleVector qX = DoubleVector.fromArray(DS, a, i + n).sub(0.5);
            DoubleVector qY = DoubleVector.fromArray(DS, a, i + 2 * n).sub(0.5);
            DoubleVector qZ = DoubleVector.fromArray(DS, a, i + 3 * n).sub(0.5);
            // |q| > 0.425 is the scalar test's "else" (p is never NaN)
            long tW = qW.abs().compare(GT, 0.425).toLong();
            long tX = qX.abs().compare(GT, 0.425).toLong();
            long tY = qY.abs().compare(GT, 0.425).toLong();
            long tZ = qZ.abs().compare(GT, 0.425).toLong();
            if ((tW | tX | tY | tZ) != 0) {
                k = gatherTail(a, i, tW, tp, ti, k);
                k = gatherTail(a, i + n, tX, tp, ti, k);
                k = gatherTail(a, i + 2 * n, tY, tp, ti, k);
                k = gatherTail(a, i + 3 * n, tZ, tp, ti, k);
            }
            DoubleVector rW = DoubleVector.broadcast(DS, 0.180625).sub(qW.mul(qW));
            DoubleVector rX = DoubleVector.broadcast(DS, 0.180625).sub(qX.mul(qX));
            DoubleVector rY = DoubleVector.broadcast(DS, 0.180625).sub(qY.mul(qY));
            DoubleVector rZ = DoubleVector.broadcast(DS, 0.180625).sub(qZ.mul(qZ));
            DoubleVector nW = DoubleVector.broadcast(DS, na[7]);
            DoubleVector dW = DoubleVector.broadcast(DS, da[7]);
            DoubleVector nX = nW;
            DoubleVector dX = dW;
            DoubleVector nY = nW;
            DoubleVector dY = dW;
            DoubleVector nZ = nW;
            DoubleVector dZ = dW;
            for (int j = 6; j >= 0; j--) {
                nW = nW.mul(rW).add(na[j]);
                dW = dW.mul(rW).add(da[j]);
                nX = nX.mul(rX).add(na[j]);
                dX = dX.mul(rX).add(da[j]);
                nY = nY.mul(rY).add(na[j]);
                dY = dY.mul(rY).add(da[j]);
                nZ = nZ.mul(rZ).add(na[j]);
                dZ = dZ.mul(rZ).add(da[j]);
            }
            qW.mul(nW).div(dW).intoArray(a, i);
            qX.mul(nX).div(dX).intoArray(a, i + n);
            qY.mul(nY).div(dY).intoArray(a, i + 2 * n);
            qZ.mul(nZ).div(dZ).intoArray(a, i + 3 * n);
        }
        for (; i < to; i += n) {   // the last 0-3 vectors, one at a time
            DoubleVector q = DoubleVector.fromArray(DS, a, i).sub(0.5);
            long t = q.abs().compare(GT, 0.425).toLong();
            if (t != 0) {
                k = gatherTail(a, i, t, tp, ti, k);
            }
            DoubleVector r = DoubleVector.broadcast(DS, 0.180625).sub(q.mul(q));
            DoubleVector nu = DoubleVector.broadcast(DS, na[7]);
            DoubleVector de = DoubleVector.broadcast(DS, da[7]);
            for (int j = 6; j >= 0; j--) {
                nu = nu.mul(r).add(na[j]);
                de = de.mul(r).add(da[j]);
            }
            q.mul(nu).div(de).intoArray(a, i);
        }
        return k;
    }

    /**
     * {@link #quantileCentral} with a branch-free gather: each vector's tail lanes are packed to its
     * low lanes by {@code compress} (probabilities, and their indices from a long vector of lane
     * offsets), both stored whole at {@code tp[k..]}, {@code ti[k..]} (the scratch has room for a
     * vector past its last lane; the lanes beyond the tail lanes are overwritten by the next store
     * or ignored), and k advances by the mask's bit count. The central arithmetic below repeats
     * {@link #quantileCentral}'s lines on purpose (a helper taking the vectors would box them, see the
     * class comment); {@code VectorKernelsTest} checks both methods bit for bit against the scalar kernel.
     */
    private static int quantileCentralCompress(double[] a, int from, int to, double[] tp, long[] ti) {
        double[] na = Kernels.A;
        double[] da = Kernels.B;
        int n = DS.length();
        LongVector lanes = LongVector.fromArray(LS, LANE_INDEX, 0);
        int k = 0;
        int i = from;
        for (; i + 4 * n <= to; i += 4 * n) {
            // four vectors side by side, as in quantileCentral (eight were 5% faster on the kernel
            // alone in a scratch harness, but no faster in the fill: NormalQuantileTiming, Zen 5)
            DoubleVector pW = DoubleVector.fromArray(DS, a, i);
            DoubleVector pX = DoubleVector.fromArray(DS, a, i + n);
            DoubleVector pY = DoubleVector.fromArray(DS, a, i + 2 * n);
            DoubleVector pZ = DoubleVector.fromArray(DS, a, i + 3 * n);
            DoubleVector qW = pW.sub(0.5);
            DoubleVector qX = pX.sub(0.5);
            DoubleVector qY = pY.sub(0.5);
            DoubleVector qZ = pZ.sub(0.5);
            // |q| > 0.425 is the scalar test's "else" (p is never NaN)
            VectorMask<Double> tW = qW.abs().compare(GT, 0.425);
            VectorMask<Double> tX = qX.abs().compare(GT, 0.425);
            VectorMask<Double> tY = qY.abs().compare(GT, 0.425);
            VectorMask<Double> tZ = qZ.abs().compare(GT, 0.425);
            pW.compress(tW).intoArray(tp, k);
            lanes.add(i).compress(tW.cast(LS)).intoArray(ti, k);
            k += tW.trueCount();
            pX.compress(tX).intoArray(tp, k);
            lanes.add(i + n).compress(tX.cast(LS)).intoArray(ti, k);
            k += tX.trueCount();
            pY.compress(tY).intoArray(tp, k);
            lanes.add(i + 2 * n).compress(tY.cast(LS)).intoArray(ti, k);
            k += tY.trueCount();
            pZ.compress(tZ).intoArray(tp, k);
            lanes.add(i + 3 * n).compress(tZ.cast(LS)).intoArray(ti, k);
            k += tZ.trueCount();
            DoubleVector rW = DoubleVector.broadcast(DS, 0.180625).sub(qW.mul(qW));
            DoubleVector rX = DoubleVector.broadcast(DS, 0.180625).sub(qX.mul(qX));
            DoubleVector rY = DoubleVector.broadcast(DS, 0.180625).sub(qY.mul(qY));
            DoubleVector rZ = DoubleVector.broadcast(DS, 0.180625).sub(qZ.mul(qZ));
            DoubleVector nW = DoubleVector.broadcast(DS, na[7]);
            DoubleVector dW = DoubleVector.broadcast(DS, da[7]);
            DoubleVector nX = nW;
            DoubleVector dX = dW;
            DoubleVector nY = nW;
            DoubleVector dY = dW;
            DoubleVector nZ = nW;
            DoubleVector dZ = dW;
            for (int j = 6; j >= 0; j--) {
                nW = nW.mul(rW).add(na[j]);
                dW = dW.mul(rW).add(da[j]);
                nX = nX.mul(rX).add(na[j]);
                dX = dX.mul(rX).add(da[j]);
                nY = nY.mul(rY).add(na[j]);
                dY = dY.mul(rY).add(da[j]);
                nZ = nZ.mul(rZ).add(na[j]);
                dZ = dZ.mul(rZ).add(da[j]);
            }
            qW.mul(nW).div(dW).intoArray(a, i);
            qX.mul(nX).div(dX).intoArray(a, i + n);
            qY.mul(nY).div(dY).intoArray(a, i + 2 * n);
            qZ.mul(nZ).div(dZ).intoArray(a, i + 3 * n);
        }
        for (; i < to; i += n) {   // the last 0-3 vectors, one at a time
            DoubleVector p = DoubleVector.fromArray(DS, a, i);
            DoubleVector q = p.sub(0.5);
            VectorMask<Double> t = q.abs().compare(GT, 0.425);
            p.compress(t).intoArray(tp, k);
            lanes.add(i).compress(t.cast(LS)).intoArray(ti, k);
            k += t.trueCount();
            DoubleVector r = DoubleVector.broadcast(DS, 0.180625).sub(q.mul(q));
            DoubleVector nu = DoubleVector.broadcast(DS, na[7]);
            DoubleVector de = DoubleVector.broadcast(DS, da[7]);
            for (int j = 6; j >= 0; j--) {
                nu = nu.mul(r).add(na[j]);
                de = de.mul(r).add(da[j]);
            }
            q.mul(nu).div(de).intoArray(a, i);
        }
        return k;
    }

    /**
     * Copies the lanes of {@code a[i..]} set in {@code lanes} (bit l = lane l) to {@code tp[k..]}
     * and their indices to {@code ti[k..]}; returns the new count. (A branch-free copy of every lane,
     * advancing k only past tail lanes, measured 4% slower than this loop over the set bits on AVX2.)
     */
    private static int gatherTail(double[] a, int i, long lanes, double[] tp, int[] ti, int k) {
        long m = lanes;
        while (m != 0) {
            int l = Long.numberOfTrailingZeros(m);
            tp[k] = a[i + l];
            ti[k] = i + l;
            k++;
            m &= m - 1;
        }
        return k;
    }

    /**
     * AS241's |q| &gt; 0.425 branches for the {@link #TAIL_VECTORS} = 4 vectors of probabilities at
     * {@code a[i..i+4L)}, in place, W, X, Y and Z side by side (one vector's chain is ~170 cycles of
     * latency: a division, 10 Horner steps, a square root, 7 more, a division; two side by side
     * measured 1.5x faster than one on AVX2, four 1.5x faster than two on AVX-512, Zen 5):
     * x = (q &lt; 0 ? p : 1-p); r = sqrt(-log(x)), log as {@link Kernels#log(double)}
     * line for line; C(r-1.6)/D(r-1.6) if r &lt;= 5, else E(r-5)/F(r-5); the sign of q.
     * The exponent k = (ix &gt;&gt; 52) - 1023 is converted exactly as bits(2^52 + (ix &gt;&gt;&gt; 52)) -
     * (2^52 + 1023) (no long-to-double instruction on AVX2); x is positive and finite, so ix &gt; 0
     * and the logical shift equals the scalar arithmetic one (AVX2 has no 64-bit arithmetic shift).
     */
    private static void quantileTails(double[] a, int i) {
        int n = DS.length();
        DoubleVector pW = DoubleVector.fromArray(DS, a, i);
        DoubleVector pX = DoubleVector.fromArray(DS, a, i + n);
        DoubleVector pY = DoubleVector.fromArray(DS, a, i + 2 * n);
        DoubleVector pZ = DoubleVector.fromArray(DS, a, i + 3 * n);
        VectorMask<Double> negW = pW.sub(0.5).lt(0.0);
        VectorMask<Double> negX = pX.sub(0.5).lt(0.0);
        VectorMask<Double> negY = pY.sub(0.5).lt(0.0);
        VectorMask<Double> negZ = pZ.sub(0.5).lt(0.0);
        DoubleVector xW = DoubleVector.broadcast(DS, 1.0).sub(pW).blend(pW, negW);
        DoubleVector xX = DoubleVector.broadcast(DS, 1.0).sub(pX).blend(pX, negX);
        DoubleVector xY = DoubleVector.broadcast(DS, 1.0).sub(pY).blend(pY, negY);
        DoubleVector xZ = DoubleVector.broadcast(DS, 1.0).sub(pZ).blend(pZ, negZ);
        // log(x), twin of Kernels.log(double)
        LongVector ixW = xW.reinterpretAsLongs().add(0x3ff0000000000000L - Kernels.SQRT_HALF_BITS_D);
        LongVector ixX = xX.reinterpretAsLongs().add(0x3ff0000000000000L - Kernels.SQRT_HALF_BITS_D);
        LongVector ixY = xY.reinterpretAsLongs().add(0x3ff0000000000000L - Kernels.SQRT_HALF_BITS_D);
        LongVector ixZ = xZ.reinterpretAsLongs().add(0x3ff0000000000000L - Kernels.SQRT_HALF_BITS_D);
        DoubleVector kW = ixW.lanewise(LSHR, 52).or(TWO52_BITS).reinterpretAsDoubles().sub(0x1p52 + 1023);
        DoubleVector kX = ixX.lanewise(LSHR, 52).or(TWO52_BITS).reinterpretAsDoubles().sub(0x1p52 + 1023);
        DoubleVector kY = ixY.lanewise(LSHR, 52).or(TWO52_BITS).reinterpretAsDoubles().sub(0x1p52 + 1023);
        DoubleVector kZ = ixZ.lanewise(LSHR, 52).or(TWO52_BITS).reinterpretAsDoubles().sub(0x1p52 + 1023);
        DoubleVector fW = ixW.and(0x000fffffffffffffL).add(Kernels.SQRT_HALF_BITS_D).reinterpretAsDoubles().sub(1.0);
        DoubleVector fX = ixX.and(0x000fffffffffffffL).add(Kernels.SQRT_HALF_BITS_D).reinterpretAsDoubles().sub(1.0);
        DoubleVector fY = ixY.and(0x000fffffffffffffL).add(Kernels.SQRT_HALF_BITS_D).reinterpretAsDoubles().sub(1.0);
        DoubleVector fZ = ixZ.and(0x000fffffffffffffL).add(Kernels.SQRT_HALF_BITS_D).reinterpretAsDoubles().sub(1.0);
        DoubleVector sW = fW.div(fW.add(2.0));
        DoubleVector sX = fX.div(fX.add(2.0));
        DoubleVector sY = fY.div(fY.add(2.0));
        DoubleVector sZ = fZ.div(fZ.add(2.0));
        DoubleVector s2W = sW.mul(sW);
        DoubleVector s2X = sX.mul(sX);
        DoubleVector s2Y = sY.mul(sY);
        DoubleVector s2Z = sZ.mul(sZ);
        DoubleVector lW = DoubleVector.broadcast(DS, Kernels.LD[11]);
        DoubleVector lX = lW;
        DoubleVector lY = lW;
        DoubleVector lZ = lW;
        for (int j = 10; j >= 1; j--) {
            lW = s2W.mul(lW).add(Kernels.LD[j]);
            lX = s2X.mul(lX).add(Kernels.LD[j]);
            lY = s2Y.mul(lY).add(Kernels.LD[j]);
            lZ = s2Z.mul(lZ).add(Kernels.LD[j]);
        }
        DoubleVector logmW = sW.add(sW).add(sW.mul(s2W).mul(lW));
        DoubleVector logmX = sX.add(sX).add(sX.mul(s2X).mul(lX));
        DoubleVector logmY = sY.add(sY).add(sY.mul(s2Y).mul(lY));
        DoubleVector logmZ = sZ.add(sZ).add(sZ.mul(s2Z).mul(lZ));
        DoubleVector logW = kW.mul(Kernels.LN2_HI_D).add(kW.mul(Kernels.LN2_LO_D).add(logmW));
        DoubleVector logX = kX.mul(Kernels.LN2_HI_D).add(kX.mul(Kernels.LN2_LO_D).add(logmX));
        DoubleVector logY = kY.mul(Kernels.LN2_HI_D).add(kY.mul(Kernels.LN2_LO_D).add(logmY));
        DoubleVector logZ = kZ.mul(Kernels.LN2_HI_D).add(kZ.mul(Kernels.LN2_LO_D).add(logmZ));
        // the tails
        DoubleVector rW = logW.neg().sqrt();
        DoubleVector rX = logX.neg().sqrt();
        DoubleVector rY = logY.neg().sqrt();
        DoubleVector rZ = logZ.neg().sqrt();
        DoubleVector tW = rW.sub(1.6);
        DoubleVector tX = rX.sub(1.6);
        DoubleVector tY = rY.sub(1.6);
        DoubleVector tZ = rZ.sub(1.6);
        double[] nc = Kernels.C;
        double[] dc = Kernels.D;
        DoubleVector nW = DoubleVector.broadcast(DS, nc[7]);
        DoubleVector nX = nW;
        DoubleVector nY = nW;
        DoubleVector nZ = nW;
        DoubleVector dW = DoubleVector.broadcast(DS, dc[7]);
        DoubleVector dX = dW;
        DoubleVector dY = dW;
        DoubleVector dZ = dW;
        for (int j = 6; j >= 0; j--) {
            nW = nW.mul(tW).add(nc[j]);
            nX = nX.mul(tX).add(nc[j]);
            nY = nY.mul(tY).add(nc[j]);
            nZ = nZ.mul(tZ).add(nc[j]);
            dW = dW.mul(tW).add(dc[j]);
            dX = dX.mul(tX).add(dc[j]);
            dY = dY.mul(tY).add(dc[j]);
            dZ = dZ.mul(tZ).add(dc[j]);
        }
        DoubleVector zW = nW.div(dW);
        DoubleVector zX = nX.div(dX);
        DoubleVector zY = nY.div(dY);
        DoubleVector zZ = nZ.div(dZ);
        VectorMask<Double> nearW = rW.compare(LE, 5.0);
        VectorMask<Double> nearX = rX.compare(LE, 5.0);
        VectorMask<Double> nearY = rY.compare(LE, 5.0);
        VectorMask<Double> nearZ = rZ.compare(LE, 5.0);
        if (!nearW.and(nearX).and(nearY).and(nearZ).allTrue()) { // r > 5: p < 1.4e-11, rarely in a group
            rW.intoArray(a, i);
            quantileFarTail(a, i); // a[i..] := E(r-5)/F(r-5)
            zW = zW.blend(DoubleVector.fromArray(DS, a, i), nearW.not());
            rX.intoArray(a, i + n);
            quantileFarTail(a, i + n);
            zX = zX.blend(DoubleVector.fromArray(DS, a, i + n), nearX.not());
            rY.intoArray(a, i + 2 * n);
            quantileFarTail(a, i + 2 * n);
            zY = zY.blend(DoubleVector.fromArray(DS, a, i + 2 * n), nearY.not());
            rZ.intoArray(a, i + 3 * n);
            quantileFarTail(a, i + 3 * n);
            zZ = zZ.blend(DoubleVector.fromArray(DS, a, i + 3 * n), nearZ.not());
        }
        zW.blend(zW.neg(), negW).intoArray(a, i);
        zX.blend(zX.neg(), negX).intoArray(a, i + n);
        zY.blend(zY.neg(), negY).intoArray(a, i + 2 * n);
        zZ.blend(zZ.neg(), negZ).intoArray(a, i + 3 * n);
    }

    /** The r &gt; 5 branch of AS241 (unsigned), in place: a[i..] holds r and receives E(r-5)/F(r-5). */
    private static void quantileFarTail(double[] a, int i) {
        DoubleVector u = DoubleVector.fromArray(DS, a, i).sub(5.0);
        double[] ne = Kernels.E;
        double[] de = Kernels.F;
        DoubleVector num = DoubleVector.broadcast(DS, ne[7]);
        DoubleVector den = DoubleVector.broadcast(DS, de[7]);
        for (int j = 6; j >= 0; j--) {
            num = num.mul(u).add(ne[j]);
            den = den.mul(u).add(de[j]);
        }
        num.div(den).intoArray(a, i);
    }
}
