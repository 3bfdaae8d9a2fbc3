package dev.initlab.experiment.nn;

import java.util.ArrayList;
import java.util.List;

/**
 * Mini-batch SGD with momentum on softmax cross-entropy, in float32, single-threaded and
 * deterministic: the run is a pure function of (network, data, config, seed). Experiments use the
 * cores by running several trainings at once ({@link Parallel}).
 *
 * <p>Update (PyTorch's {@code SGD} with momentum, no dampening, no weight decay): g = d mean-loss / d
 * theta over the batch; optionally clipped to global L2 norm c (g = g * c / (|g| + 1e-6) when
 * |g| &gt; c, as {@code clip_grad_norm_}); v = mu v + g; theta = theta - lr v. The training set is
 * shuffled every epoch with Philox stream (seed, {@link RunStreams#SHUFFLE_STREAM} + epoch). A step whose
 * loss is not finite stops the run and marks it diverged.
 */
public final class Trainer {
    private static final int EVAL_CHUNK = 500;

    private Trainer() {
    }

    /**
     * Training settings.
     *
     * @param epochs passes over the training set
     * @param batchSize examples per step
     * @param learningRate lr
     * @param momentum mu in [0, 1)
     * @param clipNorm global gradient-norm limit; 0 disables clipping
     * @param evalsPerEpoch held-out evaluations per epoch (plus one before training)
     * @param targetAccuracy held-out accuracy whose first crossing gives "epochs to target"
     */
    public record Config(int epochs, int batchSize, double learningRate, double momentum, double clipNorm,
                         int evalsPerEpoch, double targetAccuracy) {
        /** The training protocol in words (for the report's methods). */
        public String protocol() {
            return String.format(java.util.Locale.ROOT, "mini-batch SGD with momentum %s (PyTorch's update, no dampening, "
                    + "no weight decay) on softmax cross-entropy, learning rate %s, batch %d, %d epochs (data reshuffled "
                    + "every epoch), gradient clipping %s, held-out accuracy measured %d times per epoch, epochs to %s%% "
                    + "held-out accuracy recorded", momentum, learningRate, batchSize, epochs,
                    clipNorm > 0 ? "at global norm " + clipNorm : "off", evalsPerEpoch, 100 * targetAccuracy);
        }

        public Config {
            if (epochs < 1 || batchSize < 1 || evalsPerEpoch < 1) {
                throw new IllegalArgumentException("epochs, batch size and evaluations per epoch must be >= 1");
            }
            if (!(learningRate > 0) || !Double.isFinite(learningRate)) {
                throw new IllegalArgumentException("learning rate must be positive, got " + learningRate);
            }
            if (!(momentum >= 0 && momentum < 1)) {
                throw new IllegalArgumentException("momentum must be in [0, 1), got " + momentum);
            }
            if (!(clipNorm >= 0) || !Double.isFinite(clipNorm)) {
                throw new IllegalArgumentException("clip norm must be >= 0 (0 = off), got " + clipNorm);
            }
            if (!(targetAccuracy > 0 && targetAccuracy <= 1)) {
                throw new IllegalArgumentException("target accuracy must be in (0, 1], got " + targetAccuracy);
            }
        }

        /** The same settings with another clip norm. */
        public Config withClip(double c) {
            return new Config(epochs, batchSize, learningRate, momentum, c, evalsPerEpoch, targetAccuracy);
        }

        /** The same settings with another number of epochs. */
        public Config withEpochs(int e) {
            return new Config(e, batchSize, learningRate, momentum, clipNorm, evalsPerEpoch, targetAccuracy);
        }
    }

    /**
     * One point of the learning curve. Train loss/accuracy are averages over the steps since the
     * previous point (NaN at epoch 0); gradient norm is the mean pre-clipping norm over those steps.
     */
    public record Point(double epoch, int step, double trainLoss, double trainAccuracy, double testLoss,
                        double testAccuracy, double gradNorm, double clippedFraction) {
    }

    /** The learning curve and the headline numbers of one run. */
    public record Result(List<Point> curve, boolean diverged, double finalTestAccuracy, double finalTestLoss,
                         double epochsToTarget, int steps) {
    }

