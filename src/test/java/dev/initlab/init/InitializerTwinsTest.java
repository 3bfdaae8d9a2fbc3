package dev.initlab.init;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.initlab.dist.Distribution;
import dev.initlab.tensor.Shape;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * The one equivalence property over the float32/float64 twins of every initializer: {@code fill(float[])} and
 * {@code fill(double[])} of each scheme (and so {@link TensorInitializer#fill(float[], Shape, long, long)} and
 * its float64 twin, and each {@code Initializer} implementation's pair: variance scaling, sparse, structured,
 * orthogonal, ...) give, element by element, the same value in float32 resolution: equal after rounding the
 * float64 element to float32, or, for a continuous part of the law, the same quantile within
 * {@link #TOLERANCE} (a float32 element made from word {@code w} and a float64 element whose high word is
 * {@code w} lie in the same 2^-24-wide probability cell; see {@code FloatDoubleTwinsProperties}). Zeros (a
 * sparse mask, a structured pattern) sit at the same positions in both.
 *
 * <p>Deterministic: scalar engine, seed 2026, stream 3, default parameters (constant: value 1/3, not exact in
 * float32). The negative control shows the
 * property has power: the same element law under another scale (kaiming vs xavier) fails it at almost every
 * element.
 */
class InitializerTwinsTest {
    /**
     * 2^-17 in probability: FloatDoubleTwinsProperties' 2^-18 (the 2^-24 cell plus float-kernel error) divided by
     * the smallest mass a default truncated law keeps (0.954 for +-2 sd), rounded up.
     */
    static final double TOLERANCE = 0x1p-17;
    /** Float32 rounding of the element: the law's mass within this many float32 ulps is added to the tolerance. */
    static final double ROUNDING_ULPS = 4;
    static final Shape MATRIX = Shape.of(48, 64);
    static final Shape CONV = Shape.of(16, 8, 3, 3);

    /** The elements where the twins disagree, as text (empty when they agree everywhere). */
    static List<String> disagreements(float[] x32, double[] x64, Distribution law) {
        List<String> bad = new ArrayList<>();
        for (int i = 0; i < x32.length; i++) {
            double a = x32[i];
            double b = x64[i];
            if (a == (float) b) {
                continue;
            }
            boolean zeros = a == 0 || b == 0;
            double ulps = ROUNDING_ULPS * Math.ulp(x32[i]);
            double rounding = law.cdf(a + ulps) - law.cdf(a - ulps);
            if (zeros || !(Math.abs(law.cdf(a) - law.cdf(b)) <= TOLERANCE + rounding)) {
                bad.add("element " + i + ": float32 " + a + ", float64 " + b);
            }
        }
        return bad;
    }

    /** The scheme at its defaults; a parameter without one (constant's value, sparse's sparsity) is given. */
    private static TensorInitializer initializer(String name) {
        Parameters p = Parameters.none();
        for (int tries = 0; ; tries++) {
            try {
                return Initializers.of(name, p).withEngine(Engine.scalar());
            } catch (ParameterException e) {
                if (tries > 2 || !e.getMessage().startsWith("missing ")) {
                    throw e;
                }
                p = e.getMessage().contains("value") ? p.value(1.0 / 3) // not exact in float32
                        : e.getMessage().contains("sparsity") ? p.sparsity(0.1) : p;
            }
        }
    }

    private static Shape shapeFor(TensorInitializer init) {
        try {
            init.distribution(MATRIX);
            init.fill(new float[MATRIX.count()], MATRIX, 1L, 0L);
            return MATRIX;
        } catch (IllegalArgumentException e) {
            return CONV; // dirac and other conv-only schemes
        }
    }

    @Test
    void float32AndFloat64FillsOfEverySchemeAgreeElementByElement() {
        int schemes = 0;
        for (String name : Initializers.names()) {
            TensorInitializer init = initializer(name);
            Shape shape = shapeFor(init);
            int n = shape.count();
            double[] x64 = init.fill(new double[n], shape, 2026L, 3L);
            Distribution law = init.distribution(shape);
            List<String> bad = switch (init.scheme().structure()) {
                case IID -> {
                    // float64 element j is made from words 2j (low) and 2j+1 (high); float32 element 2j+1 from
                    // word 2j+1: a float32 fill twice as long, with this shape's fans (the same law), pairs them
                    TensorInitializer same = init.fans(shape).map(init::withFans).orElse(init);
                    long[] twice = shape.dims();
                    twice[0] *= 2;
                    float[] long32 = same.fill(new float[2 * n], Shape.of(twice), 2026L, 3L);
                    float[] x32 = new float[n];
                    for (int j = 0; j < n; j++) {
                        x32[j] = long32[2 * j + 1];
                    }
                    yield disagreements(x32, x64, law);
                }
                case DETERMINISTIC, SPARSE, ORTHOGONAL -> {
                    // no draw (identity, dirac, constants), a mask drawn from auxiliary words whatever the type,
                    // or a QR of the same draws: position by position
                    float[] x32 = init.fill(new float[n], shape, 2026L, 3L);
                    yield init.scheme().structure() == Initializer.Structure.SPARSE ? zerosApart(x32, x64)
                            : disagreements(x32, x64, law);
                }
            };
            assertTrue(bad.isEmpty(), name + " " + shape + " (" + init.scheme().structure() + "): " + bad.size()
                    + " elements disagree, e.g. " + bad.subList(0, Math.min(3, bad.size())));
            schemes++;
        }
        assertEquals(Initializers.names().size(), schemes);
    }

    /** Positions where one twin has a zero and the other not (the sparse mask). */
    static List<String> zerosApart(float[] x32, double[] x64) {
        List<String> bad = new ArrayList<>();
        for (int i = 0; i < x32.length; i++) {
            if ((x32[i] == 0) != (x64[i] == 0)) {
                bad.add("element " + i + ": float32 " + x32[i] + ", float64 " + x64[i]);
            }
        }
        return bad;
    }

    @Test
    void negativeControlAnotherScaleFails() {
        TensorInitializer he = Initializers.of("kaiming_normal", Parameters.none()).withEngine(Engine.scalar());
        TensorInitializer glorot = Initializers.of("xavier_normal", Parameters.none()).withEngine(Engine.scalar());
        float[] x32 = he.fill(new float[MATRIX.count()], MATRIX, 2026L, 3L);
        double[] x64 = glorot.fill(new double[MATRIX.count()], MATRIX, 2026L, 3L);
        int bad = disagreements(x32, x64, he.distribution(MATRIX)).size();
        assertTrue(bad > 0.9 * MATRIX.count(), bad + " of " + MATRIX.count() + " elements caught");
    }
}
