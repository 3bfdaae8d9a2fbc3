package dev.initlab.stats;

/**
 * One row of a report: a check after the family-wise correction.
 *
 * @param subject the tensor (or pair of tensors) checked
 * @param name the check name
 * @param statistic the test statistic
 * @param pValue its p-value under the claim (0 or 1 for exact checks)
 * @param alpha the level it was compared with (its Holm threshold; 0 for exact checks, which
 *     never raise false alarms)
 * @param passed whether the claim survived this check
 * @param verdict one line: what was measured and, on failure, which way it points
 */
public record CheckResult(String subject, String name, double statistic, double pValue, double alpha,
                          boolean passed, String verdict) {
}
