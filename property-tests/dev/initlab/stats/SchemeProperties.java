package dev.initlab.stats;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.quicktheories.QuickTheory.qt;

import dev.initlab.dist.Uniform;
import dev.initlab.init.Catalog;
import dev.initlab.init.Fans;
import dev.initlab.init.Initializer;
import dev.initlab.init.Layout;
import dev.initlab.init.Orthogonal;
import dev.initlab.init.Params;
import dev.initlab.tensor.Dtype;
import dev.initlab.tensor.Shape;
import dev.initlab.fill.ScalarEngine;
import dev.initlab.random.PhiloxStream;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.quicktheories.core.Gen;
import org.quicktheories.generators.Generate;

/**
 * Properties of every catalog scheme, quantified over generated cases ({@link Cases}): scheme and
 * parameters, dense and conv shapes (asymmetric), layout convention, dtype and seed. QuickTheories
 * runs with the fixed master seed ({@link StatSeeds}, system property {@code initlab.seed}, printed);
 * {@code -Dinitlab.seed=random} explores with a fresh one.
 *
 * <p>Statistical properties run the battery at family-wise alpha {@link Cases#ALPHA}; the number of
 * such runs is fixed by the example counts below and printed with the union bound on the
 * probability that any of them fails on correct output.
 */
class SchemeProperties {
    static final int BATTERY_EXAMPLES = 300;
    static final int STREAM_EXAMPLES = 80;
    static final int HAAR_EXAMPLES = 24;
    static final int HAAR_MATRICES = 100;
    private static final AtomicInteger RUNS = new AtomicInteger();

    private static org.quicktheories.QuickTheory theory(int examples) {
        return qt().withFixedSeed(StatSeeds.master()).withExamples(examples).withShrinkCycles(10);
    }

    @AfterAll
    static void budget() {
        Cases.printBudget("SchemeProperties", RUNS.get());
    }

    private static HolmFamily battery(Cases.Case c, Sample s) {
        RUNS.incrementAndGet();
        return Battery.of(Cases.ALPHA).run(c.claim(), s);
    }

    /** Every scheme, default parameters, one deterministic case each: the in-process twin of "fill then verify". */
    @Test
    void everyCatalogSchemeVerifiesClean() {
        long seed = StatSeeds.master();
        for (String name : Catalog.names()) {
            Params p = switch (name) {
                case "constant" -> Params.empty().with("value", -1.25);
                case "sparse" -> Params.empty().with("sparsity", 0.3);
                default -> Params.empty();
            };
            Shape shape = name.equals("dirac") ? Shape.of(16, 8, 3, 3) : Shape.of(150, 224);
            Cases.Case c = new Cases.Case(new Cases.Spec(name, p, Cases.Kind.ANY), shape, Layout.TORCH, Dtype.FLOAT32,
                    seed);
            HolmFamily r = battery(c, c.fill(0));
            assertTrue(r.passed(), c + "\n" + r);
        }
    }

    /** Each scheme's output passes the battery against its own claimed law. */
    @Test
    void eachSchemePassesTheBattery() {
        theory(BATTERY_EXAMPLES).forAll(Cases.cases(Cases.specs())).checkAssert(c -> {
            HolmFamily r = battery(c, c.fill(7));
            assertTrue(r.passed(), c + "\n" + r + "\nnotes: " + r.notes());
        });
    }

    private record Pair(String uniform, String normal, Params params) {
    }

    /** Uniform and normal variants of one preset have the same variance, with the classic limits. */
    @Test
    void uniformVarianceEqualsNormalVariance() {
        List<Pair> pairs = new ArrayList<>();
        pairs.add(new Pair("glorot_uniform", "glorot_normal", Params.empty()));
        pairs.add(new Pair("he_uniform", "he_normal", Params.empty()));
        pairs.add(new Pair("lecun_uniform", "lecun_normal", Params.empty()));
        for (double g : new double[] {0.5, 1, 5.0 / 3}) {
            pairs.add(new Pair("xavier_uniform", "xavier_normal", Params.empty().with("gain", g)));
        }
        for (String nl : List.of("relu", "tanh", "linear")) {
            pairs.add(new Pair("kaiming_uniform", "kaiming_normal", Params.empty().with("nonlinearity", nl)));
        }
        Gen<Shape> shapes = Generate.pick(List.of(Shape.of(96, 160), Shape.of(200, 72), Shape.of(32, 16, 3, 3),
                Shape.of(3, 3, 24, 40), Shape.of(7, 1000)));
        theory(200).forAll(Generate.pick(pairs), shapes, Generate.enumValues(Layout.class)).checkAssert((pr, s, l) -> {
            Fans f = Fans.of(s, l);
            Initializer u = Catalog.of(pr.uniform(), pr.params(), l);
            Initializer n = Catalog.of(pr.normal(), pr.params(), l);
            double vu = u.distribution(s, f).variance();
            double vn = n.distribution(s, f).variance();
            assertEquals(vu, vn, 1e-12 * vu, pr + " " + s + " " + l);
            double limit = ((Uniform) u.distribution(s, f)).b();
            double nin = f.fanIn();
            double nout = f.fanOut();
            double expected = switch (pr.uniform()) {
                case "glorot_uniform" -> Math.sqrt(6 / (nin + nout));
                case "he_uniform" -> Math.sqrt(6 / nin);
                case "lecun_uniform" -> Math.sqrt(3 / nin);
                case "xavier_uniform" -> Double.parseDouble(pr.params().asMap().get("gain")) * Math.sqrt(6 / (nin + nout));
                default -> switch (pr.params().asMap().get("nonlinearity")) {
                    case "relu" -> Math.sqrt(2) * Math.sqrt(3 / nin);
                    case "tanh" -> 5.0 / 3 * Math.sqrt(3 / nin);
                    default -> Math.sqrt(3 / nin);
                };
            };
            assertEquals(expected, limit, 1e-12 * expected, pr + " " + s + " " + l);
        });
    }

