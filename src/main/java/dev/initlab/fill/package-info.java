/**
 * Turning stream words into tensor elements: the element transforms (uniform, normal, truncated
 * normal, constant) with their scalar math kernels and SIMD twins, and the fill engines
 * (scalar, vector, parallel, auto, auto-scalar; one name each, see {@link dev.initlab.fill.Engines})
 * that apply them over any slice of a tensor with bit-identical results. The stream layout (key and
 * counter words, which words make which element) and the scalar Philox round are
 * {@code dev.initlab.random}'s; only the SIMD round lives here ({@link dev.initlab.fill.VectorEngine}).
 */
package dev.initlab.fill;
