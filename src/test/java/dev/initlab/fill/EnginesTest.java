package dev.initlab.fill;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.initlab.random.PhiloxStream;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import org.junit.jupiter.api.Test;

/** Engine lookup, the auto policy and how the parallel engine cuts a slice. */
class EnginesTest {
    @Test
    void namesResolveToTheDocumentedEngines() {
        assertSame(ScalarEngine.instance(), Engines.of("scalar", 3));
        assertSame(VectorEngine.instance(), Engines.of("vector", 0));
        assertEquals("parallel", Engines.of("parallel", 3).name());
        assertEquals(3, ((ParallelEngine) Engines.of("parallel", 3)).threads());
        assertEquals(Runtime.getRuntime().availableProcessors(), ((ParallelEngine) Engines.of("parallel", 0)).threads());
        assertEquals(Runtime.getRuntime().availableProcessors(), ((ParallelEngine) Engines.of("parallel", -5)).threads());
        assertSame(VectorEngine.instance(), ((ParallelEngine) Engines.of("parallel", 2)).inner());
        assertEquals("auto", Engines.of("auto", 2).name());
        assertSame(Engines.of("auto", 2), Engines.of("auto", 2), "cached per thread count");
        assertSame(Engines.of("parallel", 4), Engines.of("parallel", 4), "one pool per thread count");
        assertEquals(List.of("scalar", "vector", "parallel", "auto", "auto-scalar"), Engines.NAMES);
    }

