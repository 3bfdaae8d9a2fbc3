package dev.initlab.stats;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Negative controls: every deliberately wrong sampler is rejected, with an analytic lower bound on
 * the power at the configured size of at least {@link #TARGET_POWER} (see {@link Power}); each is
 * also run on {@link #SEEDS} seeds (derived from the master seed) and must be rejected every time,
 * with a verdict that says which way the failure points. Each mutant's correct twin runs once and
 * must pass: {@code 13} null runs at family-wise alpha {@link #ALPHA} add at most 1.3e-5 to the
 * suite's false-failure probability (union bound).
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class MutantsTest {
    static final double ALPHA = 1e-6;
    static final double TARGET_POWER = 0.999;
    static final int SEEDS = 20;
    static final long SEED = StatSeeds.master();
    private final List<Mutants.Mutant> mutants = Mutants.all();
    private final Battery battery = Battery.of(ALPHA);

    /** Where each failure must point (a substring of one failing verdict). */
    static final Map<String, String> POINTS_TO = Map.ofEntries(
            Map.entry("xavier_normal_half_variance", "variance 1/(fan_in+fan_out) instead of variance 2/(fan_in+fan_out)"),
            Map.entry("lecun_as_glorot", "variance 1/fan_in (LeCun) instead of variance 2/(fan_in+fan_out)"),
            Map.entry("fans_swapped", "fan_in/fan_out (784/256): fans swapped?"),
            Map.entry("missing_relu_gain", "the relu gain sqrt(2) missing"),
            Map.entry("sqrt3_for_sqrt6", "U(+-sqrt(3/fan_in)) instead of U(+-sqrt(6/fan_in))"),
            Map.entry("uniform_limit_1pct_short", "uniform limit too short (by 1.00%)"),
            Map.entry("truncated_without_rescale", "truncated normal without the 0.8796 rescale"),
            Map.entry("clipped_not_resampled", "clipping (clamp) instead of resampling"),
            Map.entry("qr_without_sign_fix", "QR without the sign fix"),
            Map.entry("stream_reused", "the same stream used twice"),
            Map.entry("box_muller_u0", "log(0)"),
            Map.entry("keras_truncated_as_torch_normal", "looks like a normal truncated at +-2 std"),
            Map.entry("keras_fans_on_torch_weight", "keras layout's fans"));

    @org.junit.jupiter.api.AfterAll
    void budget() {
        System.out.printf(Locale.ROOT, "[initlab] MutantsTest: %d battery runs on correct output at family-wise alpha "
                + "%.0e: false-failure probability <= %.2e (union bound)%n", mutants.size(), ALPHA, mutants.size() * ALPHA);
    }

    Stream<Mutants.Mutant> mutants() {
        return mutants.stream();
    }

    @Test
    void everyMutantHasAnExpectedDirection() {
        assertEquals(POINTS_TO.keySet(), mutants.stream().map(Mutants.Mutant::name).collect(
                java.util.stream.Collectors.toSet()));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("mutants")
    void isRejectedWithPowerAndDirection(Mutants.Mutant m) {
        Power.Bound bound = m.wrong().powerBound(battery);
        System.out.printf(Locale.ROOT, "[mutant] %-32s claimed as %-15s n=%d power >= %.6f (%s)%n", m.name(),
                m.claimedAs(), m.wrong().size(), bound.power(), bound.method());
        assertTrue(bound.power() >= TARGET_POWER, m.name() + ": analytic power " + bound.power());
        for (int k = 0; k < SEEDS; k++) {
            long seed = SEED + 1000L * k;
            HolmFamily r = m.wrong().run(battery, seed);
            assertFalse(r.passed(), m.name() + " passed the battery at seed " + seed + ":\n" + r);
            assertTrue(r.statisticalChecks() <= Mutants.MAX_CHECKS, "power bounds assume at most 16 checks");
            String want = POINTS_TO.get(m.name());
            assertTrue(r.failures().stream().anyMatch(f -> f.verdict().contains(want)),
                    m.name() + ": no failing verdict contains '" + want + "':\n" + r);
            if (k == 0) {
                r.failures().forEach(f -> System.out.printf(Locale.ROOT, "[mutant]     %-18s p=%-9.3g %s%n", f.name(),
                        f.pValue(), f.verdict()));
            }
        }
    }

    @ParameterizedTest(name = "{0} (correct twin)")
    @MethodSource("mutants")
    void correctTwinPasses(Mutants.Mutant m) {
        HolmFamily r = m.correct().run(battery, SEED + 7);
        assertTrue(r.passed(), m.name() + " control failed at seed " + (SEED + 7) + ":\n" + r);
    }
}
