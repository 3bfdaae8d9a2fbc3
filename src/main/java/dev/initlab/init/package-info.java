/**
 * The scheme catalog: names and aliases (PyTorch and Keras spellings), parameters, fans per layout
 * convention (PyTorch OIHW, Keras/TF HWIO, JAX axes), activation gains, and the initializers
 * themselves (IID schemes as element transforms; orthogonal, identity, dirac and sparse as
 * structured fills). Each initializer exposes the exact law of its elements, and refuses parameters
 * whose elements would not be finite or not representable in the element type
 * ({@link dev.initlab.init.Precision}; {@link dev.initlab.init.FillCheck} is the scan after a fill).
 */
package dev.initlab.init;
