package dev.initlab.fill;

import dev.initlab.random.PhiloxStream;
import java.io.PrintStream;
import java.lang.management.ManagementFactory;
import java.util.ArrayList;
import java.util.List;

/**
 * Fails loudly when the vector engine is not what it should be after warm-up: not bit-identical
 * to the scalar engine once C2 has compiled it, allocating in its hot path (vectors boxed because
 * a call was not inlined), or slower than the scalar engine (left in the interpreter or C1, e.g.
 * after C2 gave up on a loop: "COMPILE SKIPPED"; vector code is then ~60x slower than compiled).
 * Run by {@code initlab bench --selfcheck}, and by a test in a JVM with
 * {@code -XX:+PrintCompilation} whose output it also checks.
 *
 * <p>The speed check compares the two engines measured alternately in the same process, so a busy
 * machine slows both alike; the vector engine is 3-10x faster when compiled and over 10x slower
 * when not, so the threshold {@link #MIN_SPEEDUP} separates the cases with margin both ways.
 *
 * <p>Warm-up of the full (timed) check is adaptive: at least 150 calls (enough invocations and loop
 * iterations for C2's OSR and standard compilations; when calls are slow, 30 calls and 20 s), then until the JIT has nothing queued or
 * compiling ({@code Compiler.queue}, read twice 100 ms apart) and the last 10 calls brought no
 * gain of more than 3%, at most {@link #FULL_WARMUP_LIMIT_SECONDS} per transform; each line says how
 * its warm-up ended. A vector engine that C2 never compiles (C1 only, a bailout, an excluded method)
 * settles at its slow speed and fails the speed check; {@code SelfCheckNegativeControlTest} proves
 * that with {@code -XX:TieredStopAtLevel=1}.
 */
public final class VectorSelfCheck {
    /** The vector engine must be at least this many times faster than the scalar engine. */
    public static final double MIN_SPEEDUP = 1.0;
    /**
     * Allocation allowed per fill call after warm-up. The engine allocates nothing; a boxed vector
     * costs at least 32 bytes and a 64 Ki-element fill boxes thousands, so this margin only absorbs
     * measurement noise.
     */
    public static final double MAX_BYTES_PER_CALL = 64;
    /** Elements per fill. */
    static final int N = 1 << 16;
    /**
     * Longest warm-up per transform in the interactive self-check ({@code bench --selfcheck}): under
     * load 11+ on 2 cores C2 needs 10-20 s for the vector kernels; code never compiled by then
     * fails the speed check.
     */
    public static final int FULL_WARMUP_LIMIT_SECONDS = 60;
    /** Calls without a gain (of more than 3% on the fastest call) before the warm-up counts as settled. */
    static final int SETTLED_CALLS = 10;
    /** Slow calls: the warm-up may settle before 150 calls once it has made this many calls ... */
    static final int SLOW_MIN_CALLS = 30;
    /** ... and run this long. */
    static final int SLOW_MIN_SECONDS = 20;

    private VectorSelfCheck() {
    }

    /** One transform and dtype checked; {@code warmup} says how the adaptive warm-up ended ("" when fixed). */
    public record KernelCheck(String what, boolean identical, double bytesPerCall, double speedup, String warmup) {
        boolean ok(boolean timing) {
            return identical && bytesPerCall < MAX_BYTES_PER_CALL && (!timing || speedup >= MIN_SPEEDUP);
        }
    }

    /**
     * Warms the vector engine up on every transform and dtype, then checks it.
     *
     * @param timing whether to check the speed ratio too
     * @param progress receives one line per check
     * @return the problems found (empty when all is well)
     */
    public static List<String> run(boolean timing, PrintStream progress) {
        return run(timing ? Mode.FULL : Mode.NO_TIMING, progress);
    }

    /** What a run checks. */
    public enum Mode {
        /** Bit-identity, allocation and speed after a full warm-up. */
        FULL,
        /** Bit-identity and allocation after a full warm-up. */
        NO_TIMING,
        /** Bit-identity only, after a short warm-up (for vector shapes the JIT does not serve well). */
        IDENTITY
    }

