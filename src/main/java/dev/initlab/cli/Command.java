package dev.initlab.cli;

import java.io.PrintStream;

/**
 * One {@code initlab} sub-command. Implementations throw {@link IllegalArgumentException} (or a
 * subclass) with a one-line message for user error; {@link Main} prints it and exits with 2.
 */
public interface Command {
    /** Sub-command name, e.g. {@code fill}. */
    String name();

    /** One line for the command list. */
    String summary();

    /** Full help text (usage, options, defaults, examples). */
    String help();

    /**
     * Runs the command.
     *
     * @return the exit code: 0 success, 1 a check failed, 2 bad usage or unreadable input
     */
    int run(Args args, PrintStream out, PrintStream err) throws Exception;
}
