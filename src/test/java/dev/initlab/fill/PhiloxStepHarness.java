package dev.initlab.fill;

import dev.initlab.random.PhiloxStream;
import java.util.Arrays;
import java.util.SplittableRandom;
import java.util.concurrent.ThreadLocalRandom;

/**
 * A standalone measuring harness for the vector engine's Philox step (issue #11), not a test: the
 * uniform and normal float32 fills of {@link VectorEngine} at 256 Ki elements, timed interleaved
 * with {@link SplittableRandom#nextFloat()} and {@link ThreadLocalRandom#nextFloat()} filling the
 * same {@code float[]} in the same JVM, so that a neighbour's load slows all of them alike and the
 * ratios stay meaningful on a shared machine. Before timing, the vector fills are compared bit for
 * bit with {@link ScalarEngine}. Prints min and median ns/word of each and the ratios of the medians.
 *
 * <p>Run (after {@code mvn -q test-compile}):
 * <pre>{@code
 * nice java --add-modules jdk.incubator.vector -cp target/classes:target/test-classes:$(cat target/initlab-bench.classpath) \
 *     dev.initlab.fill.PhiloxStepHarness [SECONDS_WARMUP] [ROUNDS]
 * }</pre>
 */
public final class PhiloxStepHarness {
    static final int N = 1 << 18;

    private PhiloxStepHarness() {
    }

    interface Fill {
        void run(float[] a);
    }

    public static void main(String[] args) {
        double warmSeconds = args.length > 0 ? Double.parseDouble(args[0]) : 8;
        int rounds = args.length > 1 ? Integer.parseInt(args[1]) : 25;
        PhiloxStream s = PhiloxStream.of(20261123L, 7);
        UniformTransform uniform = UniformTransform.symmetric(0.05);
        NormalTransform normal = NormalTransform.of(0, 0.02);
        FillEngine v = VectorEngine.instance();
        SplittableRandom sr = new SplittableRandom(20261123L);
        String[] names = {"vector uniform", "vector normal", "SplittableRandom.nextFloat", "ThreadLocalRandom.nextFloat"};
        Fill[] fills = {
            a -> v.fill(uniform, s, 0, a, 0, a.length),
            a -> v.fill(normal, s, 0, a, 0, a.length),
            a -> {
                for (int i = 0; i < a.length; i++) {
                    a[i] = sr.nextFloat();
                }
            },
            a -> {
                ThreadLocalRandom r = ThreadLocalRandom.current();
                for (int i = 0; i < a.length; i++) {
                    a[i] = r.nextFloat();
                }
            },
        };
        float[] a = new float[N];
        float[] want = new float[N];
        long t0 = System.nanoTime();
        while (System.nanoTime() - t0 < warmSeconds * 1e9) {
            for (Fill f : fills) {
                f.run(a);
            }
        }
        for (ElementTransform t : new ElementTransform[] {uniform, normal}) {
            ScalarEngine.instance().fill(t, s, 0, want, 0, N);
            v.fill(t, s, 0, a, 0, N);
            if (!Arrays.equals(want, a)) {
                throw new AssertionError("vector " + t + " differs from scalar");
            }
        }
        double[][] ns = new double[fills.length][rounds];
        for (int r = 0; r < rounds; r++) {
            for (int k = 0; k < fills.length; k++) {
                long best = Long.MAX_VALUE;
                for (int rep = 0; rep < 5; rep++) { // best of 5 calls: a preempted call does not count
                    long b = System.nanoTime();
                    fills[k].run(a);
                    best = Math.min(best, System.nanoTime() - b);
                }
                ns[k][r] = best / (double) N;
            }
        }
        double[] med = new double[fills.length];
        for (int k = 0; k < fills.length; k++) {
            double[] x = ns[k].clone();
            Arrays.sort(x);
            med[k] = x[rounds / 2];
            System.out.printf("%-30s min %.3f median %.3f ns/word%n", names[k], x[0], med[k]);
        }
        System.out.printf("uniform: %.2fx SplittableRandom, %.2fx ThreadLocalRandom (median ratios)%n",
                med[2] / med[0], med[3] / med[0]);
        System.out.printf("normal:  %.2fx SplittableRandom, %.2fx ThreadLocalRandom%n", med[2] / med[1], med[3] / med[1]);
    }
}