    /**
     * Warms the vector engine up on every transform and dtype, then checks what {@code mode} says.
     *
     * @return the problems found (empty when all is well)
     */
    public static List<String> run(Mode mode, PrintStream progress) {
        return run(mode, progress, false);
    }

    /** {@link #run(Mode, PrintStream)}, or float32 of the first transform only ({@code firstOnly}: the negative control). */
    static List<String> run(Mode mode, PrintStream progress, boolean firstOnly) {
        boolean timing = mode == Mode.FULL;
        if (!Engines.vectorAvailable()) {
            return List.of("the vector engine is unavailable (run java with --add-modules jdk.incubator.vector)");
        }
        FillEngine v = VectorEngine.instance();
        FillEngine sc = ScalarEngine.instance();
        PhiloxStream s = PhiloxStream.of(0x5eed_cafe_f00dL, 3);
        List<ElementTransform> ts = List.of(UniformTransform.symmetric(0.05), UniformTransform.of(-1, 3),
                NormalTransform.of(0, 0.02), TruncatedNormalTransform.of(0, 1, -2, 2));
        if (firstOnly) {
            ts = ts.subList(0, 1);
        }
        progress.println("vector self-check: " + VectorEngine.instance() + ", " + N + " elements per fill");
        List<String> problems = new ArrayList<>();
        for (ElementTransform t : ts) {
            for (boolean f64 : firstOnly ? new boolean[] {false} : new boolean[] {false, true}) {
                KernelCheck line = check(t, f64, v, sc, s, mode);
                String what = line.what();
                boolean ok = mode == Mode.IDENTITY ? line.identical() : line.ok(timing);
                progress.printf("  %-52s identical=%s alloc/call=%.0f B speedup=%.1fx %s%s%n", what, line.identical(),
                        line.bytesPerCall(), line.speedup(), ok ? "ok" : "FAILED",
                        line.warmup().isEmpty() ? "" : " (" + line.warmup() + ")");
                if (!line.identical()) {
                    problems.add(what + ": vector output differs from scalar after warm-up");
                }
                if (mode != Mode.IDENTITY && line.bytesPerCall() >= MAX_BYTES_PER_CALL) {
                    problems.add(what + ": vector fill allocates " + Math.round(line.bytesPerCall())
                            + " bytes per call after warm-up (vectors boxed: a kernel call was not inlined)");
                }
                if (timing && line.speedup() < MIN_SPEEDUP) {
                    problems.add(String.format("%s: vector engine only %.2fx the scalar engine after warm-up "
                            + "(%s; not compiled by C2? run with -XX:+PrintCompilation and look for COMPILE SKIPPED)",
                            what, line.speedup(), line.warmup()));
                }
            }
        }
        return problems;
    }

    private static KernelCheck check(ElementTransform t, boolean f64, FillEngine v, FillEngine sc, PhiloxStream s,
                              Mode mode) {
        int minRounds = mode == Mode.IDENTITY ? 10 : 150;
        String what = (f64 ? "float64 " : "float32 ") + t;
        int n = (mode == Mode.IDENTITY ? N / 8 : N) - 3;
        Fills fills = new Fills(t, f64, v, sc, s, n);
        fills.scalar();
        // warm-up: enough calls and loop iterations for C2 (OSR and standard) on every hot method
        String warmup = "";
        int rounds;
        if (mode == Mode.FULL) {
            Warmup w = adaptiveWarmup(fills, minRounds);
            rounds = w.rounds();
            warmup = w.text();
        } else {
            rounds = countedWarmup(fills, minRounds);
        }
        double bytes = allocationPerCall(fills, mode, rounds < minRounds);
        fills.identical &= fills.same();
        double speedup = mode == Mode.FULL ? speedup(fills) : Double.NaN;
        return new KernelCheck(what, fills.identical, bytes, speedup, warmup);
    }

