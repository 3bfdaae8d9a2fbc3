/**
 * The bottom layer: what a tensor is, independent of how it is filled, stored or checked.
 * {@link dev.initlab.tensor.Shape} (validated dimensions, C order, element count that fits a Java
 * array), {@link dev.initlab.tensor.Dtype} (every element type a file may hold, with its names in each
 * file format and byte width; for the decodable float16, bfloat16, float32 and float64 also encoding
 * and rounding) and {@link dev.initlab.tensor.Shapes}
 * (element counts of raw, unvalidated dimension arrays with overflow checks; NumPy-style printing).
 * Imports nothing from initlab.
 */
package dev.initlab.tensor;
