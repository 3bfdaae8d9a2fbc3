/**
 * Theoretical distributions as data: point mass, uniform, normal, truncated normal, mixtures
 * (sparse) and the entry law of a Haar-orthogonal matrix. Each exposes mean, variance, third and
 * fourth central moments, support bounds and the exact CDF, so one object drives generation
 * checks, property tests, {@code initlab verify} on foreign weights and the report.
 */
package dev.initlab.dist;
