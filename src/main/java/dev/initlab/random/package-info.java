/**
 * Counter-based random words: the Philox4x32-10 block function ({@link dev.initlab.random.Philox4x32})
 * and the fixed stream layout that maps (seed, tensor stream id, word index) to a 32-bit word
 * ({@link dev.initlab.random.PhiloxStream}): the key words, the counter words of block j, the block
 * and position of a word, and how many words a float32 or float64 element takes. Engines ask these
 * classes rather than restating the layout. Owns the known-answer tests of the generator.
 * Nothing here knows about distributions.
 */
package dev.initlab.random;
