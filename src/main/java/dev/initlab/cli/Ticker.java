package dev.initlab.cli;

import java.io.PrintStream;
import java.util.Locale;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

/**
 * Progress on stderr for work that may take more than a second or two: after {@link #DELAY_MS}, the current
 * status and the elapsed time every {@link #PERIOD_MS}. On a terminal one line is rewritten in place; with
 * {@code --progress} on a non-terminal, plain lines (no escape sequences). Silent otherwise, so logs and
 * pipes get only what matters. Close it when the work ends (try-with-resources).
 */
final class Ticker implements AutoCloseable {
    static final long DELAY_MS = 1500;
    static final long PERIOD_MS = 2000;

    private final PrintStream err;
    private final boolean terminal;
    private final String command;
    private final long start = System.nanoTime();
    private final ScheduledExecutorService timer;
    private volatile String status = "";
    private boolean printed;

    private Ticker(PrintStream err, boolean terminal, String command, boolean on) {
        this.err = err;
        this.terminal = terminal;
        this.command = command;
        if (on) {
            timer = Executors.newSingleThreadScheduledExecutor(r -> {
                Thread t = new Thread(r, "initlab-progress");
                t.setDaemon(true);
                return t;
            });
            timer.scheduleAtFixedRate(this::print, DELAY_MS, PERIOD_MS, TimeUnit.MILLISECONDS);
        } else {
            timer = null;
        }
    }

    /** Whether stderr is a terminal: the launcher says so (it filters stderr through a pipe), else the JDK. */
    static boolean stderrIsTerminal() {
        if (Boolean.getBoolean("initlab.stderr.tty")) {
            return true;
        }
        java.io.Console c = System.console();
        return c != null && c.isTerminal() && System.getProperty("initlab.home") == null;
    }

    /** A ticker for {@code command}: on when {@code --progress} was given or stderr is a terminal. */
    static Ticker start(Args args, PrintStream err, String command) {
        return start(args.flag("progress"), err, command);
    }

    /** A ticker for {@code command}: on when {@code forced} or stderr is a terminal. */
    static Ticker start(boolean forced, PrintStream err, String command) {
        boolean tty = stderrIsTerminal();
        return new Ticker(err, tty, command, forced || tty);
    }

    /** What is being done now, e.g. "filling 16777216 float32 elements". */
    void status(String s) {
        status = s;
    }

    /** Prints the status line now (the timer calls this; tests too). */
    void printNow() {
        print();
    }

    private synchronized void print() {
        double el = (System.nanoTime() - start) / 1e9;
        String line = String.format(Locale.ROOT, "initlab %s: %s (%.0f s)", command, status, el);
        if (terminal) {
            err.print("\r" + line + "\u001b[K");
        } else {
            err.println(line);
        }
        err.flush();
        printed = true;
    }

    @Override
    public synchronized void close() {
        if (timer != null) {
            timer.shutdownNow();
        }
        if (printed && terminal) {
            err.print("\r\u001b[K"); // clear the progress line; on a terminal only
            err.flush();
        }
    }
}
