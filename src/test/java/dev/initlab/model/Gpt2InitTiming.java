package dev.initlab.model;

import dev.initlab.fill.ConstantTransform;
import dev.initlab.fill.Engines;
import dev.initlab.fill.FillEngine;
import dev.initlab.fill.NormalTransform;
import dev.initlab.init.Catalog;
import dev.initlab.init.Fans;
import dev.initlab.init.Initializer;
import dev.initlab.init.Layout;
import dev.initlab.init.Params;
import dev.initlab.random.PhiloxStream;
import dev.initlab.tensor.Shape;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;

/**
 * Timing harness, not a test (issue #11, GPT-2 small, all 12 blocks, 2 threads): where the time of
 * {@code ModelInitBench}'s operation goes. Variants timed one after the other in every round, in one
 * JVM, so that a shared machine's load hits them alike:
 * <ul>
 *   <li>{@code model-auto-2t}, {@code model-parallel-2t}: the benchmark's operation (every tensor
 *       filled by its initializer into a preallocated array, tensor i on stream i);</li>
 *   <li>{@code model-vector-1t}: the same on one thread;</li>
 *   <li>{@code one-normal-fill-2t}: one N(0, 0.02^2) fill of as many float32 elements as the model has
 *       parameters into one array (no per-tensor calls, no zeros/ones tensors): the kernels' share;</li>
 *   <li>{@code constant-fill-2t}: a constant written into every tensor's array through the parallel
 *       engine (per chunk {@code Arrays.fill}): the memory-store floor of the same calls.</li>
 * </ul>
 * Run: {@code java --add-modules jdk.incubator.vector -Xmx3g -cp target/test-classes:target/classes:$(cat
 * target/initlab-bench.classpath) dev.initlab.model.Gpt2InitTiming ROUNDS}.
 */
public final class Gpt2InitTiming {
    private Gpt2InitTiming() {
    }

    public static void main(String[] args) throws IOException {
        int rounds = Integer.parseInt(args[0]);
        List<ModelShapes.LayerTensor> ts = ModelShapes.of("gpt2-small", 12);
        int n = ts.size();
        Initializer[] inits = new Initializer[n];
        Shape[] shapes = new Shape[n];
        Fans[] fans = new Fans[n];
        PhiloxStream[] streams = new PhiloxStream[n];
        float[][] arrays = new float[n][];
        long total = 0;
        for (int i = 0; i < n; i++) {
            ModelShapes.LayerTensor t = ts.get(i);
            inits[i] = Catalog.of(t.scheme(), Params.of(t.params()), Layout.TORCH);
            shapes[i] = t.shape();
            fans[i] = Fans.of(t.fanShape(), Layout.TORCH);
            streams[i] = PhiloxStream.of(20261123L, i);
            arrays[i] = new float[t.shape().count()];
            total += t.shape().count();
        }
        float[] big = new float[(int) total];
        FillEngine auto = Engines.of("auto", 2);
        FillEngine par = Engines.of("parallel", 2);
        FillEngine vec = Engines.of("vector", 1);
        NormalTransform normal = NormalTransform.of(0, 0.02);
        ConstantTransform zero = ConstantTransform.of(0.5);
        PhiloxStream s = PhiloxStream.of(20261123L, 0);
        String[] names = {"model-auto-2t", "model-parallel-2t", "model-vector-1t", "one-normal-fill-2t", "constant-fill-2t"};
        Runnable[] vs = {
            () -> model(inits, shapes, fans, streams, arrays, auto),
            () -> model(inits, shapes, fans, streams, arrays, par),
            () -> model(inits, shapes, fans, streams, arrays, vec),
            () -> par.fill(normal, s, big),
            () -> {
                for (float[] a : arrays) {
                    par.fill(zero, s, a);
                }
            }
        };
        for (int w = 0; w < 3; w++) {
            for (Runnable v : vs) {
                v.run();
            }
        }
        String load0 = load();
        double[][] t = new double[vs.length][rounds];
        for (int r = 0; r < rounds; r++) {
            for (int v = 0; v < vs.length; v++) {
                long t0 = System.nanoTime();
                vs[v].run();
                t[v][r] = (System.nanoTime() - t0) / 1e6;
            }
        }
        System.out.printf(Locale.ROOT, "gpt2-small 12 blocks: %d tensors, %d parameters; rounds %d; load(1 min) before %s after %s%n",
                n, total, rounds, load0, load());
        for (int v = 0; v < vs.length; v++) {
            double[] x = t[v].clone();
            Arrays.sort(x);
            double[] ratio = new double[rounds];
            for (int r = 0; r < rounds; r++) {
                ratio[r] = t[v][r] / t[0][r];
            }
            Arrays.sort(ratio);
            System.out.printf(Locale.ROOT, "  %-20s min %8.1f ms  median %8.1f ms  (%.2f ns/parameter min)  time / model-auto-2t "
                    + "(paired median) %.2f%n", names[v], x[0], x[rounds / 2], x[0] * 1e6 / total, ratio[rounds / 2]);
        }
    }

    static void model(Initializer[] in, Shape[] shapes, Fans[] fans, PhiloxStream[] streams, float[][] arrays,
                      FillEngine engine) {
        for (int i = 0; i < in.length; i++) {
            in[i].fill(shapes[i], fans[i], streams[i], engine, arrays[i]);
        }
    }

    private static String load() throws IOException {
        Path p = Path.of("/proc/loadavg");
        return Files.exists(p) ? Files.readString(p).split(" ")[0] : "?";
    }
}
