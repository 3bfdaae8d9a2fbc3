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
        assertTrue(r.layers().stream().allMatch(LsuvExperiment.LsuvLayerRow::converged));
        assertEquals(2 * (3 + 8), r.layers().size(), "2 seeds x (3 MNIST layers + 8 probe layers, relu)");
        assertEquals(4 * 2 + 4 + 3, r.compare().size(), "4 schemes x 2 depth rows, 4 accuracies, 3 differences");
        assertTrue(r.compare().stream().anyMatch(c -> c.metric().startsWith("accuracy of lsuv minus") && !Double.isNaN(c.lo())));
        assertTrue(r.deepRuns().isEmpty() && r.deepCurves().isEmpty(), "no thin deep arm in these settings");
    }

    @Test
    void thinDeepArmPairsTheSchemesSeedBySeed() {
        Path dir = MnistTest.mnistDir();
        assumeTrue(Files.isDirectory(dir), "MNIST not found");
        Mnist.Split all = Mnist.load(dir);
        Mnist.Split small = new Mnist.Split(all.train().head(400), all.test().head(200), "subset");
        LsuvExperiment.Deep d = new LsuvExperiment.Deep(List.of(6), 8, 20, List.of(Activation.RELU));
        List<LsuvExperiment.DeepRunRow> runs = new java.util.ArrayList<>();
        List<LsuvExperiment.DeepCurveRow> curves = LsuvExperiment.runDeep(d, 2,
                new Options(false, 0, Path.of("x"), dir, 2, 11, null), small, runs);
        assertEquals(4 * 2, runs.size(), "4 schemes x 2 seeds");
        assertEquals(4 * 2 * 11, curves.size(), "4 schemes x 2 seeds x (before training + 10 evaluations)");
        LsuvExperiment.Result res = new LsuvExperiment.Result(List.of(), List.of(), runs, curves);
        assertEquals(4 * 11, res.curveSummary().size());
        assertTrue(res.curveSummary().stream().allMatch(c -> c.seeds() == 2));
        // kept runs: seed 0 from an earlier table, seed 1 computed, the same tables as a fresh run
        List<LsuvExperiment.DeepRunRow> keptRuns = new java.util.ArrayList<>();
        List<LsuvExperiment.DeepCurveRow> keptCurves = LsuvExperiment.runDeep(d, 2,
                new Options(false, 0, Path.of("x"), dir, 2, 11, null), small, keptRuns, new LsuvExperiment.DeepPrior(
                        runs.stream().filter(x -> x.seed() == 0).toList(), curves.stream().filter(x -> x.seed() == 0).toList()));
        assertEquals(curves, keptCurves);
        assertEquals(runs.stream().map(LsuvExperiment.DeepRunRow::finalLoss).toList(),
                keptRuns.stream().map(LsuvExperiment.DeepRunRow::finalLoss).toList());
        assertTrue(runs.stream().allMatch(x -> x.finalAccuracy() >= 0 && x.finalAccuracy() <= 1 && !x.diverged()), runs.toString());
        // one thread gives the same runs (independent, deterministic tasks)
        List<LsuvExperiment.DeepRunRow> again = new java.util.ArrayList<>();
        LsuvExperiment.runDeep(d, 2, new Options(false, 0, Path.of("x"), dir, 1, 11, null), small, again);
        assertEquals(runs.stream().map(LsuvExperiment.DeepRunRow::finalLoss).toList(),
                again.stream().map(LsuvExperiment.DeepRunRow::finalLoss).toList());
        List<LsuvExperiment.CompareRow> cmp = LsuvExperiment.compareDeep(d, 2, runs);
        assertEquals(2 * (4 + 3), cmp.size(), "early and final: 4 accuracies and 3 paired differences");
        LsuvExperiment.CompareRow diff = cmp.stream().filter(c -> c.init().equals("orthogonal")
                && c.metric().equals("final held-out accuracy, lsuv minus this scheme (paired over seeds)")).findFirst().orElseThrow();
        double[] l = runs.stream().filter(x -> x.init().equals("lsuv")).mapToDouble(LsuvExperiment.DeepRunRow::finalAccuracy).toArray();
        double[] o = runs.stream().filter(x -> x.init().equals("orthogonal")).mapToDouble(LsuvExperiment.DeepRunRow::finalAccuracy).toArray();
        assertEquals((l[0] - o[0] + l[1] - o[1]) / 2, diff.value(), 1e-12, "the paired difference is the mean of per-seed differences");
        String p = new LsuvExperiment.Settings(2, d).protocol();
        assertTrue(p.contains("[6] weight layers") && p.contains("20 steps") && p.contains("What differs from the paper"), p);
    }
}
