package dev.initlab.init;

import static org.junit.jupiter.api.Assertions.assertDoesNotThrow;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.initlab.fill.ConstantTransform;
import dev.initlab.fill.Engines;
import dev.initlab.fill.FillEngine;
import dev.initlab.fill.NormalTransform;
import dev.initlab.fill.ScalarEngine;
import dev.initlab.fill.UniformTransform;
import dev.initlab.random.PhiloxStream;
import dev.initlab.tensor.Shape;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** Parameters whose elements would not be finite or not representable in the dtype are refused with the reason. */
class RepresentableTest {
    static final PhiloxStream S = PhiloxStream.of(1, 2);
    static final FillEngine E = ScalarEngine.instance();

    static Initializer scheme(String name, String... kv) {
        Params p = Params.empty();
        for (int i = 0; i < kv.length; i += 2) {
            p = p.with(kv[i], kv[i + 1]);
        }
        return Catalog.of(name, p, Layout.TORCH);
    }

    static String refused32(Initializer init, Shape shape) {
        Fans f = init.needsFans() ? Fans.of(shape, Layout.TORCH) : null;
        String m = assertThrows(IllegalArgumentException.class, () -> init.fill32(shape, f, S, E)).getMessage();
        assertFalse(m.contains("\n"), m);
        return m;
    }

    static String refused64(Initializer init, Shape shape) {
        Fans f = init.needsFans() ? Fans.of(shape, Layout.TORCH) : null;
        return assertThrows(IllegalArgumentException.class, () -> init.fill64(shape, f, S, E)).getMessage();
    }

    @Test
    void uniformHighThatRoundsToLowInFloat32() {
        // the issue: U(0, 1e-46) wrote -1.4e-45 (nextDown(0)), outside [low, high)
        Initializer u = scheme("uniform", "low", "0", "high", "1e-46");
        assertEquals("high 1e-46 rounds to 0 in float32, not above low 0", refused32(u, Shape.of(10)));
        double[] d = u.fill64(Shape.of(10), null, S, E); // representable in float64
        for (double x : d) {
            assertTrue(x >= 0 && x < 1e-46, "" + x);
        }
        assertEquals("high 1.00000001 rounds to 1 in float32, not above low 1",
                refused32(scheme("uniform", "low", "1", "high", "1.00000001"), Shape.of(4)));
        assertEquals("the width high - low = 1e-40 is below the float32 normal range (smallest 1.17549e-38): "
                + "too few distinct values", refused32(scheme("uniform", "low", "0", "high", "1e-40"), Shape.of(4)));
        assertEquals("high 1e39 overflows float32 (largest 3.40282e38)",
                refused32(scheme("uniform", "low", "0", "high", "1e39"), Shape.of(4)));
        assertEquals("the width high - low = 6e38 overflows float32 (largest 3.40282e38)",
                refused32(scheme("uniform", "low", "-3e38", "high", "3e38"), Shape.of(4)));
    }

    @Test
    void orthogonalGainThatOverflowsFloat32() {
        // the issue: gain 1e308 wrote 10,000 infinities
        Initializer o = scheme("orthogonal", "gain", "1e308");
        assertEquals("gain 1e308 overflows float32 (largest 3.40282e38)", refused32(o, Shape.of(100, 100)));
        double[] d = o.fill64(Shape.of(20, 20), null, S, E);
        for (double x : d) {
            assertTrue(Double.isFinite(x) && Math.abs(x) <= 1e308 * (1 + 1e-15), "" + x);
        }
        assertTrue(refused32(scheme("orthogonal", "gain", "1e-40"), Shape.of(100, 100)).contains("too small for float32"));
    }

