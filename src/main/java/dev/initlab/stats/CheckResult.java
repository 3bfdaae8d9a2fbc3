package dev.initlab.stats;

import dev.initlab.io.MarkedNames;
import java.util.function.UnaryOperator;

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
 * @param verdict one line: what was measured and, on failure, which way it points; a hint that names a
 *     parameter ({@code wrong layout?}) keeps it {@linkplain MarkedNames marked}, so that a front end can spell it
 *     its own way ({@link #verdict(UnaryOperator)}); {@link #verdict()} shows the plain Java name
 */
public record CheckResult(String subject, String name, double statistic, double pValue, double alpha,
                          boolean passed, String verdict) {
    /** The verdict with parameters named by their Java names, e.g. {@code ...: wrong layout?}. */
    @Override
    public String verdict() {
        return MarkedNames.plain(verdict);
    }

    /** The verdict with each parameter name passed through {@code spelling} (the CLI's {@code wrong --layout?}). */
    public String verdict(UnaryOperator<String> spelling) {
        return MarkedNames.render(verdict, spelling);
    }
}
