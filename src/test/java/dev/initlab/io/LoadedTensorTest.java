package dev.initlab.io;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.initlab.tensor.Dtype;
import org.junit.jupiter.api.Test;

class LoadedTensorTest {
    @Test
    void countAndRank() {
        LoadedTensor t = LoadedTensor.ofDoubles("w", new long[] {2, 3}, new double[6]);
        assertEquals(6, t.count());
        assertEquals(2, t.rank());
        LoadedTensor s = LoadedTensor.ofDoubles("s", new long[0], new double[] {1});
        assertEquals(1, s.count());
        assertEquals(0, s.rank());
        assertEquals(0, LoadedTensor.ofDoubles("e", new long[] {3, 0}, new double[0]).count());
    }

    @Test
    void rejectsMismatchedShape() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> LoadedTensor.ofDoubles("w", new long[] {2, 3}, new double[5]));
        assertTrue(e.getMessage().contains("(2, 3) does not match 5 values"), e.getMessage());
        assertThrows(IllegalArgumentException.class, () -> LoadedTensor.ofDoubles("w", new long[] {-1}, new double[0]));
        assertThrows(IllegalArgumentException.class,
                () -> LoadedTensor.ofDoubles("w", new long[] {1L << 40, 1L << 40}, new double[0]));
    }

    @Test
    void rejectsUnknownDtype() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> new LoadedTensor("w", new long[] {1}, Dtype.INT8, new double[1]));
        assertTrue(e.getMessage().contains("dtype int8 cannot be held as floats"), e.getMessage());
    }

    @Test
    void shapeIsCopiedContentEquality() {
        long[] shape = {2};
        LoadedTensor a = LoadedTensor.ofFloats("w", shape, new float[] {1, 2});
        shape[0] = 7;
        long[] out = a.shape();
        out[0] = 9;
        assertArrayEquals(new long[] {2}, a.shape());
        assertEquals(Dtype.FLOAT32, a.dtype());
        LoadedTensor b = new LoadedTensor("w", new long[] {2}, Dtype.FLOAT32, new double[] {1, 2});
        assertEquals(a, b);
        assertEquals(a.hashCode(), b.hashCode());
        assertNotEquals(a, new LoadedTensor("w", new long[] {2}, Dtype.FLOAT64, new double[] {1, 2}));
        assertEquals("LoadedTensor[w, float32, shape (2,)]", a.toString());
    }
}