    /**
     * The fills one check makes: the scalar engine's output ({@code w*}, the reference) and the vector engine's
     * ({@code g*}), float32 or float64, from an odd start ({@code 12,345}: head, vector body and tail all run).
     * {@code identical} stays true while every vector fill matched the reference.
     */
    private static final class Fills {
        private static final long FIRST = 12_345;
        private final ElementTransform t;
        private final boolean f64;
        private final FillEngine v;
        private final FillEngine sc;
        private final PhiloxStream s;
        private final int n;
        private final float[] wf = new float[N];
        private final float[] gf = new float[N];
        private final double[] wd = new double[N];
        private final double[] gd = new double[N];
        boolean identical = true;

        Fills(ElementTransform t, boolean f64, FillEngine v, FillEngine sc, PhiloxStream s, int n) {
            this.t = t;
            this.f64 = f64;
            this.v = v;
            this.sc = sc;
            this.s = s;
            this.n = n;
        }

        void vector() {
            if (f64) {
                v.fill(t, s, FIRST, gd, 0, n);
            } else {
                v.fill(t, s, FIRST, gf, 0, n);
            }
        }

        void scalar() {
            if (f64) {
                sc.fill(t, s, FIRST, wd, 0, n);
            } else {
                sc.fill(t, s, FIRST, wf, 0, n);
            }
        }

        /** Whether the last vector fill equals the scalar reference. */
        boolean same() {
            return f64 ? java.util.Arrays.equals(wd, gd) : java.util.Arrays.equals(wf, gf);
        }
    }

    /** How a warm-up ended: its calls and a line saying why it stopped. */
    private record Warmup(int rounds, String text) {
    }

    /**
     * The interactive self-check's warm-up: adaptive (a fixed 6 s was too short under load 11+): at least
     * {@code minRounds} calls, then until the JIT has nothing queued or compiling and the fill has stopped
     * getting faster, at most {@link #FULL_WARMUP_LIMIT_SECONDS}.
     */
    private static Warmup adaptiveWarmup(Fills fills, int minRounds) {
        long start = System.nanoTime();
        long deadline = start + FULL_WARMUP_LIMIT_SECONDS * 1_000_000_000L;
        long best = Long.MAX_VALUE;
        int rounds = 0;
        int lastGain = 0;
        boolean idleBefore = false;
        long nextProbe = 0;
        String end;
        while (true) {
            long t0 = System.nanoTime();
            fills.vector();
            long dt = System.nanoTime() - t0;
            fills.identical &= fills.same();
            rounds++;
            if (dt < best - best / 32) { // a gain of more than 3%: still warming up
                lastGain = rounds;
            }
            best = Math.min(best, dt);
            long now = System.nanoTime();
            // enough calls for C2's thresholds; or, when calls are slow (uncompiled code under load), enough
            // calls for the loops' back-edge counters and enough time for the JIT to have acted on them
            boolean enough = rounds >= minRounds
                    || rounds >= SLOW_MIN_CALLS && now - start >= SLOW_MIN_SECONDS * 1_000_000_000L;
            if (enough && rounds - lastGain >= SETTLED_CALLS && now >= nextProbe) {
                boolean idle = JitQueue.idle();
                nextProbe = now + 100_000_000L;
                if (idle && idleBefore) {
                    end = "settled: JIT idle, no gain in the last " + (rounds - lastGain) + " calls";
                    break;
                }
                idleBefore = idle;
            }
            if (now > deadline) {
                end = "STOPPED at its " + FULL_WARMUP_LIMIT_SECONDS + " s limit, " + (rounds < SLOW_MIN_CALLS
                        ? "after only " + rounds + " calls" : rounds - lastGain < SETTLED_CALLS
                        ? "the fill still getting faster" : "the JIT still compiling");
                break;
            }
        }
        return new Warmup(rounds, String.format(java.util.Locale.ROOT, "warm-up %d calls in %.1f s, %s", rounds,
                (System.nanoTime() - start) / 1e9, end));
    }

    /** The forked test JVMs' warm-up: counted in calls, up to 120 s, so a loaded machine cannot cut it short. */
    private static int countedWarmup(Fills fills, int minRounds) {
        long deadline = System.nanoTime() + 120 * 1_000_000_000L;
        int rounds = 0;
        for (; rounds < minRounds && System.nanoTime() < deadline; rounds++) {
            fills.vector();
            fills.identical &= fills.same();
        }
        return rounds;
    }

