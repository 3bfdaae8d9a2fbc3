package dev.initlab.init;

import static org.junit.jupiter.api.Assertions.assertDoesNotThrow;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;
import static org.quicktheories.QuickTheory.qt;
import static org.quicktheories.generators.SourceDSL.longs;

import dev.initlab.dist.Distribution;
import dev.initlab.fill.Engines;
import dev.initlab.fill.FillEngine;
import dev.initlab.random.PhiloxStream;
import dev.initlab.tensor.Shape;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;
import org.quicktheories.core.Gen;

/**
 * Over every catalog scheme with random extreme parameters (powers of ten from 1e-330 to 1e310,
 * the float32 and float64 limits and their neighbours, zeros, near-equal bounds, extreme explicit
 * fans), both dtypes and all engines: either the scheme refuses with a one-line
 * {@link IllegalArgumentException}, or every element is finite and inside the support of the
 * scheme's law (bounds rounded outward to the dtype; orthogonal entries within 4 ulps of the gain).
 * No fill may produce an infinity, a NaN or a value outside [low, high) silently.
 *
 * <p>Deterministic: QuickTheories runs with the fixed seed {@code initlab.seed} (printed).
 */
class ExtremeParametersProperties {
    static final long SEED = Long.getLong("initlab.seed", 20261123L);
    static final int EXAMPLES = 6000;

    static final double[] SPECIAL = {0.0, -0.0, 1, -1, 0.5, 2, 1e-46, 1e-45, 1e-40, 1e-38, 1e38, 1e39, 1e154, 1e200,
        1e300, 1e308, Float.MAX_VALUE, -Float.MAX_VALUE, Math.nextUp((double) Float.MAX_VALUE), 3.4028236e38,
        Float.MIN_VALUE, Float.MIN_NORMAL, Double.MIN_VALUE, Double.MIN_NORMAL, Double.MAX_VALUE, -Double.MAX_VALUE,
        Math.nextDown(1.0), 6e37, 6.3e37, 6.2e37, 1e10, -1e10};

    /** One generated case: scheme, parameters, optional explicit fans, shape, dtype, engine. */
    record Case(String scheme, Map<String, String> params, double[] fans, Shape shape, Precision precision,
                String engine, long seed) {
        @Override
        public String toString() {
            return scheme + " " + params + (fans == null ? "" : " fans " + fans[0] + "/" + fans[1]) + " " + shape + " "
                    + precision + " " + engine;
        }
    }

    static double extreme(SplittableRandom r) {
        return switch (r.nextInt(4)) {
            case 0 -> SPECIAL[r.nextInt(SPECIAL.length)];
            case 1 -> (r.nextBoolean() ? 1 : -1) * Math.pow(10, -330 + 640 * r.nextDouble());
            case 2 -> (r.nextBoolean() ? 1 : -1) * Math.pow(10, -50 + 100 * r.nextDouble());
            default -> -5 + 10 * r.nextDouble();
        };
    }

    static double positiveExtreme(SplittableRandom r) {
        return r.nextInt(4) == 0 ? extreme(r) : Math.abs(extreme(r));
    }

    /** A value near {@code x}: equal, a few ulps away, or a relative step of 10^-k. */
    static double near(SplittableRandom r, double x) {
        return switch (r.nextInt(4)) {
            case 0 -> Math.nextUp(Math.nextUp(x));
            case 1 -> x + Math.abs(x) * Math.pow(10, -1 - 20 * r.nextDouble()) + Double.MIN_VALUE;
            case 2 -> x + Math.pow(10, -330 + 660 * r.nextDouble());
            default -> extreme(r);
        };
    }

