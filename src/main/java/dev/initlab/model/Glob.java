package dev.initlab.model;

import java.util.regex.Pattern;

/**
 * A glob over tensor names: {@code *} matches any run of characters (dots included), {@code ?}
 * exactly one; every other character matches itself. Brackets and braces are rejected rather than
 * read literally, so a pattern written for another glob dialect fails loudly.
 */
public final class Glob {
    private final String text;
    private final Pattern regex;

    private Glob(String text, Pattern regex) {
        this.text = text;
        this.regex = regex;
    }

    /**
     * Compiles a glob.
     *
     * @throws IllegalArgumentException if it is empty or uses {@code [ ] { } \}
     */
    public static Glob of(String text) {
        if (text == null || text.isEmpty()) {
            throw new IllegalArgumentException("empty pattern");
        }
        StringBuilder re = new StringBuilder();
        StringBuilder lit = new StringBuilder();
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            if ("[]{}\\".indexOf(c) >= 0) {
                throw new IllegalArgumentException("bad glob '" + text + "': '" + c
                        + "' is not supported (only * and ? are special)");
            }
            if (c == '*' || c == '?') {
                if (!lit.isEmpty()) {
                    re.append(Pattern.quote(lit.toString()));
                    lit.setLength(0);
                }
                re.append(c == '*' ? ".*" : ".");
            } else {
                lit.append(c);
            }
        }
        if (!lit.isEmpty()) {
            re.append(Pattern.quote(lit.toString()));
        }
        return new Glob(text, Pattern.compile(re.toString(), Pattern.DOTALL));
    }

    /** Whether the whole name matches. */
    public boolean matches(String name) {
        return regex.matcher(name).matches();
    }

    @Override
    public String toString() {
        return text;
    }
}
