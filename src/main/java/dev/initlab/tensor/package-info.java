/**
 * The bottom layer: what a tensor is, independent of how it is filled, stored or checked.
 * {@link dev.initlab.tensor.Shape} (validated dimensions, C order, element count that fits a Java
 * array), {@link dev.initlab.tensor.Dtype} (float16, bfloat16, float32, float64: their names in
 * each file format, byte width, encoding and rounding) and {@link dev.initlab.tensor.Shapes}
 * (element counts of raw, unvalidated dimension arrays with overflow checks; NumPy-style printing).
 * Imports nothing from initlab.
 */
package dev.initlab.tensor;
