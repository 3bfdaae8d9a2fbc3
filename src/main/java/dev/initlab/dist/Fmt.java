package dev.initlab.dist;

import java.util.Locale;

/** Compact number formatting for descriptions. */
final class Fmt {
    private Fmt() {
    }

    static String g(double v) {
        return String.format(Locale.ROOT, "%.6g", v).replaceAll("(\\.\\d*?)0+(e|$)", "$1$2").replace(".e", "e")
                .replaceAll("\\.$", "");
    }
}
