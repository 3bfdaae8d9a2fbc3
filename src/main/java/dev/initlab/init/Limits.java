package dev.initlab.init;

import dev.initlab.fill.Kernels;
import java.util.Locale;

/**
 * Whether a scheme's parameters can be represented in the element type: every check throws an
 * {@link IllegalArgumentException} with a one-line reason ("high 1e-46 rounds to 0 in float32,
 * not above low 0", parameters named as {@link ParameterException} marks them) before any element is made.
 */
final class Limits {
    /** The float64 normal sampler's smallest z: AS241 at its smallest probability, 2^-1000. */
    static final double MIN_Z64 = Kernels.normalQuantile(0x1p-1000);

    private Limits() {
    }

    /**
     * Compact number for messages: the fewest of 6 to 9 significant digits that give {@code v} back
     * (a parameter as the user typed it), else 6; no trailing zeros.
     */
    static String show(double v) {
        if (v == 0) {
            return "0";
        }
        if (!Double.isFinite(v)) {
            return Double.toString(v);
        }
        for (int digits = 6; digits <= 9; digits++) {
            String s = String.format(Locale.ROOT, "%." + digits + "g", v);
            if (Double.parseDouble(s) == v) {
                return tidy(s);
            }
        }
        return tidy(String.format(Locale.ROOT, "%.6g", v));
    }

    private static String tidy(String s) {
        String exp = "";
        int e = s.indexOf('e');
        if (e >= 0) {
            exp = s.substring(e);
            s = s.substring(0, e);
            exp = exp.replace("e+0", "e").replace("e-0", "e-").replace("e+", "e");
        }
        if (s.contains(".")) {
            s = s.replaceAll("0+$", "").replaceAll("\\.$", "");
        }
        return s + exp;
    }

    /** "high 1e-46", or "high 1e-46 rounds to 0 in float32" when rounding changed it. */
    static String as(String what, double v, Precision p) {
        double r = p.round(v);
        return r == v ? what + " " + show(v) : what + " " + show(v) + " rounds to " + show(r) + " in " + p;
    }

    /** The value rounded to p; refuses overflow. */
    static double finite(String what, double v, Precision p) {
        double r = p.round(v);
        if (!Double.isFinite(r)) {
            throw new ParameterException(what + " " + show(v) + " overflows " + p + " (largest " + show(p.max()) + ")");
        }
        return r;
    }

    /** The value rounded to p; refuses overflow and a nonzero value that rounds to 0. */
    static double nonzero(String what, double v, Precision p) {
        double r = finite(what, v, p);
        if (r == 0 && v != 0) {
            throw new ParameterException(what + " " + show(v) + " rounds to 0 in " + p);
        }
        return r;
    }

    /**
     * The value rounded to p; refuses overflow, 0, and a subnormal magnitude (a scale below the
     * type's normal range leaves too few distinct values for the law's shape).
     */
    static double normalRange(String what, double v, Precision p) {
        double r = nonzero(what, v, p);
        double min = p == Precision.FLOAT32 ? Float.MIN_NORMAL : Double.MIN_NORMAL;
        if (r != 0 && Math.abs(r) < min) {
            throw new ParameterException(what + " " + show(v) + " is below the " + p + " normal range (smallest "
                    + show(min) + "): too few distinct values");
        }
        return r;
    }

    /** U(low, high): both bounds finite, low < high after rounding, the width finite. */
    static void uniform(String lowWhat, double low, String highWhat, double high, Precision p) {
        double a = finite(lowWhat, low, p);
        double b = finite(highWhat, high, p);
        if (!(a < b)) {
            throw new ParameterException(as(highWhat, high, p) + ", not above " + as(lowWhat, low, p));
        }
        double w = p == Precision.FLOAT32 ? (double) ((float) b - (float) a) : b - a;
        if (!Double.isFinite(w)) {
            throw new ParameterException("the width " + highWhat + " - " + lowWhat + " = " + show(high - low)
                    + " overflows " + p + " (largest " + show(p.max()) + ")");
        }
        double min = p == Precision.FLOAT32 ? Float.MIN_NORMAL : Double.MIN_NORMAL;
        if (w < min) {
            throw new ParameterException("the width " + highWhat + " - " + lowWhat + " = " + show(high - low)
                    + " is below the " + p + " normal range (smallest " + show(min) + "): too few distinct values");
        }
    }

    /** U(-limit, limit): the limit finite and nonzero after rounding. */
    static void symmetricUniform(String what, double limit, Precision p) {
        normalRange(what, limit, p);
    }

    /** N(mean, std^2) as the sampler makes it: mean + std * z, |z| up to p.maxAbsZ(), finite and not all equal. */
    static void normal(String meanWhat, double mean, String stdWhat, double std, Precision p) {
        double m = finite(meanWhat, mean, p);
        double s = normalRange(stdWhat, std, p);
        double z = p.maxAbsZ();
        double hi;
        double lo;
        if (p == Precision.FLOAT32) {
            hi = (float) m + (float) s * (float) z;
            lo = (float) m + (float) s * (float) -z;
        } else {
            hi = m + s * z;
            lo = m + s * -z;
        }
        if (!Double.isFinite(hi) || !Double.isFinite(lo)) {
            throw new ParameterException(meanWhat + " " + show(mean) + " +- " + show(z) + " x " + stdWhat + " "
                    + show(std) + " overflows " + p + " (largest " + show(p.max()) + "; the " + p
                    + " sampler reaches " + show(z) + " std)");
        }
        if (s * z < p.ulp(m) / 2) {
            throw new ParameterException(stdWhat + " " + show(std) + " is below the " + p + " spacing "
                    + show(p.ulp(m)) + " at " + meanWhat + " " + show(mean) + ": every value would equal the mean");
        }
    }

    /**
     * N(mean, std^2) truncated to [a, b] as the sampler makes it: mean and std representable, a
     * value of the type inside [a, b], and the interval within the sampler's reach of the mean
     * (float32: 5.42 std either side; float64: 8.21 std above, 37.5 below), else every value
     * would be the nearer bound.
     */
    static void truncatedNormal(String meanWhat, double mean, String stdWhat, double std, String lowWhat, double a,
                                String highWhat, double b, Precision p) {
        finite(meanWhat, mean, p);
        normalRange(stdWhat, std, p);
        if (!(p.ceil(a) <= p.floor(b))) {
            throw new ParameterException("no " + p + " value lies in [" + lowWhat + " " + show(a) + ", "
                    + highWhat + " " + show(b) + "]");
        }
        double alpha = (a - mean) / std;
        double beta = (b - mean) / std;
        double zHigh = p.maxAbsZ();
        double zLow = p == Precision.FLOAT32 ? -zHigh : MIN_Z64;
        if (alpha >= zHigh || beta <= zLow) {
            throw new ParameterException("the interval [" + show(a) + ", " + show(b) + "] lies " + show(alpha)
                    + " to " + show(beta) + " std from " + meanWhat + " " + show(mean) + "; the " + p
                    + " sampler reaches " + show(zLow) + " to " + show(zHigh) + " std: every value would be "
                    + show(alpha >= zHigh ? a : b));
        }
    }
}
