/**
 * The scheme catalog: names and aliases (PyTorch and Keras spellings), parameters, fans per layout
 * convention (PyTorch OIHW, Keras/TF HWIO, JAX axes), activation gains, and the initializers
 * themselves (IID schemes as element transforms; orthogonal, identity, dirac and sparse as
 * structured fills). Each initializer exposes the exact law of its elements.
 */
package dev.initlab.init;
