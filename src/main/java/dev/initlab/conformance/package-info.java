/**
 * Framework conformance: do real frameworks' initializers draw from the law their documentation
 * states? Owns the fixture manifests that the generator scripts under {@code conformance/} write
 * (one directory per framework, each tensor an {@code .npy} file and a row of
 * {@code manifest.csv} saying what was called and what its documentation claims), the study that
 * verifies every dump with the {@link dev.initlab.stats.Battery} under one Holm family per
 * framework, the fans-across-frameworks table measured from the dumps, and the deviations that the
 * claims ledger reports.
 */
package dev.initlab.conformance;