    @Test
    void badNamesAndThreadCountsAreOneLineErrors() {
        for (String bad : new String[] {"Vector", "gpu", "", " scalar"}) {
            IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> Engines.of(bad, 1));
            assertTrue(e.getMessage().contains("scalar, vector, parallel, auto"), e.getMessage());
            assertFalse(e.getMessage().contains("\n"));
        }
        assertThrows(IllegalArgumentException.class, () -> Engines.of(null, 1));
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> Engines.of("parallel", 5000));
        assertEquals("threads must be at most 1024, got 5000", e.getMessage());
    }

    @Test
    void autoGoesParallelOnlyWhenTheWorkRepaysTheHandOff() {
        AutoEngine auto = (AutoEngine) Engines.of("auto", 2);
        ElementTransform u = UniformTransform.symmetric(1);
        ElementTransform n = NormalTransform.of(0, 1);
        assertFalse(auto.goesParallel(u, false, 4096));
        assertFalse(auto.goesParallel(n, false, 4096));
        assertFalse(auto.goesParallel(n, true, 4096));
        assertFalse(auto.goesParallel(u, false, 16384), "measured break-even: no gain to pay for");
        assertTrue(auto.goesParallel(u, false, 1 << 20));
        assertTrue(auto.goesParallel(n, false, 1 << 15));
        assertTrue(auto.goesParallel(n, true, 1 << 14));
        assertFalse(auto.goesParallel(ConstantTransform.of(0), false, 1 << 18), "a store is cheap per element");
        int threshold = (int) AutoEngine.PARALLEL_MIN_WORK;
        assertFalse(auto.goesParallel(u, false, threshold - 1));
        assertTrue(auto.goesParallel(u, false, threshold));
        // one thread: never parallel
        assertFalse(((AutoEngine) Engines.of("auto", 1)).goesParallel(n, true, 1 << 24));
    }

    @Test
    void chunkSizesAreAlignedAndBounded() {
        for (int threads : new int[] {1, 2, 3, 16}) {
            for (int len : new int[] {1, 1024, 5000, 1 << 20, 1 << 26, Integer.MAX_VALUE}) {
                int c = ParallelEngine.chunkSize(len, threads);
                assertEquals(0, c % ParallelEngine.ALIGN, "len " + len);
                assertTrue(c >= ParallelEngine.ALIGN && c <= ParallelEngine.MAX_CHUNK, "len " + len + " chunk " + c);
            }
        }
        // the block multiples: ALIGN is a whole number of Philox blocks for both dtypes and every vector width
        assertEquals(0, ParallelEngine.ALIGN % (4 * 16));
    }

    /** Records the slices the parallel engine hands to its inner engine. */
    static final class Recorder implements FillEngine {
        final List<long[]> calls = Collections.synchronizedList(new ArrayList<>());
        final Set<String> threads = ConcurrentHashMap.newKeySet();

        @Override
        public String name() {
            return "recorder";
        }

        @Override
        public void fill(ElementTransform t, PhiloxStream s, long first, float[] dst, int off, int len) {
            calls.add(new long[] {first, off, len});
            threads.add(Thread.currentThread().getName());
            ScalarEngine.instance().fill(t, s, first, dst, off, len);
        }

        @Override
        public void fill(ElementTransform t, PhiloxStream s, long first, double[] dst, int off, int len) {
            calls.add(new long[] {first, off, len});
            threads.add(Thread.currentThread().getName());
            ScalarEngine.instance().fill(t, s, first, dst, off, len);
        }
    }

    @Test
    void parallelChunksStartOnAlignedElementsAndCoverTheSliceOnce() {
        Recorder rec = new Recorder();
        ParallelEngine p = new ParallelEngine(3, rec);
        long first = 1_000_003; // unaligned
        int len = 200_000;
        int off = 7;
        float[] a = new float[off + len];
        ElementTransform t = UniformTransform.of(0, 1);
        PhiloxStream s = PhiloxStream.of(11, 12);
        p.fill(t, s, first, a, off, len);
        List<long[]> calls = new ArrayList<>(rec.calls);
        calls.sort((x, y) -> Long.compare(x[0], y[0]));
        assertTrue(calls.size() >= 3, "split into " + calls.size());
        long next = first;
        for (int k = 0; k < calls.size(); k++) {
            long[] c = calls.get(k);
            assertEquals(next, c[0], "chunks are contiguous and disjoint");
            assertEquals(off + (c[0] - first), c[1], "destination follows the element index");
            if (k > 0) {
                assertEquals(0, c[0] % ParallelEngine.ALIGN, "chunk starts on an aligned element");
            }
            next += c[2];
        }
        assertEquals(first + len, next);
        float[] want = new float[off + len];
        ScalarEngine.instance().fill(t, s, first, want, off, len);
        assertEquals(0, java.util.Arrays.compare(want, a));
        // Which threads took the chunks is scheduling luck (on a busy machine the workers may take all of them
        // before the caller starts), so only the contract is asserted: every chunk done once, aligned, by the
        // caller or the engine's own workers.
        for (String name : rec.threads) {
            assertTrue(name.equals(Thread.currentThread().getName()) || name.startsWith("initlab-fill-"),
                    "chunk filled on a foreign thread " + name);
        }
    }

    @Test
    void smallSlicesAndOneThreadStayOnTheCaller() {
        Recorder rec = new Recorder();
        new ParallelEngine(4, rec).fill(NormalTransform.of(0, 1), PhiloxStream.of(1, 1), 0, new double[1000], 0, 1000);
        new ParallelEngine(1, rec).fill(NormalTransform.of(0, 1), PhiloxStream.of(1, 1), 0, new double[50_000], 0, 50_000);
        assertEquals(2, rec.calls.size());
        assertEquals(Set.of(Thread.currentThread().getName()), rec.threads);
    }

    @Test
    void slicesAreValidatedBeforeAnyWork() {
        for (String name : Engines.NAMES) {
            FillEngine e = Engines.of(name, 2);
            ElementTransform t = UniformTransform.symmetric(1);
            PhiloxStream s = PhiloxStream.of(1, 2);
            assertThrows(IndexOutOfBoundsException.class, () -> e.fill(t, s, 0, new float[10], 5, 6), name);
            assertThrows(IndexOutOfBoundsException.class, () -> e.fill(t, s, 0, new double[10], -1, 2), name);
            assertThrows(IllegalArgumentException.class, () -> e.fill(t, s, -1, new float[10], 0, 2), name);
        }
    }

    @Test
    void largeFillsWithManyThreadsMatchScalar() {
        // a whole-array fill big enough that every thread gets several chunks
        ElementTransform t = TruncatedNormalTransform.of(0, 0.02, -0.04, 0.04);
        PhiloxStream s = PhiloxStream.of(-1L, Long.MIN_VALUE);
        float[] want = new float[1 << 19];
        ScalarEngine.instance().fill(t, s, want);
        for (int threads : new int[] {2, 3, 7}) {
            FillEngine e = Engines.of("parallel", threads);
            float[] got = new float[want.length];
            e.fill(t, s, got);
            assertEquals(0, java.util.Arrays.compare(want, got), "threads " + threads);
        }
        assertInstanceOf(AutoEngine.class, Engines.of("auto", 2));
    }
}
