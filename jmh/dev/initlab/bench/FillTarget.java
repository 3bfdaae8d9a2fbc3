package dev.initlab.bench;

import dev.initlab.fill.ElementTransform;
import dev.initlab.fill.Engines;
import dev.initlab.fill.FillEngine;
import dev.initlab.random.PhiloxStream;

/** What one fill benchmark fills: transform, engine, stream and destination (non-final fields, per JMH hygiene). */
final class FillTarget {
    ElementTransform transform;
    FillEngine engine;
    PhiloxStream stream;
    float[] f;
    double[] d;

    static FillTarget of(String engine, int threads, String scheme, int size, String dtype) {
        FillTarget t = new FillTarget();
        t.transform = Schemes.transform(scheme, size);
        t.engine = Engines.of(engine, threads);
        t.stream = PhiloxStream.of(20261123L, 7);
        switch (dtype) {
            case "float32" -> t.f = new float[size];
            case "float64" -> t.d = new double[size];
            default -> throw new IllegalArgumentException("dtype must be float32 or float64, got " + dtype);
        }
        return t;
    }

    /** One fill; returns the array so the result is consumed. */
    Object fill() {
        if (f != null) {
            engine.fill(transform, stream, f);
            return f;
        }
        engine.fill(transform, stream, d);
        return d;
    }
}
