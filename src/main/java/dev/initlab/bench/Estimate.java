package dev.initlab.bench;

/**
 * A positive quantity with an optional confidence interval {@code [lo, hi]}: a JMH score with
 * its error (JMH's 99.9% Student-t interval over all measurement iterations of all forks), or a
 * ratio derived from two such scores. {@code lo} and {@code hi} are both NaN when there is no
 * interval (a single measurement iteration); {@code hi} may be {@code +Infinity} when a ratio's
 * denominator interval reaches zero.
 *
 * <p>Ratios use the conservative quotient of interval ends: for positive quantities
 * a in [a1, a2] and b in [b1, b2] (lower ends clipped at 0), a/b lies in [a1/b2, a2/b1]. When the
 * two intervals are independent 99.9% intervals the quotient interval covers the true ratio with
 * probability at least 0.999^2 (about 99.8%); it is wider than a delta-method interval but needs
 * no normality or small-error assumption.
 *
 * @param value the point estimate (finite)
 * @param lo lower end of the interval, or NaN
 * @param hi upper end of the interval, or NaN
 */
public record Estimate(double value, double lo, double hi) {

    /** Validates: a finite value; both ends NaN, or {@code lo <= value <= hi}. */
    public Estimate {
        if (!Double.isFinite(value)) {
            throw new IllegalArgumentException("estimate must be finite, got " + value);
        }
        if (Double.isNaN(lo) != Double.isNaN(hi)) {
            throw new IllegalArgumentException("interval ends must both be given or both be NaN");
        }
        if (!Double.isNaN(lo) && !(lo <= value && value <= hi)) {
            throw new IllegalArgumentException("interval [" + lo + ", " + hi + "] does not contain " + value);
        }
    }

    /** A point estimate with no interval. */
    public static Estimate point(double value) {
        return new Estimate(value, Double.NaN, Double.NaN);
    }

    /** {@code value +- error}; no interval when {@code error} is NaN or infinite. */
    public static Estimate of(double value, double error) {
        if (!Double.isFinite(error)) {
            return point(value);
        }
        if (error < 0) {
            throw new IllegalArgumentException("error must be >= 0, got " + error);
        }
        return new Estimate(value, value - error, value + error);
    }

    /** Whether there is an interval. */
    public boolean hasInterval() {
        return !Double.isNaN(lo);
    }

    /** Multiplies by a positive constant (an exact map of the interval). */
    public Estimate times(double k) {
        if (!(k > 0) || !Double.isFinite(k)) {
            throw new IllegalArgumentException("scale must be positive and finite, got " + k);
        }
        return new Estimate(value * k, lo * k, hi * k);
    }

    /**
     * The reciprocal {@code 1/x} of a positive quantity, interval {@code [1/hi, 1/max(lo,0)]}
     * (an exact map because 1/x is monotone on the positive axis).
     */
    public Estimate reciprocal() {
        requirePositive(this);
        if (!hasInterval()) {
            return point(1 / value);
        }
        return new Estimate(1 / value, 1 / hi, 1 / Math.max(lo, 0.0));
    }

    /**
     * The ratio {@code num/den} of two positive quantities with the conservative quotient interval
     * (see the class comment). No interval if either side has none.
     */
    public static Estimate ratio(Estimate num, Estimate den) {
        requirePositive(num);
        requirePositive(den);
        double v = num.value / den.value;
        if (!num.hasInterval() || !den.hasInterval()) {
            return point(v);
        }
        double lo = Math.max(num.lo, 0.0) / den.hi;
        double dlo = Math.max(den.lo, 0.0);
        double hi = dlo == 0 ? Double.POSITIVE_INFINITY : num.hi / dlo;
        return new Estimate(v, lo, hi);
    }

    /** Half-width relative to the value, e.g. 0.03 for +-3%; NaN without interval. */
    public double relativeHalfWidth() {
        return hasInterval() ? (hi - lo) / 2 / value : Double.NaN;
    }

    private static void requirePositive(Estimate e) {
        if (!(e.value > 0)) {
            throw new IllegalArgumentException("ratio needs positive quantities, got " + e.value);
        }
    }
}
