package dev.initlab.experiment;

import static org.junit.jupiter.api.Assumptions.assumeTrue;

import dev.initlab.experiment.nn.Mnist;
import dev.initlab.experiment.nn.MnistTest;
import java.nio.file.Files;
import java.nio.file.Path;

/** What the study tests share: the master seed (printed for replay), quick options, a head of MNIST. */
final class StudyFixtures {
    private StudyFixtures() {
    }

    /** {@code -Dinitlab.seed}, else the committed results' master seed; printed as "{@code test} master seed N". */
    static long masterSeed(String test) {
        long seed = Long.getLong("initlab.seed", Options.DEFAULT_SEED);
        System.out.println(test + " master seed " + seed);
        return seed;
    }

    /** Quick options with master seed {@code seed}: all processors, silent, nothing written. */
    static Options options(long seed) {
        return new Options(false, 0, Path.of("x"), Path.of("x"), 0, seed, null);
    }

    /** MNIST, or the test is skipped (an assumption) when the data set is not there. */
    static Mnist.Split mnist() {
        assumeTrue(Files.isDirectory(MnistTest.mnistDir()), "MNIST not found");
        return Mnist.load(MnistTest.mnistDir());
    }

    /** The first {@code train} training and {@code test} held-out digits of {@link #mnist()}. */
    static Mnist.Split mnistHead(int train, int test) {
        Mnist.Split all = mnist();
        return new Mnist.Split(all.train().head(train), all.test().head(test), "subset");
    }
}
