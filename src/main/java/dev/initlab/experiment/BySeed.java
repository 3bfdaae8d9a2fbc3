package dev.initlab.experiment;

import java.util.Arrays;
import java.util.List;
import java.util.function.ToDoubleFunction;
import java.util.function.ToIntFunction;

/** Per-seed arrays of one quantity, so that two schemes run on the same seeds pair index by index. */
final class BySeed {
    private BySeed() {
    }

    /**
     * {@code value(row)} at index {@code seed(row)} for each row, NaN for seeds without a row; empty
     * when there are no rows at all (the configuration did not run).
     */
    static <R> double[] values(List<R> rows, int seeds, ToIntFunction<R> seed, ToDoubleFunction<R> value) {
        if (rows.isEmpty()) {
            return new double[0];
        }
        int n = Math.max(seeds, rows.stream().mapToInt(seed).max().orElse(0) + 1);
        double[] out = new double[n];
        Arrays.fill(out, Double.NaN);
        for (R r : rows) {
            out[seed.applyAsInt(r)] = value.applyAsDouble(r);
        }
        return out;
    }
}