    @Test
    void constantsIdentityAndSparse() {
        assertEquals("value 1e300 overflows float32 (largest 3.40282e38)",
                refused32(scheme("constant", "value", "1e300"), Shape.of(3)));
        assertEquals(1e300, scheme("constant", "value", "1e300").fill64(Shape.of(3), null, S, E)[2]);
        assertEquals("value 1e-50 rounds to 0 in float32", refused32(scheme("constant", "value", "1e-50"), Shape.of(3)));
        assertEquals("gain 1e39 overflows float32 (largest 3.40282e38)",
                refused32(scheme("identity", "gain", "1e39"), Shape.of(3, 3)));
        assertTrue(refused32(scheme("sparse", "sparsity", "0.5", "std", "1e38"), Shape.of(4, 4))
                .contains("std 1e38 overflows float32"));
        assertTrue(refused64(scheme("sparse", "sparsity", "0.5", "std", "1e308"), Shape.of(4, 4))
                .contains("overflows float64"));
    }

    @Test
    void normalMeanAndStd() {
        assertTrue(refused32(scheme("normal", "mean", "0", "std", "1e38"), Shape.of(8))
                .startsWith("mean 0 +- 5.41998 x std 1e38 overflows float32"));
        assertTrue(refused32(scheme("normal", "mean", "3.4e38", "std", "1e37"), Shape.of(8)).contains("overflows float32"));
        assertEquals("std 1 is below the float32 spacing 1024 at mean 1e10: every value would equal the mean",
                refused32(scheme("normal", "mean", "1e10", "std", "1"), Shape.of(8)));
        assertEquals("std 1e-50 rounds to 0 in float32", refused32(scheme("normal", "std", "1e-50"), Shape.of(8)));
        assertTrue(refused64(scheme("normal", "std", "1e308"), Shape.of(8)).contains("overflows float64"));
        assertDoesNotThrow(() -> scheme("normal", "std", "1e300").fill64(Shape.of(8), null, S, E));
        assertDoesNotThrow(() -> scheme("normal", "mean", "1e10", "std", "1").fill64(Shape.of(8), null, S, E));
    }

    @Test
    void truncatedNormalBoundsAndReach() {
        assertEquals("no float32 value lies in [low 1.00000001, high 1.00000002]",
                refused32(scheme("truncated_normal", "mean", "1", "low", "1.00000001", "high", "1.00000002"), Shape.of(4)));
        // [6, 7] std above the mean: float32's sampler reaches 5.42 std, so every value would be 6
        Initializer far = scheme("truncated_normal", "low", "6", "high", "7");
        assertTrue(refused32(far, Shape.of(4)).contains("every value would be 6"));
        double[] d = far.fill64(Shape.of(64), null, S, E);
        assertTrue(java.util.Arrays.stream(d).distinct().count() > 60, "float64 reaches 8.21 std");
        // beyond float64's reach (8.21 std) the law itself has no mass in double: refused either way
        assertThrows(IllegalArgumentException.class, () -> scheme("truncated_normal", "low", "8.5", "high", "9"));
    }

    @Test
    void varianceScalingGainsAndSlopes() {
        assertEquals("gain 1e200 squared overflows (the variance scale is gain^2)",
                assertThrows(IllegalArgumentException.class, () -> scheme("xavier_uniform", "gain", "1e200")).getMessage());
        assertEquals("gain 1e-200 squared underflows to 0 (the variance scale is gain^2)",
                assertThrows(IllegalArgumentException.class, () -> scheme("xavier_normal", "gain", "1e-200")).getMessage());
        assertEquals("a 1e200 is too large: the leaky_relu gain sqrt(2/(1+a^2)) underflows to 0",
                assertThrows(IllegalArgumentException.class, () -> scheme("kaiming_normal", "a", "1e200")).getMessage());
        assertTrue(refused32(scheme("xavier_uniform", "gain", "1e40"), Shape.of(10, 10))
                .startsWith("xavier_uniform's limit sqrt(3 * 1e80/10) = 5.47723e39 overflows float32"));
        assertTrue(refused32(scheme("kaiming_uniform", "a", "1e60"), Shape.of(10, 10)).contains("rounds to 0 in float32"));
        assertTrue(refused32(scheme("kaiming_uniform", "a", "1e40"), Shape.of(10, 10))
                .contains("is below the float32 normal range"));
        assertDoesNotThrow(() -> scheme("kaiming_uniform", "a", "1e40").fill64(Shape.of(10, 10), Fans.of(Shape.of(10, 10),
                Layout.TORCH), S, E));
        Initializer he = scheme("he_normal");
        Shape s = Shape.of(4, 4);
        String m = assertThrows(IllegalArgumentException.class,
                () -> he.fill32(s, new Fans(1e-300, 1), S, E)).getMessage();
        assertTrue(m.startsWith("he_normal's std") && m.contains("overflows float32"), m);
    }

