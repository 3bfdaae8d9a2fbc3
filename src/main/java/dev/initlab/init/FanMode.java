package dev.initlab.init;

import java.util.Locale;

/** Which fan scales the variance. */
public enum FanMode {
    FAN_IN, FAN_OUT, FAN_AVG;

    public static FanMode parse(String s) {
        return switch (s.toLowerCase(Locale.ROOT).replace('-', '_')) {
            case "fan_in", "in" -> FAN_IN;
            case "fan_out", "out" -> FAN_OUT;
            case "fan_avg", "avg" -> FAN_AVG;
            default -> throw new IllegalArgumentException("unknown mode '" + s + "' (fan_in, fan_out or fan_avg)");
        };
    }

    /** The user-facing label, e.g. {@code fan_in}. */
    public String label() {
        return name().toLowerCase(Locale.ROOT);
    }
}
