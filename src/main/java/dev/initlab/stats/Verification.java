package dev.initlab.stats;

import dev.initlab.tensor.Shape;
import dev.initlab.init.TensorInitializer;
import java.util.Objects;

/**
 * Checks one tensor against the exact law of the scheme it claims to come from: exact checks (finite,
 * support, structure) and statistical ones (mean, variance, KS, Anderson-Darling, tails, range,
 * dependence...), with the family-wise false-alarm rate held at {@code alpha} by Holm's procedure.
 *
 * <pre>{@code
 * VerificationResult r = Verification.of(glorot, Shape.of(256, 784)).withAlpha(0.001).check(weights);
 * System.out.println(r.verdict());
 * }</pre>
 */
public final class Verification {
    /** The default family-wise false-alarm rate, as {@code ./initlab verify}'s. */
    public static final double DEFAULT_ALPHA = 0.001;

    private final TensorInitializer initializer;
    private final Shape shape;
    private final double alpha;
    private final int subsampleCap;

    private Verification(TensorInitializer initializer, Shape shape, double alpha, int subsampleCap) {
        Battery.of(alpha).withSubsampleCap(subsampleCap); // validates both
        this.initializer = initializer;
        this.shape = shape;
        this.alpha = alpha;
        this.subsampleCap = subsampleCap;
    }

    /**
     * Verification of tensors of {@code shape} claimed to come from {@code initializer} (its parameters,
     * layout and explicit fans), at alpha {@link #DEFAULT_ALPHA}. Throws {@link IllegalArgumentException}
     * when the scheme cannot apply to the shape.
     */
    public static Verification of(TensorInitializer initializer, Shape shape) {
        Objects.requireNonNull(initializer, "initializer");
        Objects.requireNonNull(shape, "shape");
        Verification v = new Verification(initializer, shape, DEFAULT_ALPHA, Battery.DEFAULT_SUBSAMPLE_CAP);
        v.family().claim(shape); // fails now if the scheme cannot apply to the shape
        return v;
    }

    /** The same verification at family-wise false-alarm rate {@code alpha}, in (0, 1). */
    public Verification withAlpha(double alpha) {
        return new Verification(initializer, shape, alpha, subsampleCap);
    }

    /** The largest sample for KS and Anderson-Darling (at least 1000; default 2^20). */
    public Verification withSubsampleCap(int cap) {
        return new Verification(initializer, shape, alpha, cap);
    }

    public double alpha() {
        return alpha;
    }

    /** Checks a float32 tensor (C order, {@code shape.count()} elements). */
    public VerificationResult check(float[] data) {
        return check(Sample.of(Objects.requireNonNull(data, "data"), shape));
    }

    /** Checks a float64 tensor (C order, {@code shape.count()} elements). */
    public VerificationResult check(double[] data) {
        return check(Sample.of(Objects.requireNonNull(data, "data"), shape));
    }

    private VerificationResult check(Sample sample) {
        VerificationFamily family = family();
        family.add("tensor", family.claim(shape), sample);
        return family.result();
    }

    private VerificationFamily family() {
        return VerificationFamily.of(initializer, alpha, subsampleCap);
    }
}