    @Test
    void float32ProblemsDoNotBlockFloat64FillsAtTheTransformLevel() {
        // the Java API below the schemes: engines refuse a float32 fill that cannot be represented
        for (String engine : new String[] {"scalar", "vector", "parallel", "auto"}) {
            FillEngine e = Engines.of(engine, 2);
            assertThrows(IllegalArgumentException.class, () -> e.fill(UniformTransform.of(0, 1e-46), S, new float[64]));
            assertThrows(IllegalArgumentException.class, () -> e.fill(ConstantTransform.of(1e300), S, new float[64]));
            assertThrows(IllegalArgumentException.class, () -> e.fill(NormalTransform.of(0, 1e38), S, new float[64]));
            assertThrows(IllegalArgumentException.class, () -> e.fill(NormalTransform.of(0, 1e308), S, new double[64]));
            double[] d = new double[64];
            e.fill(ConstantTransform.of(1e300), S, d);
            assertEquals(1e300, d[63]);
            e.fill(UniformTransform.of(0, 1e-46), S, d);
            assertTrue(d[5] >= 0 && d[5] < 1e-46);
        }
    }

    @Test
    void theBackstopScanRefusesNonFiniteAndOutOfSupportValues() {
        Initializer u = scheme("uniform", "low", "0", "high", "1");
        Shape s = Shape.of(4);
        assertDoesNotThrow(() -> FillCheck.values(u, s, null, new float[] {0, 0.5f, Math.nextDown(1f), 0.25f}));
        assertEquals("uniform: element 2 is Infinity in float32; these parameters are not representable (nothing written)",
                assertThrows(IllegalArgumentException.class,
                        () -> FillCheck.values(u, s, null, new float[] {0, 0, Float.POSITIVE_INFINITY, 0})).getMessage());
        assertTrue(assertThrows(IllegalArgumentException.class,
                () -> FillCheck.values(u, s, null, new float[] {0, -1.4e-45f, 0, 0})).getMessage()
                .startsWith("uniform: element 1 = -1.4013e-45 lies outside [0, 1]"));
        assertTrue(assertThrows(IllegalArgumentException.class,
                () -> FillCheck.values(u, s, null, new double[] {0, 0, 0, Double.NaN})).getMessage()
                .startsWith("uniform: element 3 is NaN in float64"));
        Initializer n = scheme("normal");
        assertThrows(IllegalArgumentException.class,
                () -> FillCheck.values(n, s, null, new float[] {0, Float.NEGATIVE_INFINITY, 0, 0}));
        Initializer o = scheme("orthogonal", "gain", "2");
        double[] q = o.fill64(Shape.of(3, 3), null, S, E);
        assertDoesNotThrow(() -> FillCheck.values(o, Shape.of(3, 3), null, q));
        q[4] = 2.001;
        assertThrows(IllegalArgumentException.class, () -> FillCheck.values(o, Shape.of(3, 3), null, q));
    }

    @Test
    void everyCatalogSchemeStillFillsWithItsDefaults() {
        Map<String, Shape> shapes = Map.of("dirac", Shape.of(4, 2, 3, 3));
        for (String name : Catalog.names()) {
            Initializer init = name.equals("constant") ? scheme(name, "value", "0.5")
                    : name.equals("sparse") ? scheme(name, "sparsity", "0.5") : Catalog.of(name);
            Shape s = shapes.getOrDefault(name, Shape.of(6, 5));
            Fans f = init.needsFans() ? Fans.of(s, Layout.TORCH) : null;
            for (Precision p : Precision.values()) {
                assertDoesNotThrow(() -> init.checkRepresentable(s, f, p), name + " " + p);
            }
            FillCheck.values(init, s, f, init.fill32(s, f, S, E));
            FillCheck.values(init, s, f, init.fill64(s, f, S, E));
        }
    }
}
