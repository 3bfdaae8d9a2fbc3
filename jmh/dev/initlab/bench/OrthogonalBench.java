package dev.initlab.bench;

import dev.initlab.fill.Engines;
import dev.initlab.fill.FillEngine;
import dev.initlab.init.Fans;
import dev.initlab.init.Layout;
import dev.initlab.init.Orthogonal;
import dev.initlab.random.PhiloxStream;
import dev.initlab.tensor.Shape;
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
 * Issue #11's orthogonal target: one {@code orthogonal} initialisation of a {@code side} x
 * {@code side} float32 tensor per operation (the float64 normal fill on the {@code auto} engine,
 * the Householder QR on {@code parallelism} threads, sign fix, conversion), timed single-shot.
 * The trial setup first runs a 512 x 512 one 12 times, so that the QR's vector kernel is
 * compiled (C2) and the measured operations are compiled code without a timed warm-up iteration (one 4096 x 4096
 * operation takes 10-60 s on a 2-core machine). Every operation gives the same bits (the seed and
 * stream are fixed, and the QR's result does not depend on the thread count).
 *
 * <p>The parameters are named so that no suite-wide override touches them (the full suite
 * overrides {@code size}, {@code threads} and {@code dtype}).
 */
@BenchmarkMode(Mode.SingleShotTime)
@OutputTimeUnit(TimeUnit.SECONDS)
@Warmup(iterations = 0)
@Measurement(iterations = 2)
@Fork(value = 2, jvmArgsAppend = {"--add-modules", "jdk.incubator.vector", "-Xmx3g", "-XX:+UseParallelGC"})
@State(Scope.Benchmark)
public class OrthogonalBench {
    /** Matrix side (square matrix). */
    @Param({"4096"})
    public int side;
    /** Threads of the QR and of the normal fill. */
    @Param({"2"})
    public int parallelism;

    Orthogonal scheme;
    Shape shape;
    Fans fans;
    PhiloxStream stream;
    FillEngine engine;
    float[] out;

    @Setup
    public void setup() {
        scheme = Orthogonal.of(1.0, Layout.TORCH).withThreads(parallelism);
        shape = Shape.of(side, side);
        fans = Fans.of(shape, Layout.TORCH);
        stream = PhiloxStream.of(20261123L, 0);
        engine = Engines.of("auto", parallelism);
        out = new float[side * side];
        Shape small = Shape.of(512, 512);
        float[] warm = new float[512 * 512];
        // counted, not allocation-driven like Prewarm: every call allocates its matrices
        for (int i = 0; i < 12; i++) {
            scheme.fill(small, Fans.of(small, Layout.TORCH), stream, engine, warm);
        }
    }

    @Benchmark
    public Object orthogonal() {
        scheme.fill(shape, fans, stream, engine, out);
        return out;
    }
}
