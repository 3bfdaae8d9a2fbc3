package dev.initlab.stats;

import dev.initlab.fill.ScalarEngine;
import dev.initlab.init.Catalog;
import dev.initlab.init.Fans;
import dev.initlab.init.Initializer;
import dev.initlab.init.Layout;
import dev.initlab.init.Params;
import dev.initlab.tensor.Dtype;
import dev.initlab.tensor.Shape;
import dev.initlab.random.PhiloxStream;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.atomic.AtomicInteger;
import org.quicktheories.core.Gen;
import org.quicktheories.generators.Generate;

/**
 * Generated cases for the property tests: a catalog scheme with parameters (gains, modes,
 * nonlinearities, sparsities...), a shape (dense or conv, deliberately asymmetric so that a fan
 * swap changes the variance), a layout convention, a dtype and a seed.
 */
final class Cases {
    /** Family-wise alpha of every battery run on correct output in the property tests. */
    static final double ALPHA = 1e-6;
    /** Battery runs on correct output so far (for the printed false-failure bound). */
    static final AtomicInteger NULL_RUNS = new AtomicInteger();

    private Cases() {
    }

    /** A scheme with parameters, and which shapes it takes. */
    record Spec(String scheme, Params params, Kind kind) {
        @Override
        public String toString() {
            return scheme + (params.asMap().isEmpty() ? "" : " " + params.asMap());
        }
    }

    /** Which shapes a scheme accepts. */
    enum Kind { ANY, MATRIX, CONV, CONV_EVEN }

    /** Dense shapes (rows, cols): fan_in != fan_out under every layout. */
    static final List<Shape> DENSE = List.of(Shape.of(96, 160), Shape.of(200, 72), Shape.of(128, 300));
    /** Conv shapes (4-D): torch reads them as OIHW, Keras/JAX as HWIO. */
    static final List<Shape> CONV = List.of(Shape.of(32, 16, 3, 3), Shape.of(3, 3, 24, 40), Shape.of(20, 12, 5, 5));
    /** Conv shapes whose output channels are even under every layout (dirac with 2 groups). */
    static final List<Shape> CONV_EVEN = List.of(Shape.of(32, 16, 3, 4), Shape.of(4, 4, 24, 40));

    private static Params p(Object... kv) {
        Params p = Params.empty();
        for (int i = 0; i < kv.length; i += 2) {
            p = p.with((String) kv[i], kv[i + 1]);
        }
        return p;
    }

    /** Every catalog scheme, with parameter variants. */
    static List<Spec> specs() {
        List<Spec> s = new ArrayList<>();
        for (String name : List.of("glorot_uniform", "glorot_normal", "he_uniform", "he_normal", "lecun_uniform",
                "lecun_normal", "torch_default", "torch_bias_default", "zeros", "ones")) {
            s.add(new Spec(name, Params.empty(), Kind.ANY));
        }
        s.add(new Spec("constant", p("value", 0.37), Kind.ANY));
        s.add(new Spec("uniform", Params.empty(), Kind.ANY));
        s.add(new Spec("uniform", p("low", -0.2, "high", 0.05), Kind.ANY));
        s.add(new Spec("normal", p("mean", 0.1, "std", 0.02), Kind.ANY));
        s.add(new Spec("truncated_normal", p("std", 0.02, "low", -0.04, "high", 0.04), Kind.ANY));
        s.add(new Spec("truncated_normal", p("mean", 0.5, "std", 2, "low", -1, "high", 3), Kind.ANY));
        for (double g : new double[] {1, Math.sqrt(2), 5.0 / 3}) {
            s.add(new Spec("xavier_uniform", p("gain", g), Kind.ANY));
            s.add(new Spec("xavier_normal", p("gain", g), Kind.ANY));
            s.add(new Spec("orthogonal", p("gain", g), Kind.ANY));
        }
        for (String nl : List.of("relu", "leaky_relu", "tanh", "linear", "selu")) {
            for (String mode : List.of("fan_in", "fan_out")) {
                s.add(new Spec("kaiming_uniform", p("nonlinearity", nl, "mode", mode), Kind.ANY));
                s.add(new Spec("kaiming_normal", p("nonlinearity", nl, "mode", mode), Kind.ANY));
            }
        }
        s.add(new Spec("kaiming_normal", p("a", 0.2), Kind.ANY));
        for (String dist : List.of("uniform", "untruncated_normal", "truncated_normal")) {
            s.add(new Spec("variance_scaling", p("scale", 0.5, "mode", "fan_avg", "distribution", dist), Kind.ANY));
            s.add(new Spec("variance_scaling", p("scale", 2, "mode", "fan_out", "distribution", dist), Kind.ANY));
        }
        s.add(new Spec("identity", Params.empty(), Kind.MATRIX));
        s.add(new Spec("identity", p("gain", 2.5), Kind.MATRIX));
        s.add(new Spec("dirac", Params.empty(), Kind.CONV));
        s.add(new Spec("dirac", p("groups", 2), Kind.CONV_EVEN));
        for (double sp : new double[] {0.1, 0.5, 0.9}) {
            s.add(new Spec("sparse", p("sparsity", sp), Kind.MATRIX));
        }
        return List.copyOf(s);
    }

    /** One generated case. */
    record Case(Spec spec, Shape shape, Layout layout, Dtype dtype, long seed) {
        Initializer init() {
            return Catalog.of(spec.scheme(), spec.params(), layout);
        }

        Fans fans() {
            return init().needsFans() ? Fans.of(shape, layout) : null;
        }

        Claim claim() {
            return Claim.of(init(), shape, fans(), layout);
        }

        /** The tensor filled from stream {@code streamId}. */
        Sample fill(long streamId) {
            Initializer init = init();
            PhiloxStream st = PhiloxStream.of(seed, streamId);
            if (dtype == Dtype.FLOAT64) {
                return Sample.of(init.fill64(shape, fans(), st, ScalarEngine.instance()), shape);
            }
            return Sample.of(init.fill32(shape, fans(), st, ScalarEngine.instance()), shape);
        }

        @Override
        public String toString() {
            return String.format(Locale.ROOT, "%s on %s (%s layout, %s, seed %d)", spec, shape, layout.label(), dtype,
                    seed);
        }
    }

    static Gen<Shape> shapes(Kind k) {
        return switch (k) {
            case MATRIX -> Generate.pick(DENSE);
            case CONV -> Generate.pick(CONV);
            case CONV_EVEN -> Generate.pick(CONV_EVEN);
            case ANY -> Generate.pick(concat(DENSE, CONV));
        };
    }

    private static <T> List<T> concat(List<T> a, List<T> b) {
        List<T> c = new ArrayList<>(a);
        c.addAll(b);
        return c;
    }

    /** Cases over {@code specs}. */
    static Gen<Case> cases(List<Spec> specs) {
        Gen<Spec> spec = Generate.pick(specs);
        return spec.flatMap(s -> shapes(s.kind()).zip(Generate.enumValues(Layout.class),
                Generate.pick(List.of(Dtype.FLOAT32, Dtype.FLOAT64)), Generate.longRange(0, Long.MAX_VALUE),
                (shape, layout, dtype, seed) -> new Case(s, shape, layout, dtype, seed)));
    }

    /** Prints this class's share of the false-failure budget. */
    static void printBudget(String who, int runs) {
        System.out.printf(Locale.ROOT, "[initlab] %s: %d battery runs on correct output at family-wise alpha %.0e: "
                + "false-failure probability <= %.2e (union bound)%n", who, runs, ALPHA, runs * ALPHA);
    }
}
