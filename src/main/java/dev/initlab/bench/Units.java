package dev.initlab.bench;

import java.util.Locale;
import java.util.OptionalDouble;
import java.util.OptionalLong;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** Parsing of JMH score units and of size parameters such as {@code 4Ki} or {@code 16Mi}. */
public final class Units {
    private static final Pattern SIZE = Pattern.compile("(\\d+)\\s*(ki|mi|gi|k|m|g)?", Pattern.CASE_INSENSITIVE);

    private Units() {
    }

    /**
     * Seconds in one JMH time unit ({@code ns, us, µs, ms, s, min, hr, day}).
     *
     * @return the length in seconds, or empty for an unknown unit
     */
    public static OptionalDouble seconds(String timeUnit) {
        return switch (timeUnit.trim().toLowerCase(Locale.ROOT)) {
            case "ns" -> OptionalDouble.of(1e-9);
            case "us", "µs", "μs" -> OptionalDouble.of(1e-6);
            case "ms" -> OptionalDouble.of(1e-3);
            case "s" -> OptionalDouble.of(1);
            case "min" -> OptionalDouble.of(60);
            case "hr", "h" -> OptionalDouble.of(3600);
            case "day", "d" -> OptionalDouble.of(86400);
            default -> OptionalDouble.empty();
        };
    }

    /**
     * Factor that turns a JMH score in {@code unit} into operations per second: for
     * {@code ops/T} the factor is {@code 1/seconds(T)}; for {@code T/op} the score is a time and
     * the rate is {@code 1/(score * seconds(T))}, signalled by a negative return
     * {@code -seconds(T)}.
     *
     * @return {@code +ops-per-second-per-unit} for rates, {@code -seconds-per-unit} for times,
     *     empty for units that are neither (such as {@code B/op})
     */
    static OptionalDouble rateOrTime(String unit) {
        String u = unit.trim();
        int slash = u.indexOf('/');
        if (slash < 0) {
            return OptionalDouble.empty();
        }
        String left = u.substring(0, slash).trim();
        String right = u.substring(slash + 1).trim();
        if (left.equals("ops") || left.equals("op")) {
            OptionalDouble s = seconds(right);
            return s.isPresent() ? OptionalDouble.of(1 / s.getAsDouble()) : OptionalDouble.empty();
        }
        if (right.equals("op") || right.equals("ops")) {
            OptionalDouble s = seconds(left);
            return s.isPresent() ? OptionalDouble.of(-s.getAsDouble()) : OptionalDouble.empty();
        }
        return OptionalDouble.empty();
    }

    /**
     * Parses an element count: a whole number with an optional binary ({@code Ki, Mi, Gi}) or
     * decimal ({@code k, M, G}) multiplier, e.g. {@code 4096}, {@code 4Ki}, {@code 16Mi}, {@code 1M}.
     *
     * @return the count, or empty when the text is not a size
     */
    public static OptionalLong parseCount(String text) {
        if (text == null) {
            return OptionalLong.empty();
        }
        Matcher m = SIZE.matcher(text.trim());
        if (!m.matches()) {
            return OptionalLong.empty();
        }
        long base;
        try {
            base = Long.parseLong(m.group(1));
        } catch (NumberFormatException e) {
            return OptionalLong.empty();
        }
        long mult = 1;
        if (m.group(2) != null) {
            mult = switch (m.group(2).toLowerCase(Locale.ROOT)) {
                case "ki" -> 1L << 10;
                case "mi" -> 1L << 20;
                case "gi" -> 1L << 30;
                case "k" -> 1_000L;
                case "m" -> 1_000_000L;
                default -> 1_000_000_000L;
            };
        }
        try {
            return OptionalLong.of(Math.multiplyExact(base, mult));
        } catch (ArithmeticException e) {
            return OptionalLong.empty();
        }
    }

    /** Formats an element count back in binary units when exact ({@code 16777216 -> 16Mi}). */
    public static String formatCount(long n) {
        if (n >= 1L << 30 && n % (1L << 30) == 0) {
            return (n >> 30) + "Gi";
        }
        if (n >= 1L << 20 && n % (1L << 20) == 0) {
            return (n >> 20) + "Mi";
        }
        if (n >= 1L << 10 && n % (1L << 10) == 0) {
            return (n >> 10) + "Ki";
        }
        return Long.toString(n);
    }
}
