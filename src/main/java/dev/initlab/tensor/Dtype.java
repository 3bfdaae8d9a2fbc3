package dev.initlab.tensor;

import java.nio.ByteBuffer;
import java.util.Locale;
import java.util.Optional;

/**
 * The element types initlab reads, writes and checks: their names in each file format, their byte
 * width, their encoding, and their rounding. Every value is widened to double for arithmetic; the type
 * says how coarse the stored value is. Fills are written in {@link #FLOAT32} or {@link #FLOAT64};
 * {@link #FLOAT16} and {@link #BFLOAT16} are read (and checked) only; these four are the
 * {@linkplain #decodable() decodable} types. The {@linkplain #integer() integer} and boolean types
 * are named so that checkpoints holding them (e.g. {@code num_batches_tracked}) can be listed and
 * written as zeros; the 8-bit floats and complex64 are named because safetensors defines them (their
 * sizes validate a header), but initlab neither decodes nor writes them. The numeric methods
 * ({@link #decode}, {@link #ulp}, {@link #round}, ...) are for decodable types only.
 *
 * <p>One home for what {@code io.ElementType} (file names, sizes, decoding), {@code stats.Dtype}
 * (rounding cells and ulps), {@code init.Precision} (float32/float64 ranges), the safetensors size
 * table and the checkpoint writer's dtype codes each knew a part of; {@code init.Precision} remains as
 * the two types a fill can produce, and delegates here.
 */
public enum Dtype {
    /** IEEE binary16: 11 significant bits. */
    FLOAT16("float16", Category.FLOAT, 11, 2, "F16", "f2"),
    /** bfloat16: 8 significant bits, float32's exponent range. */
    BFLOAT16("bfloat16", Category.FLOAT, 8, 2, "BF16", null),
    /** IEEE binary32: 24 significant bits. */
    FLOAT32("float32", Category.FLOAT, 24, 4, "F32", "f4"),
    /** IEEE binary64: 53 significant bits. */
    FLOAT64("float64", Category.FLOAT, 53, 8, "F64", "f8"),
    /** Boolean, one byte. */
    BOOL("bool", Category.INTEGER, 0, 1, "BOOL", "b1"),
    /** Signed 8-bit integer. */
    INT8("int8", Category.INTEGER, 0, 1, "I8", "i1"),
    /** Unsigned 8-bit integer. */
    UINT8("uint8", Category.INTEGER, 0, 1, "U8", "u1"),
    /** Signed 16-bit integer. */
    INT16("int16", Category.INTEGER, 0, 2, "I16", "i2"),
    /** Unsigned 16-bit integer. */
    UINT16("uint16", Category.INTEGER, 0, 2, "U16", "u2"),
    /** Signed 32-bit integer. */
    INT32("int32", Category.INTEGER, 0, 4, "I32", "i4"),
    /** Unsigned 32-bit integer. */
    UINT32("uint32", Category.INTEGER, 0, 4, "U32", "u4"),
    /** Signed 64-bit integer. */
    INT64("int64", Category.INTEGER, 0, 8, "I64", "i8"),
    /** Unsigned 64-bit integer. */
    UINT64("uint64", Category.INTEGER, 0, 8, "U64", "u8"),
    /** 8-bit float, 5 exponent and 2 mantissa bits (named, not decoded). */
    FLOAT8_E5M2("float8_e5m2", Category.OTHER, 0, 1, "F8_E5M2", null),
    /** 8-bit float, 4 exponent and 3 mantissa bits (named, not decoded). */
    FLOAT8_E4M3("float8_e4m3", Category.OTHER, 0, 1, "F8_E4M3", null),
    /** 8-bit exponent-only scale format (named, not decoded). */
    FLOAT8_E8M0("float8_e8m0", Category.OTHER, 0, 1, "F8_E8M0", null),
    /** Complex number of two float32 (named, not decoded). */
    COMPLEX64("complex64", Category.OTHER, 0, 8, "C64", "c8");

    /** What the type holds. */
    private enum Category { FLOAT, INTEGER, OTHER }

    private final String label;
    private final Category category;
    private final int precision;
    private final int byteWidth;
    private final String safetensorsName;
    private final String npyKind;

