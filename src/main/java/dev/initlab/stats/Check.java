package dev.initlab.stats;

import dev.initlab.io.MarkedNames;

/**
 * The raw outcome of one check, before the family-wise error rate is applied.
 *
 * <p>An {@link Kind#EXACT exact} check is a property that correct output always has (finite
 * values, support, exact structure): it cannot raise a false alarm, its p-value is 1 (holds) or 0
 * (violated), and it is not counted in the multiplicity correction. A
 * {@link Kind#STATISTICAL statistical} check has a p-value that is uniform (or conservative) under
 * the claim.
 *
 * @param subject what was checked (a tensor name, or a pair of names)
 * @param name short check name, e.g. {@code variance}
 * @param kind exact or statistical
 * @param statistic the test statistic (its meaning is in {@code detail})
 * @param pValue p-value under the claim
 * @param detail one line: what was measured, e.g. {@code variance 0.00102 = 1.001x claimed (z=+0.41)}
 * @param hint where a failure points, e.g. {@code looks like 1/(fan_in+fan_out)}; empty when unknown. A parameter
 *     it names ({@code wrong layout?}) is {@linkplain MarkedNames marked}: {@link #hint()} shows it plain,
 *     {@link #hintTemplate()} keeps the mark for the verdict of {@link CheckResult}
 */
public record Check(String subject, String name, Kind kind, double statistic, double pValue, String detail,
                    String hint) {
    /** Exact property or statistical test. */
    public enum Kind { EXACT, STATISTICAL }

    public Check {
        if (Double.isNaN(pValue)) {
            throw new IllegalArgumentException("check " + name + " has a NaN p-value");
        }
        pValue = Math.max(0, Math.min(1, pValue));
        hint = hint == null ? "" : hint;
    }

    /** An exact check that holds or not. */
    public static Check exact(String subject, String name, boolean holds, double statistic, String detail,
                              String hint) {
        return new Check(subject, name, Kind.EXACT, statistic, holds ? 1 : 0, detail, hint);
    }

    /** A statistical check. */
    public static Check test(String subject, String name, double statistic, double pValue, String detail,
                             String hint) {
        return new Check(subject, name, Kind.STATISTICAL, statistic, pValue, detail, hint);
    }

    /** The hint with parameter names plain. */
    @Override
    public String hint() {
        return MarkedNames.plain(hint);
    }

    /** The hint with parameter names {@linkplain MarkedNames marked}. */
    public String hintTemplate() {
        return hint;
    }

    /** Same check about another subject. */
    public Check withSubject(String s) {
        return new Check(s, name, kind, statistic, pValue, detail, hint);
    }

    /** Same check with a hint (replacing any earlier one). */
    public Check withHint(String h) {
        return new Check(subject, name, kind, statistic, pValue, detail, h);
    }
}
