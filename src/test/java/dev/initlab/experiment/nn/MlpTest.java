package dev.initlab.experiment.nn;

import dev.initlab.experiment.Scheme;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.SplittableRandom;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import org.junit.jupiter.api.Test;

/** Backpropagation against central finite differences (in double), for every activation. */
class MlpTest {
    private static final int ROWS = 4;

    private static Mlp smallClassifier(Activation f, long seed) {
        Mlp net = Mlp.classifier(f, 6, 5, 4, 10);
        Scheme.parse("xavier_normal:gain=1.5").initialize(net, seed, null, 0);
        SplittableRandom r = new SplittableRandom(seed);
        for (int l = 0; l < net.layers(); l++) {
            for (int j = 0; j < net.bias(l).length; j++) {
                net.bias(l)[j] = (float) (0.2 * (r.nextDouble() - 0.5));
            }
        }
        return net;
    }

    private static double loss(Mlp net, float[] x, int[] y) {
        Mlp.Workspace ws = net.workspace(ROWS);
        net.forward(x, ROWS, ws);
        signs = signs(net, ws);
        return Trainer.softmaxCrossEntropy(ws.output(), y, ROWS, null)[0];
    }

    /** Sign pattern of every pre-activation of the last forward pass: a finite difference across a kink is skipped. */
    private static String signs;

    private static String signs(Mlp net, Mlp.Workspace ws) {
        StringBuilder b = new StringBuilder();
        for (int l = 0; l < net.layers(); l++) {
            float[] z = ws.preActivation(l);
            for (int i = 0; i < ROWS * net.width(l + 1); i++) {
                b.append(z[i] > 0 ? '+' : '-');
            }
        }
        return b.toString();
    }

    @ParameterizedTest
    @EnumSource(Activation.class)
    void weightGradientsMatchFiniteDifferences(Activation f) {
        Mlp net = smallClassifier(f, 11);
        SplittableRandom r = new SplittableRandom(3);
        float[] x = new float[ROWS * 6];
        for (int i = 0; i < x.length; i++) {
            x[i] = (float) (2 * r.nextDouble() - 1);
        }
        int[] y = {1, 7, 3, 3};
        Mlp.Workspace ws = net.workspace(ROWS);
        net.forward(x, ROWS, ws);
        float[] d = new float[ROWS * 10];
        Trainer.softmaxCrossEntropy(ws.output(), y, ROWS, d);
        Mlp.Grads g = new Mlp.Grads(net);
        net.backward(ws, d, g, null, 1);
        double eps = 1e-2;
        int checked = 0;
        for (int l = 0; l < net.layers(); l++) {
            float[] w = net.weight(l);
            for (int i = 0; i < w.length; i++) {
                float keep = w[i];
                w[i] = (float) (keep + eps);
                net.sync(l);
                double up = loss(net, x, y);
                String su = signs;
                w[i] = (float) (keep - eps);
                net.sync(l);
                double down = loss(net, x, y);
                w[i] = keep;
                net.sync(l);
                if (!su.equals(signs)) {
                    continue;
                }
                double fd = (up - down) / (2 * eps);
                double an = g.w[l][i];
                assertEquals(fd, an, 2e-3 + 3e-2 * Math.abs(fd), f + " layer " + l + " weight " + i);
                checked++;
            }
            float[] b = net.bias(l);
            for (int i = 0; i < b.length; i++) {
                float keep = b[i];
                b[i] = (float) (keep + eps);
                double up = loss(net, x, y);
                String su = signs;
                b[i] = (float) (keep - eps);
                double down = loss(net, x, y);
                b[i] = keep;
                if (!su.equals(signs)) {
                    continue;
                }
                double fd = (up - down) / (2 * eps);
                assertEquals(fd, g.b[l][i], 2e-3 + 3e-2 * Math.abs(fd), f + " layer " + l + " bias " + i);
            }
        }
        assertTrue(checked >= 0.8 * (6 * 5 + 5 * 4 + 4 * 10), "too many kinks crossed: " + checked);
    }

