package dev.initlab.stats;

import dev.initlab.dist.Distribution;
import dev.initlab.init.Catalog;
import dev.initlab.init.Fans;
import dev.initlab.init.Initializer;
import dev.initlab.init.Layout;
import dev.initlab.init.Params;
import dev.initlab.tensor.Shape;
import java.util.Objects;

/**
 * What a sample is claimed to be: a scheme (with its parameters, layout and fans) bound to a shape,
 * or a bare law for IID elements. The battery reads the law and the structure from here, and the
 * diagnosis reads the scheme to say which way a failure points (fans swapped, wrong layout, missing
 * gain...).
 */
public final class Claim {
    private final String scheme;
    private final Initializer initializer;
    private final Distribution law;
    private final Initializer.Structure structure;
    private final Shape shape;
    private final Fans fans;
    private final Layout layout;

    private Claim(String scheme, Initializer initializer, Distribution law, Initializer.Structure structure,
                  Shape shape, Fans fans, Layout layout) {
        this.scheme = scheme;
        this.initializer = initializer;
        this.law = law;
        this.structure = structure;
        this.shape = shape;
        this.fans = fans;
        this.layout = layout;
    }

    /**
     * The claim that a tensor of {@code shape} was filled by {@code init} with {@code fans}.
     *
     * @param init the scheme
     * @param shape the tensor shape
     * @param fans the fans used (ignored by schemes that take none; may be null for those)
     * @param layout the layout convention the fans came from (for hints; may be null)
     * @return the claim
     */
    public static Claim of(Initializer init, Shape shape, Fans fans, Layout layout) {
        Objects.requireNonNull(init, "init");
        Objects.requireNonNull(shape, "shape");
        if (init.needsFans() && fans == null) {
            throw new IllegalArgumentException(init.name() + " needs fans");
        }
        return new Claim(init.name(), init, init.distribution(shape, fans), init.structure(), shape, fans, layout);
    }

    /**
     * A catalog scheme by name with parameters; fans from the layout unless given.
     *
     * @param scheme name or alias
     * @param params scheme parameters (unknown ones are rejected)
     * @param layout layout convention
     * @param shape tensor shape
     * @param fansOrNull explicit fans, or null for {@code Fans.of(shape, layout)}
     * @return the claim
     */
    public static Claim of(String scheme, Params params, Layout layout, Shape shape, Fans fansOrNull) {
        Initializer init = Catalog.of(scheme, params, layout);
        Fans fans = fansOrNull;
        if (fans == null && init.needsFans()) {
            fans = Fans.of(shape, layout);
        }
        return of(init, shape, fans, layout);
    }

    /** IID elements with law {@code law} (no scheme, no fans). */
    public static Claim iid(Distribution law, Shape shape) {
        Objects.requireNonNull(law, "law");
        return new Claim(law.family(), null, law, Initializer.Structure.IID, shape, null, null);
    }

    /** The scheme name (or the law's family for {@link #iid}). */
    public String scheme() {
        return scheme;
    }

    /** The initializer, or null for a bare law. */
    public Initializer initializer() {
        return initializer;
    }

    /** The marginal law of one element. */
    public Distribution law() {
        return law;
    }

    public Initializer.Structure structure() {
        return structure;
    }

    public Shape shape() {
        return shape;
    }

    /** The fans, or null. */
    public Fans fans() {
        return fans;
    }

    /** The layout, or null. */
    public Layout layout() {
        return layout;
    }

    /** One line, e.g. {@code glorot_normal on 300x200 (fan_in 200, fan_out 300): TN(...)}. */
    public String describe() {
        StringBuilder sb = new StringBuilder(scheme).append(" on ").append(shape);
        if (fans != null && initializer != null && initializer.needsFans()) {
            sb.append(" (fan_in ").append(fmt(fans.fanIn())).append(", fan_out ").append(fmt(fans.fanOut()));
            if (layout != null) {
                sb.append(", ").append(layout.label()).append(" layout");
            }
            sb.append(")");
        }
        return sb.append(": ").append(law.describe()).toString();
    }

    static String fmt(double v) {
        return v == Math.rint(v) && Math.abs(v) < 1e15 ? Long.toString((long) v) : Double.toString(v);
    }
}
