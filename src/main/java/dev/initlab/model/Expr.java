package dev.initlab.model;

import java.util.Locale;
import java.util.Map;
import java.util.Set;

/**
 * Arithmetic in spec parameter values, so a rule can depend on the checkpoint's own architecture:
 * {@code --std 0.02/sqrt(2*n_layer)}. Grammar: numbers, {@code + - * /}, unary minus, parentheses,
 * {@code sqrt(...)} and the variables of {@link #VARIABLES} ({@code n_layer}: the number of
 * transformer blocks in the checkpoint, see {@link InitSpec#variables}). A value is an expression
 * when it contains one of {@code * / ( )} or a variable name; anything else (a number, a word such
 * as {@code fan_out} or {@code relu}) is passed to the scheme unchanged.
 */
public final class Expr {
    /** The variables an expression may use. */
    public static final Set<String> VARIABLES = Set.of("n_layer");

    private final String text;
    private int pos;
    private final Map<String, Double> vars;

    private Expr(String text, Map<String, Double> vars) {
        this.text = text;
        this.vars = vars;
    }

    /** Whether a parameter value is an expression (rather than a literal for the scheme). */
    public static boolean isExpression(String value) {
        if (value.chars().anyMatch(c -> "*/()".indexOf(c) >= 0)) {
            return true;
        }
        for (String v : VARIABLES) {
            if (value.contains(v)) {
                return true;
            }
        }
        return false;
    }

    /** The variables an expression uses. */
    public static Set<String> uses(String value) {
        return VARIABLES.stream().filter(value::contains).collect(java.util.stream.Collectors.toSet());
    }

    /**
     * Evaluates an expression.
     *
     * @throws IllegalArgumentException on a syntax error, an unknown or unbound variable, or a
     *     non-finite result
     */
    public static double eval(String text, Map<String, Double> vars) {
        Expr e = new Expr(text, vars);
        double v = e.sum();
        e.skip();
        if (e.pos != text.length()) {
            throw e.error("unexpected '" + text.charAt(e.pos) + "'");
        }
        if (!Double.isFinite(v)) {
            throw new IllegalArgumentException("expression '" + text + "' is not finite");
        }
        return v;
    }

    /** The value with expressions evaluated (shortest round-trip decimal), or unchanged. */
    public static String resolve(String value, Map<String, Double> vars) {
        return isExpression(value) ? Double.toString(eval(value, vars)) : value;
    }

    private IllegalArgumentException error(String what) {
        return new IllegalArgumentException("bad expression '" + text + "': " + what + " at character " + (pos + 1));
    }

    private void skip() {
        while (pos < text.length() && text.charAt(pos) == ' ') {
            pos++;
        }
    }

    private boolean eat(char c) {
        skip();
        if (pos < text.length() && text.charAt(pos) == c) {
            pos++;
            return true;
        }
        return false;
    }

    private double sum() {
        double v = product();
        while (true) {
            if (eat('+')) {
                v += product();
            } else if (eat('-')) {
                v -= product();
            } else {
                return v;
            }
        }
    }

    private double product() {
        double v = unary();
        while (true) {
            if (eat('*')) {
                v *= unary();
            } else if (eat('/')) {
                v /= unary();
            } else {
                return v;
            }
        }
    }

    private double unary() {
        if (eat('-')) {
            return -unary();
        }
        if (eat('(')) {
            double v = sum();
            if (!eat(')')) {
                throw error("missing ')'");
            }
            return v;
        }
        skip();
        int start = pos;
        if (pos < text.length() && (Character.isLetter(text.charAt(pos)) || text.charAt(pos) == '_')) {
            while (pos < text.length() && (Character.isLetterOrDigit(text.charAt(pos)) || text.charAt(pos) == '_')) {
                pos++;
            }
            String id = text.substring(start, pos).toLowerCase(Locale.ROOT);
            if (id.equals("sqrt")) {
                if (!eat('(')) {
                    throw error("sqrt needs '('");
                }
                double v = sum();
                if (!eat(')')) {
                    throw error("missing ')'");
                }
                return Math.sqrt(v);
            }
            if (!VARIABLES.contains(id)) {
                pos = start;
                throw error("unknown name '" + id + "' (known: sqrt, " + String.join(", ", VARIABLES) + ")");
            }
            Double v = vars.get(id);
            if (v == null) {
                throw new IllegalArgumentException("'" + text + "' uses " + id + ", which this checkpoint does not define");
            }
            return v;
        }
        while (pos < text.length() && (Character.isDigit(text.charAt(pos)) || text.charAt(pos) == '.'
                || ((text.charAt(pos) == 'e' || text.charAt(pos) == 'E') && pos > start)
                || ((text.charAt(pos) == '+' || text.charAt(pos) == '-') && pos > start
                    && (text.charAt(pos - 1) == 'e' || text.charAt(pos - 1) == 'E')))) {
            pos++;
        }
        if (pos == start) {
            throw error(pos < text.length() ? "unexpected '" + text.charAt(pos) + "'" : "unexpected end");
        }
        try {
            return Double.parseDouble(text.substring(start, pos));
        } catch (NumberFormatException e) {
            pos = start;
            throw error("bad number");
        }
    }
}
