package dev.initlab.experiment;

import dev.initlab.experiment.nn.MnistTest;
import dev.initlab.experiment.nn.Mlp;
import dev.initlab.experiment.nn.MatOps;
import dev.initlab.experiment.nn.Activation;
import dev.initlab.experiment.nn.Mnist;
import dev.initlab.experiment.nn.RunStreams;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;

/** LSUV (Mishkin and Matas 2016): unit variance per layer on the batch, and the study's comparison table. */
class LsuvTest {
    private static float[] normals(long seed, int n) {
        float[] x = new float[n];
        RunStreams.normals(seed, RunStreams.INPUT_STREAM, x);
        return x;
    }

    @Test
    void everyLayerEndsWithUnitVarianceOnTheBatch() {
        int[] w = new int[21];
        java.util.Arrays.fill(w, 64);
        for (Activation f : List.of(Activation.RELU, Activation.TANH, Activation.SELU)) {
            Mlp net = Mlp.deep(f, w);
            float[] batch = normals(1, 128 * 64);
            List<Lsuv.LayerReport> rep = Lsuv.of().normalize(net, 3, batch, 128);
            assertEquals(20, rep.size());
            for (Lsuv.LayerReport r : rep) {
                assertTrue(r.converged() && Math.abs(r.varianceAfter() - 1) < 0.1, f + " layer " + r.layer() + ": " + r);
                assertTrue(r.rescalings() <= 2, "pre-activation output is linear in W: one rescaling suffices");
            }
            // a fresh batch from the same distribution sees roughly unit variance at the top too
            Mlp.Workspace ws = net.workspace(128);
            net.forward(normals(2, 128 * 64), 128, ws);
            double top = MatOps.variance(ws.preActivation(19), 128 * 64);
            assertTrue(top > 0.5 && top < 2, f + " fresh-batch variance at layer 20: " + top);
            // negative control: the orthogonal start alone (same seed, no rescaling) loses the variance with ReLU
            if (f == Activation.RELU) {
                Mlp plain = Mlp.deep(f, w);
                Scheme.parse("orthogonal").initialize(plain, 3, null, 0);
                plain.forward(batch, 128, ws);
                double v = MatOps.variance(ws.preActivation(19), 128 * 64);
                assertTrue(v < 1e-4, "orthogonal + ReLU at layer 20: " + v);
            }
        }
        Mlp post = Mlp.deep(Activation.RELU, w);
        for (Lsuv.LayerReport r : Lsuv.of(0.05, 10, true).normalize(post, 3, normals(1, 128 * 64), 128)) {
            assertTrue(r.converged(), "post-activation variant converges: " + r);
        }
        assertThrows(IllegalArgumentException.class, () -> Lsuv.of().normalize(Mlp.deep(Activation.RELU, 4, 4), 1, null, 0));
        assertThrows(IllegalArgumentException.class, () -> Lsuv.of(0, 10, false));
    }

    @Test
    void comparisonReusesDepthAndMnistResults() {
        Path dir = MnistTest.mnistDir();
        assumeTrue(Files.isDirectory(dir), "MNIST not found");
        Mnist.Split all = Mnist.load(dir);
        Mnist.Split small = new Mnist.Split(all.train().head(400), all.test().head(200), "subset");
        Options o = new Options(false, 0, Path.of("x"), dir, 0, 11, null);
        List<Scheme> inits = Scheme.parseList(String.join(",", LsuvExperiment.COMPARED));
        DepthExperiment.Result d = DepthExperiment.run(new DepthExperiment.Settings(List.of(
                new DepthExperiment.Grid(32, 8, 16, inits, List.of(Activation.RELU))), 2), o);
        MnistExperiment.Result m = MnistExperiment.run(new MnistExperiment.Settings(16, List.of(
                new MnistExperiment.Arm(List.of(3), inits, List.of(Activation.RELU), 0)), 2, MnistExperiment.defaultTraining(1)), o, small);
        LsuvExperiment.Result r = LsuvExperiment.run(new LsuvExperiment.Settings(2), o, small, d, m);
        assertTrue(r.layers().stream().allMatch(LsuvExperiment.LayerRow::converged));
        assertEquals(2 * (3 + 8), r.layers().size(), "2 seeds x (3 MNIST layers + 8 probe layers, relu)");
        assertEquals(4 * 2 + 4 + 3, r.compare().size(), "4 schemes x 2 depth rows, 4 accuracies, 3 differences");
        assertTrue(r.compare().stream().anyMatch(c -> c.metric().startsWith("accuracy of lsuv minus") && !Double.isNaN(c.lo())));
    }
}
