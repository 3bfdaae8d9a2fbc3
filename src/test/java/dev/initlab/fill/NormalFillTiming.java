package dev.initlab.fill;

import dev.initlab.random.PhiloxStream;
import java.util.Arrays;
import org.apache.commons.rng.sampling.distribution.ZigguratSampler;
import org.apache.commons.rng.simple.RandomSource;

/**
 * Timing harness, not a test: the vector engine's float32 normal fill (one thread) and Commons RNG's
 * {@code ZigguratSampler.NormalizedGaussian} (XO_RO_SHI_RO_128_PP, as {@code BaselineBench}) timed
 * alternately in one JVM, call after call, so that a shared machine's load hits both alike; prints
 * min and median ns/sample of each and the Ziggurat/initlab time ratio. Used for the generator
 * version 1 -> 2 comparison in the README (a JVM with version 1's {@code Kernels} and
 * {@code VectorKernels} first on the class path, alternating with one without): JMH's 99.9% intervals
 * under a load of 11 on 2 cores spanned more than 10x.
 *
 * <p>Run: {@code java --add-modules jdk.incubator.vector -cp target/test-classes:target/classes:$(cat
 * target/initlab-bench.classpath) dev.initlab.fill.NormalFillTiming ROUNDS LABEL SIZE} (after 6 s warm-up).
 */
public final class NormalFillTiming {
    private NormalFillTiming() {
    }

    public static void main(String[] args) {
        int rounds = Integer.parseInt(args[0]);
        String label = args[1];
        int n = Integer.parseInt(args[2]);
        float[] a = new float[n];
        float[] b = new float[n];
        var zig = ZigguratSampler.NormalizedGaussian.of(RandomSource.XO_RO_SHI_RO_128_PP.create(20261123L));
        FillEngine eng = VectorEngine.instance();
        NormalTransform nt = NormalTransform.of(0, 1);
        PhiloxStream s = PhiloxStream.of(20261123L, 0);
        double[][] t = new double[2][rounds];
        long end = System.nanoTime() + 6_000_000_000L;
        int r = 0;
        while (r < rounds) {
            boolean warm = System.nanoTime() < end;
            long t0 = System.nanoTime();
            eng.fill(nt, s, 0, a, 0, n);
            long t1 = System.nanoTime();
            for (int i = 0; i < n; i++) {
                b[i] = (float) zig.sample();
            }
            long t2 = System.nanoTime();
            if (!warm) {
                t[0][r] = (double) (t1 - t0) / n;
                t[1][r] = (double) (t2 - t1) / n;
                r++;
            }
        }
        double[] ratio = new double[rounds];
        for (int i = 0; i < rounds; i++) {
            ratio[i] = t[1][i] / t[0][i];
        }
        Arrays.sort(ratio);
        double[] f = t[0].clone();
        double[] z = t[1].clone();
        Arrays.sort(f);
        Arrays.sort(z);
        System.out.printf("%s n=%d: initlab vector fill min %.3f median %.3f | Ziggurat min %.3f median %.3f ns/sample"
                + " | Ziggurat/initlab time: min/min %.3f, paired median %.3f | element 12345 bits %08x%n", label, n, f[0],
                f[rounds / 2], z[0], z[rounds / 2], z[0] / f[0], ratio[rounds / 2], Float.floatToRawIntBits(a[12345 % n]));
    }
}
