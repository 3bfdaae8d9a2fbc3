package dev.initlab.experiment.nn;

import java.util.Arrays;

/**
 * A fully connected network of float32 dense layers: z_l = W_l h_(l-1) + b_l, h_l = f(z_l), with
 * h_0 the input. W_l is stored as PyTorch stores a {@code Linear} weight, out x in, row-major,
 * together with its transpose (in x out) which the forward pass reads; {@link #sync(int)} refreshes
 * the transpose after the weights change.
 *
 * <p>A {@linkplain #classifier classifier} applies f to hidden layers only (its last layer gives
 * logits); a {@linkplain #deep deep probe} applies f after every layer, as in the variance-through-depth
 * studies (Glorot and Bengio 2010; He et al. 2015).
 *
 * <p>Not thread-safe: one network per thread. All arithmetic is deterministic (see {@link MatOps}).
 */
public final class Mlp {
    private final Activation activation;
    private final int[] widths;
    private final boolean activateOutput;
    final float[][] w;
    final float[][] wt;
    final float[][] b;

    private Mlp(Activation activation, int[] widths, boolean activateOutput) {
        if (widths.length < 2) {
            throw new IllegalArgumentException("a network needs an input width and at least one layer");
        }
        for (int n : widths) {
            if (n <= 0) {
                throw new IllegalArgumentException("layer widths must be positive, got " + Arrays.toString(widths));
            }
        }
        this.activation = activation;
        this.widths = widths.clone();
        this.activateOutput = activateOutput;
        int layers = widths.length - 1;
        w = new float[layers][];
        wt = new float[layers][];
        b = new float[layers][];
        for (int l = 0; l < layers; l++) {
            long count = (long) widths[l] * widths[l + 1];
            if (count > Integer.MAX_VALUE - 8) {
                throw new IllegalArgumentException("layer " + (l + 1) + " has too many weights: " + count);
            }
            w[l] = new float[(int) count];
            wt[l] = new float[(int) count];
            b[l] = new float[widths[l + 1]];
        }
    }

    /** A classifier: f on hidden layers, linear last layer (logits). widths = input, hidden..., classes. */
    public static Mlp classifier(Activation activation, int... widths) {
        return new Mlp(activation, widths, false);
    }

    /** A probe network: f after every layer. widths = input, then each layer's width. */
    public static Mlp deep(Activation activation, int... widths) {
        return new Mlp(activation, widths, true);
    }

    /** The same architecture and weights, independent arrays. */
    public Mlp copy() {
        Mlp m = new Mlp(activation, widths, activateOutput);
        for (int l = 0; l < layers(); l++) {
            System.arraycopy(w[l], 0, m.w[l], 0, w[l].length);
            System.arraycopy(wt[l], 0, m.wt[l], 0, wt[l].length);
            System.arraycopy(b[l], 0, m.b[l], 0, b[l].length);
        }
        return m;
    }

    /** The same weights with another activation (used to probe one weight draw under several f). */
    public Mlp withActivation(Activation f) {
        Mlp m = new Mlp(f, widths, activateOutput);
        for (int l = 0; l < layers(); l++) {
            m.w[l] = w[l];
            m.wt[l] = wt[l];
            m.b[l] = b[l];
        }
        return m;
    }

    public Activation activation() {
        return activation;
    }

    /** Number of weight layers. */
    public int layers() {
        return widths.length - 1;
    }

    /** Width i: 0 is the input, l is the output of layer l. */
    public int width(int i) {
        return widths[i];
    }

    public int[] widths() {
        return widths.clone();
    }

    /** Whether f is applied after the last layer. */
    public boolean activatesOutput() {
        return activateOutput;
    }

    /** The live weight array of layer l (0-based), out x in row-major; call {@link #sync} after writing it. */
    public float[] weight(int l) {
        return w[l];
    }

    /** The live bias array of layer l (0-based). */
    public float[] bias(int l) {
        return b[l];
    }

    /**
     * The pre-activation of layer l alone, z = in W_l^T + b_l, for {@code rows} inputs (rows x
     * width(l)) into {@code z} (rows x width(l+1)); what LSUV measures layer by layer.
     */
    public void preActivation(int l, float[] in, int rows, float[] z) {
        MatOps.multiply(in, wt[l], z, rows, widths[l], widths[l + 1], b[l]);
    }

    /** Refreshes the transposed copy of layer l's weights. */
    public void sync(int l) {
        MatOps.transpose(w[l], widths[l + 1], widths[l], wt[l]);
    }

    /** Refreshes every transposed copy. */
    public void syncAll() {
        for (int l = 0; l < layers(); l++) {
            sync(l);
        }
    }

    /** Total number of weights and biases. */
    public long parameterCount() {
        long c = 0;
        for (int l = 0; l < layers(); l++) {
            c += w[l].length + b[l].length;
        }
        return c;
    }

    /** Buffers for a forward/backward pass over up to {@code rows} inputs. */
    public Workspace workspace(int rows) {
        return new Workspace(this, rows);
    }

    /**
     * Forward pass of {@code rows} inputs (rows x width(0), row-major). Keeps z_l and h_l for every
     * layer in the workspace; the output is {@link Workspace#output()}.
     */
    public void forward(float[] x, int rows, Workspace ws) {
        ws.check(this, rows);
        ws.input = x;
        ws.rows = rows;
        float[] in = x;
        for (int l = 0; l < layers(); l++) {
            int nOut = widths[l + 1];
            preActivation(l, in, rows, ws.z[l]);
            boolean act = l < layers() - 1 || activateOutput;
            if (act) {
                activation.apply(ws.z[l], ws.h[l], rows * nOut);
                in = ws.h[l];
            } else {
                in = ws.z[l];
            }
        }
    }

