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

    @Test
    void everyFileFormatNameHasOneHome() {
        // safetensors codes, with the byte widths that validate a header's data offsets
        assertEquals(Dtype.INT64, Dtype.fromSafetensors("I64").orElseThrow());
        assertEquals(8, Dtype.fromSafetensors("I64").orElseThrow().byteWidth());
        assertEquals(1, Dtype.fromSafetensors("BOOL").orElseThrow().byteWidth());
        assertEquals(1, Dtype.fromSafetensors("F8_E4M3").orElseThrow().byteWidth());
        assertEquals(8, Dtype.fromSafetensors("C64").orElseThrow().byteWidth());
        assertEquals(2, Dtype.fromSafetensors("BF16").orElseThrow().byteWidth());
        assertEquals(java.util.Optional.empty(), Dtype.fromSafetensors("F4"));
        // NumPy descr with byte order marks
        assertEquals(Dtype.INT64, Dtype.fromNpyDescr("<i8").orElseThrow());
        assertEquals(Dtype.BOOL, Dtype.fromNpyDescr("|b1").orElseThrow());
        assertEquals(Dtype.FLOAT16, Dtype.fromNpyDescr(">f2").orElseThrow());
        assertEquals(java.util.Optional.empty(), Dtype.fromNpyDescr("<U10"));
        assertEquals(java.util.Optional.empty(), Dtype.fromNpyDescr("f4"));
        // TF.js dtype names are the labels
        assertEquals(Dtype.INT32, Dtype.fromLabel("int32").orElseThrow());
        for (Dtype t : Dtype.values()) {
            assertEquals(t, Dtype.fromSafetensors(t.safetensorsName()).orElseThrow());
            assertEquals(t, Dtype.fromLabel(t.label()).orElseThrow());
            org.junit.jupiter.api.Assertions.assertFalse(t.decodable() && t.integer(), t.label());
        }
    }

    @Test
    void onlyTheFourFloatsAreDecodableAndParsed() {
        assertEquals(java.util.List.of(Dtype.FLOAT16, Dtype.BFLOAT16, Dtype.FLOAT32, Dtype.FLOAT64),
                java.util.Arrays.stream(Dtype.values()).filter(Dtype::decodable).toList());
        org.junit.jupiter.api.Assertions.assertTrue(Dtype.INT64.integer());
        org.junit.jupiter.api.Assertions.assertTrue(Dtype.BOOL.integer());
        org.junit.jupiter.api.Assertions.assertFalse(Dtype.FLOAT8_E5M2.integer());
        org.junit.jupiter.api.Assertions.assertThrows(IllegalArgumentException.class, () -> Dtype.parse("int64"));
        org.junit.jupiter.api.Assertions.assertThrows(UnsupportedOperationException.class, () -> Dtype.INT64.ulp(1));
        org.junit.jupiter.api.Assertions.assertThrows(UnsupportedOperationException.class, Dtype.FLOAT8_E4M3::npyDescr);
        assertEquals("<i8", Dtype.INT64.npyDescr());
    }
}
