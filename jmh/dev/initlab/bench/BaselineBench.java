package dev.initlab.bench;

import java.util.Random;
import java.util.SplittableRandom;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import org.apache.commons.rng.UniformRandomProvider;
import org.apache.commons.rng.sampling.distribution.ZigguratSampler;
import org.apache.commons.rng.simple.RandomSource;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;

/**
 * Single-threaded baselines, measured in the same run as the engines: one operation fills a
 * {@code float[size]} with what typical Java code uses. Uniforms: {@code nextFloat()} of
 * {@link Random}, {@link ThreadLocalRandom}, {@link SplittableRandom} and Commons RNG's
 * Philox4x32 (the scalar reference of the same generator, Commons RNG 1.7). Normals:
 * {@code nextGaussian()} of the three JDK generators (polar method for {@code Random}, McFarland's
 * modified ziggurat for the others) and Commons RNG's {@code ZigguratSampler.NormalizedGaussian}
 * over XO_RO_SHI_RO_128_PP, the fastest pure-Java normal sampler (cast to float).
 */
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
@Warmup(iterations = 3, time = 200, timeUnit = TimeUnit.MILLISECONDS)
@Measurement(iterations = 3, time = 300, timeUnit = TimeUnit.MILLISECONDS)
@Fork(value = 2, jvmArgsAppend = {"--add-modules", "jdk.incubator.vector", "-Xmx2g", "-XX:+UseParallelGC"})
@State(Scope.Thread)
public class BaselineBench {
    @Param({"262144"})
    public int size;

    float[] a;
    Random random;
    SplittableRandom splittable;
    UniformRandomProvider philox;
    ZigguratSampler.NormalizedGaussian ziggurat;

    @Setup
    public void setup() {
        a = new float[size];
        random = new Random(20261123L);
        splittable = new SplittableRandom(20261123L);
        philox = RandomSource.PHILOX_4X32.create(20261123L);
        ziggurat = ZigguratSampler.NormalizedGaussian.of(RandomSource.XO_RO_SHI_RO_128_PP.create(20261123L));
    }

    @Benchmark
    public float[] randomNextFloat() {
        float[] x = a;
        Random r = random;
        for (int i = 0; i < x.length; i++) {
            x[i] = r.nextFloat();
        }
        return x;
    }

    @Benchmark
    public float[] randomNextGaussian() {
        float[] x = a;
        Random r = random;
        for (int i = 0; i < x.length; i++) {
            x[i] = (float) r.nextGaussian();
        }
        return x;
    }

    @Benchmark
    public float[] threadLocalNextFloat() {
        float[] x = a;
        ThreadLocalRandom r = ThreadLocalRandom.current();
        for (int i = 0; i < x.length; i++) {
            x[i] = r.nextFloat();
        }
        return x;
    }

    @Benchmark
    public float[] threadLocalNextGaussian() {
        float[] x = a;
        ThreadLocalRandom r = ThreadLocalRandom.current();
        for (int i = 0; i < x.length; i++) {
            x[i] = (float) r.nextGaussian();
        }
        return x;
    }

    @Benchmark
    public float[] splittableNextFloat() {
        float[] x = a;
        SplittableRandom r = splittable;
        for (int i = 0; i < x.length; i++) {
            x[i] = r.nextFloat();
        }
        return x;
    }

    @Benchmark
    public float[] splittableNextGaussian() {
        float[] x = a;
        SplittableRandom r = splittable;
        for (int i = 0; i < x.length; i++) {
            x[i] = (float) r.nextGaussian();
        }
        return x;
    }

    @Benchmark
    public float[] commonsPhiloxNextFloat() {
        float[] x = a;
        UniformRandomProvider r = philox;
        for (int i = 0; i < x.length; i++) {
            x[i] = r.nextFloat();
        }
        return x;
    }

    @Benchmark
    public float[] commonsZigguratGaussian() {
        float[] x = a;
        ZigguratSampler.NormalizedGaussian z = ziggurat;
        for (int i = 0; i < x.length; i++) {
            x[i] = (float) z.sample();
        }
        return x;
    }
}
