package dev.initlab.stats;

import dev.initlab.io.MarkedNames;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;

/**
 * A family of checks and its outcome, with the family-wise error rate controlled by Holm's step-down
 * procedure (S. Holm, "A simple sequentially rejective multiple test procedure", Scandinavian
 * Journal of Statistics 6(2) 65-70, 1979): with the m statistical p-values sorted ascending,
 * p_(i) is rejected while p_(i) &lt;= alpha / (m - i + 1); the first one that is not stops the
 * procedure. Under the claim the probability that any statistical check fails is at most alpha,
 * whatever the dependence between the checks. Exact checks fail only when violated.
 */
public final class HolmFamily {
    private final List<CheckResult> results;
    private final double alpha;
    private final int statistical;
    private final int exact;
    private final List<String> notes;

    private HolmFamily(List<CheckResult> results, double alpha, int statistical, int exact, List<String> notes) {
        this.results = List.copyOf(results);
        this.alpha = alpha;
        this.statistical = statistical;
        this.exact = exact;
        this.notes = List.copyOf(notes);
    }

    /** Applies Holm at family-wise level {@code alpha} to {@code checks}; {@code notes} are printed with it. */
    public static HolmFamily of(List<Check> checks, double alpha, List<String> notes) {
        if (!(alpha > 0 && alpha < 1)) {
            throw new IllegalArgumentException("alpha must be in (0, 1), got " + alpha);
        }
        int m = 0;
        for (Check c : checks) {
            if (c.kind() == Check.Kind.STATISTICAL) {
                m++;
            }
        }
        Integer[] order = new Integer[checks.size()];
        for (int i = 0; i < order.length; i++) {
            order[i] = i;
        }
        Arrays.sort(order, Comparator.comparingDouble(i -> checks.get(i).pValue()));
        double[] level = new double[checks.size()];
        boolean[] rejected = new boolean[checks.size()];
        int rank = 0;
        boolean stopped = false;
        for (int idx : order) {
            Check c = checks.get(idx);
            if (c.kind() == Check.Kind.EXACT) {
                continue;
            }
            level[idx] = alpha / (m - rank);
            rank++;
            if (!stopped && c.pValue() <= level[idx]) {
                rejected[idx] = true;
            } else {
                stopped = true;
            }
        }
        List<CheckResult> out = new ArrayList<>();
        for (int i = 0; i < checks.size(); i++) {
            Check c = checks.get(i);
            boolean passed = c.kind() == Check.Kind.EXACT ? c.pValue() == 1 : !rejected[i];
            String verdict = passed ? "ok: " + c.detail()
                    : "FAIL: " + MarkedNames.unmarked(c.detail()) + (c.hint().isEmpty() ? "" : "; " + c.hintTemplate());
            out.add(new CheckResult(c.subject(), c.name(), c.statistic(), c.pValue(), level[i], passed, verdict));
        }
        return new HolmFamily(out, alpha, m, checks.size() - m, notes);
    }

    /** Every check, in the order they ran. */
    public List<CheckResult> results() {
        return results;
    }

    /** True when every check passed. */
    public boolean passed() {
        return results.stream().allMatch(CheckResult::passed);
    }

    /** The failed checks. */
    public List<CheckResult> failures() {
        return results.stream().filter(r -> !r.passed()).toList();
    }

    /** True when a check with this name failed. */
    public boolean failed(String checkName) {
        return results.stream().anyMatch(r -> !r.passed() && r.name().equals(checkName));
    }

    /** The family-wise level. */
    public double alpha() {
        return alpha;
    }

    /** Number of statistical checks in the family. */
    public int statisticalChecks() {
        return statistical;
    }

    /** Number of exact checks. */
    public int exactChecks() {
        return exact;
    }

    /** Notes about the run (subsampling, skipped checks). */
    public List<String> notes() {
        return notes;
    }

    /** E.g. {@code family-wise alpha 0.001 over 11 statistical checks (Holm) + 4 exact checks}. */
    public String summary() {
        return summary(alpha, statistical, exact);
    }

    static String summary(double alpha, int statistical, int exact) {
        return String.format(Locale.ROOT, "family-wise alpha %s over %d statistical checks (Holm) + %d exact checks",
                fmt(alpha), statistical, exact);
    }

    /** Three significant digits without trailing zeros: 0.001, 0.05, 1e-06. */
    static String fmt(double v) {
        if (v == 0) {
            return "0";
        }
        java.math.BigDecimal b = new java.math.BigDecimal(v).round(new java.math.MathContext(3)).stripTrailingZeros();
        if (Math.abs(v) >= 1e-4) {
            return b.toPlainString();
        }
        int e = b.precision() - b.scale() - 1;
        return b.movePointRight(-e).stripTrailingZeros().toPlainString() + "e" + e;
    }

    @Override
    public String toString() {
        StringBuilder sb = new StringBuilder();
        for (CheckResult r : results) {
            sb.append(String.format(Locale.ROOT, "  %-4s %-22s %s%n", r.passed() ? "ok" : "FAIL", r.name(),
                    r.verdict()));
        }
        sb.append(summary());
        return sb.toString();
    }
}
