package dev.initlab.io;

import java.math.BigInteger;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * A strict parser for the subset of Python literals that appears in {@code .npy} headers:
 * dicts, tuples, lists, quoted strings, integers, {@code True}, {@code False} and {@code None}.
 * Dicts become {@link LinkedHashMap}s (duplicate keys are rejected), tuples {@link Tuple}s,
 * lists {@link List}s, integers {@link BigInteger}s and {@code None} {@link #NONE}.
 * Anything else (floats, expressions, names, bytes literals) is an error.
 */
final class PyLiteral {
    /** Python's {@code None}. */
    static final Object NONE = new Object() {
        @Override
        public String toString() {
            return "None";
        }
    };

    /** A Python tuple. */
    record Tuple(List<Object> items) {
    }

    /** A syntax error at a character offset of the parsed text. */
    static final class SyntaxError extends Exception {
        private static final long serialVersionUID = 1L;

        SyntaxError(String message) {
            super(message);
        }
    }

    private static final int MAX_DEPTH = 64;

    private final String s;
    private final boolean longSuffix;
    private int pos;
    private int depth;

    private PyLiteral(String s, boolean longSuffix) {
        this.s = s;
        this.longSuffix = longSuffix;
    }

    /**
     * Parses one literal that spans the whole text apart from surrounding whitespace.
     *
     * @param longSuffix whether Python 2 long literals such as {@code 3L} are accepted (old
     *     {@code .npy} files of version 1.0 and 2.0 contain them)
     */
    static Object parse(String text, boolean longSuffix) throws SyntaxError {
        PyLiteral p = new PyLiteral(text, longSuffix);
        p.skipSpace();
        Object v = p.value();
        p.skipSpace();
        if (p.pos != text.length()) {
            throw p.error("unexpected " + p.describe() + " after the literal");
        }
        return v;
    }

    private Object value() throws SyntaxError {
        if (pos >= s.length()) {
            throw error("unexpected end of header");
        }
        char c = s.charAt(pos);
        return switch (c) {
            case '{' -> nested(this::dict);
            case '(' -> nested(this::tuple);
            case '[' -> nested(this::list);
            case '\'', '"' -> string();
            default -> {
                if (c == '-' || c == '+' || (c >= '0' && c <= '9')) {
                    yield integer();
                }
                if (Character.isLetter(c) || c == '_') {
                    yield name();
                }
                throw error("unexpected " + describe());
            }
        };
    }

    private interface Part {
        Object parse() throws SyntaxError;
    }

    private Object nested(Part part) throws SyntaxError {
        if (++depth > MAX_DEPTH) {
            throw error("nested more than " + MAX_DEPTH + " levels deep");
        }
        Object v = part.parse();
        depth--;
        return v;
    }

    private Map<String, Object> dict() throws SyntaxError {
        pos++; // '{'
        Map<String, Object> m = new LinkedHashMap<>();
        skipSpace();
        while (!peek('}')) {
            int keyAt = pos;
            Object k = value();
            if (!(k instanceof String key)) {
                pos = keyAt;
                throw error("dict keys must be strings");
            }
            skipSpace();
            expect(':');
            skipSpace();
            Object v = value();
            if (m.containsKey(key)) {
                pos = keyAt;
                throw error("duplicate key '" + key + "'");
            }
            m.put(key, v);
            if (!separator('}')) {
                break;
            }
        }
        expect('}');
        return m;
    }

    private Object tuple() throws SyntaxError {
        pos++; // '('
        List<Object> items = new ArrayList<>();
        skipSpace();
        boolean comma = false;
        while (!peek(')')) {
            items.add(value());
            comma = separator(')');
            if (!comma) {
                break;
            }
        }
        expect(')');
        // "(x)" is a parenthesized value, not a tuple, exactly as in Python
        return items.size() == 1 && !comma ? items.get(0) : new Tuple(List.copyOf(items));
    }

    private List<Object> list() throws SyntaxError {
        pos++; // '['
        List<Object> items = new ArrayList<>();
        skipSpace();
        while (!peek(']')) {
            items.add(value());
            if (!separator(']')) {
                break;
            }
        }
        expect(']');
        return items;
    }

    /** After an item: consumes "," and whitespace and returns true, or returns false before {@code close}. */
    private boolean separator(char close) throws SyntaxError {
        skipSpace();
        if (peek(',')) {
            pos++;
            skipSpace();
            return true;
        }
        if (!peek(close)) {
            throw error("expected ',' or '" + close + "' but found " + describe());
        }
        return false;
    }

    private String string() throws SyntaxError {
        char quote = s.charAt(pos++);
        StringBuilder b = new StringBuilder();
        while (true) {
            if (pos >= s.length()) {
                throw error("unterminated string");
            }
            char c = s.charAt(pos++);
            if (c == quote) {
                return b.toString();
            }
            if (c == '\n' || c == '\r') {
                pos--;
                throw error("line break inside a string");
            }
            if (c == '\\') {
                if (pos >= s.length()) {
                    throw error("unterminated string");
                }
                char e = s.charAt(pos++);
                if (e != '\\' && e != '\'' && e != '"') {
                    pos -= 2;
                    throw error("unsupported escape '\\" + e + "' in a string");
                }
                b.append(e);
            } else {
                b.append(c);
            }
        }
    }

    private BigInteger integer() throws SyntaxError {
        int start = pos;
        if (peek('-') || peek('+')) {
            pos++;
        }
        int digits = pos;
        while (pos < s.length() && s.charAt(pos) >= '0' && s.charAt(pos) <= '9') {
            pos++;
        }
        if (pos == digits) {
            throw error("expected a digit but found " + describe());
        }
        if (pos - digits > 1 && s.charAt(digits) == '0') {
            pos = digits;
            throw error("integer with a leading zero");
        }
        if (pos - digits > 4000) {
            pos = digits;
            throw error("integer with more than 4000 digits");
        }
        BigInteger v = new BigInteger(s.substring(start, pos));
        if (longSuffix && (peek('L') || peek('l'))) {
            pos++;
        }
        if (pos < s.length() && (Character.isLetterOrDigit(s.charAt(pos)) || s.charAt(pos) == '.'
                || s.charAt(pos) == '_')) {
            throw error("unexpected " + describe() + " in a number (only integers are allowed)");
        }
        return v;
    }

    private Object name() throws SyntaxError {
        int start = pos;
        while (pos < s.length() && (Character.isLetterOrDigit(s.charAt(pos)) || s.charAt(pos) == '_')) {
            pos++;
        }
        String word = s.substring(start, pos);
        return switch (word) {
            case "True" -> Boolean.TRUE;
            case "False" -> Boolean.FALSE;
            case "None" -> NONE;
            default -> {
                pos = start;
                throw error("unexpected name '" + word + "' (only True, False and None are allowed)");
            }
        };
    }

    private void skipSpace() {
        while (pos < s.length()) {
            char c = s.charAt(pos);
            if (c != ' ' && c != '\t' && c != '\n' && c != '\r') {
                return;
            }
            pos++;
        }
    }

    private boolean peek(char c) {
        return pos < s.length() && s.charAt(pos) == c;
    }

    private void expect(char c) throws SyntaxError {
        if (!peek(c)) {
            throw error("expected '" + c + "' but found " + describe());
        }
        pos++;
    }

    private String describe() {
        if (pos >= s.length()) {
            return "end of header";
        }
        char c = s.charAt(pos);
        return c >= 0x20 && c < 0x7f ? "'" + c + "'" : String.format("character U+%04X", (int) c);
    }

    private SyntaxError error(String what) {
        return new SyntaxError(what + " at offset " + pos);
    }
}
