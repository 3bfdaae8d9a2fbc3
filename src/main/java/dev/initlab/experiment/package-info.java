/**
 * Experiments that reproduce (or refute) what the literature and popular articles claim about
 * initialization: a small float32 MLP with hand-written backpropagation ({@link dev.initlab.experiment.Mlp},
 * {@link dev.initlab.experiment.Trainer}), the MNIST IDX loader ({@link dev.initlab.experiment.Mnist}),
 * LSUV ({@link dev.initlab.experiment.Lsuv}), and one class per study: variance through depth,
 * the 9-layer linear network, derived gains, symmetry of constant initializations, MNIST accuracy per
 * scheme, LSUV, and the claims ledger. Every weight comes from the catalog
 * ({@link dev.initlab.init.Catalog}) through Philox streams, so every number is reproducible from
 * the master seed. Each study writes CSV tables (via {@link dev.initlab.io.CsvTables}) that the
 * report turns into figures.
 */
package dev.initlab.experiment;
