package dev.initlab.report;

import dev.initlab.bench.Estimate;
import java.util.Locale;

/** Number formatting for the report: never prints NaN; callers supply the reason instead. */
final class Num {
    private Num() {
    }

    /** Four significant digits, plain notation between 1e-3 and 1e7; "n/a" for non-finite values. */
    static String g(double v) {
        if (Double.isNaN(v)) {
            return "n/a";
        }
        if (Double.isInfinite(v)) {
            return v > 0 ? "inf" : "-inf";
        }
        if (v == 0) {
            return "0";
        }
        double a = Math.abs(v);
        if (a >= 1e-3 && a < 1e7) {
            int digits = Math.max(0, 3 - (int) Math.floor(Math.log10(a)));
            String s = String.format(Locale.ROOT, "%." + digits + "f", v);
            if (s.contains(".")) {
                s = s.replaceAll("0+$", "").replaceAll("\\.$", "");
            }
            return s;
        }
        return String.format(Locale.ROOT, "%.3e", v).replaceAll("\\.?0+e", "e");
    }

    /** {@code value [lo, hi]} or {@code value (no CI: reason)}. */
    static String withInterval(Estimate e, String noCiReason) {
        if (e == null) {
            return "n/a";
        }
        if (!e.hasInterval()) {
            return g(e.value()) + " (no CI: " + noCiReason + ")";
        }
        return g(e.value()) + " [" + g(e.lo()) + ", " + g(e.hi()) + "]";
    }

    /** A signed percentage with one decimal: {@code +3.4%}. */
    static String pct(double fraction) {
        if (!Double.isFinite(fraction)) {
            return "n/a";
        }
        return String.format(Locale.ROOT, "%+.1f%%", 100 * fraction);
    }
}
