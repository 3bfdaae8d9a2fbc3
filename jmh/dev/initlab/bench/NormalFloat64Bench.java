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
 * Issue #11's float64 target: a normal N(0, 0.02^2) fill of 256 Ki float64 elements on one thread,
 * the vector engine next to the scalar one (its baseline, same run). {@link FillBench} measures the
 * same fill with {@code --param dtype=float64}; this class exists so that the quick suite measures
 * the target by default with two configurations instead of doubling FillBench's cartesian product.
 * Same operation and settings as FillBench.
 */
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
@Warmup(iterations = 2, time = 200, timeUnit = TimeUnit.MILLISECONDS)
@Measurement(iterations = 3, time = 300, timeUnit = TimeUnit.MILLISECONDS)
@Fork(value = 2, jvmArgsAppend = {"--add-modules", "jdk.incubator.vector", "-Xmx2g", "-XX:+UseParallelGC"})
@State(Scope.Benchmark)
public class NormalFloat64Bench {
    @Param({"scalar", "vector"})
    public String engine;
    @Param({"normal"})
    public String scheme;
    @Param({"262144"})
    public int size;
    @Param({"1"})
    public int threads;
    @Param({"float64"})
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
