package dev.initlab.bench;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.Arrays;
import java.util.Locale;
import java.util.Optional;

/**
 * How fast the machine is, by a fixed calibration workload timed in the bench command's own JVM
 * before and after a suite, so that two runs' machine speeds can be compared (issue #11: a run that
 * looked quiet by load average and steal still had every baseline at 0.41-0.86x of an earlier
 * run's speed; a host's frequency, a noisy neighbour on the same physical core or memory channel
 * shows up in neither).
 *
 * <p>Two loops of fixed work, timed in pieces of about 1 ms (shorter than a scheduler's time slice,
 * so that on a loaded machine many pieces run unpreempted) after {@link #WARMUPS} untimed calls (so
 * C2 has compiled them); the fastest piece counts:
 * <ul>
 *   <li><b>compute</b>: {@link #REPS} repetitions of {@link #COMPUTE_ITERATIONS} iterations of a
 *       64-bit LCG step feeding a double-precision multiply-add (two dependent chains: latency-bound,
 *       no SIMD, no memory), in ns per iteration;</li>
 *   <li><b>memory</b>: {@link #MEMORY_PASSES} passes over a 64 MiB {@code long[]} (beyond any
 *       last-level cache of a small guest), each 2 MiB chunk written and read back and timed on its
 *       own, in ns per 8-byte element.</li>
 * </ul>
 * A reading takes about half a second.
 * Two runs whose compute figures differ by more than {@link #TOLERANCE} ran on machines of different
 * speed, and their absolute scores cannot be compared (see {@link #compare}); the memory figure is
 * shown but not judged (too noisy on a shared machine).
 */
public final class MachineSpeed {
    /** Iterations of the compute loop per repetition (about 1 ms: shorter than a time slice). */
    public static final long COMPUTE_ITERATIONS = 250_000L;
    /** Timed repetitions of the compute loop (the fastest counts). */
    public static final int REPS = 101;
    /** Elements of the memory loop's array (64 MiB of longs). */
    public static final int MEMORY_ELEMENTS = 8 << 20;
    /** Elements timed at a time in the memory loop (2 MiB of longs, about 1 ms). */
    public static final int MEMORY_CHUNK = 256 << 10;
    /** Passes over the array (each chunk of each pass timed; the fastest counts). */
    public static final int MEMORY_PASSES = 4;
    /** Untimed calls first, so the loops run compiled. */
    public static final int WARMUPS = 3;
    /**
     * Relative difference of two runs' compute figures above which {@code compare} says the machines'
     * speeds differ: 30%. Measured repeatability (10 fresh JVMs in a row on the project's shared
     * 2-core machine at load 9.5-11.5): compute 2.85-2.93 ns/iteration in 8, 3.47-3.56 in 2 (a 1.25x
     * spread); memory 1.16-1.80 ns/element (1.55x: bandwidth is shared with the neighbours, so the
     * memory figure is shown, not judged). 30% is above the compute figure's own spread; it catches
     * the larger hidden slowdowns the issue reports (0.41-0.77x speed), not the milder ones (0.86x).
     */
    public static final double TOLERANCE = 0.30;

    private static volatile long sink;

    private MachineSpeed() {
    }

    /**
     * One reading.
     *
     * @param computeNs the compute loop's fastest repetition, ns per iteration
     * @param computeMedianNs its median repetition
     * @param memoryNs the memory loop's fastest repetition, ns per element (one write and one read)
     * @param memoryMedianNs its median repetition
     */
    public record Reading(double computeNs, double computeMedianNs, double memoryNs, double memoryMedianNs) {
        /** e.g. {@code compute 2.31 ns/iteration, memory 0.82 ns/element}. */
        public String describe() {
            return String.format(Locale.ROOT, "compute %.3g ns/iteration, memory %.3g ns/element", computeNs, memoryNs);
        }
    }

    /**
     * A run's two readings (either may be null when not taken).
     *
     * @param before before the suite
     * @param after after the suite
     */
    public record Pair(Reading before, Reading after) {
        /** The compute figure of the run: the mean of the readings taken (NaN when none). */
        public double computeNs() {
            return mean(before == null ? Double.NaN : before.computeNs(), after == null ? Double.NaN : after.computeNs());
        }

        /** The memory figure of the run: the mean of the readings taken (NaN when none). */
        public double memoryNs() {
            return mean(before == null ? Double.NaN : before.memoryNs(), after == null ? Double.NaN : after.memoryNs());
        }

        /** One line: both readings. */
        public String describe() {
            return "machine speed (calibration loop; lower is faster): before " + (before == null ? "n/a"
                    : before.describe()) + "; after " + (after == null ? "n/a" : after.describe());
        }

        /** The within-run drift note, or empty when the compute figures before and after agree within {@link #TOLERANCE}. */
        public Optional<String> drift() {
            if (before == null || after == null) {
                return Optional.empty();
            }
            double c = after.computeNs() / before.computeNs();
            double m = after.memoryNs() / before.memoryNs();
            if (Math.abs(c - 1) <= TOLERANCE) {
                return Optional.empty();
            }
            return Optional.of(String.format(Locale.ROOT, "the machine's speed changed during the run (after/before: "
                    + "compute %.2fx, memory %.2fx the time)", c, m));
        }

        private static double mean(double a, double b) {
            return Double.isNaN(a) ? b : Double.isNaN(b) ? a : (a + b) / 2;
        }
    }

