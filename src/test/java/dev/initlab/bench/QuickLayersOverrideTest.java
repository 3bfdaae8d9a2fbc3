package dev.initlab.bench;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.openjdk.jmh.runner.options.Options;

/**
 * The quick suite initialises 1 transformer block unless {@code --param layers=...} says otherwise:
 * the user's value replaces the default (JMH would otherwise run both, e.g. GPT-2 with 1 and 12
 * blocks, doubling the run that measures issue #11's 12-block target).
 */
class QuickLayersOverrideTest {
    private static List<String> layers(Map<String, String[]> params) {
        BenchRunner.Settings s = new BenchRunner.Settings(false, "ModelInitBench", 1, Path.of("unused"), params, List.of());
        Options o = BenchRunner.options(s, s.parts().get(0), Path.of("unused.json"), Path.of("unused-latency"));
        return List.copyOf(o.getParameter("layers").get());
    }

    @Test
    void quickSuiteDefaultsToOneBlock() {
        assertEquals(List.of("1"), layers(Map.of()));
    }

    @Test
    void userLayersReplaceTheDefault() {
        assertEquals(List.of("12"), layers(Map.of("layers", new String[] {"12"})));
        assertEquals(List.of("2", "12"), layers(Map.of("layers", new String[] {"2", "12"})));
    }
}
