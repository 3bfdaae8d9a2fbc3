package dev.initlab.cli;

import dev.initlab.init.ParameterException;
import dev.initlab.io.MarkedNames;

/**
 * How the command line spells the library's parameter names: {@code gain} is {@code --gain}, {@code fan_in}
 * is {@code --fan-in}. The library words its messages in Java names, marked ({@link MarkedNames}: parameter
 * errors {@link ParameterException}, input errors {@code InputException}, check verdicts
 * {@code CheckResult.verdict(spelling)}); every error the CLI prints goes through {@link #message(Throwable)}, and
 * every verdict through {@link #option} as its spelling.
 */
final class OptionSpelling {
    private OptionSpelling() {
    }

    /** The option for a parameter's Java name. */
    static String option(String parameter) {
        return "--" + parameter.replace('_', '-');
    }

    /** The exception's message with parameter names spelled as options. */
    static String message(Throwable e) {
        return MarkedNames.message(e, OptionSpelling::option);
    }

    /** {@code e} with {@code prefix} in front of its message, parameter names still spelled as options. */
    static IllegalArgumentException prefixed(String prefix, IllegalArgumentException e) {
        return ParameterException.prefixed(prefix, e);
    }
}
