package dev.initlab.report;

import dev.initlab.bench.JmhFixture;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * A complete, hand-made {@code reports/} tree for end-to-end tests: every number is invented to
 * be plausible and easy to check by hand; none is a measurement.
 */
final class ReportFixtures {
    /** Hand-chosen ns/sample of initlab fills at one thread: engine -> scheme -> value. */
    static final Map<String, Map<String, Double>> NS = Map.of(
            "scalar", Map.of("normal", 4.0, "uniform", 1.0),
            "vector", Map.of("normal", 0.8, "uniform", 0.25));
    /** Element counts as the bench suite's @Param values spell them. */
    static final List<String> SIZES = List.of("4096", "262144", "16777216");
    /** Ziggurat: 2.4 ns/sample, so vector normal is 3x faster (passes the 2.5x target). */
    static final double ZIGGURAT_NS = 2.4;
    /** ThreadLocalRandom: 0.6 ns/sample, so vector uniform is 2.4x faster (misses the 3x target by 20%). */
    static final double TLR_NS = 0.6;

    private ReportFixtures() {
    }

    /** ops/s of a fill of {@code size} at {@code ns} per sample. */
    static double ops(String size, double ns) {
        return 1e9 / (ns * Long.parseLong(size));
    }

    /**
     * A JMH run shaped like the project's bench suite (class, method and parameter names of
     * jmh/dev/initlab/bench, in a package of its own): {@code speedFactor} multiplies every
     * initlab score (to make a regression); every error is 2% of its score.
     */
    static JmhFixture run(double speedFactor) {
        JmhFixture f = new JmhFixture();
        for (String engine : List.of("scalar", "vector", "parallel")) {
            for (String scheme : List.of("normal", "uniform")) {
                for (String size : SIZES) {
                    // the parallel engine on its 2 threads: normal scales 1.9x, uniform 1.5x (memory bound)
                    double ns = engine.equals("parallel") ? NS.get("vector").get(scheme)
                            / (scheme.equals("normal") ? 1.9 : 1.5) : NS.get(engine).get(scheme);
                    double s = ops(size, ns) * speedFactor;
                    Map<String, String> p = new LinkedHashMap<>();
                    p.put("engine", engine);
                    p.put("scheme", scheme);
                    p.put("size", size);
                    p.put("threads", "2"); // the suite passes the pool size to every engine
                    p.put("dtype", "float32");
                    f.thrpt("example.bench.FillBench.fill", p, s, 0.02 * s).secondary("gc.alloc.rate.norm", 0.001,
                            "B/op");
                }
            }
        }
        String mid = "262144";
        double zig = ops(mid, ZIGGURAT_NS);
        f.thrpt("example.bench.BaselineBench.commonsZigguratGaussian", Map.of("size", mid), zig, 0.02 * zig);
        double tlr = ops(mid, TLR_NS);
        f.thrpt("example.bench.BaselineBench.threadLocalNextFloat", Map.of("size", mid), tlr, 0.02 * tlr);
        double rnd = ops(mid, 5);
        f.thrpt("example.bench.BaselineBench.randomNextFloat", Map.of("size", mid), rnd, 0.02 * rnd);
        // a single-iteration result (no error) in a time mode
        f.add("example.bench.BaselineBench.splittableNextFloat", "avgt", 1, Map.of("size", mid), 262144 * 0.5,
                Double.NaN, "ns/op");
        for (String size : SIZES) {
            double fill = ops(size, 0.1);
            f.thrpt("example.bench.StoreBench.arraysFill", Map.of("size", size, "threads", "1"), fill, 0.02 * fill);
            // Arrays.fill split over 2 threads: 1.15x the bandwidth of one, so the parallel uniform fill at
            // 16Mi floats (64 MiB) reaches (0.1 / (0.25 / 1.5)) / 1.15 = 52.2% of it (meets the 50% target)
            f.thrpt("example.bench.StoreBench.arraysFill", Map.of("size", size, "threads", "2"), 1.15 * fill,
                    0.023 * fill);
        }
        // a result whose unit is neither a rate nor a time
        f.add("example.bench.Odd.alloc", "thrpt", 1, Map.of("size", "4096"), 16400, 1, "B/op");
        return f;
    }

    static final String SCRIPT = "<script>alert('x')</script>";

