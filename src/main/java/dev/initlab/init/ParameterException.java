package dev.initlab.init;

import dev.initlab.io.MarkedNames;
import java.util.function.UnaryOperator;

/**
 * A parameter or option that cannot be used, with every parameter named the way the caller spells it.
 * The library speaks Java names ({@code gain 1e308 overflows float32}); a front end with its own
 * spelling (the command line's {@code --gain}, an init spec's rule text) renders the same message
 * through {@link #message(UnaryOperator)}. The message is kept as a template in which each parameter
 * name is marked by {@link #name(String)} (the marking of {@link MarkedNames}); {@link #getMessage()} shows
 * the plain Java names.
 */
public class ParameterException extends IllegalArgumentException implements MarkedNames.Spelled {
    private final String template;

    /**
     * @param template the message, with parameter names marked by {@link #name(String)}
     */
    public ParameterException(String template) {
        super(MarkedNames.plain(template));
        this.template = template;
    }

    /** Marks a parameter name (its Java spelling, e.g. {@code gain}) inside a message template. */
    public static String name(String parameter) {
        return MarkedNames.name(parameter);
    }

    @Override
    public String template() {
        return template;
    }

    /** The message with each parameter name passed through {@code spelling} (e.g. {@code gain -> --gain}). */
    @Override
    public String message(UnaryOperator<String> spelling) {
        return MarkedNames.render(template, spelling);
    }

    /**
     * The message of {@code e} under {@code spelling} when its text names parameters (a parameter error, or
     * any {@link MarkedNames.Spelled} exception), else its plain message.
     */
    public static String message(Throwable e, UnaryOperator<String> spelling) {
        return MarkedNames.message(e, spelling);
    }

    /**
     * {@code e} with {@code prefix} in front of its message (e.g. the tensor it happened on), still rendered
     * per caller when its text named parameters.
     */
    public static IllegalArgumentException prefixed(String prefix, IllegalArgumentException e) {
        String plain = MarkedNames.unmarked(prefix);
        IllegalArgumentException out = e instanceof MarkedNames.Spelled p ? new ParameterException(plain + p.template())
                : new IllegalArgumentException(plain + e.getMessage());
        out.initCause(e);
        return out;
    }
}
