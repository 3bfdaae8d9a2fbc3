package dev.initlab.fill;

import dev.initlab.dist.Distribution;
import dev.initlab.dist.PointMass;

/** Every element equals one constant (zeros, ones, constant); consumes no randomness. */
public record ConstantTransform(double value, float value32) implements ElementTransform {
    public static ConstantTransform of(double value) {
        PointMass.of(value); // validates
        if (Math.abs(value) > Float.MAX_VALUE) {
            throw new IllegalArgumentException("constant " + value + " does not fit in float32");
        }
        return new ConstantTransform(value, (float) value);
    }

    @Override public float apply32(int w) { return value32; }
    @Override public double apply64(int lo, int hi) { return value; }
    @Override public Distribution distribution() { return PointMass.of(value); }
}