    /**
     * Bytes allocated per vector fill: the least of three rounds, so a recompilation in progress (a brief stay in
     * the interpreter after an uncommon trap) does not count. Off the interactive self-check, a loaded machine may
     * still have C2 compiling after the warm-up: keep calling (counted in calls, not seconds) until a round is
     * allocation-free or 60 rounds have passed. NaN in identity mode.
     */
    private static double allocationPerCall(Fills fills, Mode mode, boolean slow) {
        double bytes = mode == Mode.IDENTITY ? Double.NaN : Double.MAX_VALUE;
        int maxRounds = mode == Mode.IDENTITY ? 0 : mode == Mode.FULL ? 3 : 60;
        for (int round = 0; round < maxRounds && (round < 3 || bytes >= MAX_BYTES_PER_CALL); round++) {
            long before = allocatedBytes();
            int calls = slow ? 2 : 20; // few when slow: the verdict is clear either way
            for (int r = 0; r < calls; r++) {
                fills.vector();
            }
            bytes = Math.min(bytes, before < 0 ? 0 : (allocatedBytes() - before) / (double) calls);
        }
        return bytes;
    }

    /** Scalar time over vector time, the best of 7 alternating pairs. */
    private static double speedup(Fills fills) {
        long bestV = Long.MAX_VALUE;
        long bestS = Long.MAX_VALUE;
        for (int rep = 0; rep < 7; rep++) {
            long t0 = System.nanoTime();
            fills.vector();
            long t1 = System.nanoTime();
            fills.scalar();
            long t2 = System.nanoTime();
            bestV = Math.min(bestV, t1 - t0);
            bestS = Math.min(bestS, t2 - t1);
        }
        return bestS / (double) Math.max(1, bestV);
    }

    /** The JIT's queues, read through the {@code Compiler.queue} diagnostic command (as {@code jcmd} runs it). */
    static final class JitQueue {
        private JitQueue() {
        }

        /**
         * Whether no method is being compiled or waiting to be: the command's output lists each task
         * as {@code Class::method}. True where the command is unavailable (the warm-up then relies on
         * the call times alone).
         */
        static boolean idle() {
            try {
                javax.management.MBeanServer server = ManagementFactory.getPlatformMBeanServer();
                javax.management.ObjectName name = new javax.management.ObjectName(
                        "com.sun.management:type=DiagnosticCommand");
                Object text = server.invoke(name, "compilerQueue", new Object[] {new String[0]},
                        new String[] {String[].class.getName()});
                return !String.valueOf(text).contains("::");
            } catch (javax.management.JMException | RuntimeException e) {
                return true;
            }
        }
    }

    /** Bytes allocated so far by this thread, or -1 where the JVM does not say. */
    private static long allocatedBytes() {
        return MX != null ? MX.getCurrentThreadAllocatedBytes() : -1;
    }

    /** Looked up once: the lookup itself allocates. */
    private static final com.sun.management.ThreadMXBean MX =
            ManagementFactory.getThreadMXBean() instanceof com.sun.management.ThreadMXBean mx
                    && mx.isThreadAllocatedMemorySupported() ? mx : null;

    /**
     * Runs the check ({@code --no-timing}: skip the speed ratio; {@code --identity-only}: bit-identity
     * after a short warm-up; {@code --first-only}: float32 of the first transform only); exit code 0 when all is well, 1 with the problems on stderr otherwise.
     */
    public static void main(String[] args) {
        List<String> a = List.of(args);
        Mode mode = a.contains("--identity-only") ? Mode.IDENTITY : a.contains("--no-timing") ? Mode.NO_TIMING : Mode.FULL;
        List<String> problems = run(mode, System.out, a.contains("--first-only"));
        if (!problems.isEmpty()) {
            problems.forEach(p -> System.err.println("vector self-check FAILED: " + p));
            System.exit(1);
        }
        System.out.println("vector self-check passed");
    }
}