    Dtype(String label, Category category, int precision, int byteWidth, String safetensorsName, String npyKind) {
        this.label = label;
        this.category = category;
        this.precision = precision;
        this.byteWidth = byteWidth;
        this.safetensorsName = safetensorsName;
        this.npyKind = npyKind;
    }

    /**
     * Parses a decodable type as a user writes it: {@code float16|f16|half}, {@code bfloat16|bf16},
     * {@code float32|f32|float}, {@code float64|f64|double} (any case).
     */
    public static Dtype parse(String s) {
        return switch (s.toLowerCase(Locale.ROOT)) {
            case "float16", "f16", "half", "fp16" -> FLOAT16;
            case "bfloat16", "bf16" -> BFLOAT16;
            case "float32", "f32", "float", "fp32" -> FLOAT32;
            case "float64", "f64", "double", "fp64" -> FLOAT64;
            default -> throw new IllegalArgumentException("unknown dtype '" + s
                    + "' (float16, bfloat16, float32 or float64)");
        };
    }

    /** The type whose {@link #label()} is exactly {@code label} (no aliases), if any. */
    public static Optional<Dtype> fromLabel(String label) {
        for (Dtype t : values()) {
            if (t.label.equals(label)) {
                return Optional.of(t);
            }
        }
        return Optional.empty();
    }

    /** The type a safetensors header names {@code F16}, {@code BF16}, {@code F32} or {@code F64}, if any. */
    public static Optional<Dtype> fromSafetensors(String name) {
        for (Dtype t : values()) {
            if (t.safetensorsName.equals(name)) {
                return Optional.of(t);
            }
        }
        return Optional.empty();
    }

    /** The type of a NumPy kind-and-size code without byte order ({@code f2}, {@code f4}, {@code i8}, {@code b1}, ...), if any. */
    public static Optional<Dtype> fromNpyKind(String kind) {
        for (Dtype t : values()) {
            if (kind.equals(t.npyKind)) {
                return Optional.of(t);
            }
        }
        return Optional.empty();
    }

    /** The type of a NumPy {@code descr} with its byte-order mark ({@code <f4}, {@code |b1}, {@code >i8}), if any. */
    public static Optional<Dtype> fromNpyDescr(String descr) {
        if (descr.length() != 3 || "<>=|".indexOf(descr.charAt(0)) < 0) {
            return Optional.empty();
        }
        return fromNpyKind(descr.substring(1));
    }

    /**
     * Whether initlab decodes this type to doubles (and so can verify it): float16, bfloat16, float32
     * and float64.
     */
    public boolean decodable() {
        return category == Category.FLOAT;
    }

    /** Whether this is an integer or boolean type (a checkpoint writer writes such tensors as zeros). */
    public boolean integer() {
        return category == Category.INTEGER;
    }

    /** Name as used on the command line, in output tables and in messages, e.g. {@code float32}. */
    public String label() {
        return label;
    }

    /** The safetensors header name: {@code F16}, {@code BF16}, {@code F32}, {@code F64}, {@code I64}, ... */
    public String safetensorsName() {
        return safetensorsName;
    }

    /** The little-endian NumPy {@code descr}, e.g. {@code <f4}; NumPy has no bfloat16 or 8-bit floats. */
    public String npyDescr() {
        if (npyKind == null) {
            throw new UnsupportedOperationException("NumPy has no " + label);
        }
        return "<" + npyKind;
    }

    /** Bytes per element. */
    public int byteWidth() {
        return byteWidth;
    }

    /** Decodes the element at absolute byte index {@code at}, in the buffer's byte order. */
    public double decode(ByteBuffer b, int at) {
        return switch (this) {
            case FLOAT16 -> Float.float16ToFloat(b.getShort(at));
            case BFLOAT16 -> Float.intBitsToFloat((b.getShort(at) & 0xffff) << 16);
            case FLOAT32 -> b.getFloat(at);
            case FLOAT64 -> b.getDouble(at);
            default -> throw notDecodable("decoding");
        };
    }

    /**
     * Encodes one value at absolute byte index {@code at}. Only {@link #FLOAT32} and
     * {@link #FLOAT64} are written; the caller has checked that the value is exact in the type.
     */
    public void encode(ByteBuffer b, int at, double v) {
        switch (this) {
            case FLOAT32 -> b.putFloat(at, (float) v);
            case FLOAT64 -> b.putDouble(at, v);
            default -> throw notDecodable("writing");
        }
    }