    /** Times both loops now (about half a second). */
    public static Reading measure() {
        long[] a = new long[MEMORY_ELEMENTS];
        for (int w = 0; w < WARMUPS; w++) {
            sink += compute(COMPUTE_ITERATIONS, w) + memory(a, 0, MEMORY_ELEMENTS, w);
        }
        double[] c = new double[REPS];
        for (int r = 0; r < REPS; r++) {
            long t0 = System.nanoTime();
            sink += compute(COMPUTE_ITERATIONS, r);
            c[r] = (System.nanoTime() - t0) / (double) COMPUTE_ITERATIONS;
        }
        int chunks = MEMORY_ELEMENTS / MEMORY_CHUNK;
        double[] m = new double[MEMORY_PASSES * chunks];
        for (int pass = 0, k = 0; pass < MEMORY_PASSES; pass++) {
            // chunk by chunk in address order: each chunk was last touched a whole array (64 MiB) ago, so it
            // comes from memory, not from a cache, and a chunk is short enough to run between two preemptions
            for (int i = 0; i < chunks; i++) {
                long t0 = System.nanoTime();
                sink += memory(a, i * MEMORY_CHUNK, MEMORY_CHUNK, pass);
                m[k++] = (System.nanoTime() - t0) / (double) MEMORY_CHUNK;
            }
        }
        Arrays.sort(c);
        Arrays.sort(m);
        return new Reading(c[0], c[c.length / 2], m[0], m[m.length / 2]);
    }

    /** The compute loop: an LCG step and a multiply-add per iteration, each a dependent chain. */
    static long compute(long n, long seed) {
        long x = seed * 0x9E3779B97F4A7C15L + 1;
        double d = 1;
        for (long i = 0; i < n; i++) {
            x = x * 0x5851F42D4C957F2DL + 0x14057B7EF767814FL;
            d = d * 0.9999999 + (x >>> 40);
        }
        return x ^ Double.doubleToRawLongBits(d);
    }

    /** The memory loop: one write pass and one read pass over {@code a[from, from + n)}. */
    static long memory(long[] a, int from, int n, long seed) {
        Arrays.fill(a, from, from + n, seed);
        long s = 0;
        for (int i = from; i < from + n; i++) {
            s += a[i];
        }
        return s;
    }

    /** Writes a reading into a run note as flat fields (so that every reader of the note shows them). */
    static void put(ObjectNode note, String when, Reading r) {
        note.put("calibration_compute_ns_" + when, r.computeNs());
        note.put("calibration_compute_median_ns_" + when, r.computeMedianNs());
        note.put("calibration_memory_ns_" + when, r.memoryNs());
        note.put("calibration_memory_median_ns_" + when, r.memoryMedianNs());
    }

    /** The text describing the loops, for the run note. */
    static final String LOOP = "fastest of " + REPS + " repetitions of " + COMPUTE_ITERATIONS + " iterations of an LCG "
            + "step + double multiply-add (compute, ns/iteration) and of " + MEMORY_PASSES + " x 32 chunks of 2 MiB "
            + "written and read back in a 64 MiB long[] (memory, ns/element), after " + WARMUPS + " warm-up calls; "
            + "taken in the bench command's JVM";

    /** The readings a run note holds (empty when it has none: notes written before calibration was recorded). */
    static Optional<Pair> parse(JsonNode note) {
        Reading before = reading(note, "before");
        Reading after = reading(note, "after");
        return before == null && after == null ? Optional.empty() : Optional.of(new Pair(before, after));
    }

    private static Reading reading(JsonNode n, String when) {
        double c = n.path("calibration_compute_ns_" + when).asDouble(Double.NaN);
        double m = n.path("calibration_memory_ns_" + when).asDouble(Double.NaN);
        if (!(c > 0) || !(m > 0)) {
            return null;
        }
        return new Reading(c, n.path("calibration_compute_median_ns_" + when).asDouble(c), m,
                n.path("calibration_memory_median_ns_" + when).asDouble(m));
    }

    /**
     * Compares two runs' machine speeds in one line: both runs' figures, and whether their compute
     * figures differ by more than {@link #TOLERANCE} (the memory figure is shown, not judged).
     *
     * @param baseline the baseline run's readings, empty when its note has none
     * @param current the current run's readings, empty when its note has none
     */
    public static String compare(Optional<Pair> baseline, Optional<Pair> current) {
        if (baseline.isEmpty() || current.isEmpty()) {
            return "machine speed: not comparable (" + (baseline.isEmpty() && current.isEmpty() ? "neither run note"
                    : baseline.isEmpty() ? "the baseline's run note" : "the current run's note")
                    + " records the calibration loop)";
        }
        Pair b = baseline.get();
        Pair c = current.get();
        String figures = String.format(Locale.ROOT, "calibration loop, baseline compute %.3g ns/iteration, memory %.3g "
                + "ns/element; current %.3g and %.3g = %.2fx and %.2fx the baseline's time", b.computeNs(), b.memoryNs(),
                c.computeNs(), c.memoryNs(), c.computeNs() / b.computeNs(), c.memoryNs() / b.memoryNs());
        String limit = Math.round(100 * TOLERANCE) + "%";
        return differs(b, c) ? "machine speed DIFFERS by more than " + limit + " (" + figures + "): the runs ran on "
                + "machines of different speed, so absolute scores cannot be compared; judge by same-fork ratios"
                : "machine speed: the same within " + limit + " (" + figures + ")";
    }

    /** Whether two runs' compute figures differ by more than {@link #TOLERANCE}. */
    public static boolean differs(Pair baseline, Pair current) {
        return Math.abs(current.computeNs() / baseline.computeNs() - 1) > TOLERANCE;
    }
}
