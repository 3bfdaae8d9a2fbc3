package dev.initlab.stats;

import java.util.List;

/**
 * What a verification found: every check (statistic, p-value, the Holm threshold it was compared with,
 * verdict), the family it was judged in, the claims checked and the notes (subsampling, skipped checks,
 * what a pass could not have seen at this size).
 *
 * @param passed whether every check passed
 * @param alpha the family-wise false-alarm rate: under the claim, the probability that any statistical
 *     check fails is at most alpha (Holm's procedure)
 * @param familySize the number of statistical checks in the Holm family
 * @param exactChecks the number of exact checks (finite, support, structure), which fail only when violated
 * @param checks every check, in the order it ran
 * @param claims one line per tensor: what it was checked against
 * @param notes notes about the run
 */
public record VerificationResult(boolean passed, double alpha, int familySize, int exactChecks,
                                 List<CheckResult> checks, List<String> claims, List<String> notes) {
    public VerificationResult {
        checks = List.copyOf(checks);
        claims = List.copyOf(claims);
        notes = List.copyOf(notes);
    }

    static VerificationResult of(HolmFamily family, List<String> claims) {
        return new VerificationResult(family.passed(), family.alpha(), family.statisticalChecks(),
                family.exactChecks(), family.results(), claims, family.notes());
    }

    /** The failed checks. */
    public List<CheckResult> failures() {
        return checks.stream().filter(r -> !r.passed()).toList();
    }

    /** {@code PASS}, or {@code FAIL: k of n checks failed}. */
    public String verdict() {
        int failed = failures().size();
        return failed == 0 ? "PASS" : "FAIL: " + failed + " of " + checks.size() + " checks failed";
    }

    /** E.g. {@code family-wise alpha 0.001 over 11 statistical checks (Holm) + 4 exact checks}. */
    public String summary() {
        return HolmFamily.summary(alpha, familySize, exactChecks);
    }
}
