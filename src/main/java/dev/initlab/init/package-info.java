/**
 * The scheme catalog: names and aliases (PyTorch and Keras spellings), parameters, fans per layout
 * convention (PyTorch OIHW, Keras/TF HWIO, JAX axes), activation gains, and the initializers
 * themselves (IID schemes as element transforms; orthogonal, identity, dirac and sparse as
 * structured fills). Each initializer exposes the exact law of its elements, and refuses parameters
 * whose elements would not be finite or not representable in the element type
 * ({@link dev.initlab.init.Precision}; {@link dev.initlab.init.FillCheck} is the scan after a fill).
 *
 * <p>The front door for Java callers: {@link dev.initlab.init.Initializers} makes a
 * {@link dev.initlab.init.TensorInitializer} from a scheme name and typed {@link dev.initlab.init.Parameters},
 * with fans as a value ({@link dev.initlab.init.Fans}) and the fill engine as a value
 * ({@link dev.initlab.init.Engine}). Errors name parameters in Java terms
 * ({@link dev.initlab.init.ParameterException}); the command line renders them as its options.
 * {@link dev.initlab.init.Params} is the text reader the catalog, the CLI and init specs share.
 */
package dev.initlab.init;
