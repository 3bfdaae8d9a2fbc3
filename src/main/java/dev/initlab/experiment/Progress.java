package dev.initlab.experiment;

import java.io.PrintStream;
import java.util.Locale;

/** Progress lines on stderr: what runs, how far it is, elapsed time and a rough time left. Thread-safe. */
public final class Progress {
    private final PrintStream err;
    private final long start = System.nanoTime();
    private String task = "";
    private int total;
    private int done;
    private long taskStart;
    private long lastPrint;

    private Progress(PrintStream err) {
        this.err = err;
    }

    /** Progress to {@code err}; null prints nothing. */
    public static Progress to(PrintStream err) {
        return new Progress(err);
    }

    /** Progress that prints nothing. */
    public static Progress silent() {
        return new Progress(null);
    }

    /** Starts a task of {@code units} steps. */
    public synchronized void begin(String name, int units) {
        task = name;
        total = units;
        done = 0;
        taskStart = System.nanoTime();
        lastPrint = 0;
        log("%s: %d runs", name, units);
    }

    /** One step of the current task finished; prints at most every 5 s (and the last step). */
    public synchronized void step(String what) {
        done++;
        long now = System.nanoTime();
        if (err != null && (done == total || now - lastPrint > 5_000_000_000L)) {
            lastPrint = now;
            double el = (now - taskStart) / 1e9;
            double left = done == 0 ? Double.NaN : el / done * (total - done);
            log("%s %d/%d (%s) %.0f s, ~%.0f s left", task, done, total, what, el, left);
        }
    }

    /** A free-form line. */
    public synchronized void log(String fmt, Object... args) {
        if (err != null) {
            err.printf(Locale.ROOT, "[%6.1fs] %s%n", (System.nanoTime() - start) / 1e9, String.format(Locale.ROOT, fmt, args));
            err.flush();
        }
    }
}
