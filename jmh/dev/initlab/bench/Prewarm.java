package dev.initlab.bench;

import java.lang.management.ManagementFactory;

/**
 * Runs a benchmark's operation in its trial setup until the Vector API code it uses is compiled by
 * C2, before JMH's own warm-up iterations. Why: vector code that C2 has not compiled yet boxes
 * every vector (hundreds of bytes allocated per element, ~1000x slower), and on a busy 2-core
 * machine C2 needed ~1000 calls of a 4 Ki fill (~4 s) to compile the Philox loop, longer than a
 * time-based JMH warm-up that fits a 10-minute suite. The signal is exact: once compiled, the
 * engines allocate nothing per element, so the operation is repeated (rounds of at least 100 ms)
 * until two consecutive rounds allocate under {@link #BYTES_PER_ELEMENT} bytes per element on
 * this thread, or {@link #MAX_SECONDS} pass.
 */
final class Prewarm {
    static final double BYTES_PER_ELEMENT = 8;
    static final long MAX_SECONDS = 90;

    private Prewarm() {
    }

    private static final com.sun.management.ThreadMXBean MX =
            ManagementFactory.getThreadMXBean() instanceof com.sun.management.ThreadMXBean mx
                    && mx.isThreadAllocatedMemorySupported() ? mx : null;

    /**
     * Repeats {@code op} (which touches {@code elements} elements) until compiled, as above.
     *
     * @return seconds spent
     */
    static double untilCompiled(Runnable op, long elements) {
        long start = System.nanoTime();
        if (MX == null) {
            return 0;
        }
        int good = 0;
        while (good < 2 && System.nanoTime() - start < MAX_SECONDS * 1_000_000_000L) {
            long a0 = MX.getCurrentThreadAllocatedBytes();
            long t0 = System.nanoTime();
            long ops = 0;
            do {
                op.run();
                ops++;
            } while (System.nanoTime() - t0 < 100_000_000L);
            double perElement = (MX.getCurrentThreadAllocatedBytes() - a0) / ((double) ops * elements);
            good = perElement < BYTES_PER_ELEMENT ? good + 1 : 0;
        }
        return (System.nanoTime() - start) / 1e9;
    }
}