    /** Receives the gradient with respect to the input of a layer during {@link #backward}. */
    @FunctionalInterface
    public interface InputGradientSink {
        /** {@code grad} holds rows x width(layer) values: d loss / d h_(layer), layer counted from 0 (the input). */
        void accept(int layer, float[] grad, int rows);
    }

    /**
     * Backward pass after {@link #forward}. {@code gradOut} is d loss / d output (rows x width(L)),
     * where the output is h_L for a probe and the logits z_L for a classifier. Writes weight and bias
     * gradients into {@code grads} when it is not null; reports input gradients of layers
     * L-1..{@code lowestInputLayer} to {@code sink} when it is not null.
     */
    public void backward(Workspace ws, float[] gradOut, Grads grads, InputGradientSink sink, int lowestInputLayer) {
        int rows = ws.rows;
        int top = layers() - 1;
        float[] delta = ws.delta[top];
        System.arraycopy(gradOut, 0, delta, 0, rows * widths[top + 1]);
        if (activateOutput) {
            activation.multiplyByDerivative(ws.z[top], ws.h[top], delta, rows * widths[top + 1]);
        }
        for (int l = top; l >= 0; l--) {
            int nIn = widths[l];
            int nOut = widths[l + 1];
            float[] hPrev = l == 0 ? ws.input : ws.h[l - 1];
            if (grads != null) {
                MatOps.transpose(delta, rows, nOut, ws.deltaT);
                MatOps.multiply(ws.deltaT, hPrev, grads.w[l], nOut, rows, nIn, null);
                float[] gb = grads.b[l];
                Arrays.fill(gb, 0f);
                for (int r = 0; r < rows; r++) {
                    int o = r * nOut;
                    for (int j = 0; j < nOut; j++) {
                        gb[j] += delta[o + j];
                    }
                }
            }
            boolean needInputGrad = l > 0 || (sink != null && lowestInputLayer == 0);
            if (!needInputGrad) {
                continue;
            }
            float[] dh = ws.dh;
            MatOps.multiply(delta, w[l], dh, rows, nOut, nIn, null);
            if (sink != null && l >= lowestInputLayer) {
                sink.accept(l, dh, rows);
            }
            if (l > 0) {
                float[] next = ws.delta[l - 1];
                System.arraycopy(dh, 0, next, 0, rows * nIn);
                activation.multiplyByDerivative(ws.z[l - 1], ws.h[l - 1], next, rows * nIn);
                delta = next;
            }
        }
    }

    /** Weight and bias gradients, shaped like the network. */
    public static final class Grads {
        final float[][] w;
        final float[][] b;

        public Grads(Mlp net) {
            w = new float[net.layers()][];
            b = new float[net.layers()][];
            for (int l = 0; l < net.layers(); l++) {
                w[l] = new float[net.w[l].length];
                b[l] = new float[net.b[l].length];
            }
        }

        /** Euclidean norm of all gradients together (accumulated in double). */
        public double norm() {
            double s = 0;
            for (int l = 0; l < w.length; l++) {
                for (float v : w[l]) {
                    s += (double) v * v;
                }
                for (float v : b[l]) {
                    s += (double) v * v;
                }
            }
            return Math.sqrt(s);
        }

        /** Multiplies every gradient by {@code f}. */
        public void scale(float f) {
            for (int l = 0; l < w.length; l++) {
                for (int i = 0; i < w[l].length; i++) {
                    w[l][i] *= f;
                }
                for (int i = 0; i < b[l].length; i++) {
                    b[l][i] *= f;
                }
            }
        }
    }

    /** Activations and scratch buffers for one network and a maximum batch size. */
    public static final class Workspace {
        private final int capacity;
        private final int[] widths;
        private final boolean activateOutput;
        final float[][] z;
        final float[][] h;
        final float[][] delta;
        final float[] deltaT;
        final float[] dh;
        float[] input;
        int rows;

        private Workspace(Mlp net, int capacity) {
            if (capacity <= 0) {
                throw new IllegalArgumentException("batch size must be positive, got " + capacity);
            }
            this.capacity = capacity;
            this.widths = net.widths.clone();
            this.activateOutput = net.activateOutput;
            int layers = net.layers();
            z = new float[layers][];
            h = new float[layers][];
            delta = new float[layers][];
            int maxWidth = 0;
            for (int l = 0; l < layers; l++) {
                int n = net.widths[l + 1];
                z[l] = new float[capacity * n];
                h[l] = new float[capacity * n];
                delta[l] = new float[capacity * n];
            }
            for (int n : net.widths) {
                maxWidth = Math.max(maxWidth, n);
            }
            deltaT = new float[capacity * maxWidth];
            dh = new float[capacity * maxWidth];
        }

        void check(Mlp net, int r) {
            if (!Arrays.equals(widths, net.widths)) {
                throw new IllegalArgumentException("workspace belongs to a network of another shape");
            }
            if (r <= 0 || r > capacity) {
                throw new IllegalArgumentException("batch of " + r + " rows does not fit a workspace for " + capacity);
            }
        }

        /** The output of the last forward pass: logits (classifier) or h_L (probe). */
        public float[] output() {
            int last = z.length - 1;
            return activateOutput ? h[last] : z[last];
        }

        /** Pre-activations z_l of layer l (0-based) from the last forward pass. */
        public float[] preActivation(int l) {
            return z[l];
        }

        /** Post-activations h_l of layer l (0-based); for a classifier's last layer, use {@link #output()}. */
        public float[] postActivation(int l) {
            return h[l];
        }

        /** Rows of the last forward pass. */
        public int rows() {
            return rows;
        }
    }
}
