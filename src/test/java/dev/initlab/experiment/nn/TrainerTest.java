package dev.initlab.experiment.nn;

import dev.initlab.experiment.Scheme;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.nio.file.Files;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** Training on a small real subset: it learns, it is deterministic, clipping and divergence are reported. */
class TrainerTest {
    static Mnist.Split small;

    @BeforeAll
    static void load() {
        assumeTrue(Files.isDirectory(MnistTest.mnistDir()), "MNIST not found");
        Mnist.Split s = Mnist.load(MnistTest.mnistDir());
        small = new Mnist.Split(s.train().head(1500), s.test().head(500), "first 1500/500 of " + s.source());
    }

    private static Trainer.Result run(String scheme, double lr, double clip, long seed) {
        Mlp net = Mlp.classifier(Activation.RELU, 784, 64, 64, 10);
        Scheme.parse(scheme).initialize(net, seed, small.train().x(), 128);
        return Trainer.train(net, small, new Trainer.Config(2, 50, lr, 0.9, clip, 2, 0.8), seed, null);
    }

    @Test
    void heInitializedReluNetworkLearnsAndRunsAreReproducible() {
        Trainer.Result a = run("kaiming_normal", 0.02, 0, 1);
        System.out.printf("1500-example subset, 784-64-64-10 relu, 2 epochs: held-out accuracy %.4f%n", a.finalTestAccuracy());
        assertTrue(a.finalTestAccuracy() > 0.80, "accuracy " + a.finalTestAccuracy());
        assertEquals(5, a.curve().size(), "one point before training and two per epoch");
        assertTrue(a.epochsToTarget() > 0 && a.epochsToTarget() <= 2);
        Trainer.Result b = run("kaiming_normal", 0.02, 0, 1);
        assertEquals(a.curve(), b.curve(), "same seed, same curve, bit for bit");
        Trainer.Result c = run("kaiming_normal", 0.02, 0, 2);
        assertTrue(c.finalTestAccuracy() != a.finalTestAccuracy() || !c.curve().equals(a.curve()));
    }

    @Test
    void hugeStepsDivergeAndClippingIsCounted() {
        Trainer.Result d = run("normal:std=1", 1.0, 0, 3);
        assertTrue(d.diverged(), "lr 1 on N(0,1) weights must blow up");
        Trainer.Result c = run("kaiming_normal", 0.02, 0.5, 3);
        assertTrue(c.curve().get(1).clippedFraction() > 0, "a 0.5 norm limit clips some steps");
        assertTrue(!c.diverged());
    }
}