    /** Significant bits, including the implicit one (decodable types; 0 for the others). */
    public int precision() {
        return precision;
    }

    /** Unit roundoff 2^-precision. */
    public double unitRoundoff() {
        return Math.scalb(1.0, -precision);
    }

    /** The largest finite value. */
    public double max() {
        return switch (this) {
            case FLOAT64 -> Double.MAX_VALUE;
            case FLOAT32 -> Float.MAX_VALUE;
            case BFLOAT16 -> 0x1.FEp127;
            case FLOAT16 -> 65504.0;
            default -> throw notDecodable("max()");
        };
    }

    /**
     * Unit in the last place of {@code x} in this type (for normal numbers; subnormals use the
     * type's smallest spacing). Finite {@code x} only.
     */
    public double ulp(double x) {
        double a = Math.abs(x);
        return switch (this) {
            case FLOAT64 -> Math.ulp(a);
            case FLOAT32 -> Math.ulp((float) a);
            case BFLOAT16 -> a < 0x1p-126 ? 0x1p-133 : Math.scalb(1.0, Math.getExponent((float) a) - 7);
            case FLOAT16 -> a < 0x1p-14 ? 0x1p-24 : Math.scalb(1.0, Math.getExponent(a) - 10);
            default -> throw notDecodable("ulp()");
        };
    }

    /** Smallest positive normal number of this type. */
    public double minNormal() {
        return switch (this) {
            case FLOAT64 -> Double.MIN_NORMAL;
            case FLOAT32, BFLOAT16 -> Float.MIN_NORMAL;
            case FLOAT16 -> 0x1p-14;
            default -> throw notDecodable("minNormal()");
        };
    }

    /** Distance from the stored value {@code v} to the next larger value of this type. */
    public double spacingAbove(double v) {
        if (v >= 0) {
            return ulp(v);
        }
        double a = -v;
        boolean powerOfTwo = a >= minNormal() && a == Math.scalb(1.0, Math.getExponent(a));
        return powerOfTwo ? 0.5 * ulp(a) : ulp(a);
    }

    /** Distance from the stored value {@code v} to the next smaller value of this type. */
    public double spacingBelow(double v) {
        return spacingAbove(-v);
    }

    /** Lower end of the interval of reals that round (to nearest) to the stored value {@code v}. */
    public double cellLow(double v) {
        return v - 0.5 * spacingBelow(v);
    }

    /** Upper end of the interval of reals that round (to nearest) to the stored value {@code v}. */
    public double cellHigh(double v) {
        return v + 0.5 * spacingAbove(v);
    }

    /** {@code v} rounded to this type (round to nearest even; float16 via float32), as a double. */
    public double round(double v) {
        return switch (this) {
            case FLOAT64 -> v;
            case FLOAT32 -> (float) v;
            case FLOAT16 -> Float.float16ToFloat(Float.floatToFloat16((float) v));
            case BFLOAT16 -> {
                float f = (float) v;
                if (!Float.isFinite(f)) {
                    yield f;
                }
                int b = Float.floatToRawIntBits(f);
                int lsb = (b >>> 16) & 1;
                b = (b + 0x7fff + lsb) & 0xffff0000;
                yield Float.intBitsToFloat(b);
            }
            default -> throw notDecodable("round()");
        };
    }

    /** The largest value of this type that is {@code <= v}. */
    public double floor(double v) {
        return switch (this) {
            case FLOAT64 -> v;
            case FLOAT32 -> {
                float f = (float) v;
                yield f > v ? Math.nextDown(f) : f;
            }
            default -> {
                double r = round(v);
                yield r > v ? r - spacingBelow(r) : r;
            }
        };
    }

    /** The smallest value of this type that is {@code >= v}. */
    public double ceil(double v) {
        return switch (this) {
            case FLOAT64 -> v;
            case FLOAT32 -> {
                float f = (float) v;
                yield f < v ? Math.nextUp(f) : f;
            }
            default -> {
                double r = round(v);
                yield r < v ? r + spacingAbove(r) : r;
            }
        };
    }

    private UnsupportedOperationException notDecodable(String what) {
        return new UnsupportedOperationException(what + " is defined for float16, bfloat16, float32 and float64, not "
                + label);
    }

    /** The {@link #label()}. */
    @Override
    public String toString() {
        return label;
    }
}
