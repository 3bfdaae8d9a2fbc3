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
 * One fill of {@code size} elements per operation, by engine, scheme, size, threads and dtype.
 * Samples per second = operations per second x size (the CSV summary does the product). Each
 * operation refills the same array from the same stream: the output is identical every time,
 * which no JIT can exploit because every element is stored.
 */
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
@Warmup(iterations = 2, time = 200, timeUnit = TimeUnit.MILLISECONDS)
@Measurement(iterations = 3, time = 300, timeUnit = TimeUnit.MILLISECONDS)
@Fork(value = 2, jvmArgsAppend = {"--add-modules", "jdk.incubator.vector", "-Xmx2g", "-XX:+UseParallelGC"})
@State(Scope.Benchmark)
public class FillBench {
    @Param({"scalar", "vector", "parallel", "auto"})
    public String engine;
    @Param({"uniform", "normal", "truncated_normal"})
    public String scheme;
    @Param({"4096", "262144", "16777216"})
    public int size;
    @Param({"2"})
    public int threads;
    @Param({"float32"})
    public String dtype;

    FillTarget target;

    @Setup
    public void setup() {
        target = FillTarget.of(engine, threads, scheme, size, dtype);
        Prewarm.untilCompiled(target::fill, size);
    }

    @Benchmark
    public Object fill() {
        return target.fill();
    }
}
