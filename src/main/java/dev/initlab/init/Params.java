package dev.initlab.init;

import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/**
 * Scheme parameters as given on the command line ({@code --gain 2} becomes {@code gain=2}).
 * Typed getters validate and record which keys a scheme read, so a parameter that the scheme does
 * not take is an error rather than silently ignored.
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
        return v == null ? def : finite("--" + key.replace('_', '-'), v);
    }

    /**
     * Parses a finite decimal number given for {@code option}; NaN and infinities in any spelling get one
     * message, so every numeric option of the CLI and the Java API words the error the same way.
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
                throw new IllegalArgumentException(option + " must be a number, got '" + text + "'");
            }
        }
        if (!Double.isFinite(d)) {
            throw new IllegalArgumentException(option + " must be a finite number, got '" + text + "'");
        }
        return d;
    }

    /** A required finite number. */
    public double number(String key) {
        if (!has(key)) {
            throw new IllegalArgumentException("missing --" + key.replace('_', '-'));
        }
        return number(key, Double.NaN);
    }

    /** A positive finite number. */
    public double positive(String key, double def) {
        double d = number(key, def);
        if (!(d > 0)) {
            throw new IllegalArgumentException("--" + key.replace('_', '-') + " must be positive, got " + d);
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
            throw new IllegalArgumentException("--" + key.replace('_', '-') + " must be a whole number, got '" + v + "'");
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
                throw new UnknownParameterException(k.replace('_', '-'), "scheme " + scheme + " does not take --"
                        + k.replace('_', '-') + Spelling.hint(k, read, "--").replace('_', '-'));
            }
        }
    }

    public Map<String, String> asMap() {
        return Map.copyOf(values);
    }

    /** A parameter the scheme does not take; {@link #key()} lets a caller suggest a near option of its own. */
    public static final class UnknownParameterException extends IllegalArgumentException {
        private final String key;

        UnknownParameterException(String key, String message) {
            super(message);
            this.key = key;
        }

        /** The parameter as spelled on the command line, without the leading dashes. */
        public String key() {
            return key;
        }
    }
}
