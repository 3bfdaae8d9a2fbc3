package dev.initlab.init;

import java.util.function.UnaryOperator;

/**
 * A scheme parameter that cannot be used, with every parameter named the way the caller spells it.
 * The library speaks Java names ({@code gain 1e308 overflows float32}); a front end with its own
 * spelling (the command line's {@code --gain}, an init spec's rule text) renders the same message
 * through {@link #message(UnaryOperator)}. The message is kept as a template in which each parameter
 * name is marked by {@link #name(String)}; {@link #getMessage()} shows the plain Java names.
 */
public class ParameterException extends IllegalArgumentException {
    private static final char OPEN = '\uE000';
    private static final char CLOSE = '\uE001';

    private final String template;

    /**
     * @param template the message, with parameter names marked by {@link #name(String)}
     */
    public ParameterException(String template) {
        super(render(template, UnaryOperator.identity()));
        this.template = template;
    }

    /** Marks a parameter name (its Java spelling, e.g. {@code gain}) inside a message template. */
    public static String name(String parameter) {
        return OPEN + parameter + CLOSE;
    }

    /** The message with each parameter name passed through {@code spelling} (e.g. {@code gain -> --gain}). */
    public String message(UnaryOperator<String> spelling) {
        return render(template, spelling);
    }

    /**
     * The message of {@code e} under {@code spelling} when it is a parameter error, else its plain message.
     */
    public static String message(Throwable e, UnaryOperator<String> spelling) {
        return e instanceof ParameterException p ? p.message(spelling) : e.getMessage();
    }

    /**
     * {@code e} with {@code prefix} in front of its message (e.g. the tensor it happened on), still rendered
     * per caller when it was a parameter error.
     */
    public static IllegalArgumentException prefixed(String prefix, IllegalArgumentException e) {
        String plain = prefix.replace(OPEN, ' ').replace(CLOSE, ' ');
        IllegalArgumentException out = e instanceof ParameterException p ? new ParameterException(plain + p.template)
                : new IllegalArgumentException(plain + e.getMessage());
        out.initCause(e);
        return out;
    }

    private static String render(String template, UnaryOperator<String> spelling) {
        if (template == null || template.indexOf(OPEN) < 0) {
            return template;
        }
        StringBuilder sb = new StringBuilder(template.length());
        int i = 0;
        while (i < template.length()) {
            int open = template.indexOf(OPEN, i);
            int close = open < 0 ? -1 : template.indexOf(CLOSE, open);
            if (open < 0 || close < 0) {
                sb.append(template, i, template.length());
                break;
            }
            sb.append(template, i, open).append(spelling.apply(template.substring(open + 1, close)));
            i = close + 1;
        }
        return sb.toString();
    }
}
