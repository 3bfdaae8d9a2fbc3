package dev.initlab.cli;

import java.io.ByteArrayOutputStream;
import java.io.OutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.Set;

/**
 * A stream that drops, line by line, the JVM start-up warnings a user cannot act on (forked benchmark JVMs print
 * the incubator-module warning once per fork), and passes everything else through unchanged.
 */
final class QuietStream extends OutputStream {
    /** Lines dropped exactly as the JVM prints them. */
    static final Set<String> DROPPED = Set.of("WARNING: Using incubator modules: jdk.incubator.vector");

    private final PrintStream target;
    private final ByteArrayOutputStream line = new ByteArrayOutputStream();

    private QuietStream(PrintStream target) {
        this.target = target;
    }

    /** {@code target} without the dropped lines. */
    static PrintStream over(PrintStream target) {
        return new PrintStream(new QuietStream(target), true, StandardCharsets.UTF_8);
    }

    @Override
    public synchronized void write(int b) {
        line.write(b);
        if (b == '\n') {
            emit();
        }
    }

    private void emit() {
        String s = line.toString(StandardCharsets.UTF_8);
        line.reset();
        if (!DROPPED.contains(s.stripTrailing())) {
            target.print(s);
        }
    }

    @Override
    public synchronized void flush() {
        target.flush();
    }

    @Override
    public synchronized void close() {
        if (line.size() > 0) {
            emit();
        }
        target.flush();
    }
}
