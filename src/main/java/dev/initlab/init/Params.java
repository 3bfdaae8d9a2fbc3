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
        if (v == null) {
            return def;
        }
        double d;
        try {
            d = Double.parseDouble(v.trim());
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("--" + key.replace('_', '-') + " must be a number, got '" + v + "'");
        }
        if (!Double.isFinite(d)) {
            throw new IllegalArgumentException("--" + key.replace('_', '-') + " must be finite, got " + v);
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
                throw new IllegalArgumentException("scheme " + scheme + " does not take --" + k.replace('_', '-'));
            }
        }
    }

    public Map<String, String> asMap() {
        return Map.copyOf(values);
    }
}
