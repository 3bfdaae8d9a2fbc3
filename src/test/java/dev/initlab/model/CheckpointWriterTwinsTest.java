package dev.initlab.model;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.initlab.init.Engine;
import dev.initlab.model.CheckpointWriter.Planned;
import dev.initlab.model.CheckpointWriter.TensorSpec;
import dev.initlab.random.PhiloxStream;
import dev.initlab.tensor.Dtype;
import dev.initlab.tensor.Shape;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The checkpoint writer's float32/float64 twins (the {@code double[]} and {@code float[]} branches of filling and
 * of writing a tensor): a float64 and a float32 tensor of the same rule, written to one file and read back, hold
 * exactly what their initializer's {@code fill(double[])} and {@code fill(float[])} give for the tensor's stream
 * (that the two fills draw the same law is {@code init.InitializerTwinsTest}).
 */
class CheckpointWriterTwinsTest {
    @Test
    void float64AndFloat32TensorsHoldTheirFillsExactly(@TempDir Path dir) {
        List<TensorSpec> tensors = List.of(new TensorSpec("a.weight", new long[] {24, 40}, Dtype.FLOAT64),
                new TensorSpec("b.weight", new long[] {24, 40}, Dtype.FLOAT32));
        InitSpec spec = InitSpec.load("torch-default");
        List<Planned> plan = CheckpointWriter.plan(tensors, spec);
        Path out = dir.resolve("twins.safetensors");
        CheckpointWriter.write(out, plan, 11L, 1L << 30, Engine.scalar(), Map.of(), line -> { });
        Checkpoint c = Checkpoint.open(out);
        Shape shape = Shape.of(24, 40);
        for (Planned p : plan) {
            PhiloxStream stream = PhiloxStream.of(11L, p.stream());
            double[] expected;
            if (p.tensor().dtype() == Dtype.FLOAT64) {
                expected = new double[shape.count()];
                p.init().fill(shape, p.fans(), stream, Engine.scalar().fillEngine(), expected);
            } else {
                float[] f = new float[shape.count()];
                p.init().fill(shape, p.fans(), stream, Engine.scalar().fillEngine(), f);
                expected = new double[f.length];
                for (int i = 0; i < f.length; i++) {
                    expected[i] = f[i];
                }
            }
            assertEquals(java.util.Optional.of(p.tensor().dtype()), c.tensor(p.tensor().name()).dtype());
            assertArrayEquals(expected, c.tensor(p.tensor().name()).readAll(), p.tensor().name());
        }
    }
}