    static Case random(long seed) {
        SplittableRandom r = new SplittableRandom(seed);
        List<String> names = Catalog.names();
        String scheme = names.get(r.nextInt(names.size()));
        Map<String, String> p = new LinkedHashMap<>();
        boolean all = r.nextInt(3) > 0;
        switch (scheme) {
            case "constant" -> p.put("value", String.valueOf(extreme(r)));
            case "uniform", "truncated_normal" -> {
                double low = extreme(r);
                if (all || r.nextBoolean()) {
                    p.put("low", String.valueOf(low));
                }
                if (all || r.nextBoolean()) {
                    p.put("high", String.valueOf(near(r, p.containsKey("low") ? low : 0)));
                }
                if (scheme.equals("truncated_normal")) {
                    if (all || r.nextBoolean()) {
                        p.put("mean", String.valueOf(r.nextBoolean() ? near(r, low) : extreme(r)));
                    }
                    if (all || r.nextBoolean()) {
                        p.put("std", String.valueOf(positiveExtreme(r)));
                    }
                }
            }
            case "normal" -> {
                if (all || r.nextBoolean()) {
                    p.put("mean", String.valueOf(extreme(r)));
                }
                if (all || r.nextBoolean()) {
                    p.put("std", String.valueOf(positiveExtreme(r)));
                }
            }
            case "variance_scaling" -> {
                p.put("scale", String.valueOf(positiveExtreme(r)));
                p.put("mode", List.of("fan_in", "fan_out", "fan_avg").get(r.nextInt(3)));
                p.put("distribution", List.of("uniform", "untruncated_normal", "truncated_normal").get(r.nextInt(3)));
            }
            case "xavier_uniform", "xavier_normal", "orthogonal", "identity" -> {
                if (all) {
                    p.put("gain", String.valueOf(positiveExtreme(r)));
                }
            }
            case "kaiming_uniform", "kaiming_normal" -> {
                if (all) {
                    p.put("a", String.valueOf(extreme(r)));
                }
                p.put("mode", List.of("fan_in", "fan_out").get(r.nextInt(2)));
            }
            case "sparse" -> {
                p.put("sparsity", String.valueOf(r.nextDouble()));
                if (all) {
                    p.put("std", String.valueOf(positiveExtreme(r)));
                }
            }
            default -> {
                // zeros, ones, dirac, the Keras presets and torch defaults: no numeric parameters
            }
        }
        double[] fans = r.nextBoolean() ? new double[] {positiveExtreme(r), positiveExtreme(r)} : null;
        Shape shape = scheme.equals("dirac") ? Shape.of(4, 2, 3, 3) : r.nextBoolean() ? Shape.of(6, 5) : Shape.of(3, 8);
        Precision precision = r.nextBoolean() ? Precision.FLOAT32 : Precision.FLOAT64;
        String engine = List.of("scalar", "vector", "parallel").get(r.nextInt(3));
        return new Case(scheme, p, fans, shape, precision, engine, r.nextLong());
    }

    static Gen<Case> cases() {
        return longs().all().map(ExtremeParametersProperties::random);
    }

    /** The dtype's closed range allowed for a law (as the verify support check: bounds rounded outward). */
    static double[] allowed(Distribution d, Initializer init, Precision p) {
        double lo = d.lower();
        double hi = d.upper();
        if (p == Precision.FLOAT32) {
            float flo = (float) lo;
            lo = flo > lo ? Math.nextDown(flo) : flo;
            float fhi = (float) hi;
            hi = fhi < hi ? Math.nextUp(fhi) : fhi;
        }
        if (init.structure() == Initializer.Structure.ORTHOGONAL) {
            lo -= 4 * p.ulp(lo);
            hi += 4 * p.ulp(hi);
        }
        return new double[] {lo, hi};
    }

    @Test
    void extremeParametersAreRefusedWithAReasonOrGiveFiniteValuesInsideTheSupport() {
        System.out.println("ExtremeParametersProperties seed " + SEED);
        AtomicInteger refused = new AtomicInteger();
        AtomicInteger filled = new AtomicInteger();
        List<String> examples = new ArrayList<>();
        qt().withFixedSeed(SEED).withExamples(EXAMPLES).withShrinkCycles(0).forAll(cases()).checkAssert(c -> {
            Initializer init;
            Fans fans;
            double[] values;
            try {
                init = Catalog.of(c.scheme(), Params.of(c.params()), Layout.TORCH);
                fans = c.fans() != null ? new Fans(c.fans()[0], c.fans()[1])
                        : init.needsFans() ? Fans.of(c.shape(), Layout.TORCH) : null;
                FillEngine e = Engines.of(c.engine(), 2);
                PhiloxStream s = PhiloxStream.of(c.seed(), 0);
                if (c.precision() == Precision.FLOAT32) {
                    float[] f = init.fill32(c.shape(), fans, s, e);
                    values = new double[f.length];
                    for (int i = 0; i < f.length; i++) {
                        values[i] = f[i];
                    }
                } else {
                    values = init.fill64(c.shape(), fans, s, e);
                }
            } catch (IllegalArgumentException ex) {
                String m = ex.getMessage();
                assertTrue(m != null && !m.isBlank(), "refused without a reason: " + c);
                assertFalse(m.contains("\n") || m.contains("\r"), "message spans lines: " + m);
                refused.incrementAndGet();
                if (examples.size() < 12 && refused.get() % 97 == 1) {
                    examples.add(c + " -> " + m);
                }
                return;
            } catch (RuntimeException ex) {
                fail("not an IllegalArgumentException for " + c + ": " + ex);
                return;
            }
            Distribution law = assertDoesNotThrow(() -> init.distribution(c.shape(), fans), c::toString);
            double[] b = allowed(law, init, c.precision());
            for (int i = 0; i < values.length; i++) {
                double x = values[i];
                assertTrue(Double.isFinite(x), c + ": element " + i + " = " + x);
                assertTrue(x >= b[0] && x <= b[1], c + ": element " + i + " = " + x + " outside [" + b[0] + ", "
                        + b[1] + "] of " + law.describe());
            }
            filled.incrementAndGet();
        });
        System.out.println("ExtremeParametersProperties: " + filled + " filled, " + refused + " refused; e.g.");
        examples.forEach(s -> System.out.println("  " + s));
        // the generator must exercise both outcomes, or the property says little
        assertTrue(filled.get() > EXAMPLES / 10, "only " + filled + " cases filled");
        assertTrue(refused.get() > EXAMPLES / 10, "only " + refused + " cases refused");
    }
}
