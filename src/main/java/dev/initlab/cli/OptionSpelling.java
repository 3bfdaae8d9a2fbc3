package dev.initlab.cli;

import dev.initlab.init.ParameterException;

/**
 * How the command line spells the library's parameter names: {@code gain} is {@code --gain}, {@code fan_in}
 * is {@code --fan-in}. The library words its errors in Java names ({@link ParameterException}); every
 * message the CLI prints goes through {@link #message(Throwable)}.
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
        return ParameterException.message(e, OptionSpelling::option);
    }

    /** {@code e} with {@code prefix} in front of its message, parameter names still spelled as options. */
    static IllegalArgumentException prefixed(String prefix, IllegalArgumentException e) {
        return ParameterException.prefixed(prefix, e);
    }
}
