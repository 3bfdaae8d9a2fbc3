package dev.initlab.cli;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;

/** Runs the command line in-process for tests, capturing exit code, standard output and standard error. */
public final class CliRun {
    private CliRun() {
    }

    /** What one command line did. */
    public record Result(int code, String out, String err) {
    }

    /** Runs {@code initlab ARGV...} through {@link Main#run}. */
    public static Result run(String... argv) {
        ByteArrayOutputStream o = new ByteArrayOutputStream();
        ByteArrayOutputStream e = new ByteArrayOutputStream();
        int code = Main.run(argv, new PrintStream(o, true, StandardCharsets.UTF_8),
                new PrintStream(e, true, StandardCharsets.UTF_8));
        return new Result(code, o.toString(StandardCharsets.UTF_8), e.toString(StandardCharsets.UTF_8));
    }
}
