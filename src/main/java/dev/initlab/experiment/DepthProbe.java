package dev.initlab.experiment;

import dev.initlab.experiment.nn.Mlp;
import dev.initlab.experiment.nn.MatOps;
import dev.initlab.experiment.nn.RunStreams;

import java.util.ArrayList;
import java.util.List;

/**
 * Measures how signal variance travels through a deep network at initialization, forward and
 * backward, as in X. Glorot and Y. Bengio, "Understanding the difficulty of training deep
 * feedforward neural networks", AISTATS 2010 (Sections 4.2-4.3, Figures 6-7), and K. He, X. Zhang,
 * S. Ren and J. Sun, "Delving Deep into Rectifiers", ICCV 2015 (Section 2.2).
 *
 * <p>The network is a {@linkplain Mlp#deep probe} without biases; the input is a batch of
 * standard normal rows (unit variance). Forward, for every layer l it records Var(z_l) (the
 * pre-activation variance over the batch and the units, He's Var[y_l]) and E[h_l^2] (the second
 * moment of the activation). Backward, it feeds a standard normal gradient g_L = d loss / d h_L
 * (a random linear read-out) and records Var(d loss / d h_(l-1)), the gradient at layer l's input
 * (He's Var[Delta x_l]).
 */
final class DepthProbe {
    private DepthProbe() {
    }

    /** Layer l (1-based) of one probe. */
    record Layer(int layer, double forwardVariance, double activationMeanSquare, double gradientVariance) {
    }

    /** Probes {@code net} on {@code x} (rows x width(0)); the output gradient comes from (seed, GRAD_STREAM). */
    static List<Layer> run(Mlp net, float[] x, int rows, long seed) {
        Mlp.Workspace ws = net.workspace(rows);
        net.forward(x, rows, ws);
        int layers = net.layers();
        double[] grad = new double[layers];
        float[] gOut = new float[rows * net.width(layers)];
        RunStreams.normals(seed, RunStreams.GRAD_STREAM, gOut);
        net.backward(ws, gOut, null, (layer, g, r) -> grad[layer] = MatOps.variance(g, r * net.width(layer)), 0);
        List<Layer> out = new ArrayList<>(layers);
        for (int l = 0; l < layers; l++) {
            int n = rows * net.width(l + 1);
            out.add(new Layer(l + 1, MatOps.variance(ws.preActivation(l), n),
                    MatOps.meanSquare(ws.postActivation(l), n), grad[l]));
        }
        return out;
    }
}
