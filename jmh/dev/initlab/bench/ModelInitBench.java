package dev.initlab.bench;

import dev.initlab.fill.Engines;
import dev.initlab.fill.FillEngine;
import dev.initlab.init.Catalog;
import dev.initlab.init.Fans;
import dev.initlab.init.Initializer;
import dev.initlab.init.Layout;
import dev.initlab.init.Params;
import dev.initlab.tensor.Shape;
import dev.initlab.io.AtomicFiles;
import dev.initlab.model.ModelShapes;
import dev.initlab.random.PhiloxStream;
import java.io.IOException;
import java.io.PrintStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.HdrHistogram.Histogram;
import org.HdrHistogram.HistogramLogWriter;
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
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.annotations.Warmup;
import org.openjdk.jmh.infra.IterationParams;
import org.openjdk.jmh.runner.IterationType;

/**
 * Time to initialise every parameter tensor of a real model (float32), one operation = the whole
 * model: {@code Catalog.of(scheme, params, TORCH)} per tensor once, then per operation
 * {@code initializer.fill(shape, Fans.of(shape, TORCH), stream, engine, tensor)} for each tensor,
 * tensor {@code i} on Philox stream {@code i}. See {@link ModelShapes} for the shapes, schemes and
 * sources.
 *
 * <p>Every fill call of the measurement iterations is also timed on its own and recorded in an
 * HdrHistogram (ns), written at the end of the fork to {@code -Dinitlab.bench.latency=DIR} as
 * {@code MODEL_ENGINE_tT_lL_PID.hlog}; {@code initlab bench} merges the forks into a CSV of
 * percentiles. The per-call distribution shows what small tensors (biases, norms) pay: on a
 * parallel engine they pay the thread hand-off, which {@code auto} avoids.
 */
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MILLISECONDS)
@Warmup(iterations = 1, time = 1, timeUnit = TimeUnit.SECONDS)
@Measurement(iterations = 3, time = 1, timeUnit = TimeUnit.SECONDS)
@Fork(value = 2, jvmArgsAppend = {"--add-modules", "jdk.incubator.vector", "-Xmx3g", "-XX:+UseParallelGC"})
@State(Scope.Benchmark)
public class ModelInitBench {
    @Param({"gpt2-small", "bert-base", "resnet50"})
    public String model;
    @Param({"scalar", "vector", "parallel", "auto"})
    public String engine;
    @Param({"2"})
    public int threads;
    /** Transformer blocks (12 in the real models; quick runs use fewer). */
    @Param({"12"})
    public int layers;

    List<ModelShapes.LayerTensor> tensors;
    Initializer[] inits;
    Shape[] shapes;
    Fans[] fans;
    PhiloxStream[] streams;
    float[][] arrays;
    FillEngine fillEngine;
    Histogram latency;
    boolean recording;

    @Setup(Level.Trial)
    public void setup() {
        tensors = ModelShapes.of(model, layers);
        int n = tensors.size();
        inits = new Initializer[n];
        shapes = new Shape[n];
        fans = new Fans[n];
        streams = new PhiloxStream[n];
        arrays = new float[n][];
        for (int i = 0; i < n; i++) {
            ModelShapes.LayerTensor t = tensors.get(i);
            inits[i] = Catalog.of(t.scheme(), Params.of(t.params()), Layout.TORCH);
            shapes[i] = t.shape();
            fans[i] = Fans.of(t.fanShape(), Layout.TORCH);
            streams[i] = PhiloxStream.of(20261123L, i);
            arrays[i] = new float[t.shape().count()];
        }
        fillEngine = Engines.of(engine, threads);
        latency = new Histogram(60_000_000_000L, 3);
        Prewarm.untilCompiled(this::initialiseModel, ModelShapes.count(tensors));
    }

    @Setup(Level.Iteration)
    public void iteration(IterationParams params) {
        recording = params.getType() == IterationType.MEASUREMENT;
    }

    @Benchmark
    public Object initialiseModel() {
        Initializer[] in = inits;
        for (int i = 0; i < in.length; i++) {
            long t0 = System.nanoTime();
            in[i].fill(shapes[i], fans[i], streams[i], fillEngine, arrays[i]);
            long dt = System.nanoTime() - t0;
            if (recording) {
                latency.recordValue(Math.min(dt, latency.getHighestTrackableValue()));
            }
        }
        return arrays;
    }

    @TearDown(Level.Trial)
    public void writeLatency() {
        String dir = System.getProperty("initlab.bench.latency");
        if (dir == null || latency.getTotalCount() == 0) {
            return;
        }
        String name = model + "_" + engine + "_t" + threads + "_l" + layers + "_" + ProcessHandle.current().pid();
        try {
            Path d = Files.createDirectories(Path.of(dir));
            AtomicFiles.write(d.resolve(name + ".hlog"), out -> {
                PrintStream ps = new PrintStream(out, false, java.nio.charset.StandardCharsets.UTF_8);
                HistogramLogWriter w = new HistogramLogWriter(ps);
                w.outputComment("initlab ModelInitBench model=" + model + " engine=" + engine + " threads=" + threads
                        + " layers=" + layers + " tensors=" + tensors.size() + " parameters=" + ModelShapes.count(tensors));
                w.outputLogFormatVersion();
                latency.setTag(model + "|" + engine + "|" + threads + "|" + layers + "|" + ModelShapes.count(tensors));
                w.outputIntervalHistogram(latency);
                ps.flush();
            });
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
