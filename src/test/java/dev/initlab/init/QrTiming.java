package dev.initlab.init;

import dev.initlab.fill.Engines;
import dev.initlab.random.PhiloxStream;
import dev.initlab.tensor.Shape;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.Locale;

/**
 * Timing harness, not a test (issue #11, orthogonal n x n): times {@code orthogonal} on an n x n
 * tensor (the float64 normal fill, then {@link HouseholderQr#thinQ}) for each thread count given,
 * alternating the thread counts round by round in one JVM so that a shared machine's load hits
 * them alike; prints each round's seconds, min and median, the 1-minute load average before and
 * after, and the QR's time per reflector-row-column update ("unit": 2 multiplies, 2 adds, a load
 * and a store of one double), so that the kernel's speed can be compared with what the core allows.
 * Also prints a hash of the result's bits (the same for every thread count, or it throws).
 *
 * <p>Run: {@code java --add-modules jdk.incubator.vector -cp target/test-classes:target/classes
 * dev.initlab.init.QrTiming N ROUNDS THREADS[,THREADS...]} (three untimed warm-up calls of size
 * min(N, 512) first).
 */
public final class QrTiming {
    private QrTiming() {
    }

    public static void main(String[] args) throws IOException {
        int n = Integer.parseInt(args[0]);
        int rounds = Integer.parseInt(args[1]);
        int[] threads = Arrays.stream(args[2].split(",")).mapToInt(Integer::parseInt).toArray();
        warmUp(Math.min(n, 512));
        String load0 = load();
        double[][] t = new double[threads.length][rounds];
        long hash = 0;
        for (int r = 0; r < rounds; r++) {
            for (int k = 0; k < threads.length; k++) {
                double[] a = normals(n);
                long t0 = System.nanoTime();
                double[] q = HouseholderQr.thinQ(a, n, n, true, threads[k]);
                t[k][r] = (System.nanoTime() - t0) / 1e9;
                long h = Arrays.hashCode(q);
                if (r + k > 0 && h != hash) {
                    throw new AssertionError("bits differ between runs");
                }
                hash = h;
                System.out.printf(Locale.ROOT, "  round %d threads %d: %.3f s (load %s)%n", r, threads[k], t[k][r], load());
            }
        }
        String load1 = load();
        double units = units(n, n);
        System.out.printf(Locale.ROOT, "orthogonal QR %dx%d, rounds %d, load(1 min) before %s after %s, bits hash %08x, "
                + "%.3g reflector-row-column units%n", n, n, rounds, load0, load1, (int) hash, units);
        for (int k = 0; k < threads.length; k++) {
            double[] x = t[k].clone();
            Arrays.sort(x);
            double[] ratio = new double[rounds];
            for (int r = 0; r < rounds; r++) {
                ratio[r] = t[0][r] / t[k][r];
            }
            Arrays.sort(ratio);
            System.out.printf(Locale.ROOT, "  threads %d: min %.3f s, median %.3f s, %.3f ns/unit (min, all threads' "
                    + "time together: %.3f); speed vs the first variant, paired median %.3f%n", threads[k], x[0],
                    x[rounds / 2], x[0] * 1e9 / units, x[0] * 1e9 * threads[k] / units, ratio[rounds / 2]);
        }
    }

    /** Reflector applications to (row, column) pairs: sum over columns k of sum over j &lt; k of (m - j), both phases. */
    static double units(int m, int n) {
        double u = 0;
        for (int k = 0; k < n; k++) {
            u += (double) k * m - (double) k * (k - 1) / 2;
        }
        return 2 * u;
    }

    static double[] normals(int n) {
        double[] a = new double[n * n];
        Engines.of("auto", 2).fill(dev.initlab.fill.NormalTransform.of(0, 1), PhiloxStream.of(20261203L, 0), a);
        return a;
    }

    private static void warmUp(int n) {
        for (int i = 0; i < 3; i++) {
            HouseholderQr.thinQ(normals(n), n, n, true, 2);
            Orthogonal.of(1, Layout.TORCH).matrix(Shape.of(64, 64), PhiloxStream.of(1, 0), Engines.of("auto", 2));
        }
    }

    private static String load() throws IOException {
        Path p = Path.of("/proc/loadavg");
        return Files.exists(p) ? Files.readString(p).split(" ")[0] : "?";
    }
}
