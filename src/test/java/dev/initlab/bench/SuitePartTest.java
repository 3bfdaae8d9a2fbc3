package dev.initlab.bench;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/**
 * The suites' JMH invocations: which benchmark each part selects (JMH's {@code find} on the full
 * name), the user's {@code --include} intersected with each part, and no fill measured twice.
 */
class SuitePartTest {
    private static final String FILL = "dev.initlab.bench.FillBench.fill";
    private static final String BASELINE = "dev.initlab.bench.BaselineBench.randomNextFloat";
    private static final String STORE = "dev.initlab.bench.StoreBench.arraysFill";
    private static final String MODEL = "dev.initlab.bench.ModelInitBench.initialiseModel";
    private static final String AUTO = "dev.initlab.bench.AutoThresholdBench.fill";
    private static final List<String> ALL = List.of(FILL, BASELINE, STORE, MODEL, AUTO);

    /** The benchmarks of {@code ALL} a part selects, as JMH does: include found, exclude not found. */
    private static List<String> selected(SuitePart p) {
        Pattern in = Pattern.compile(p.include());
        Pattern out = p.exclude() == null ? null : Pattern.compile(p.exclude());
        return ALL.stream().filter(n -> in.matcher(n).find() && (out == null || !out.matcher(n).find())).toList();
    }

    @Test
    void quickIsOnePartWithoutTheThresholdSweep() {
        List<SuitePart> parts = SuitePart.of(false, null, Map.of());
        assertEquals(1, parts.size());
        assertEquals(List.of(FILL, BASELINE, STORE, MODEL), selected(parts.get(0)));
        assertArrayEquals(new String[] {"1"}, parts.get(0).params().get("layers"));
        assertFalse(parts.get(0).shortIterations());
    }

    @Test
    void fullPartsCoverEveryBenchmarkAndVaryThreadsOnlyForThreadedEngines() {
        List<SuitePart> parts = SuitePart.of(true, null, Map.of());
        assertEquals(4, parts.size());
        assertEquals(List.of(FILL), selected(parts.get(0)));
        assertArrayEquals(new String[] {"scalar", "vector"}, parts.get(0).params().get("engine"));
        assertArrayEquals(new String[] {"1"}, parts.get(0).params().get("threads"));
        assertEquals(List.of(FILL), selected(parts.get(1)));
        assertArrayEquals(new String[] {"parallel", "auto"}, parts.get(1).params().get("engine"));
        assertArrayEquals(new String[] {"1", "2", "4"}, parts.get(1).params().get("threads"));
        assertEquals(List.of(BASELINE, STORE), selected(parts.get(2)));
        assertEquals(List.of(MODEL, AUTO), selected(parts.get(3)));
        assertNull(parts.get(3).params().get("layers"), "the full suite keeps ModelInitBench's 12 blocks");
        assertTrue(parts.get(0).shortIterations() && parts.get(1).shortIterations());
    }

    @Test
    void userIncludeIsIntersectedWithEachPart() {
        List<SuitePart> parts = SuitePart.of(true, "ModelInit|Store", Map.of());
        assertEquals(List.of(), selected(parts.get(0)));
        assertEquals(List.of(), selected(parts.get(1)));
        assertEquals(List.of(STORE), selected(parts.get(2)));
        assertEquals(List.of(MODEL), selected(parts.get(3)));
        assertEquals(List.of(MODEL), selected(SuitePart.of(false, "ModelInit", Map.of()).get(0)));
    }

    @Test
    void userEngineOrThreadsDropsTheScalingPartAndReplacesValues() {
        List<SuitePart> parts = SuitePart.of(true, null, Map.of("threads", new String[] {"2"}));
        assertEquals(3, parts.size());
        assertArrayEquals(new String[] {"2"}, parts.get(0).params().get("threads"));
        assertArrayEquals(new String[] {"2"}, parts.get(1).params().get("threads"), "baselines take the user's value too");
        assertEquals(4, SuitePart.of(true, null, Map.of("size", new String[] {"4096"})).size());
    }
}
