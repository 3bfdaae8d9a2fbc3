package dev.initlab.bench;

import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

/**
 * Records the machine's load while a benchmark runs: the 1-minute load average
 * ({@code /proc/loadavg}) and CPU steal (the {@code steal} column of the {@code cpu} line of
 * {@code /proc/stat}, time a hypervisor gave to other guests) before, every few seconds during,
 * and after. Where {@code /proc} is missing (not Linux) nothing is known and nothing is claimed.
 *
 * <p><b>Under load</b> (a heuristic, stated so that it can be argued with): the 1-minute load
 * average before the run exceeds half the cores, or its median during the run exceeds
 * {@code own + cores/2} where {@code own} is the number of threads the benchmark itself keeps busy
 * (1 for the quick suite's single-threaded work, more for parallel fills), or steal exceeds 5% of
 * the CPU time during the run. A run taken under load is marked as such in its run note, in the
 * report and in {@code compare}'s output.
 */
public final class LoadMonitor implements AutoCloseable {
    /** Steal fraction above which a run counts as taken under load. */
    public static final double STEAL_LIMIT = 0.05;

    private final int cores = Runtime.getRuntime().availableProcessors();
    private final double ownThreads;
    private final LoadSample before;
    private final List<LoadSample> during = new ArrayList<>();
    private final ScheduledExecutorService timer;

    /** One reading: 1-minute load average and the cpu line's steal and total jiffies (NaN / -1 when unknown). */
    record LoadSample(double load1, long steal, long total) {
    }

    /**
     * What was recorded.
     *
     * @param cores logical cores
     * @param loadBefore 1-minute load average before the run (NaN when unknown)
     * @param loadMin smallest 1-minute load average during the run
     * @param loadMedian median during the run
     * @param loadMax largest during the run
     * @param loadAfter after the run
     * @param stealFraction steal jiffies / all jiffies over the run (NaN when unknown)
     * @param samples readings taken during the run
     * @param underLoad whether the rule of the class comment calls the run loaded
     * @param note one line for notes and output
     */
    public record Record(int cores, double loadBefore, double loadMin, double loadMedian, double loadMax,
                         double loadAfter, double stealFraction, int samples, boolean underLoad, String note) {
    }

    private LoadMonitor(double ownThreads, long periodMillis) {
        this.ownThreads = ownThreads;
        this.before = read();
        this.timer = Executors.newSingleThreadScheduledExecutor(r -> {
            Thread t = new Thread(r, "initlab-load-monitor");
            t.setDaemon(true);
            return t;
        });
        timer.scheduleAtFixedRate(() -> {
            LoadSample s = read();
            synchronized (during) {
                during.add(s);
            }
        }, periodMillis, periodMillis, TimeUnit.MILLISECONDS);
    }

    /** Longest wait of {@link #settle} for the load to fall below half the cores. */
    public static final long SETTLE_SECONDS = 120;

    /**
     * Waits (at most {@link #SETTLE_SECONDS}, checking every 5 s) until the 1-minute load average is
     * at most half the cores, so that the "before" reading judges the neighbours and not the build
     * that {@code ./initlab} ran a moment ago (the 1-minute average decays with a one-minute time
     * constant: a build on both cores takes about 40-60 s to fall below 1 on 2 cores). Says so on
     * {@code progress} when it waits. Returns at once where the load is unknown.
     *
     * @return seconds waited
     */
    public static long settle(PrintStream progress) {
        int cores = Runtime.getRuntime().availableProcessors();
        double load = read().load1();
        if (!(load > cores / 2.0)) {
            return 0;
        }
        progress.println(String.format(Locale.ROOT, "initlab bench: 1-min load %.2f is above half the %d cores: "
                + "waiting up to %d s for it to settle before the run (a run that starts above it is marked as "
                + "taken under load)", load, cores, SETTLE_SECONDS));
        long start = System.nanoTime();
        while (load > cores / 2.0 && System.nanoTime() - start < SETTLE_SECONDS * 1_000_000_000L) {
            try {
                Thread.sleep(5000);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                break;
            }
            load = read().load1();
        }
        long waited = (System.nanoTime() - start) / 1_000_000_000L;
        progress.println(String.format(Locale.ROOT, "initlab bench: 1-min load %.2f after %d s; starting", load,
                waited));
        return waited;
    }

