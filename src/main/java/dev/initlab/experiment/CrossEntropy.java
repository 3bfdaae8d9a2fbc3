package dev.initlab.experiment;

/** Mean softmax cross-entropy of logits (rows x classes) and its gradient, for studies that backpropagate without training. */
final class CrossEntropy {
    private CrossEntropy() {
    }

    /** d mean-loss / d logits for {@code rows} rows of 10 logits and their labels. */
    static float[] gradient(float[] logits, int[] labels, int rows) {
        return lossAndGradient(logits, labels, rows, new float[rows * 10]);
    }

    private static float[] lossAndGradient(float[] logits, int[] labels, int rows, float[] grad) {
        int c = 10;
        double[] p = new double[c];
        for (int r = 0; r < rows; r++) {
            int o = r * c;
            double max = Double.NEGATIVE_INFINITY;
            for (int k = 0; k < c; k++) {
                max = Math.max(max, logits[o + k]);
            }
            double sum = 0;
            for (int k = 0; k < c; k++) {
                p[k] = Math.exp(logits[o + k] - max);
                sum += p[k];
            }
            for (int k = 0; k < c; k++) {
                grad[o + k] = (float) ((p[k] / sum - (k == labels[r] ? 1 : 0)) / rows);
            }
        }
        return grad;
    }

    /** Mean loss of the rows. */
    static double loss(float[] logits, int[] labels, int rows) {
        int c = 10;
        double loss = 0;
        for (int r = 0; r < rows; r++) {
            int o = r * c;
            double max = Double.NEGATIVE_INFINITY;
            for (int k = 0; k < c; k++) {
                max = Math.max(max, logits[o + k]);
            }
            double sum = 0;
            for (int k = 0; k < c; k++) {
                sum += Math.exp(logits[o + k] - max);
            }
            loss += Math.log(sum) - (logits[o + labels[r]] - max);
        }
        return loss / rows;
    }
}
