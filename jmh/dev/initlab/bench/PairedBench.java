package dev.initlab.bench;

import java.util.SplittableRandom;
import java.util.concurrent.TimeUnit;
import org.apache.commons.rng.sampling.distribution.ZigguratSampler;
import org.apache.commons.rng.simple.RandomSource;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;
import org.openjdk.jmh.infra.IterationParams;
import org.openjdk.jmh.runner.IterationType;

/**
 * Regression tracking that a shared machine cannot fool: an initlab fill (A) and an outside
 * baseline (B) measured <em>interleaved in one fork</em>, A B A B. Iteration 2k of every fork runs
 * the initlab engine, iteration 2k+1 the baseline (Commons RNG's Ziggurat for normals,
 * {@link SplittableRandom#nextFloat()} for uniforms), both filling a {@code float[size]}; warm-up
 * iterations alternate the same way so that both branches are profiled and compiled before the
 * first measurement. A neighbour's load that slows the machine slows both halves of a pair, so the
 * ratio t(B)/t(A) of adjacent iterations (the speed of A relative to B) is what {@code compare}
 * judges ({@code dev.initlab.bench.PairedRatios}); the JMH score of this benchmark (the mean of a
 * mix) means nothing by itself. Sample mode: JMH records the time of individual fills, and each
 * iteration is summarised by its 10th-percentile time, the speed of fills that a neighbour did not
 * preempt (a mean, tried first, moved by +-50% per iteration under load 10-17 on 2 cores). 64 Ki
 * floats keep one fill (~0.1-1 ms) well under a scheduler time slice.
 *
 * <p>Test-only switch: the environment variable {@code INITLAB_BENCH_INJECT=ENGINE=FRACTION}
 * (e.g. {@code vector=0.2}) makes the A half of the named engine fill FRACTION x size more
 * elements into a scratch array after each fill: a deliberate slowdown of about that fraction,
 * used to show that {@code compare} detects one. Only this benchmark reads it; no main code path
 * does (forked JVMs inherit the environment).
 */
@BenchmarkMode(Mode.SampleTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
@Warmup(iterations = 10, time = 100, timeUnit = TimeUnit.MILLISECONDS)
@Measurement(iterations = 40, time = 100, timeUnit = TimeUnit.MILLISECONDS)
@Fork(value = 1, jvmArgsAppend = {"--add-modules", "jdk.incubator.vector", "-Xmx1g", "-XX:+UseParallelGC"})
@State(Scope.Thread)
public class PairedBench {
    /** Environment variable of the test-only slowdown switch. */
    static final String INJECT_ENV = "INITLAB_BENCH_INJECT";

    @Param({"vector", "scalar"})
    public String engine;
    @Param({"normal", "uniform"})
    public String scheme;
    @Param({"65536"})
    public int size;

    FillTarget initlab;
    FillTarget injected;
    float[] b;
    SplittableRandom splittable;
    ZigguratSampler.NormalizedGaussian ziggurat;
    boolean normal;
    boolean onA;
    int warmups;
    int measurements;

    @Setup(Level.Trial)
    public void setup() {
        initlab = FillTarget.of(engine, 1, scheme, size, "float32");
        double slow = injectedFraction(System.getenv(INJECT_ENV), engine);
        if (slow > 0) {
            injected = FillTarget.of(engine, 1, scheme, (int) Math.round(slow * size), "float32");
            System.err.println("PairedBench: test-only slowdown injected into engine " + engine + ": +" + slow
                    + " x size elements per fill");
        }
        b = new float[size];
        splittable = new SplittableRandom(20261123L);
        ziggurat = ZigguratSampler.NormalizedGaussian.of(RandomSource.XO_RO_SHI_RO_128_PP.create(20261123L));
        normal = scheme.contains("normal");
        Prewarm.untilCompiled(this::a, size);
        Prewarm.untilCompiled(this::b, size);
    }

    /** {@code ENGINE=FRACTION} naming this engine: the fraction; otherwise 0. */
    static double injectedFraction(String spec, String engine) {
        if (spec == null || spec.isBlank()) {
            return 0;
        }
        String[] kv = spec.trim().split("=", 2);
        if (kv.length != 2) {
            throw new IllegalArgumentException(INJECT_ENV + " wants ENGINE=FRACTION, got '" + spec + "'");
        }
        double f = Double.parseDouble(kv[1]);
        if (!(f > 0 && f <= 10)) {
            throw new IllegalArgumentException(INJECT_ENV + " fraction must be in (0, 10], got " + f);
        }
        return kv[0].equals(engine) ? f : 0;
    }

    /** Alternates A and B per iteration: even iterations (counted separately in warm-up and measurement) are A. */
    @Setup(Level.Iteration)
    public void phase(IterationParams p) {
        int i = p.getType() == IterationType.MEASUREMENT ? measurements++ : warmups++;
        onA = i % 2 == 0;
    }

    @Benchmark
    public Object pair() {
        return onA ? a() : b();
    }

    private Object a() {
        Object r = initlab.fill();
        if (injected != null) {
            injected.fill();
        }
        return r;
    }

    private Object b() {
        float[] x = b;
        if (normal) {
            ZigguratSampler.NormalizedGaussian z = ziggurat;
            for (int i = 0; i < x.length; i++) {
                x[i] = (float) z.sample();
            }
        } else {
            SplittableRandom r = splittable;
            for (int i = 0; i < x.length; i++) {
                x[i] = r.nextFloat();
            }
        }
        return x;
    }
}
