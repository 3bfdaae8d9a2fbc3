package dev.initlab.experiment;

import dev.initlab.experiment.nn.Mlp;
import dev.initlab.experiment.nn.MatOps;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * Layer-sequential unit-variance initialization: D. Mishkin and J. Matas, "All you need is a good
 * init", ICLR 2016 (arXiv:1511.06422), Algorithm 1.
 *
 * <ol>
 *   <li>Pre-initialize every weight with an orthonormal matrix (catalog {@code orthogonal}, gain 1,
 *       the sign-fixed QR of A. M. Saxe et al., ICLR 2014); biases zero.</li>
 *   <li>From the first layer to the last: compute the layer's output on a data batch and its
 *       variance v (over all batch rows and units); while |v - 1| &gt;= tol and fewer than
 *       {@code iters} rescalings were made, divide the weight by sqrt(v) and recompute.</li>
 * </ol>
 * "Output" is the layer's pre-activation W h + b by default ({@code output=pre}, the output blob of
 * the inner-product layer in the paper's wording); {@code output=post} measures f(W h + b) instead,
 * as the Keras reference implementation (LSUV-keras) does when the activation is part of the layer.
 * Defaults tol = 0.1 and iters = 10 follow the paper's Tol_var and T_max. With zero biases and
 * {@code output=pre} the output is linear in W, so one rescaling reaches |v - 1| &lt; tol up to
 * float rounding.
 */
public final class Lsuv implements Scheme {
    private final String label;
    private final double tol;
    private final int iters;
    private final boolean post;
    private final Scheme.FromCatalog base;

    private Lsuv(String label, double tol, int iters, boolean post) {
        this.label = label;
        this.tol = tol;
        this.iters = iters;
        this.post = post;
        this.base = Scheme.FromCatalog.of("orthogonal", "orthogonal", Map.of());
    }

    /** LSUV with the paper's defaults (tol 0.1, at most 10 rescalings, pre-activation output). */
    public static Lsuv of() {
        return new Lsuv("lsuv", 0.1, 10, false);
    }

    /** LSUV with explicit settings. */
    public static Lsuv of(double tol, int iters, boolean postActivation) {
        check(tol, iters);
        return new Lsuv("lsuv:tol=" + tol + ":iters=" + iters + (postActivation ? ":output=post" : ""), tol, iters,
                postActivation);
    }

    static Lsuv of(String label, Map<String, String> params) {
        double tol = 0.1;
        int iters = 10;
        boolean post = false;
        for (Map.Entry<String, String> e : params.entrySet()) {
            String v = e.getValue();
            switch (e.getKey()) {
                case "tol" -> tol = number("tol", v);
                case "iters", "max_iter", "t_max" -> {
                    double d = number("iters", v);
                    if (d != Math.rint(d) || d > 1000) {
                        throw new IllegalArgumentException("lsuv: iters must be a whole number <= 1000, got " + v);
                    }
                    iters = (int) d;
                }
                case "output" -> {
                    String o = v.toLowerCase(Locale.ROOT);
                    if (!o.equals("pre") && !o.equals("post")) {
                        throw new IllegalArgumentException("lsuv: output must be pre or post, got '" + v + "'");
                    }
                    post = o.equals("post");
                }
                default -> throw new IllegalArgumentException("scheme lsuv does not take " + e.getKey()
                        + " (tol, iters, output)");
            }
        }
        check(tol, iters);
        return new Lsuv(label, tol, iters, post);
    }

    private static double number(String key, String v) {
        try {
            double d = Double.parseDouble(v);
            if (!Double.isFinite(d)) {
                throw new NumberFormatException();
            }
            return d;
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("lsuv: " + key + " must be a finite number, got '" + v + "'");
        }
    }

    private static void check(double tol, int iters) {
        if (!(tol > 0) || tol >= 1) {
            throw new IllegalArgumentException("lsuv: tol must be in (0, 1), got " + tol);
        }
        if (iters < 1) {
            throw new IllegalArgumentException("lsuv: iters must be at least 1, got " + iters);
        }
    }

    public double tol() {
        return tol;
    }

    public int iters() {
        return iters;
    }

    @Override public String label() { return label; }
    @Override public boolean dataDependent() { return true; }

    /** What LSUV did to one layer. */
    public record LayerReport(int layer, double varianceBefore, double varianceAfter, int rescalings,
                              double totalScale, boolean converged) {
    }

    @Override
    public void initialize(Mlp net, long seed, float[] batch, int rows) {
        normalize(net, seed, batch, rows);
    }

    /** Orthonormal pre-initialization from {@code seed}, then the layer-sequential rescaling; returns per-layer reports. */
    public List<LayerReport> normalize(Mlp net, long seed, float[] batch, int rows) {
        checkBatch(net, batch, rows);
        base.initialize(net, seed, null, 0);
        return rescale(net, batch, rows);
    }

    private static void checkBatch(Mlp net, float[] batch, int rows) {
        if (batch == null || rows <= 0 || batch.length < (long) rows * net.width(0)) {
            throw new IllegalArgumentException("lsuv needs a data batch of at least one row of width " + net.width(0));
        }
    }

    /**
     * Step 2 alone: the layer-sequential rescaling of weights already pre-initialized (orthonormal
     * for LSUV proper; the experiments reuse one orthogonal draw for several activations).
     */
    public List<LayerReport> rescale(Mlp net, float[] batch, int rows) {
        checkBatch(net, batch, rows);
        List<LayerReport> reports = new ArrayList<>();
        float[] in = batch;
        int last = net.layers() - 1;
        for (int l = 0; l <= last; l++) {
            int nIn = net.width(l);
            int nOut = net.width(l + 1);
            float[] z = new float[rows * nOut];
            float[] h = new float[rows * nOut];
            boolean activated = l < last || net.activatesOutput();
            double v = layerVariance(net, l, in, rows, z, h, activated);
            double before = v;
            int k = 0;
            double total = 1;
            while (Math.abs(v - 1) >= tol && k < iters && v > 0 && Double.isFinite(v)) {
                float s = (float) (1 / Math.sqrt(v));
                float[] w = net.weight(l);
                for (int i = 0; i < w.length; i++) {
                    w[i] *= s;
                }
                total *= s;
                net.sync(l);
                k++;
                v = layerVariance(net, l, in, rows, z, h, activated);
            }
            reports.add(new LayerReport(l + 1, before, v, k, total, Math.abs(v - 1) < tol));
            in = activated ? h : z;
        }
        return reports;
    }

    private double layerVariance(Mlp net, int l, float[] in, int rows, float[] z, float[] h, boolean activated) {
        int nOut = net.width(l + 1);
        net.preActivation(l, in, rows, z);
        if (activated) {
            net.activation().apply(z, h, rows * nOut);
        }
        return MatOps.variance(post && activated ? h : z, rows * nOut);
    }

    @Override
    public String toString() {
        return label;
    }
}
