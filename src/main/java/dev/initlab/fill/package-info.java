/**
 * Turning stream words into tensor elements: the element transforms (uniform, normal, truncated
 * normal, constant) with their scalar math kernels and SIMD twins, and the fill engines
 * (scalar, vector, parallel) that apply them over any slice of a tensor with bit-identical results.
 */
package dev.initlab.fill;
