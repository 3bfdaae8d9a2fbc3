package dev.initlab.init;

import dev.initlab.dist.Distribution;
import dev.initlab.fill.ElementTransform;
import dev.initlab.fill.FillEngine;
import dev.initlab.random.PhiloxStream;
import dev.initlab.tensor.Shape;

/** An IID scheme: one {@link ElementTransform} per (shape, fans), applied by an engine. */
public abstract class Elementwise implements Initializer {
    /** The transform for this shape and fans. */
    public abstract ElementTransform transform(Shape shape, Fans fans);

    @Override
    public Structure structure() {
        return Structure.IID;
    }

    @Override
    public Distribution distribution(Shape shape, Fans fans) {
        return transform(shape, fans).distribution();
    }

    @Override
    public void fill(Shape shape, Fans fans, PhiloxStream stream, FillEngine engine, float[] dst) {
        Initializer.checkLength(shape, dst.length);
        checkRepresentable(shape, fans, Precision.FLOAT32);
        engine.fill(transform(shape, fans), stream, dst);
    }

    /**
     * The float64 twin of {@link #fill(Shape, Fans, PhiloxStream, FillEngine, float[])} (a deliberate twin: Java
     * has no generics over primitive arrays); {@code InitializerTwinsTest} checks the pair element by element.
     */
    @Override
    public void fill(Shape shape, Fans fans, PhiloxStream stream, FillEngine engine, double[] dst) {
        Initializer.checkLength(shape, dst.length);
        checkRepresentable(shape, fans, Precision.FLOAT64);
        engine.fill(transform(shape, fans), stream, dst);
    }

    @Override
    public String toString() {
        return name() + ": " + formula();
    }
}
