package dev.initlab.dist;

import java.util.Map;

/**
 * The exact theoretical law of one element of an initialized tensor, as data: what the
 * verification battery, the property tests, {@code initlab verify} and the report all read.
 *
 * <p>Moments are of the real-valued law (float rounding is the battery's concern). Support
 * bounds are inclusive unless {@link #upperOpen()} says otherwise; infinite bounds mean unbounded.
 */
public interface Distribution {
    /** Family name: {@code point}, {@code uniform}, {@code normal}, {@code truncated_normal}, {@code mixture}, {@code haar_entry}. */
    String family();

    double mean();

    double variance();

    default double std() {
        return Math.sqrt(variance());
    }

    /** Third central moment E[(X-mean)^3]. */
    double centralMoment3();

    /** Fourth central moment E[(X-mean)^4]. */
    double centralMoment4();

    /** Kurtosis (not excess): m4 / var^2; NaN for a point mass. */
    default double kurtosis() {
        double v = variance();
        return v == 0 ? Double.NaN : centralMoment4() / (v * v);
    }

    /** Smallest value in the support. */
    double lower();

    /** Largest value in (or the supremum of) the support. */
    double upper();

    /** True when the upper bound itself is never produced (uniform [a, b)). */
    default boolean upperOpen() {
        return false;
    }

    /** P(X <= x). */
    double cdf(double x);

    /** True for a law with an atom (point masses, sparse mixtures): KS/AD do not apply as such. */
    default boolean hasAtoms() {
        return false;
    }

    /** True for a continuous law whose CDF the goodness-of-fit tests can use. */
    default boolean continuous() {
        return !hasAtoms();
    }

    /** P(|X - mean| > k * std), used by the tail-count checks. */
    default double tailProbability(double k) {
        double s = std();
        return cdf(mean() - k * s) + (1 - cdf(mean() + k * s));
    }

    /** Named parameters for reports, in a stable order. */
    Map<String, Double> parameters();

    /** One-line human description, e.g. {@code U(-0.0744, 0.0744)}. */
    String describe();
}
