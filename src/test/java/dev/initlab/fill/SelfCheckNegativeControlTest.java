package dev.initlab.fill;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * Negative control of {@code bench --selfcheck}'s adaptive warm-up (issue #11): the warm-up waits
 * until the JIT is idle and the fill stops getting faster, so it must not wait forever, nor pass,
 * when C2 never compiles the vector kernels. A fresh JVM with {@code -XX:TieredStopAtLevel=1}
 * (C1 only: the Vector API is not intrinsified and every vector is boxed) runs the full self-check
 * (timing included) on float32 uniform fills: it must settle (slow calls: after 30 calls and 20 s
 * once the JIT is idle and 10 calls brought no gain) and exit 1 with the speed problem. No timing is asserted here
 * beyond what the self-check itself judges (the vector engine at least as fast as the scalar one,
 * which C1-compiled vector code misses by far).
 */
class SelfCheckNegativeControlTest {
    @Test
    void vectorKernelsLeftToC1FailTheTimedSelfCheck() throws Exception {
        // one transform (float32 uniform) keeps this short: C1-compiled vector calls take ~0.5 s each under load
        VectorCompilationTest.Result r = VectorCompilationTest.fork(List.of("-XX:TieredStopAtLevel=1"), "--first-only");
        assertEquals(1, r.exit(), "the self-check passed with C2 disabled:\n" + r.tail());
        assertTrue(r.lines().stream().anyMatch(l -> l.contains("vector self-check FAILED") && l.contains("vector engine only")
                && l.contains("the scalar engine after warm-up")), r.tail());
        assertTrue(r.lines().stream().anyMatch(l -> l.contains("warm-up ") && l.contains("settled: JIT idle")),
                "the warm-up ended by settling, not by its limit:\n" + r.tail());
    }
}
