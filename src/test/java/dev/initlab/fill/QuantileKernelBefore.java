package dev.initlab.fill;

import static jdk.incubator.vector.VectorOperators.LE;
import static jdk.incubator.vector.VectorOperators.LSHR;

import jdk.incubator.vector.DoubleVector;
import jdk.incubator.vector.LongVector;
import jdk.incubator.vector.VectorMask;

/**
 * The float64 normal quantile kernel as it was before issue #11's tail compaction (commit b42b619):
 * every vector with a lane in a tail ran the whole tail branch for all its lanes. Kept in the test
 * sources only as the "before" of {@link NormalQuantileTiming}; same bits as the kernel in use.
 */
final class QuantileKernelBefore {
    private QuantileKernelBefore() {
    }

    private static final long TWO52_BITS = 0x4330000000000000L;
    private static final jdk.incubator.vector.VectorSpecies<Double> DS = VectorKernels.DS;

    static void normalQuantile(double[] a, int from, int to) {
        double[] na = Kernels.A;
        double[] da = Kernels.B;
        for (int i = from; i < to; i += DS.length()) {
            DoubleVector p = DoubleVector.fromArray(DS, a, i);
            DoubleVector q = p.sub(0.5);
            VectorMask<Double> central = q.abs().compare(LE, 0.425);
            DoubleVector r = DoubleVector.broadcast(DS, 0.180625).sub(q.mul(q));
            DoubleVector num = DoubleVector.broadcast(DS, na[7]);
            DoubleVector den = DoubleVector.broadcast(DS, da[7]);
            for (int j = 6; j >= 0; j--) {
                num = num.mul(r).add(na[j]);
                den = den.mul(r).add(da[j]);
            }
            DoubleVector z = q.mul(num).div(den);
            if (!central.allTrue()) {
                quantileTail(a, i); // a[i..] := the tail branches' value in every lane
                z = z.blend(DoubleVector.fromArray(DS, a, i), central.not());
            }
            z.intoArray(a, i);
        }
    }

    /**
     * The |q| &gt; 0.425 part of AS241 for the probabilities p at {@code a[i..]}, in place:
     * r = sqrt(-log(q &lt; 0 ? p : 1-p)); C(r-1.6)/D(r-1.6) if r &lt;= 5, else E(r-5)/F(r-5); sign of q.
     */
    private static void quantileTail(double[] a, int i) {
        DoubleVector p = DoubleVector.fromArray(DS, a, i);
        VectorMask<Double> negative = p.sub(0.5).lt(0.0);
        DoubleVector x = DoubleVector.broadcast(DS, 1.0).sub(p).blend(p, negative);
        // log(x), twin of Kernels.log(double), line for line; the exponent k = (ix >> 52) - 1023 is
        // converted exactly as bits(2^52 + (ix >>> 52)) - (2^52 + 1023) (no long-to-double instruction
        // on AVX2); x is positive and finite, so ix > 0 and the logical shift equals the scalar
        // arithmetic one (AVX2 has no 64-bit arithmetic shift either)
        LongVector ix = x.reinterpretAsLongs().add(0x3ff0000000000000L - Kernels.SQRT_HALF_BITS_D);
        DoubleVector k = ix.lanewise(LSHR, 52).or(TWO52_BITS).reinterpretAsDoubles().sub(0x1p52 + 1023);
        DoubleVector m = ix.and(0x000fffffffffffffL).add(Kernels.SQRT_HALF_BITS_D).reinterpretAsDoubles();
        DoubleVector f = m.sub(1.0);
        DoubleVector s = f.div(f.add(2.0));
        DoubleVector s2 = s.mul(s);
        DoubleVector lp = DoubleVector.broadcast(DS, Kernels.LD[11]);
        for (int j = 10; j >= 1; j--) {
            lp = s2.mul(lp).add(Kernels.LD[j]);
        }
        DoubleVector logm = s.add(s).add(s.mul(s2).mul(lp));
        DoubleVector logx = k.mul(Kernels.LN2_HI_D).add(k.mul(Kernels.LN2_LO_D).add(logm));
        // the tails
        DoubleVector r = logx.neg().sqrt();
        VectorMask<Double> near = r.compare(LE, 5.0);
        DoubleVector t = r.sub(1.6);
        double[] nc = Kernels.C;
        double[] dc = Kernels.D;
        DoubleVector num = DoubleVector.broadcast(DS, nc[7]);
        DoubleVector den = DoubleVector.broadcast(DS, dc[7]);
        for (int j = 6; j >= 0; j--) {
            num = num.mul(t).add(nc[j]);
            den = den.mul(t).add(dc[j]);
        }
        DoubleVector z = num.div(den);
        if (!near.allTrue()) {
            r.intoArray(a, i);
            quantileFarTail(a, i); // a[i..] := E(r-5)/F(r-5)
            z = z.blend(DoubleVector.fromArray(DS, a, i), near.not());
        }
        z.blend(z.neg(), negative).intoArray(a, i);
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
