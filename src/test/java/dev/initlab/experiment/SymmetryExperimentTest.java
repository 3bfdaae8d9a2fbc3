package dev.initlab.experiment;

import dev.initlab.experiment.nn.Mlp;
import dev.initlab.experiment.nn.Activation;
import dev.initlab.experiment.nn.Mnist;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Experiment 3 on a small MNIST subset (1,500 training, 500 held-out digits, width 32, 1 epoch):
 * constant initializations keep hidden units exactly equal; zero init learns nothing beyond the
 * majority class once there is a hidden layer; He (the control) learns; zero-init softmax
 * regression (no hidden layer) learns.
 */
class SymmetryExperimentTest {
    static SymmetryExperiment.Result r;
    static double trivial;
    static Mnist.Split small;
    static SymmetryExperiment.Settings settings;
    static Options options;

    @BeforeAll
    static void run() {
        small = StudyFixtures.mnistHead(1500, 500);
        trivial = small.trivialAccuracy();
        long seed = Long.getLong("initlab.seed", Options.DEFAULT_SEED);
        System.out.printf("SymmetryExperimentTest master seed %d, majority-class accuracy %.4f%n", seed, trivial);
        SymmetryExperiment.Settings s = new SymmetryExperiment.Settings(List.of(1, 2, 3), 32,
                Scheme.parseList("zeros,constant:value=0.05,uniform,kaiming_normal"), List.of(Activation.RELU), 2,
                MnistExperiment.defaultTraining(1), 5);
        settings = s;
        options = StudyFixtures.options(seed);
        r = SymmetryExperiment.run(s, options, small);
        r.summary().forEach(x -> System.out.printf("  %s depth %d: accuracy %.4f, final max pairwise difference %.3g%n",
                x.init(), x.depth(), x.accuracyMean(), x.finalMaxPairwiseDifferenceMax()));
    }

    @Test
    void keptRunsEqualRecomputedOnesAndOnlyMissingSeedsRun() {
        // seed 0 of every configuration from an earlier 1-seed table (the first seed of r), seed 1 computed
        List<SymmetryExperiment.SymmetryRunRow> seed0 = r.runs().stream().filter(x -> x.seed() == 0).toList();
        List<SymmetryExperiment.TraceRow> trace0 = r.trace().stream().filter(x -> x.seed() == 0).toList();
        SymmetryExperiment.Result kept = SymmetryExperiment.run(settings, options, small,
                new SymmetryExperiment.Prior(seed0, trace0));
        assertEquals(r.runs(), kept.runs(), "a kept run is the run a fresh invocation computes");
        assertEquals(r.trace(), kept.trace());
        assertEquals(r.summary(), kept.summary());
        // a table written with another number of epochs is refused
        SymmetryExperiment.Settings twoEpochs = new SymmetryExperiment.Settings(settings.depths(), settings.width(),
                settings.inits(), settings.activations(), 2, MnistExperiment.defaultTraining(2), settings.probeEvery());
        IllegalArgumentException e = org.junit.jupiter.api.Assertions.assertThrows(IllegalArgumentException.class,
                () -> SymmetryExperiment.run(twoEpochs, options, small, new SymmetryExperiment.Prior(seed0, trace0)));
        assertTrue(e.getMessage().contains("written with other settings"), e.getMessage());
    }

    @Test
    void constantInitializationsKeepHiddenUnitsExactlyEqual() {
        for (SymmetryExperiment.TraceRow t : r.trace()) {
            if (t.init().equals("zeros") || t.init().startsWith("constant")) {
                assertEquals(0.0, t.maxPairwiseDifference(), t.init() + " depth " + t.depth() + " step " + t.step());
                assertEquals(1, t.distinctUnits());
            } else if (t.init().equals("kaiming_normal")) {
                assertEquals(32, t.distinctUnits());
            }
        }
        assertTrue(r.trace().stream().filter(t -> t.init().startsWith("constant")).count() >= 10, "measured during training");
        for (String init : List.of("kaiming_normal", "uniform")) {
            for (int d : new int[] {2, 3}) {
                SymmetryExperiment.SymmetrySummaryRow row = r.row(init, Activation.RELU, d);
                assertTrue(row.finalMaxPairwiseDifferenceMin() > 0, init + " breaks symmetry");
                assertFalse(row.symmetryStaysExact());
            }
        }
        assertTrue(r.row("constant:value=0.05", Activation.RELU, 3).symmetryStaysExact());
    }

    @Test
    void zeroInitDoesNotLearnBeyondTheTrivialClassifierOnceThereIsAHiddenLayer() {
        for (int d : new int[] {2, 3}) {
            for (double acc : r.accuracies("zeros", Activation.RELU, d)) {
                assertTrue(acc <= trivial + 0.02, "zero init, depth " + d + ": accuracy " + acc + " vs trivial " + trivial);
            }
            assertFalse(r.row("zeros", Activation.RELU, d).learnsBeyondTrivial());
            // power: the random control on the same data, steps and seeds does learn
            for (double acc : r.accuracies("kaiming_normal", Activation.RELU, d)) {
                assertTrue(acc > 0.7, "He, depth " + d + ": accuracy " + acc);
            }
            assertTrue(r.row("kaiming_normal", Activation.RELU, d).learnsBeyondTrivial());
        }
        // no hidden layer: zero-initialized softmax regression learns
        for (double acc : r.accuracies("zeros", Activation.RELU, 1)) {
            assertTrue(acc > 0.7, "zero-init softmax regression: accuracy " + acc);
        }
    }

    @Test
    void pairwiseDifferenceIsTheLargestCoordinateRange() {
        Mlp net = Mlp.classifier(Activation.RELU, 2, 3, 2);
        net.weight(0)[0] = 1f;    // unit 0 input 0
        net.weight(0)[4] = -2f;   // unit 2 input 0
        net.bias(0)[1] = 0.5f;
        net.weight(1)[2] = 4f;    // output 0 from unit 2
        net.syncAll();
        assertEquals(4.0, SymmetryExperiment.maxPairwiseDifference(net, 1), 0);
        net.weight(1)[2] = 0f;
        assertEquals(3.0, SymmetryExperiment.maxPairwiseDifference(net, 1), 0);
        assertEquals(3, SymmetryExperiment.distinctUnits(net, 1));
        net.weight(0)[0] = 0f;
        net.weight(0)[4] = 0f;
        assertEquals(2, SymmetryExperiment.distinctUnits(net, 1), "units 0 and 2 now equal, unit 1 has a bias");
        net.weight(0)[0] = Float.NaN;
        assertTrue(Double.isNaN(SymmetryExperiment.maxPairwiseDifference(net, 1)));
    }
}
