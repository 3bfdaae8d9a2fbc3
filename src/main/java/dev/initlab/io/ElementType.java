package dev.initlab.io;

import java.nio.ByteBuffer;

/** The floating-point element types this package decodes, with their sizes and names. */
enum ElementType {
    FLOAT16("float16", 2),
    BFLOAT16("bfloat16", 2),
    FLOAT32("float32", 4),
    FLOAT64("float64", 8);

    /** The dtype name used by {@link LoadedTensor#dtype()}. */
    final String dtypeName;
    /** Bytes per element. */
    final int size;

    ElementType(String dtypeName, int size) {
        this.dtypeName = dtypeName;
        this.size = size;
    }

    /** The type with the given {@link LoadedTensor#dtype()} name, or {@code null}. */
    static ElementType byName(String name) {
        for (ElementType t : values()) {
            if (t.dtypeName.equals(name)) {
                return t;
            }
        }
        return null;
    }

    /** Decodes the element at absolute byte index {@code at}, in the buffer's byte order. */
    double get(ByteBuffer b, int at) {
        return switch (this) {
            case FLOAT16 -> Float.float16ToFloat(b.getShort(at));
            case BFLOAT16 -> Float.intBitsToFloat((b.getShort(at) & 0xffff) << 16);
            case FLOAT32 -> b.getFloat(at);
            case FLOAT64 -> b.getDouble(at);
        };
    }

    /**
     * Encodes one value at absolute byte index {@code at}. Only {@link #FLOAT32} and
     * {@link #FLOAT64} are written; the caller has checked that the value is exact in the type.
     */
    void put(ByteBuffer b, int at, double v) {
        switch (this) {
            case FLOAT32 -> b.putFloat(at, (float) v);
            case FLOAT64 -> b.putDouble(at, v);
            default -> throw new UnsupportedOperationException("writing " + dtypeName);
        }
    }
}
