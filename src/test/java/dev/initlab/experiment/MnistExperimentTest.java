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
        // the committed table holds this very run (quick settings, default master seed): bit-for-bit the same,
        // which is what lets --reuse keep committed runs and compute only the missing seeds
        Path committed = Path.of("reports/experiments/mnist_runs.csv");
        // committed tables made by an earlier generator version cannot be reproduced, and --reuse refuses them
        boolean sameGenerator = Experiments.writtenVersion(committed.getParent(), "mnist")
                == dev.initlab.random.PhiloxStream.GENERATOR_VERSION;
        if (!sameGenerator) {
            Experiments.Context ctx = new Experiments.Context(new Options(false, 0, committed.getParent(), Path.of("x"), 1,
                    Options.DEFAULT_SEED, null));
            org.junit.jupiter.api.Assertions.assertThrows(dev.initlab.init.ParameterException.class,
                    () -> ctx.keepWrittenRuns("mnist"), "--reuse must refuse runs of another generator version");
        }
        if (sameGenerator && Files.isRegularFile(committed) && Long.getLong("initlab.seed", Options.DEFAULT_SEED) == Options.DEFAULT_SEED
                && data.train().n() == 8000) {
            MnistExperiment.MnistRunRow row = dev.initlab.io.CsvTables.read(committed, MnistExperiment.MnistRunRow.class).stream()
                    .filter(x -> x.depth() == 3 && x.init().equals("kaiming_normal") && x.activation().equals("relu")
                            && x.clip() == 0 && x.seed() == 0).findFirst().orElseThrow();
            assertEquals(row.finalAccuracy(), r.finalTestAccuracy(), 0.0, "committed run reproduced");
            assertEquals(row.finalLoss(), r.finalTestLoss(), 0.0, "committed run reproduced");
        }
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
        assertEquals(r.runs().stream().map(MnistExperiment.MnistRunRow::finalAccuracy).toList(),
                again.runs().stream().map(MnistExperiment.MnistRunRow::finalAccuracy).toList());
        // --reuse: keep the runs of an earlier 2-seed table, compute seed 2 only; the tables equal a fresh 3-seed run's
        MnistExperiment.Settings two = new MnistExperiment.Settings(s.width(), s.arms(), 2, s.train());
        MnistExperiment.Result r2 = MnistExperiment.run(two, new Options(false, 0, Path.of("x"), Path.of("x"), 2, 7, null), small);
        MnistExperiment.Result kept = MnistExperiment.run(s, new Options(false, 0, Path.of("x"), Path.of("x"), 2, 7, null), small,
                new MnistExperiment.Prior(r2.runs(), r2.curves()));
        assertEquals(r.curves(), kept.curves());
        assertEquals(withoutTimes(r.runs()), withoutTimes(kept.runs()));
        assertEquals(r2.runs(), kept.runs().stream().filter(x -> x.seed() < 2).toList(), "seeds 0-1 kept as written");
        MnistExperiment.Settings twoEpochs = new MnistExperiment.Settings(s.width(), s.arms(), 3, MnistExperiment.defaultTraining(2));
        IllegalArgumentException e = org.junit.jupiter.api.Assertions.assertThrows(IllegalArgumentException.class,
                () -> MnistExperiment.run(twoEpochs, new Options(false, 0, Path.of("x"), Path.of("x"), 2, 7, null), small,
                        new MnistExperiment.Prior(r2.runs(), r2.curves())));
        assertTrue(e.getMessage().contains("written with other settings"), e.getMessage());
    }

    private static List<MnistExperiment.MnistRunRow> withoutTimes(List<MnistExperiment.MnistRunRow> runs) {
        return runs.stream().map(x -> new MnistExperiment.MnistRunRow(x.depth(), x.init(), x.activation(), x.clip(), x.seed(),
                x.finalAccuracy(), x.finalLoss(), x.epochsToTarget(), x.diverged(), 0)).toList();
    }
}