    /** Called after every optimisation step (for measurements during training). */
    @FunctionalInterface
    public interface StepObserver {
        void afterStep(int step, double epoch, Mlp net);
    }

    /** Loss and accuracy of a network on a data set. */
    public record Evaluation(double loss, double accuracy) {
    }

    /** Trains {@code net} (already initialized) and returns its curve. */
    public static Result train(Mlp net, Mnist.Split data, Config cfg, long seed, StepObserver observer) {
        Mnist.Dataset train = data.train();
        int dim = train.dim();
        if (net.width(0) != dim || net.width(net.layers()) != Mnist.Dataset.CLASSES || net.activatesOutput()) {
            throw new IllegalArgumentException("network must be a classifier from " + dim + " inputs to "
                    + Mnist.Dataset.CLASSES + " classes");
        }
        int bs = Math.min(cfg.batchSize(), train.n());
        Mlp.Workspace ws = net.workspace(bs);
        Mlp.Grads grads = new Mlp.Grads(net);
        Mlp.Grads velocity = new Mlp.Grads(net);
        float[] batch = new float[bs * dim];
        int[] labels = new int[bs];
        float[] dlogits = new float[bs * Mnist.Dataset.CLASSES];
        int stepsPerEpoch = (train.n() + bs - 1) / bs;
        List<Point> curve = new ArrayList<>();
        Evaluation e0 = evaluate(net, data.test());
        curve.add(new Point(0, 0, Double.NaN, Double.NaN, e0.loss(), e0.accuracy(), Double.NaN, Double.NaN));
        double epochsToTarget = e0.accuracy() >= cfg.targetAccuracy() ? 0 : Double.NaN;
        boolean diverged = false;
        int step = 0;
        float lr = (float) cfg.learningRate();
        float mu = (float) cfg.momentum();
        Window window = new Window();
        outer:
        for (int epoch = 0; epoch < cfg.epochs(); epoch++) {
            int[] perm = RunStreams.permutation(seed, RunStreams.SHUFFLE_STREAM + epoch, train.n());
            int nextEval = 1;
            for (int s = 0; s < stepsPerEpoch; s++) {
                int rows = gather(train, perm, s * bs, bs, batch, labels);
                net.forward(batch, rows, ws);
                double[] lc = softmaxCrossEntropy(ws.output(), labels, rows, dlogits);
                step++;
                if (!Double.isFinite(lc[0])) {
                    diverged = true;
                    curve.add(new Point(epoch + (s + 1.0) / stepsPerEpoch, step, Double.NaN, Double.NaN, Double.NaN,
                            Double.NaN, Double.NaN, Double.NaN));
                    break outer;
                }
                net.backward(ws, dlogits, grads, null, 1);
                double norm = grads.norm();
                boolean clip = cfg.clipNorm() > 0 && norm > cfg.clipNorm();
                window.add(lc[0] * rows, (int) lc[1], rows, norm, clip);
                if (clip) {
                    grads.scale((float) (cfg.clipNorm() / (norm + 1e-6)));
                }
                update(net, grads, velocity, lr, mu);
                double epochPos = epoch + (s + 1.0) / stepsPerEpoch;
                if (observer != null) {
                    observer.afterStep(step, epochPos, net);
                }
                if (s + 1 == Math.round((double) stepsPerEpoch * nextEval / cfg.evalsPerEpoch())) {
                    nextEval++;
                    Evaluation ev = evaluate(net, data.test());
                    curve.add(window.point(epochPos, step, ev));
                    if (Double.isNaN(epochsToTarget) && ev.accuracy() >= cfg.targetAccuracy()) {
                        epochsToTarget = epochPos;
                    }
                    window = new Window();
                }
            }
        }
        Evaluation fin = evaluate(net, data.test());
        return new Result(List.copyOf(curve), diverged, fin.accuracy(), fin.loss(), epochsToTarget, step);
    }

