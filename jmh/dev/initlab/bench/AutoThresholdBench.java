package dev.initlab.bench;

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
 * Where the parallel engine starts to beat the single-threaded vector engine: fill latency
 * (us per fill) by size between 4 Ki and 1 Mi elements, for the cheapest (uniform) and a costly
 * (normal) transform in both dtypes. The auto engine's threshold ({@code AutoEngine.PARALLEL_MIN_WORK})
 * comes from this benchmark; it is part of the full suite, not the quick one.
 */
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
@Warmup(iterations = 3, time = 300, timeUnit = TimeUnit.MILLISECONDS)
@Measurement(iterations = 4, time = 400, timeUnit = TimeUnit.MILLISECONDS)
@Fork(value = 2, jvmArgsAppend = {"--add-modules", "jdk.incubator.vector", "-Xmx2g", "-XX:+UseParallelGC"})
@State(Scope.Benchmark)
public class AutoThresholdBench {
    @Param({"vector", "parallel", "auto"})
    public String engine;
    @Param({"uniform", "normal"})
    public String scheme;
    /** Elements per fill (not called size, so the full suite's size override leaves it alone). */
    @Param({"4096", "16384", "65536", "131072", "262144", "1048576"})
    public int n;
    @Param({"2"})
    public int threads;
    @Param({"float32", "float64"})
    public String dtype;

    FillTarget target;

    @Setup
    public void setup() {
        target = FillTarget.of(engine, threads, scheme, n, dtype);
        Prewarm.untilCompiled(target::fill, n);
    }

    @Benchmark
    public Object fill() {
        return target.fill();
    }
}
