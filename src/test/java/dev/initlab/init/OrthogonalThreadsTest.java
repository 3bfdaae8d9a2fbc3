package dev.initlab.init;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import dev.initlab.fill.Engines;
import dev.initlab.random.PhiloxStream;
import dev.initlab.tensor.Shape;
import org.junit.jupiter.api.Test;

/** {@link Orthogonal#withThreads}: the QR's thread count (as {@code OrthogonalBench} fixes it) never changes the bits. */
class OrthogonalThreadsTest {
    @Test
    void threadCountDoesNotChangeTheResult() {
        Shape shape = Shape.of(70, 45);
        Orthogonal o = Orthogonal.of(1.5, Layout.TORCH);
        double[] all = o.matrix(shape, PhiloxStream.of(11, 2), Engines.of("scalar"));
        for (int t : new int[] {1, 2, 5}) {
            assertArrayEquals(all, o.withThreads(t).matrix(shape, PhiloxStream.of(11, 2), Engines.of("auto", 2)),
                    t + " threads");
        }
    }

    @Test
    void refusesNegativeThreads() {
        assertThrows(IllegalArgumentException.class, () -> Orthogonal.of(1, Layout.TORCH).withThreads(-1));
    }
}
