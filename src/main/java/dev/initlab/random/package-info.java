/**
 * Counter-based random words: the Philox4x32-10 block function ({@link dev.initlab.random.Philox4x32})
 * and the fixed stream layout that maps (seed, tensor stream id, word index) to a 32-bit word
 * ({@link dev.initlab.random.PhiloxStream}). Owns the known-answer tests of the generator.
 * Nothing here knows about distributions or tensors.
 */
package dev.initlab.random;