    @ParameterizedTest
    @EnumSource(Activation.class)
    void inputGradientsOfAProbeMatchFiniteDifferences(Activation f) {
        Mlp net = Mlp.deep(f, 5, 5, 5);
        Scheme.parse("kaiming_normal").initialize(net, 5, null, 0);
        SplittableRandom r = new SplittableRandom(9);
        float[] x = new float[ROWS * 5];
        for (int i = 0; i < x.length; i++) {
            x[i] = (float) (2 * r.nextDouble() - 1);
        }
        float[] gOut = new float[ROWS * 5];
        for (int i = 0; i < gOut.length; i++) {
            gOut[i] = (float) (2 * r.nextDouble() - 1);
        }
        // scalar objective: sum(gOut * h_L)
        Mlp.Workspace ws = net.workspace(ROWS);
        net.forward(x, ROWS, ws);
        float[][] seen = new float[2][];
        net.backward(ws, gOut, null, (layer, grad, rows) -> seen[layer] = grad.clone(), 0);
        double eps = 1e-2;
        for (int i = 0; i < x.length; i++) {
            float keep = x[i];
            x[i] = keep + (float) eps;
            double up = dot(net, x, gOut);
            String su = signs;
            x[i] = keep - (float) eps;
            double down = dot(net, x, gOut);
            x[i] = keep;
            if (!su.equals(signs)) {
                continue;
            }
            double fd = (up - down) / (2 * eps);
            assertEquals(fd, seen[0][i], 2e-3 + 3e-2 * Math.abs(fd), f + " input " + i);
        }
        assertTrue(seen[1] != null, "layer 1 input gradient reported");
    }

    private static double dot(Mlp net, float[] x, float[] g) {
        Mlp.Workspace ws = net.workspace(ROWS);
        net.forward(x, ROWS, ws);
        signs = signs(net, ws);
        double s = 0;
        float[] out = ws.output();
        for (int i = 0; i < g.length; i++) {
            s += (double) out[i] * g[i];
        }
        return s;
    }

    @Test
    void activationDerivativesMatchFiniteDifferencesAndFloatPathAgrees() {
        for (Activation f : Activation.values()) {
            for (double z = -4.1; z < 4.2; z += 0.37) {
                double fd = (f.apply(z + 1e-6) - f.apply(z - 1e-6)) / 2e-6;
                assertEquals(fd, f.derivative(z), 1e-6, f + " at " + z);
                float[] zz = {(float) z};
                float[] h = new float[1];
                f.apply(zz, h, 1);
                assertEquals(f.apply((float) z), h[0], 1e-6, f + " float apply");
                float[] g = {1f};
                f.multiplyByDerivative(zz, h, g, 1);
                assertEquals(f.derivative((float) z), g[0], 1e-5, f + " float derivative at " + z);
            }
        }
        assertEquals(Math.sqrt(2), Activation.RELU.torchGain(), 1e-15);
        assertTrue(Double.isNaN(Activation.GELU.torchGain()));
        assertEquals(Activation.LEAKY_RELU, Activation.parse("Leaky-ReLU"));
        assertThrows(IllegalArgumentException.class, () -> Activation.parse("swish"));
    }

    @Test
    void initializationIsAPureFunctionOfTheSeedAndLayersUseDistinctStreams() {
        Mlp a = Mlp.classifier(Activation.RELU, 20, 20, 20, 10);
        Mlp b = Mlp.classifier(Activation.RELU, 20, 20, 20, 10);
        Scheme s = Scheme.parse("kaiming_normal");
        s.initialize(a, 42, null, 0);
        s.initialize(b, 42, null, 0);
        assertArrayEquals(a.weight(1), b.weight(1));
        // layers 0 and 1 have the same shape; distinct stream ids must give distinct draws
        assertTrue(a.weight(0)[0] != a.weight(1)[0] || a.weight(0)[1] != a.weight(1)[1]);
        s.initialize(b, 43, null, 0);
        assertTrue(a.weight(1)[0] != b.weight(1)[0]);
        // torch_default also draws biases, others leave them zero
        Scheme.parse("torch_default").initialize(b, 1, null, 0);
        assertTrue(b.bias(0)[0] != 0f && Math.abs(b.bias(0)[0]) <= 1 / Math.sqrt(20));
        assertEquals(0f, a.bias(0)[0]);
    }

    @Test
    void schemeSpecsAreValidatedUpFront() {
        assertEquals("constant:value=0.05", Scheme.parse("constant:value=0.05").label());
        assertThrows(IllegalArgumentException.class, () -> Scheme.parse("constant"));
        assertThrows(IllegalArgumentException.class, () -> Scheme.parse("nope"));
        assertThrows(IllegalArgumentException.class, () -> Scheme.parse("kaiming_normal:gain=2"));
        assertThrows(IllegalArgumentException.class, () -> Scheme.parse("normal:std"));
        assertThrows(IllegalArgumentException.class, () -> Scheme.parse("lsuv:tol=2"));
        assertThrows(IllegalArgumentException.class, () -> Scheme.parse("lsuv:speed=2"));
        assertTrue(Scheme.parse("lsuv").dataDependent());
        assertEquals(3, Scheme.parseList("zeros, kaiming_normal,lsuv").size());
    }
}
