package dev.initlab.bench;

import dev.initlab.fill.ConstantTransform;
import dev.initlab.fill.Engines;
import dev.initlab.fill.FillEngine;
import dev.initlab.random.PhiloxStream;
import java.util.Arrays;
import java.util.concurrent.TimeUnit;
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
 * The store-bandwidth limit: {@link Arrays#fill(float[], float)} over {@code size} floats, on one
 * thread or split over {@code threads} threads exactly as the parallel engine splits a fill (the
 * constant transform's chunks are {@code Arrays.fill} calls on the same pool), so the parallel
 * uniform fill can be compared with the bandwidth its threads could reach at best.
 */
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
@Warmup(iterations = 3, time = 200, timeUnit = TimeUnit.MILLISECONDS)
@Measurement(iterations = 3, time = 300, timeUnit = TimeUnit.MILLISECONDS)
@Fork(value = 2, jvmArgsAppend = {"--add-modules", "jdk.incubator.vector", "-Xmx2g", "-XX:+UseParallelGC"})
@State(Scope.Benchmark)
public class StoreBench {
    @Param({"4096", "262144", "16777216"})
    public int size;
    @Param({"1", "2"})
    public int threads;

    float[] a;
    FillEngine parallel;
    ConstantTransform half;
    PhiloxStream stream;

    @Setup
    public void setup() {
        a = new float[size];
        parallel = Engines.of("parallel", threads);
        half = ConstantTransform.of(0.5);
        stream = PhiloxStream.of(1, 1);
    }

    @Benchmark
    public float[] arraysFill() {
        if (threads == 1) {
            Arrays.fill(a, 0.5f);
        } else {
            parallel.fill(half, stream, a);
        }
        return a;
    }
}
