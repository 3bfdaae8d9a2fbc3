package dev.initlab.init;

import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/**
 * Scheme parameters as text keyed by their Java names ({@code gain=2}): the adapter through which the
 * command line and init spec rules ({@code --gain 2}) and the typed {@link Parameters} reach the
 * {@link Catalog}. Typed getters validate and record which keys a scheme read, so a parameter that the
 * scheme does not take is an error rather than silently ignored. Errors are {@link ParameterException}s
 * that name the parameter in Java terms; each front end renders them in its own spelling.
 */
public final class Params {
    private final Map<String, String> values;
    private final Set<String> read = new LinkedHashSet<>();

    private Params(Map<String, String> values) {
        this.values = values;
    }

    public static Params of(Map<String, String> values) {
        Map<String, String> m = new LinkedHashMap<>();
        values.forEach((k, v) -> m.put(k.toLowerCase(Locale.ROOT).replace('-', '_'), v));
        return new Params(m);
    }

    public static Params empty() {
        return new Params(new LinkedHashMap<>());
    }

    /** Returns a copy with one more value. */
    public Params with(String key, Object value) {
        Map<String, String> m = new LinkedHashMap<>(values);
        m.put(key, String.valueOf(value));
        return new Params(m);
    }

    public boolean has(String key) {
        read.add(key);
        return values.containsKey(key);
    }

    /** A finite number, or {@code def} when absent. */
    public double number(String key, double def) {
        read.add(key);
        String v = values.get(key);
        return v == null ? def : finite(ParameterException.name(key), v);
    }

    /**
     * Parses a finite decimal number given for {@code option} (a label, or a parameter marked by
     * {@link ParameterException#name}); NaN and infinities in any spelling get one message, so every
     * numeric option of the CLI and the Java API words the error the same way.
     */
    public static double finite(String option, String text) {
        double d;
        try {
            d = Double.parseDouble(text.trim());
        } catch (NumberFormatException e) {
            String t = text.trim().toLowerCase(Locale.ROOT).replace("+", "").replace("-", "");
            if (t.equals("nan") || t.equals("inf") || t.equals("infinity")) {
                d = Double.NaN;
            } else {
                throw new ParameterException(option + " must be a number, got '" + text + "'");
            }
        }
        if (!Double.isFinite(d)) {
            throw new ParameterException(option + " must be a finite number, got '" + text + "'");
        }
        return d;
    }

    /** A required finite number. */
    public double number(String key) {
        if (!has(key)) {
            throw new ParameterException("missing " + ParameterException.name(key));
        }
        return number(key, Double.NaN);
    }

    /** A positive finite number. */
    public double positive(String key, double def) {
        double d = number(key, def);
        if (!(d > 0)) {
            throw new ParameterException(ParameterException.name(key) + " must be positive, got " + d);
        }
        return d;
    }

    public int integer(String key, int def) {
        read.add(key);
        String v = values.get(key);
        if (v == null) {
            return def;
        }
        try {
            return Integer.parseInt(v.trim());
        } catch (NumberFormatException e) {
            throw new ParameterException(ParameterException.name(key) + " must be a whole number, got '" + v + "'");
        }
    }

    public String text(String key, String def) {
        read.add(key);
        return values.getOrDefault(key, def);
    }

    /** Throws if a given parameter was never read by the scheme. */
    public void checkAllRead(String scheme) {
        for (String k : values.keySet()) {
            if (!read.contains(k)) {
                throw new UnknownParameterException(k, "scheme " + scheme + " does not take " + ParameterException.name(k)
                        + Spelling.nearest(k, read).map(c -> " (did you mean " + ParameterException.name(c) + "?)")
                        .orElse(""));
            }
        }
    }

    public Map<String, String> asMap() {
        return Map.copyOf(values);
    }

    /** A parameter the scheme does not take; {@link #key()} lets a caller suggest a near option of its own. */
    public static final class UnknownParameterException extends ParameterException {
        private final String key;

        UnknownParameterException(String key, String message) {
            super(message);
            this.key = key;
        }

        /** The parameter's Java name (e.g. {@code gain}). */
        public String key() {
            return key;
        }
    }
}
