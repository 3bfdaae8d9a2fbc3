package dev.initlab.experiment;

import dev.initlab.experiment.nn.Activation;
import dev.initlab.experiment.nn.Mlp;
import dev.initlab.experiment.nn.RunStreams;
import dev.initlab.stats.MeanInterval;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * Saxe, McClelland and Ganguli 2013 ("Exact solutions to the nonlinear dynamics of learning in deep
 * linear neural networks"): learning time versus depth of a deep linear network, random orthogonal
 * versus scaled Gaussian N(0, 1/N) initialization. Synthetic task: a linear teacher y = M x, M an
 * N x N matrix with i.i.d. N(0, 1/N) entries, P standard normal inputs; the student W_D ... W_1
 * (square, width N, no biases) is trained by full-batch gradient descent on the mean squared error
 * 1/(2P) sum |W x - M x|^2 with learning rate c / D (the 1/depth scaling of the paper's analysis).
 * Learning time = the first step at which the loss falls to {@code criterion} times the loss of the
 * zero predictor; runs that do not get there within the step cap are counted as not reached (and
 * their time is missing, never imputed).
 *
 * <p>Per seed the teacher, the inputs (streams {@link #TEACHER_STREAM}, {@link RunStreams#INPUT_STREAM})
 * and the weight streams are shared by both schemes, so the orthogonal - Gaussian difference in
 * learning time is paired; 95% t intervals.
 */
public final class SaxeExperiment {
    /** Philox stream of the teacher matrix. */
    public static final long TEACHER_STREAM = (1L << 40) + 16;
    static final List<String[]> SCHEMES = List.of(new String[] {"orthogonal", "orthogonal"},
            new String[] {"gaussian", "normal"});

    private SaxeExperiment() {
    }

    /** Width, samples, depths, lr constant c, criterion, step cap, seeds. */
    public record Settings(int width, int samples, List<Integer> depths, double c, double criterion, int maxSteps,
                           int seeds) {
        public Settings {
            depths = List.copyOf(depths);
            if (width < 2 || samples < 2 || depths.isEmpty() || !(c > 0) || !(criterion > 0 && criterion < 1)
                    || maxSteps < 1 || seeds < 2) {
                throw new IllegalArgumentException("invalid saxe settings");
            }
        }

        /** Quick: width 16, 64 samples, depths 2-16, c 0.25, criterion 0.05, 4000 steps, 10 seeds (a two-sided sign test over n seeds cannot go below 2^(1-n)). */
        public static Settings quick(int seeds) {
            return new Settings(16, 64, List.of(2, 4, 8, 16), 0.25, 0.05, 4000, seeds);
        }

        /** Full: depths 2-32, 10000 steps, 20 seeds. */
        public static Settings full(int seeds) {
            return new Settings(16, 64, List.of(2, 4, 8, 16, 32), 0.25, 0.05, 10000, seeds);
        }

        static Settings of(Options o) {
            return o.settings(10, 20, Settings::quick, Settings::full);
        }

        /** The protocol in words. */
        public String protocol() {
            return String.format(Locale.ROOT, "Saxe et al. 2013, learning time vs depth: deep linear network of depth D in "
                    + "%s, width %d, no biases; teacher y = M x with M_ij ~ N(0, 1/%d), %d standard normal inputs; "
                    + "full-batch gradient descent on 1/(2P) sum |W x - M x|^2, learning rate %s/D; learning time = first "
                    + "step with loss <= %s x the zero predictor's loss, cap %d steps (not reached = missing, counted; a non-finite loss = diverged); "
                    + "random orthogonal (gain 1) vs scaled Gaussian N(0, 1/N); %d seeds, teacher, inputs and weight "
                    + "streams shared by both schemes (paired); 95%% t intervals over the seeds that reached the criterion; the "
                    + "paired verdict uses the t interval of the differences when every run reached the criterion, else a "
                    + "two-sided exact sign test (a run that did not reach counts as slower), alpha 0.05 per depth.", depths, width, width, samples, c,
                    criterion, maxSteps, seeds);
        }
    }

    /** One run. */
    public record RunRow(String scheme, int depth, int seed, long runSeed, double learningRate, double initialLoss,
                         double zeroLoss, int stepsToCriterion, boolean reached, boolean diverged, double finalLoss) {
    }

    /** Learning time of one (scheme, depth) over the seeds that reached the criterion. */
    public record SummaryRow(String scheme, int depth, int seeds, int reached, int diverged, double stepsMean,
                             double stepsLo, double stepsHi) {
    }

    /** Paired gaussian - orthogonal learning time at one depth (seeds where both reached). */
    public record CompareRow(int depth, int pairs, double diffMean, double diffLo, double diffHi, int signSeeds,
                             int gaussianSlowerSeeds, double signTestP, String verdict) {
    }

    /** The tables. */
    public record Result(Settings settings, List<RunRow> runs, List<SummaryRow> summary, List<CompareRow> compare) {
        /** Writes saxe_runs.csv, saxe_summary.csv, saxe_compare.csv. */
        public List<Path> write(Path dir) {
            return List.of(StudyTable.write(dir, "saxe_runs.csv", RunRow.class, runs),
                    StudyTable.write(dir, "saxe_summary.csv", SummaryRow.class, summary),
                    StudyTable.write(dir, "saxe_compare.csv", CompareRow.class, compare));
        }

        public SummaryRow summary(String scheme, int depth) {
            return summary.stream().filter(r -> r.scheme().equals(scheme) && r.depth() == depth).findFirst().orElseThrow();
        }
    }

    /** Runs the study. */
    public static Result run(Settings s, Options o) {
        int nD = s.depths().size();
        int tasks = SCHEMES.size() * nD * s.seeds();
        o.progress().begin("saxe: deep linear learning time vs depth " + s.depths(), tasks);
        List<RunRow> runs = Parallel.map(tasks, o.threads(), i -> {
            int si = i / (nD * s.seeds());
            int di = i / s.seeds() % nD;
            int k = i % s.seeds();
            RunRow r = train(s, SCHEMES.get(si), s.depths().get(di), k, RunStreams.runSeed(o.masterSeed(), k));
            o.progress().step(SCHEMES.get(si)[0] + " depth " + s.depths().get(di) + " seed " + k);
            return r;
        });
        List<SummaryRow> summary = new ArrayList<>();
        for (int si = 0; si < SCHEMES.size(); si++) {
            for (int di = 0; di < nD; di++) {
                int base = (si * nD + di) * s.seeds();
                double[] t = new double[s.seeds()];
                int reached = 0;
                int diverged = 0;
                for (int k = 0; k < s.seeds(); k++) {
                    RunRow r = runs.get(base + k);
                    t[k] = r.reached() ? r.stepsToCriterion() : Double.NaN;
                    reached += r.reached() ? 1 : 0;
                    diverged += r.diverged() ? 1 : 0;
                }
                MeanInterval m = MeanInterval.of(t);
                summary.add(new SummaryRow(SCHEMES.get(si)[0], s.depths().get(di), s.seeds(), reached, diverged, m.mean(), m.lo(), m.hi()));
            }
        }
        List<CompareRow> compare = new ArrayList<>();
        for (int di = 0; di < nD; di++) {
            double[] d = new double[s.seeds()];
            int signed = 0;
            int slower = 0;
            boolean censored = false;
            for (int k = 0; k < s.seeds(); k++) {
                RunRow or = runs.get(di * s.seeds() + k);
                RunRow ga = runs.get((nD + di) * s.seeds() + k);
                d[k] = or.reached() && ga.reached() ? ga.stepsToCriterion() - or.stepsToCriterion() : Double.NaN;
                censored |= !or.reached() || !ga.reached();
                // sign per seed; a run that never reached the criterion counts as slower than one that did
                int cmp = or.reached() && ga.reached() ? Integer.compare(ga.stepsToCriterion(), or.stepsToCriterion())
                        : or.reached() ? 1 : ga.reached() ? -1 : 0;
                if (cmp != 0) {
                    signed++;
                    slower += cmp > 0 ? 1 : 0;
                }
            }
            MeanInterval m = MeanInterval.of(d);
            double p = signTest(slower, signed);
            String verdict;
            if (censored) {
                verdict = p < 0.05 ? (2 * slower > signed ? "gaussian slower" : "gaussian faster") + " (sign test, runs not "
                        + "reaching the criterion count as slower)" : "no difference resolved (sign test)";
            } else {
                verdict = m.above(0) ? "gaussian slower" : m.below(0) ? "gaussian faster" : "no difference resolved";
            }
            compare.add(new CompareRow(s.depths().get(di), m.n(), m.mean(), m.lo(), m.hi(), signed, slower, p, verdict));
        }
        return new Result(s, runs, summary, compare);
    }

    /** Two-sided exact binomial sign test p-value of k successes in n trials at 1/2 (1 when n = 0). */
    static double signTest(int k, int n) {
        if (n == 0) {
            return 1;
        }
        int m = Math.min(k, n - k);
        double tail = 0;
        for (int i = 0; i <= m; i++) {
            tail += Math.exp(logChoose(n, i) - n * Math.log(2));
        }
        return Math.min(1, 2 * tail);
    }

    private static double logChoose(int n, int k) {
        double r = 0;
        for (int i = 1; i <= k; i++) {
            r += Math.log(n - k + i) - Math.log(i);
        }
        return r;
    }

    static RunRow train(Settings s, String[] scheme, int depth, int k, long seed) {
        int n = s.width();
        int p = s.samples();
        double[][][] w = initialWeights(scheme[1], depth, n, seed);
        double[][] x = inputs(seed, n, p);
        double[][] y = mul(teacher(seed, n), x);
        double zero = 0;
        for (double[] row : y) {
            for (double v : row) {
                zero += v * v;
            }
        }
        zero /= 2 * p;
        double lr = s.c() / depth;
        double[][][] h = new double[depth + 1][][];
        double initial = Double.NaN;
        double loss = Double.NaN;
        for (int step = 0; step <= s.maxSteps(); step++) {
            h[0] = x;
            for (int l = 0; l < depth; l++) {
                h[l + 1] = mul(w[l], h[l]);
            }
            double[][] d = new double[n][p];
            loss = lossAndResidual(h[depth], y, d);
            if (step == 0) {
                initial = loss;
            }
            if (!Double.isFinite(loss)) {
                break;
            }
            if (loss <= s.criterion() * zero) {
                return new RunRow(scheme[0], depth, k, seed, lr, initial, zero, step, true, false, loss);
            }
            if (step == s.maxSteps()) {
                break;
            }
            for (int l = depth - 1; l >= 0; l--) {
                double[][] g = mulT(d, h[l]);
                double[][] dn = l > 0 ? tMul(w[l], d) : null;
                for (int i = 0; i < n; i++) {
                    for (int j = 0; j < n; j++) {
                        w[l][i][j] -= lr * g[i][j];
                    }
                }
                d = dn;
            }
        }
        return new RunRow(scheme[0], depth, k, seed, lr, initial, zero, -1, false, !Double.isFinite(loss), loss);
    }

    /** The depth n x n weight matrices of a linear net initialized with {@code scheme}, widened to double. */
    private static double[][][] initialWeights(String scheme, int depth, int n, long seed) {
        int[] widths = new int[depth + 1];
        java.util.Arrays.fill(widths, n);
        Mlp net = Mlp.deep(Activation.LINEAR, widths);
        String spec = scheme.equals("normal") ? String.format(Locale.ROOT, "normal:std=%.17g", 1 / Math.sqrt(n)) : scheme;
        Scheme.parse(spec).initialize(net, seed, null, 0);
        double[][][] w = new double[depth][n][n];
        for (int l = 0; l < depth; l++) {
            float[] f = net.weight(l);
            for (int i = 0; i < n; i++) {
                for (int j = 0; j < n; j++) {
                    w[l][i][j] = f[i * n + j];
                }
            }
        }
        return w;
    }

    /** The teacher map M with N(0, 1/n) entries (the teacher stream). */
    private static double[][] teacher(long seed, int n) {
        float[] mf = new float[n * n];
        RunStreams.normals(seed, TEACHER_STREAM, mf);
        double[][] m = new double[n][n];
        for (int i = 0; i < n; i++) {
            for (int j = 0; j < n; j++) {
                m[i][j] = mf[i * n + j] / Math.sqrt(n);
            }
        }
        return m;
    }

    /** The p standard normal inputs, one per column (the input stream). */
    private static double[][] inputs(long seed, int n, int p) {
        float[] xf = new float[n * p];
        RunStreams.normals(seed, RunStreams.INPUT_STREAM, xf);
        double[][] x = new double[n][p];
        for (int i = 0; i < n; i++) {
            for (int q = 0; q < p; q++) {
                x[i][q] = xf[i * p + q];
            }
        }
        return x;
    }

    /** The loss sum of squared errors / 2p of {@code out} against {@code y}; writes the residual / p into {@code d}. */
    private static double lossAndResidual(double[][] out, double[][] y, double[][] d) {
        int p = y[0].length;
        double loss = 0;
        for (int i = 0; i < y.length; i++) {
            for (int q = 0; q < p; q++) {
                double e = out[i][q] - y[i][q];
                loss += e * e;
                d[i][q] = e / p;
            }
        }
        return loss / (2 * p);
    }

    /** a (r x t) times b (t x c). */
    private static double[][] mul(double[][] a, double[][] b) {
        int r = a.length;
        int t = b.length;
        int c = b[0].length;
        double[][] o = new double[r][c];
        for (int i = 0; i < r; i++) {
            for (int u = 0; u < t; u++) {
                double v = a[i][u];
                double[] br = b[u];
                double[] or = o[i];
                for (int j = 0; j < c; j++) {
                    or[j] += v * br[j];
                }
            }
        }
        return o;
    }

    /** a (r x p) times b^T, b (c x p). */
    private static double[][] mulT(double[][] a, double[][] b) {
        double[][] o = new double[a.length][b.length];
        for (int i = 0; i < a.length; i++) {
            for (int j = 0; j < b.length; j++) {
                double sum = 0;
                for (int q = 0; q < a[i].length; q++) {
                    sum += a[i][q] * b[j][q];
                }
                o[i][j] = sum;
            }
        }
        return o;
    }

    /** a^T (a: t x r) times b (t x c). */
    private static double[][] tMul(double[][] a, double[][] b) {
        int t = a.length;
        int r = a[0].length;
        int c = b[0].length;
        double[][] o = new double[r][c];
        for (int u = 0; u < t; u++) {
            for (int i = 0; i < r; i++) {
                double v = a[u][i];
                double[] br = b[u];
                double[] or = o[i];
                for (int j = 0; j < c; j++) {
                    or[j] += v * br[j];
                }
            }
        }
        return o;
    }
}
