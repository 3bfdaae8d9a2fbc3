package dev.initlab.stats;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

/**
 * The calibration machinery on synthetic checks whose p-value law is known (no battery runs on
 * real samplers): a calibrated check is not flagged, a liberal one is, shared seeds are detected,
 * and the exact intervals and BH q-values match hand-computed values.
 */
class CalibrationTest {
    /** A scenario whose one statistical check has p = U^power from a generator seeded by the run's key. */
    static Mutants.Scenario fake(double power, boolean ignoreKey) {
        return new Mutants.Scenario() {
            @Override
            public HolmFamily run(Battery battery, long seed) {
                SplittableRandom r = new SplittableRandom(ignoreKey ? seed - Calibration.firstSeed("a", 7) : seed);
                double p = Math.pow(r.nextDouble(), power);
                return HolmFamily.of(List.of(Check.test("t", "fake", 0, p, "", ""),
                        Check.exact("t", "always", true, 0, "", "")), battery.alpha(), List.of());
            }

            @Override
            public Power.Bound powerBound(Battery battery) {
                return new Power.Bound(0, "");
            }

            @Override
            public int size() {
                return 1;
            }
        };
    }

    @Test
    void seedsDependOnNameAndMaster() {
        assertEquals(Calibration.firstSeed("uniform", 1), Calibration.firstSeed("uniform", 1));
        assertNotEquals(Calibration.firstSeed("uniform", 1), Calibration.firstSeed("he_uniform", 1));
        assertNotEquals(Calibration.firstSeed("uniform", 1), Calibration.firstSeed("uniform", 2));
    }

    @Test
    void calibratedCheckPassesAndLiberalCheckIsFlagged() {
        List<Calibration.Named> sc = List.of(new Calibration.Named("good", fake(1, false), false),
                new Calibration.Named("bad", fake(1.6, false), false));
        Calibration.CalibrationResult r = Calibration.run(sc, 4000, 11, Battery.of(0.01), 2, 1000, Double.POSITIVE_INFINITY, null,
                null);
        assertEquals(4000, r.seedsPerScheme());
        assertEquals(8000, r.effectiveRuns());
        assertTrue(r.complete());
        // p = U^1.6 rejects at 0.05 with probability 0.05^(1/1.6) = 0.154: three times the level
        assertEquals(List.of("bad/fake at 0.05", "bad/fake at 0.01", "bad/fake at 0.001", "bad/family at 0.01"),
                r.liberal());
        Calibration.CellRow good = r.cells().stream().filter(c -> c.scenario().equals("good") && c.level() == 0.05)
                .findFirst().orElseThrow();
        assertEquals("ok", good.verdict());
        assertTrue(good.ci_low() < 0.05 && 0.05 < good.ci_high(), good.toString());
        assertEquals(0, r.sharedPvalueSets());
    }

    @Test
    void sharedSeedsAreDetected() {
        // both scenarios feed the generator k, whatever their keys: pseudo-replication
        List<Calibration.Named> sc = List.of(new Calibration.Named("a", fake(1, true), false),
                new Calibration.Named("b", fakeShifted(), false));
        Calibration.CalibrationResult r = Calibration.run(sc, 200, 7, Battery.of(0.01), 1, 200, Double.POSITIVE_INFINITY, null,
                null);
        assertEquals(1, r.sharedPvalueSets());
    }

    private static Mutants.Scenario fakeShifted() {
        Mutants.Scenario inner = fake(1, false);
        long first = Calibration.firstSeed("b", 7);
        return new Mutants.Scenario() {
            @Override
            public HolmFamily run(Battery battery, long seed) {
                return inner.run(battery, seed - first);
            }

            @Override
            public Power.Bound powerBound(Battery battery) {
                return inner.powerBound(battery);
            }

            @Override
            public int size() {
                return 1;
            }
        };
    }

    @Test
    void deterministicSchemesRunTwiceAndCountOnce() {
        List<Calibration.Named> sc = List.of(Calibration.scheme("zeros", dev.initlab.init.Params.empty(),
                dev.initlab.tensor.Shape.of(8, 8)));
        assertTrue(sc.get(0).deterministic());
        Calibration.CalibrationResult r = Calibration.run(sc, 50, 1, Battery.of(0.001), 1, 50, Double.POSITIVE_INFINITY, null,
                null);
        assertEquals(2, r.runs());
        assertEquals(1, r.effectiveRuns());
    }

    @Test
    void budgetStopsAfterARound() {
        List<Calibration.Named> sc = List.of(new Calibration.Named("good", fake(1, false), false));
        Calibration.CalibrationResult r = Calibration.run(sc, 1000, 1, Battery.of(0.01), 1, 100, 0, null, null);
        assertEquals(100, r.seedsPerScheme());
        assertTrue(!r.complete());
    }

    @Test
    void exactIntervalsAndAdjustments() {
        double[] ci = Calibration.clopperPearson(0, 10);
        assertEquals(0, ci[0]);
        assertEquals(1 - Math.pow(0.025, 0.1), ci[1], 1e-12);
        double[] ci2 = Calibration.clopperPearson(10, 10);
        assertEquals(Math.pow(0.025, 0.1), ci2[0], 1e-12);
        assertEquals(1, ci2[1]);
        // P(X >= 2) for Binomial(3, 0.5) = 4/8
        assertEquals(0.5, Calibration.upperTail(3, 2, 0.5), 1e-15);
        assertEquals(1, Calibration.upperTail(3, 0, 0.5));
        double[] q = Calibration.benjaminiHochberg(new double[] {0.01, Double.NaN, 0.04, 0.03, 0.5});
        assertEquals(0.04, q[0], 1e-15);       // 0.01 * 4 / 1
        assertTrue(Double.isNaN(q[1]));
        assertEquals(0.04 * 4 / 3, q[2], 1e-15); // min(0.04*4/3, 0.5)
        assertEquals(0.04 * 4 / 3, q[3], 1e-15);  // min(0.03*4/2, q of the next larger)
        assertEquals(0.5, q[4], 1e-15);
    }

    @Test
    void overlappingKeyRangesAreRefused() {
        // one name twice: the same key range
        List<Calibration.Named> sc = List.of(new Calibration.Named("x", fake(1, false), false),
                new Calibration.Named("x", fake(1, false), false));
        assertThrows(IllegalStateException.class, () -> Calibration.run(sc, 10, 1, Battery.of(0.01), 1, 10,
                Double.POSITIVE_INFINITY, null, null));
    }
}
