/**
 * Experiments that reproduce (or refute) what the literature and popular articles claim about
 * initialization, one class per study: variance through depth, the 9-layer linear network, derived
 * gains, symmetry of constant initializations, MNIST accuracy per scheme, LSUV
 * ({@link dev.initlab.experiment.Lsuv}), and the claims ledger with its one verdict rule
 * ({@link dev.initlab.experiment.ClaimsLedger}). How a network is initialized is a
 * {@link dev.initlab.experiment.Scheme}; the networks, training and data live in
 * {@link dev.initlab.experiment.nn}; intervals and margin tests come from {@link dev.initlab.stats}.
 * Every weight comes from the catalog ({@link dev.initlab.init.Catalog}) through Philox streams, so
 * every number is reproducible from the master seed; every study runs all schemes on the same seeds
 * (a paired design) and compares them with paired intervals. Each study writes CSV tables (via
 * {@link dev.initlab.io.CsvTables}) that the report turns into figures.
 */
package dev.initlab.experiment;
