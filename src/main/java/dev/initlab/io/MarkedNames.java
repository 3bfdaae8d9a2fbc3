package dev.initlab.io;

import java.util.function.UnaryOperator;

/**
 * Message text in which the Java names of parameters and options ({@code layout}, {@code shape}, {@code fan_in})
 * are marked, so that each front end spells them its own way: the library shows the plain Java name
 * ({@code wrong layout?}), the command line an option ({@code wrong --layout?}, through the {@code cli}
 * package's spelling). A template is ordinary text with each name wrapped by {@link #name(String)} (two
 * private-use characters that never occur in user text); {@link #render} replaces each mark.
 *
 * <p>The one home of the marking: {@code init.ParameterException}, {@link InputException} and
 * {@code stats.CheckResult} keep templates and expose the plain text by default.
 */
public final class MarkedNames {
    private static final char OPEN = '\uE000';
    private static final char CLOSE = '\uE001';

    private MarkedNames() {
    }

    /** Something whose text names parameters by marked Java names. */
    public interface Spelled {
        /** The text with every name marked by {@link MarkedNames#name(String)}. */
        String template();

        /** The text with each marked name passed through {@code spelling} (e.g. {@code gain -> --gain}). */
        default String message(UnaryOperator<String> spelling) {
            return render(template(), spelling);
        }
    }

    /** Marks a parameter or option name (its Java spelling, e.g. {@code layout}) inside a template. */
    public static String name(String javaName) {
        return OPEN + javaName + CLOSE;
    }

    /** The template with each marked name passed through {@code spelling}. */
    public static String render(String template, UnaryOperator<String> spelling) {
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

    /** The template with the plain Java names. */
    public static String plain(String template) {
        return render(template, UnaryOperator.identity());
    }

    /** Text made safe to use as a template: stray marks (which user text never holds) become spaces. */
    public static String unmarked(String text) {
        return text.replace(OPEN, ' ').replace(CLOSE, ' ');
    }

    /**
     * The message of {@code e} under {@code spelling} when its text names parameters ({@link Spelled}), else its
     * plain message.
     */
    public static String message(Throwable e, UnaryOperator<String> spelling) {
        return e instanceof Spelled s ? s.message(spelling) : e.getMessage();
    }
}
