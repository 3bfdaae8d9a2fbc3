package dev.initlab.experiment;

import dev.initlab.experiment.nn.Mnist;

/**
 * A training set of exactly {@code steps * batch} rows, so that one {@link dev.initlab.experiment.nn.Trainer}
 * epoch is exactly {@code steps} SGD steps: the first {@code steps * batch} digits of {@code train},
 * cycling from the start when there are fewer (the trainer reshuffles the whole set once).
 */
final class StepBudget {
    private StepBudget() {
    }

    static Mnist.Dataset rows(Mnist.Dataset train, int steps, int batch) {
        int[] idx = new int[Math.multiplyExact(steps, batch)];
        for (int i = 0; i < idx.length; i++) {
            idx[i] = i % train.n();
        }
        return train.subset(idx);
    }
}