    private static final List<Cases.Spec> IID_CONTINUOUS = Cases.specs().stream()
            .filter(s -> !List.of("zeros", "ones", "constant", "identity", "dirac", "orthogonal", "sparse")
                    .contains(s.scheme()))
            .toList();

    /** Different stream ids (adjacent or far apart), or different seeds, give unrelated tensors. */
    @Test
    void streamsOfDifferentTensorsAreIndependent() {
        theory(STREAM_EXAMPLES).forAll(Cases.cases(IID_CONTINUOUS), Generate.longRange(0, Long.MAX_VALUE - 1),
                Generate.booleans()).checkAssert((c, s, adjacent) -> {
                    Sample a = c.fill(s);
                    Sample b = adjacent ? c.fill(s + 1) : new Cases.Case(c.spec(), c.shape(), c.layout(), c.dtype(),
                            c.seed() + 1).fill(s);
                    RUNS.incrementAndGet();
                    HolmFamily r = Battery.of(Cases.ALPHA).independence(a, b);
                    assertTrue(r.passed(), c + " streams " + s + (adjacent ? ", " + (s + 1) : " (seed+1)") + "\n" + r);
                });
    }

    /** Filling twice with the same seed and stream gives the same bits; another seed changes them. */
    @Test
    void sameSeedGivesTheSameBits() {
        theory(150).forAll(Cases.cases(Cases.specs()), Generate.longRange(0, 1000)).checkAssert((c, stream) -> {
            double[] a = c.fill(stream).values();
            double[] b = c.fill(stream).values();
            long[] ba = new long[a.length];
            long[] bb = new long[b.length];
            for (int i = 0; i < a.length; i++) {
                ba[i] = Double.doubleToRawLongBits(a[i]);
                bb[i] = Double.doubleToRawLongBits(b[i]);
            }
            assertArrayEquals(ba, bb, c.toString());
            if (c.init().structure() != Initializer.Structure.DETERMINISTIC
                    && !List.of("zeros", "ones", "constant").contains(c.spec().scheme())) {
                double[] other = new Cases.Case(c.spec(), c.shape(), c.layout(), c.dtype(), c.seed() ^ 1).fill(stream)
                        .values();
                assertFalse(java.util.Arrays.equals(a, other), "seed change left the tensor unchanged: " + c);
            }
        });
    }

    /** Orthogonal matrices are Haar distributed over many draws; the sign-fix-free variant is not. */
    @Test
    void orthogonalIsHaarOverManyMatrices() {
        Gen<Integer> sizes = Generate.range(4, 24);
        Gen<Double> gains = Generate.pick(List.of(1.0, Math.sqrt(2), 0.5));
        theory(HAAR_EXAMPLES).forAll(sizes, gains, Generate.enumValues(Layout.class),
                Generate.longRange(0, Long.MAX_VALUE)).checkAssert((n, g, layout, seed) -> {
                    Orthogonal o = Orthogonal.of(g, layout);
                    Shape s = Shape.of(n, n);
                    List<Sample> m = new ArrayList<>();
                    for (int k = 0; k < HAAR_MATRICES; k++) {
                        m.add(Sample.of(o.fill64(s, null, PhiloxStream.of(seed, k), ScalarEngine.instance()), s));
                    }
                    RUNS.incrementAndGet();
                    HolmFamily r = HolmFamily.of(OrthogonalChecks.haarSet(o, m, n + "x" + n), Cases.ALPHA, List.of());
                    assertTrue(r.passed(), "orthogonal " + n + "x" + n + " gain " + g + " " + layout + " seed " + seed
                            + "\n" + r);
                    Orthogonal bad = Orthogonal.withoutSignFix(g, layout);
                    List<Sample> w = new ArrayList<>();
                    for (int k = 0; k < HAAR_MATRICES; k++) {
                        w.add(Sample.of(bad.fill64(s, null, PhiloxStream.of(seed, k), ScalarEngine.instance()), s));
                    }
                    HolmFamily rw = HolmFamily.of(OrthogonalChecks.haarSet(bad, w, n + "x" + n), Cases.ALPHA, List.of());
                    assertTrue(rw.failed("q00_sign"), "withoutSignFix passed the Haar checks:\n" + rw);
                });
    }
}
