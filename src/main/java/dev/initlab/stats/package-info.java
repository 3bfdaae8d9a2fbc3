/**
 * Statistical verification: the battery that checks a tensor against the exact law its scheme
 * claims (exact properties, moment tests, Kolmogorov-Smirnov, Anderson-Darling, tails,
 * dependence, orthogonality and Haar checks, stream independence) with the family-wise error rate
 * controlled by Holm's procedure; the diagnosis that says which way a failure points; the catalog
 * of deliberately wrong samplers (negative controls) with their analytic power; the null
 * calibration behind {@code initlab calibrate} (per-scenario keys, exact binomial verdicts per
 * cell, {@link dev.initlab.stats.Calibration}); and each check's minimum detectable effect against
 * n ({@link dev.initlab.stats.Detectable}), which {@code verify} states for the tensor at hand; and {@link dev.initlab.stats.CheckpointVerifier}, which
 * checks a whole checkpoint against an init spec ({@code dev.initlab.model}) as one Holm family.
 * Verification as a call for Java callers: {@link dev.initlab.stats.Verification} (one tensor) and
 * {@link dev.initlab.stats.VerificationFamily} (several tensors, one family) return a
 * {@link dev.initlab.stats.VerificationResult}; {@link dev.initlab.stats.HolmFamily} is Holm's procedure
 * over a family of checks.
 */
package dev.initlab.stats;
