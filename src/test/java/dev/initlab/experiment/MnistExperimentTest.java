package dev.initlab.experiment;

import dev.initlab.experiment.nn.MnistTest;
import dev.initlab.experiment.nn.Mlp;
import dev.initlab.experiment.nn.Trainer;
import dev.initlab.experiment.nn.Activation;
import dev.initlab.experiment.nn.Mnist;
import dev.initlab.experiment.nn.RunStreams;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** Experiment 4: the headline number of the default design, and the summaries on a tiny design. */
class MnistExperimentTest {
    static Mnist.Split data;

    @BeforeAll
    static void load() {
        assumeTrue(Files.isDirectory(MnistTest.mnistDir()), "MNIST not found");
        data = Mnist.load(MnistTest.mnistDir());
    }

    @Test
    void heReluThreeLayersReachesNinetyThreePercentWithTheDefaultSettings() {
        MnistExperiment.Settings s = MnistExperiment.Settings.quick(5);
        long seed = RunStreams.runSeed(Long.getLong("initlab.seed", Options.DEFAULT_SEED), 0);
        Mlp net = MnistExperiment.network(s, 3, Activation.RELU, 784);
        Scheme.parse("kaiming_normal").initialize(net, seed, null, 0);
        Trainer.Result r = Trainer.train(net, data, s.train(), seed, null);
        System.out.printf("He + ReLU, 784-128-128-10, %d epochs, seed index 0: held-out accuracy %.4f%n",
                s.train().epochs(), r.finalTestAccuracy());
        assertTrue(r.finalTestAccuracy() >= MnistExperiment.HE_RELU_TARGET, "accuracy " + r.finalTestAccuracy());
    }

    @Test
    void summariesChecksAndPairedSeedsOnATinyDesign() {
        Mnist.Split small = new Mnist.Split(data.train().head(600), data.test().head(300), "subset");
        MnistExperiment.Settings s = new MnistExperiment.Settings(16, List.of(
                new MnistExperiment.Arm(List.of(3), Scheme.parseList("kaiming_normal,normal:std=1"), List.of(Activation.RELU), 0),
                new MnistExperiment.Arm(List.of(3), Scheme.parseList("normal:std=1"), List.of(Activation.RELU), 1.0)),
                3, MnistExperiment.defaultTraining(1));
        MnistExperiment.Result r = MnistExperiment.run(s, new Options(false, 0, Path.of("x"), Path.of("x"), 2, 7, null), small);
        assertEquals(9, r.runs().size());
        assertEquals(3, r.summary().size());
        MnistExperiment.MnistSummaryRow he = r.row(3, "kaiming_normal", Activation.RELU, 0);
        assertEquals(3, he.seeds());
        assertTrue(he.finalTestAccuracyLo() <= he.finalTestAccuracyMean() && he.finalTestAccuracyMean() <= he.finalTestAccuracyHi());
        assertEquals(1, r.checks().size(), "the He + ReLU 3-layer check is reported");
        assertEquals(3 * 3, r.curves().stream().filter(c -> c.epoch() == 0).count(), "a point before training per run");
        // the same design with one thread gives the same numbers (tasks are independent and deterministic)
        MnistExperiment.Result again = MnistExperiment.run(s, new Options(false, 0, Path.of("x"), Path.of("x"), 1, 7, null), small);
        assertEquals(r.runs().stream().map(MnistExperiment.RunRow::finalAccuracy).toList(),
                again.runs().stream().map(MnistExperiment.RunRow::finalAccuracy).toList());
    }
}