    /** Writes the tree under {@code reports}. */
    static void write(Path reports) throws IOException {
        run(1.0).write(reports.resolve("bench/jmh-quick.json"));
        // the bench command's note about the run, in the shape of its run-SUITE.json
        Files.writeString(reports.resolve("bench/run-quick.json"), """
                {"suite": "quick", "command": "./initlab bench --quick --forks 2 --out reports/bench",
                 "cpu": "Example CPU @ 2.0GHz", "processors": 2, "loadavg_before": "0.50 0.40 0.30 1/100 1"}
                """);
        // the baseline is 25% faster for initlab fills: every one of them is flagged as a regression
        run(1.25).write(reports.resolve("baseline/jmh.json"));
        // as the bench command writes it: extra columns threads, layers, calls; the vector engine at 1 and 2 threads
        StringBuilder lat = new StringBuilder("percentile,value_ns,engine,workload,threads,layers,calls\n");
        for (String engine : List.of("scalar", "vector", "vector")) {
            boolean two = engine.equals("vector") && lat.toString().contains(",vector,");
            double base = engine.equals("scalar") ? 4000 : two ? 600 : 900;
            for (double p : new double[] {0, 50, 90, 99, 99.9, 99.99, 100}) {
                lat.append(String.format(Locale.ROOT, "%s,%s,%s,gpt2-small,%d,12,1000%n", p, base * (1 + p / 50), engine,
                        two ? 2 : 1));
            }
        }
        Files.createDirectories(reports.resolve("bench"));
        Files.writeString(reports.resolve("bench/latency.csv"), lat.toString());
        Files.createDirectories(reports.resolve("verify"));
        Files.writeString(reports.resolve("verify/quick.csv"), """
                file,tensor,scheme,check,statistic,p_value,alpha,passed,verdict
                w.npy,weight,he_normal,finite,0,1,0,true,ok: all finite
                w.npy,weight,he_normal,mean,0.41,0.68,0.0025,true,ok: mean within 0.4 se
                w.npy,weight,he_normal,variance,-1.2,0.23,0.005,true,ok: variance within 1.2 se
                w.npy,weight,he_normal,ks,0.0012,0.31,0.01,true,ok
                bad.npy,weight,he_normal,variance,9.3,1.2E-20,0.0025,false,"FAIL: variance 2x too large; %s"
                bad.npy,weight,he_normal,ks,0.05,NaN,0.01,true,ok
                """.formatted(SCRIPT.replace("\"", "\"\"")));
        Files.createDirectories(reports.resolve("experiments"));
        // columns as dev.initlab.experiment.DepthExperiment.DepthLayerRow writes them (a subset)
        StringBuilder depth = new StringBuilder("width,depth,init,activation,layer,seeds,forwardGeoMean,forwardGeoLo,"
                + "forwardGeoHi,gradientGeoMean,gradientGeoLo,gradientGeoHi\n");
        for (String act : List.of("relu", "tanh")) {
            for (String init : List.of("he_normal", "xavier_normal")) {
                for (int layer = 1; layer <= 10; layer++) {
                    double v = init.equals("he_normal") == act.equals("relu") ? 1.0 : Math.pow(0.5, layer);
                    double g = v * 2;
                    depth.append(String.format(Locale.ROOT, "256,10,%s,%s,%d,5,%s,%s,%s,%s,%s,%s%n", init, act, layer,
                            v, v * 0.9, v * 1.1, g, g * 0.9, g * 1.1));
                }
            }
        }
        Files.writeString(reports.resolve("experiments/depth_layers.csv"), depth.toString());
        Files.writeString(reports.resolve("experiments/depth_checks.csv"), """
                check,source,width,layers,metric,value,lo,hi,expected,holds
                he_relu_flat,He 2015,256,10,slope,0.01,-0.02,0.04,0,true
                xavier_relu_halves,He 2015,256,10,slope,-0.69,-0.72,-0.66,-0.69,false
                """);
        Files.writeString(reports.resolve("experiments/gains.csv"), """
                activation,torchGain,torchSimRatio,torchSimLo,torchSimHi,forwardGainSimRatio,forwardGainSimLo,forwardGainSimHi,verdict
                relu,1.414,1.0,0.95,1.05,1.0,0.95,1.05,agrees
                tanh,1.667,1.8,1.6,2.0,1.0,0.9,1.1,differs
                """);
        Files.writeString(reports.resolve("experiments/mnist_final.csv"), """
                init,accuracy,acc_lo,acc_hi,seeds
                he_normal,0.981,0.979,0.983,5
                xavier_normal,0.975,0.972,0.978,5
                zeros,0.1135,0.1135,0.1135,5
                """);
        Files.writeString(reports.resolve("experiments/new_study.csv"), "a,b\n1,x\n2,y\n");
        Files.writeString(reports.resolve("experiments/claims.csv"), """
                claim,evidence,verdict
                He keeps ReLU activations at unit variance,depth.csv,supported
                Zeros breaks symmetry,mnist_final.csv,refuted
                """);
        // eight past runs; the last three are 30% slower
        for (int i = 1; i <= 8; i++) {
            new JmhFixture().thrpt("example.bench.FillBench.fill", Map.of("engine", "vector", "size", "4Ki"),
                    i <= 5 ? 1000 + i : 700 + i, 5).write(reports.resolve("history/2026-11-0" + i + "-jmh.json"));
        }
    }
}
