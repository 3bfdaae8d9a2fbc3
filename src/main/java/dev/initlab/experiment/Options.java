package dev.initlab.experiment;

import dev.initlab.experiment.nn.Mnist;
import dev.initlab.init.ParameterException;
import dev.initlab.experiment.nn.RunStreams;

import java.nio.file.Path;

/**
 * Settings shared by every study.
 *
 * @param full publication-grade settings instead of the quick defaults
 * @param seeds seeds per configuration; 0 keeps the study's default for the mode
 * @param out directory for the CSV files
 * @param mnist MNIST directory (see {@link Mnist#load})
 * @param threads worker threads (0 = all processors)
 * @param masterSeed master seed; run seed k is {@code RunStreams.runSeed(masterSeed, k)}
 * @param progress where progress lines go
 */
public record Options(boolean full, int seeds, Path out, Path mnist, int threads, long masterSeed, Progress progress) {
    /** The master seed of the committed results (and of {@code initlab.seed}'s default). */
    public static final long DEFAULT_SEED = 20261123L;

    public Options {
        if (seeds < 0 || seeds == 1) {
            throw new ParameterException(ParameterException.name("seeds")
                    + " must be at least 2 (confidence intervals need two runs), got " + seeds);
        }
        if (seeds > 1000) {
            throw new ParameterException(ParameterException.name("seeds") + " must be at most 1000, got " + seeds);
        }
        threads = Parallel.threads(threads);
        if (progress == null) {
            progress = Progress.silent();
        }
    }

    /** Seeds for a study whose default is {@code quick} / {@code fullDefault}. */
    public int seedsOr(int quick, int fullDefault) {
        return seeds > 0 ? seeds : full ? fullDefault : quick;
    }

    /**
     * A study's settings for this mode: {@code full.apply(k)} with {@code --full}, else {@code quick.apply(k)}, where
     * k is {@link #seedsOr seedsOr(quickSeeds, fullSeeds)}.
     */
    public <S> S settings(int quickSeeds, int fullSeeds, java.util.function.IntFunction<S> quick,
                          java.util.function.IntFunction<S> full) {
        int k = seedsOr(quickSeeds, fullSeeds);
        return this.full ? full.apply(k) : quick.apply(k);
    }

    /** The same options with {@code k} seeds per configuration (0 = the study's default). */
    public Options withSeeds(int k) {
        return new Options(full, k, out, mnist, threads, masterSeed, progress);
    }

    /** Quick settings, default seed, silent, writing to {@code out}. */
    public static Options quick(Path out, Path mnist) {
        return new Options(false, 0, out, mnist, 0, DEFAULT_SEED, Progress.silent());
    }
}