    /** Takes the "before" reading now and samples every {@code periodMillis} until {@link #stop()}. */
    public static LoadMonitor start(double ownThreads, long periodMillis) {
        return new LoadMonitor(ownThreads, periodMillis);
    }

    /** Takes the "after" reading, stops sampling and judges the run. */
    public Record stop() {
        timer.shutdownNow();
        LoadSample after = read();
        List<LoadSample> ds;
        synchronized (during) {
            ds = new ArrayList<>(during);
        }
        if (ds.isEmpty()) {
            ds.add(after);
        }
        double[] loads = ds.stream().mapToDouble(LoadSample::load1).filter(Double::isFinite).sorted().toArray();
        double min = loads.length == 0 ? Double.NaN : loads[0];
        double max = loads.length == 0 ? Double.NaN : loads[loads.length - 1];
        double median = loads.length == 0 ? Double.NaN : loads.length % 2 == 1 ? loads[loads.length / 2]
                : (loads[loads.length / 2 - 1] + loads[loads.length / 2]) / 2;
        double steal = before.total() >= 0 && after.total() > before.total()
                ? (double) (after.steal() - before.steal()) / (after.total() - before.total()) : Double.NaN;
        return judge(cores, ownThreads, before.load1(), min, median, max, after.load1(), steal, ds.size());
    }

    /** Applies the rule of the class comment. */
    static Record judge(int cores, double ownThreads, double loadBefore, double min, double median, double max,
                        double loadAfter, double steal, int samples) {
        List<String> why = new ArrayList<>();
        if (loadBefore > cores / 2.0) {
            why.add(String.format(Locale.ROOT, "load %.2f before the run on %d cores", loadBefore, cores));
        }
        if (median > ownThreads + cores / 2.0) {
            why.add(String.format(Locale.ROOT, "median load %.2f during the run (the benchmark's own %.0f thread%s "
                    + "+ half of %d cores = %.1f)", median, ownThreads, ownThreads == 1 ? "" : "s", cores,
                    ownThreads + cores / 2.0));
        }
        if (steal > STEAL_LIMIT) {
            why.add(String.format(Locale.ROOT, "CPU steal %.1f%%", 100 * steal));
        }
        String range = Double.isNaN(median) ? "load unknown (no /proc/loadavg)"
                : String.format(Locale.ROOT, "1-min load %.2f before, %.2f-%.2f (median %.2f) during, %.2f after, "
                + "on %d cores; CPU steal %s", loadBefore, min, max, median, loadAfter, cores,
                Double.isNaN(steal) ? "unknown" : String.format(Locale.ROOT, "%.1f%%", 100 * steal));
        boolean loaded = !why.isEmpty();
        String note = (loaded ? "TAKEN UNDER LOAD (" + String.join("; ", why) + "): " : "quiet machine: ") + range;
        return new Record(cores, loadBefore, min, median, max, loadAfter, steal, samples, loaded, note);
    }

    @Override
    public void close() {
        timer.shutdownNow();
    }

    static LoadSample read() {
        double load = Double.NaN;
        long steal = -1;
        long total = -1;
        try {
            load = Double.parseDouble(Files.readString(Path.of("/proc/loadavg")).trim().split("\\s+")[0]);
        } catch (IOException | RuntimeException e) {
            // not Linux: unknown
        }
        try {
            String cpu = Files.readAllLines(Path.of("/proc/stat")).get(0);
            String[] f = cpu.trim().split("\\s+");
            if (f[0].equals("cpu")) {
                total = 0;
                for (int i = 1; i < Math.min(f.length, 9); i++) { // user .. steal; guest time is inside user
                    total += Long.parseLong(f[i]);
                }
                steal = f.length > 8 ? Long.parseLong(f[8]) : 0;
            }
        } catch (IOException | RuntimeException e) {
            steal = -1;
            total = -1;
        }
        return new LoadSample(load, steal, total);
    }
}
