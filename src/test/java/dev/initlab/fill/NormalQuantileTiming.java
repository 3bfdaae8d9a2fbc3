package dev.initlab.fill;

import dev.initlab.random.PhiloxStream;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;

/**
 * Timing harness, not a test (issue #11, float64 normal): the variants below are timed one after the
 * other in every round, in one JVM, so that a shared machine's load hits them alike; prints min and
 * median ns/element of each, its ratio to the first variant, and the 1-minute load average before
 * and after. Variants:
 * <ul>
 *   <li>{@code kernel-scalar}: {@link Kernels#normalQuantile(double)} in a loop over probabilities;</li>
 *   <li>{@code kernel-vector}: {@link VectorKernels#normalQuantile(double[], int, int)} (tail lanes gathered;
 *       with {@code compress} on AVX-512, see {@link VectorKernels#COMPRESS});</li>
 *   <li>{@code kernel-vector-gather}: {@link VectorKernels#normalQuantileGather(double[], int, int)} (tail
 *       lanes gathered by a scalar loop over each mask's bits, the path taken without AVX-512);</li>
 *   <li>{@code fill-scalar}, {@code fill-vector}: the engines' whole float64 N(0,1) fill (Philox, word map,
 *       quantile, mu + sigma z);</li>
 *   <li>{@code fill-vector-uniform}: the vector engine's float64 uniform fill (the generator's share).</li>
 * </ul>
 * The README's "SIMD before" column was measured with a further variant, the masked-tail kernel of commit
 * b42b619 ({@code git show b42b619:src/main/java/dev/initlab/fill/VectorKernels.java}), not kept in the tree.
 * The kernels run on the same probabilities (open52 of Philox words), copied in before each call
 * ({@code System.arraycopy}, included in every kernel variant alike: ~0.1 ns/element).
 *
 * <p>Run: {@code java --add-modules jdk.incubator.vector -cp target/test-classes:target/classes
 * dev.initlab.fill.NormalQuantileTiming ROUNDS SIZE [WARMUP_SECONDS]}.
 */
public final class NormalQuantileTiming {
    private NormalQuantileTiming() {
    }

    interface Variant {
        void run();
    }

    public static void main(String[] args) throws IOException {
        int rounds = Integer.parseInt(args[0]);
        int n = Integer.parseInt(args[1]);
        double warmSeconds = args.length > 2 ? Double.parseDouble(args[2]) : 8;
        PhiloxStream s = PhiloxStream.of(20261123L, 7);
        double[] p = new double[n];
        ScalarEngine.instance().fill(UniformTransform.of(0, 1), s, p); // any probabilities in [0, 1) ...
        for (int i = 0; i < n; i++) {
            long bits = Double.doubleToRawLongBits(p[i] + 1.0); // ... turned into the open52 grid
            p[i] = ElementTransform.open52((int) (bits << 12), (int) ((bits << 12) >>> 32));
        }
        double[] work = new double[n];
        double[] out = new double[n];
        NormalTransform nt = NormalTransform.of(0, 1);
        UniformTransform ut = UniformTransform.of(0, 1);
        FillEngine vec = VectorEngine.instance();
        FillEngine sca = ScalarEngine.instance();
        List<String> names = new ArrayList<>();
        List<Variant> vs = new ArrayList<>();
        names.add("kernel-scalar");
        vs.add(() -> {
            System.arraycopy(p, 0, work, 0, n);
            for (int i = 0; i < n; i++) {
                work[i] = Kernels.normalQuantile(work[i]);
            }
        });
        names.add("kernel-vector");
        vs.add(() -> {
            System.arraycopy(p, 0, work, 0, n);
            VectorKernels.normalQuantile(work, 0, n);
        });
        names.add("kernel-vector-gather");
        vs.add(() -> {
            System.arraycopy(p, 0, work, 0, n);
            VectorKernels.normalQuantileGather(work, 0, n);
        });
        names.add("fill-scalar");
        vs.add(() -> sca.fill(nt, s, out));
        names.add("fill-vector");
        vs.add(() -> vec.fill(nt, s, out));
        names.add("fill-vector-uniform");
        vs.add(() -> vec.fill(ut, s, out));

        // the two kernels agree bit for bit (a timing of wrong code is worthless)
        double[][] res = new double[3][];
        for (int v = 0; v < 3; v++) {
            vs.get(v).run();
            res[v] = work.clone();
        }
        if (!Arrays.equals(res[0], res[1]) || !Arrays.equals(res[0], res[2])) {
            throw new AssertionError("kernels differ");
        }
        String load0 = load();
        long end = System.nanoTime() + (long) (warmSeconds * 1e9);
        while (System.nanoTime() < end) {
            for (Variant v : vs) {
                v.run();
            }
        }
        double[][] t = new double[vs.size()][rounds];
        for (int r = 0; r < rounds; r++) {
            for (int v = 0; v < vs.size(); v++) {
                long t0 = System.nanoTime();
                vs.get(v).run();
                t[v][r] = (System.nanoTime() - t0) / (double) n;
            }
        }
        String load1 = load();
        System.out.printf(Locale.ROOT, "n=%d rounds=%d lanes=%d load(1 min) before %s after %s%n", n, rounds,
                VectorKernels.DS.length(), load0, load1);
        for (int v = 0; v < vs.size(); v++) {
            double[] x = t[v].clone();
            Arrays.sort(x);
            // paired ratio to the scalar kernel (same round)
            double[] ratio = new double[rounds];
            for (int r = 0; r < rounds; r++) {
                ratio[r] = t[0][r] / t[v][r];
            }
            Arrays.sort(ratio);
            System.out.printf(Locale.ROOT, "  %-22s min %7.3f  median %7.3f ns/element   scalar-kernel/this (paired median) %6.2fx%n",
                    names.get(v), x[0], x[rounds / 2], ratio[rounds / 2]);
        }
        double[] fill = new double[rounds];
        for (int r = 0; r < rounds; r++) {
            fill[r] = t[3][r] / t[4][r];
        }
        Arrays.sort(fill);
        System.out.printf(Locale.ROOT, "  fill scalar/vector (paired median) %.2fx%n", fill[rounds / 2]);
    }

    private static String load() throws IOException {
        Path p = Path.of("/proc/loadavg");
        return Files.exists(p) ? Files.readString(p).split(" ")[0] : "?";
    }
}
