package dev.initlab.tensor;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.api.Test;

class DtypeTest {
    @Test
    void ulpsAndCells() {
        assertEquals(Math.ulp(1f), Dtype.FLOAT32.ulp(1.0), 0);
        assertEquals(0x1p-10, Dtype.FLOAT16.ulp(1.0), 0);
        assertEquals(0x1p-7, Dtype.BFLOAT16.ulp(1.5), 0);
        assertEquals(Math.ulp(3.0), Dtype.FLOAT64.ulp(-3.0), 0);
        // below a power of two the spacing halves
        assertEquals(0x1p-24, Dtype.FLOAT32.spacingBelow(1.0), 0);
        assertEquals(0x1p-23, Dtype.FLOAT32.spacingAbove(1.0), 0);
        assertEquals(0x1p-23, Dtype.FLOAT32.spacingBelow(-1.0), 0);
        assertEquals(0x1p-24, Dtype.FLOAT32.spacingAbove(-1.0), 0);
        assertEquals(1 - 0x1p-12, Dtype.FLOAT16.cellLow(1.0), 0);
        assertEquals(1 + 0x1p-11, Dtype.FLOAT16.cellHigh(1.0), 0);
    }

    @Test
    void rounding() {
        assertEquals((double) (float) 0.1, Dtype.FLOAT32.round(0.1), 0);
        assertEquals(Float.float16ToFloat(Float.floatToFloat16(0.1f)), Dtype.FLOAT16.round(0.1), 0);
        // bfloat16 keeps 8 significant bits: 1 + 2^-8 is a tie and rounds to even (1), 1 + 3*2^-8 rounds up
        assertEquals(1.0, Dtype.BFLOAT16.round(1 + 0x1p-8), 0);
        assertEquals(1 + 0x1p-6, Dtype.BFLOAT16.round(1 + 3 * 0x1p-8), 0);
        assertEquals(Dtype.FLOAT32, Dtype.parse("f32"));
        assertEquals(Dtype.BFLOAT16, Dtype.parse("bf16"));
    }
}
