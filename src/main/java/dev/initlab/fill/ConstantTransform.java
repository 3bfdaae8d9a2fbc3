package dev.initlab.fill;

import dev.initlab.dist.Distribution;
import dev.initlab.dist.PointMass;

/** Every element equals one constant (zeros, ones, constant); consumes no randomness. */
public record ConstantTransform(double value, float value32) implements ElementTransform {
    public static ConstantTransform of(double value) {
        PointMass.of(value); // validates
        return new ConstantTransform(value, (float) value);
    }

    @Override
    public String float32Problem() {
        if (!Float.isFinite(value32)) {
            return "constant " + value + " overflows float32";
        }
        if (value32 == 0f && value != 0) {
            return "constant " + value + " rounds to 0 in float32";
        }
        return null;
    }

    @Override public float apply32(int w) { return value32; }
    @Override public double apply64(int lo, int hi) { return value; }
    @Override public Distribution distribution() { return PointMass.of(value); }
}
