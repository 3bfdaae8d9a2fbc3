package dev.initlab.init;

import dev.initlab.tensor.Shape;
import dev.initlab.dist.Distribution;
import dev.initlab.random.PhiloxStream;
import java.util.Objects;
import java.util.Optional;

/**
 * A catalog scheme bound to its parameters, the layout its fans are read in, explicit fans if any, and
 * the engine that fills: everything a fill needs except the tensor, its shape and its Philox
 * (seed, stream). Made by {@link Initializers}; immutable and thread-safe; the {@code with...} methods
 * return a changed copy.
 *
 * <p>Element {@code i} of a fill is a pure function of (scheme, parameters, fans, seed, stream, i): the
 * same bits as {@code ./initlab fill} with the same options, on every engine.
 */
public final class TensorInitializer {
    private final Initializer scheme;
    private final Parameters parameters;
    private final Layout layout;
    private final Fans fans;
    private final Engine engine;

    private TensorInitializer(Initializer scheme, Parameters parameters, Layout layout, Fans fans, Engine engine) {
        this.scheme = scheme;
        this.parameters = parameters;
        this.layout = layout;
        this.fans = fans;
        this.engine = engine;
    }

    static TensorInitializer of(String name, Parameters parameters, Layout layout) {
        Objects.requireNonNull(name, "scheme");
        Objects.requireNonNull(parameters, "parameters");
        Objects.requireNonNull(layout, "layout");
        Initializer init = Catalog.of(name, parameters.toParams(), layout);
        return new TensorInitializer(init, parameters, layout, null, Engine.scalar());
    }

    /** The canonical catalog name, e.g. {@code glorot_uniform} for {@code GlorotUniform}. */
    public String name() {
        return scheme.name();
    }

    /** The catalog initializer underneath (its law per shape, its formula). */
    public Initializer scheme() {
        return scheme;
    }

    public Parameters parameters() {
        return parameters;
    }

    /** The layout fans are read in, and orthogonal/dirac flatten by. */
    public Layout layout() {
        return layout;
    }

    public Engine engine() {
        return engine;
    }

    /** Whether the scheme reads fan_in/fan_out. */
    public boolean needsFans() {
        return scheme.needsFans();
    }

    /** The same scheme and parameters with fans read in {@code layout}. */
    public TensorInitializer withLayout(Layout layout) {
        Objects.requireNonNull(layout, "layout");
        return new TensorInitializer(Catalog.of(scheme.name(), parameters.toParams(), layout), parameters, layout,
                fans, engine);
    }

    /**
     * Explicit fans for every shape, instead of reading them off the shape; refused for a scheme that takes
     * none (so a fan that would be ignored is never given by mistake).
     */
    public TensorInitializer withFans(Fans fans) {
        Objects.requireNonNull(fans, "fans");
        if (!scheme.needsFans()) {
            throw new IllegalArgumentException("scheme " + scheme.name() + " takes no fans");
        }
        return new TensorInitializer(scheme, parameters, layout, fans, engine);
    }

    /** The same initializer filling through {@code engine} (every engine writes the same bits). */
    public TensorInitializer withEngine(Engine engine) {
        return new TensorInitializer(scheme, parameters, layout, fans, Objects.requireNonNull(engine, "engine"));
    }

    /**
     * The fans a fill of {@code shape} uses: the explicit ones, else those the layout reads off the shape;
     * empty when the scheme takes none. Throws {@link IllegalArgumentException} when the layout defines no
     * fans for the shape (PyTorch's for a 1-D tensor): give them with {@link #withFans}.
     */
    public Optional<Fans> fans(Shape shape) {
        Objects.requireNonNull(shape, "shape");
        if (!scheme.needsFans()) {
            return Optional.empty();
        }
        return Optional.of(fans != null ? fans : Fans.of(shape, layout));
    }

    /** The exact law of one element of a tensor of {@code shape}. */
    public Distribution distribution(Shape shape) {
        return scheme.distribution(shape, fans(shape).orElse(null));
    }

    /**
     * Fills {@code out} (length {@code shape.count()}, C order) from Philox ({@code seed}, {@code stream}) and
     * returns it. Throws {@link IllegalArgumentException} for a wrong length, parameters whose elements would
     * not be finite or representable in float32, or missing fans, before writing anything.
     */
    public float[] fill(float[] out, Shape shape, long seed, long stream) {
        Objects.requireNonNull(out, "out");
        Fans f = checked(out.length, shape);
        scheme.fill(shape, f, PhiloxStream.of(seed, stream), engine.fillEngine(), out);
        FillCheck.values(scheme, shape, f, out);
        return out;
    }

    /**
     * The float64 twin of {@link #fill(float[], Shape, long, long)} (a deliberate twin: Java has no generics over
     * primitive arrays). Both are pinned bit for bit to the engine path on every engine by
     * {@code InitializersTest.fillsAreBitIdenticalToTheFiveArgumentPathOnEveryEngine}; that the pair gives the
     * same values in float32 resolution is {@code InitializerTwinsTest}'s check (and, for the transforms under
     * them, {@code FloatDoubleTwinsProperties}').
     */
    public double[] fill(double[] out, Shape shape, long seed, long stream) {
        Objects.requireNonNull(out, "out");
        Fans f = checked(out.length, shape);
        scheme.fill(shape, f, PhiloxStream.of(seed, stream), engine.fillEngine(), out);
        FillCheck.values(scheme, shape, f, out);
        return out;
    }

    private Fans checked(int length, Shape shape) {
        Objects.requireNonNull(shape, "shape");
        if (length != shape.count()) {
            throw new IllegalArgumentException("out has " + length + " elements but shape " + shape + " has "
                    + shape.count());
        }
        return fans(shape).orElse(null);
    }

    @Override
    public String toString() {
        return scheme.name() + " " + parameters + " (" + layout.label() + " layout"
                + (fans != null ? ", fan_in " + fans.fanIn() + ", fan_out " + fans.fanOut() : "") + ", " + engine
                + " engine)";
    }
}
