package dev.initlab.report;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;

/**
 * Why a cell of an experiment CSV holds no number (NaN in the file): tables show a dash, and this
 * class says in words, under the table, what was not measured and why. The reasons are keyed by
 * column name; a column with no known reason gets a plain "not computed for that row".
 */
final class MissingValues {
    /** Column-name pattern (whole name, case-insensitive) -> reason. First match wins. */
    private static final Map<Pattern, String> REASONS = new LinkedHashMap<>();

    static {
        reason("epochsToTarget.*", "the run never reached the target held-out accuracy within the epochs trained "
                + "(the mean is over the runs that did)");
        reason("torch.*", "PyTorch's calculate_gain defines no gain for this activation");
        reason("train(Loss|Accuracy).*", "at epoch 0, before the first step, there is no training loss or accuracy "
                + "yet");
        reason("gradNorm", "at epoch 0 there is no gradient yet, and where the gradient norm overflowed float32 "
                + "(N(0,1) weights in deep ReLU nets) it has no finite value");
        reason("clippedFraction", "at epoch 0 nothing was clipped yet");
        reason("(initial|final)MaxPairwiseDifference.*", "depth 1 (softmax regression) has no hidden units to "
                + "compare");
        reason("scale", "the fit uses every scale at once");
        reason("saturatedFraction", "saturation (|h| > 0.9) is a property of tanh outputs, not of back-propagated "
                + "gradients");
        reason("finalLoss", "the run diverged (its loss stopped being a finite number)");
        reason("lo|hi|.*Lo|.*Hi", "no interval: the value is a single statistic of the seed means (such as a "
                + "maximum over layers), not an average over seeds");
    }

    private MissingValues() {
    }

    private static void reason(String pattern, String why) {
        REASONS.put(Pattern.compile(pattern, Pattern.CASE_INSENSITIVE), why);
    }

    /** Whether a cell holds NaN. */
    static boolean missing(String cell) {
        return cell != null && cell.trim().equalsIgnoreCase("nan");
    }

    /** The reason for a missing value in {@code column}. */
    static String reason(String column) {
        for (var e : REASONS.entrySet()) {
            if (e.getKey().matcher(column).matches()) {
                return e.getValue();
            }
        }
        return "not computed for that row";
    }

    /**
     * A sentence naming each column of {@code rows} that has missing values and why, or null when
     * none does.
     */
    static String note(List<String> columns, List<Map<String, String>> rows) {
        Map<String, List<String>> byReason = new LinkedHashMap<>();
        for (String c : columns) {
            long n = rows.stream().filter(r -> missing(r.get(c))).count();
            if (n > 0) {
                byReason.computeIfAbsent(reason(c), k -> new ArrayList<>()).add(c + " (" + n + ")");
            }
        }
        if (byReason.isEmpty()) {
            return null;
        }
        List<String> parts = new ArrayList<>();
        byReason.forEach((why, cols) -> parts.add(String.join(", ", cols) + ": " + why));
        return "A dash marks a value that was not measured. " + String.join("; ", parts) + ".";
    }
}