    /** Copies the examples {@code perm[start..]} (at most {@code bs}) into the batch; returns how many. */
    private static int gather(Mnist.Dataset train, int[] perm, int start, int bs, float[] batch, int[] labels) {
        int dim = train.dim();
        int rows = Math.min(bs, train.n() - start);
        for (int r = 0; r < rows; r++) {
            int idx = perm[start + r];
            System.arraycopy(train.x(), idx * dim, batch, r * dim, dim);
            labels[r] = train.y()[idx];
        }
        return rows;
    }

    /** Training loss, accuracy, gradient norm and clipping summed over the steps since the last curve point. */
    private static final class Window {
        double lossSum;
        double gradSum;
        int correct;
        int seen;
        int steps;
        int clipped;

        void add(double loss, int right, int rows, double gradNorm, boolean clip) {
            lossSum += loss;
            correct += right;
            seen += rows;
            gradSum += gradNorm;
            steps++;
            clipped += clip ? 1 : 0;
        }

        Point point(double epoch, int step, Evaluation test) {
            return new Point(epoch, step, lossSum / seen, (double) correct / seen, test.loss(), test.accuracy(),
                    gradSum / steps, (double) clipped / steps);
        }
    }

    private static void update(Mlp net, Mlp.Grads g, Mlp.Grads v, float lr, float mu) {
        for (int l = 0; l < net.layers(); l++) {
            step(net.w[l], g.w[l], v.w[l], lr, mu);
            step(net.b[l], g.b[l], v.b[l], lr, mu);
            net.sync(l);
        }
    }

    private static void step(float[] p, float[] g, float[] v, float lr, float mu) {
        for (int i = 0; i < p.length; i++) {
            v[i] = mu * v[i] + g[i];
            p[i] -= lr * v[i];
        }
    }

    /**
     * Mean softmax cross-entropy of {@code logits} (rows x 10) against {@code labels}; writes
     * d mean-loss / d logits into {@code grad} (when not null). Returns {mean loss, number correct}; a row with a
     * non-finite logit makes the loss NaN and counts as wrong.
     */
    public static double[] softmaxCrossEntropy(float[] logits, int[] labels, int rows, float[] grad) {
        int c = Mnist.Dataset.CLASSES;
        double loss = 0;
        int correct = 0;
        double[] p = new double[c];
        for (int r = 0; r < rows; r++) {
            int o = r * c;
            double max = Double.NEGATIVE_INFINITY;
            int arg = -1;
            boolean finite = true;
            for (int k = 0; k < c; k++) {
                float v = logits[o + k];
                if (!Float.isFinite(v)) {
                    finite = false;
                }
                if (v > max) {
                    max = v;
                    arg = k;
                }
            }
            if (!finite) {
                loss = Double.NaN;
                continue;
            }
            if (arg == labels[r]) {
                correct++;
            }
            double sum = 0;
            for (int k = 0; k < c; k++) {
                p[k] = Math.exp(logits[o + k] - max);
                sum += p[k];
            }
            loss += Math.log(sum) - (logits[o + labels[r]] - max);
            if (grad != null) {
                for (int k = 0; k < c; k++) {
                    double q = p[k] / sum - (k == labels[r] ? 1 : 0);
                    grad[o + k] = (float) (q / rows);
                }
            }
        }
        return new double[] {loss / rows, correct};
    }

    /** Mean loss and accuracy of {@code net} on {@code data} (chunks of 500 rows). */
    public static Evaluation evaluate(Mlp net, Mnist.Dataset data) {
        int chunk = Math.min(EVAL_CHUNK, data.n());
        Mlp.Workspace ws = net.workspace(chunk);
        float[] buf = new float[chunk * data.dim()];
        int[] lab = new int[chunk];
        double loss = 0;
        long correct = 0;
        for (int start = 0; start < data.n(); start += chunk) {
            int rows = Math.min(chunk, data.n() - start);
            System.arraycopy(data.x(), start * data.dim(), buf, 0, rows * data.dim());
            System.arraycopy(data.y(), start, lab, 0, rows);
            net.forward(buf, rows, ws);
            double[] lc = softmaxCrossEntropy(ws.output(), lab, rows, null);
            loss += lc[0] * rows;
            correct += (long) lc[1];
        }
        return new Evaluation(loss / data.n(), (double) correct / data.n());
    }
}
