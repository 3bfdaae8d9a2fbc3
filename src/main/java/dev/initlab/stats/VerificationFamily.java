package dev.initlab.stats;

import dev.initlab.init.Initializer;
import dev.initlab.tensor.Shape;
import dev.initlab.init.TensorInitializer;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/**
 * Several tensors claimed to come from one {@link TensorInitializer}, judged as ONE Holm family: every
 * statistical check of every tensor, plus the distinct-stream checks of consecutive IID tensors, share
 * the false-alarm rate alpha. {@link Verification} is the one-tensor case; {@code ./initlab verify FILE
 * --scheme NAME} is this over the tensors of a file. Not thread-safe: add tensors from one thread.
 */
public final class VerificationFamily {
    private final TensorInitializer initializer;
    private final Battery battery;
    private final List<Check> checks = new ArrayList<>();
    private final List<String> notes = new ArrayList<>();
    private final List<String> claims = new ArrayList<>();
    private final List<Detectable.CheckedTensor> seen = new ArrayList<>();
    private Sample previous;
    private String previousName;

    private VerificationFamily(TensorInitializer initializer, Battery battery) {
        this.initializer = initializer;
        this.battery = battery;
    }

    /**
     * An empty family at family-wise level {@code alpha} in (0, 1); KS and Anderson-Darling run on at most
     * {@code subsampleCap} values (at least 1000; larger tensors use a deterministic stratified subsample).
     */
    public static VerificationFamily of(TensorInitializer initializer, double alpha, int subsampleCap) {
        Objects.requireNonNull(initializer, "initializer");
        return new VerificationFamily(initializer, Battery.of(alpha).withSubsampleCap(subsampleCap));
    }

    /**
     * The claim for a tensor of {@code shape}: the scheme's law with the fans it would fill that shape
     * with. Throws {@link IllegalArgumentException} when the scheme cannot apply to the shape (a 1-D bias
     * under PyTorch fans, orthogonal on a vector...).
     */
    public Claim claim(Shape shape) {
        return Claim.of(initializer.scheme(), shape, initializer.fans(shape).orElse(null), initializer.layout());
    }

    /**
     * Adds a tensor's checks to the family, and the distinct-stream checks against the previous tensor when
     * both are IID with a continuous law. Throws {@link IllegalArgumentException} when the sample does not
     * fit the claim.
     */
    public void add(String name, Claim claim, Sample sample) {
        checks.addAll(battery.checks(claim, sample, name, notes));
        seen.add(new Detectable.CheckedTensor(name, sample.values().length, claim));
        claims.add(name + " " + sample.shape() + " " + sample.dtype() + ": " + claim.describe());
        boolean iid = claim.structure() == Initializer.Structure.IID && claim.law().continuous();
        if (previous != null && iid) {
            checks.addAll(StreamChecks.checks(previous, previousName, sample, name));
        }
        previous = iid ? sample : null;
        previousName = iid ? name : null;
    }

    /** Adds a note to the result (in order, before the power notes). */
    public void note(String note) {
        notes.add(note);
    }

    /** Whether no tensor has been added. */
    public boolean isEmpty() {
        return seen.isEmpty();
    }

    /**
     * Holm's procedure over every check so far, with one note per IID tensor on what a pass could not have
     * seen at its size.
     */
    public VerificationResult result() {
        List<String> all = new ArrayList<>(notes);
        all.addAll(Detectable.notes(seen, checks, battery.alpha()));
        return VerificationResult.of(HolmFamily.of(checks, battery.alpha(), all), claims);
    }
}
