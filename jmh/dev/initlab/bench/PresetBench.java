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
 * {@link FillBench} for the He and Glorot presets, at the L2-resident size by default: the presets
 * are the basic transforms with a fan-dependent scale, so they should cost what those cost
 * (measured, not assumed). kaiming_normal = torch He normal N(0, 2/fan_in), xavier_uniform =
 * Glorot uniform (he_normal, Keras' truncated He normal, is accepted too: --param scheme=he_normal);
 * the weight is (size/512, 512).
 */
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
@Warmup(iterations = 2, time = 200, timeUnit = TimeUnit.MILLISECONDS)
@Measurement(iterations = 3, time = 300, timeUnit = TimeUnit.MILLISECONDS)
@Fork(value = 2, jvmArgsAppend = {"--add-modules", "jdk.incubator.vector", "-Xmx2g", "-XX:+UseParallelGC"})
@State(Scope.Benchmark)
public class PresetBench {
    @Param({"scalar", "vector", "parallel", "auto"})
    public String engine;
    @Param({"kaiming_normal", "xavier_uniform"})
    public String scheme;
    @Param({"262144"})
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
