package dev.initlab.model;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * A one-off timing harness (not a test; run by hand, numbers go in the report): initializes
 * gpt2-small (124,439,808 float32 parameters) with the gpt2 spec to a safetensors file, and writes
 * the very same bytes (read back into memory first) with a plain {@link FileChannel} plus
 * {@code force}, as {@code AtomicFiles} does; twice each, alternating.
 *
 * <pre>
 * mvn -q -DskipTests test-compile dependency:build-classpath -Dmdep.outputFile=target/cp.txt
 * java -cp target/classes:target/test-classes:$(cat target/cp.txt) --add-modules jdk.incubator.vector \
 *     dev.initlab.model.InitTimingHarness /tmp/initlab-timing [threads]
 * </pre>
 */
public final class InitTimingHarness {
    private InitTimingHarness() {
    }

    public static void main(String[] args) throws IOException {
        Path dir = Path.of(args.length > 0 ? args[0] : "/tmp/initlab-timing");
        int threads = args.length > 1 ? Integer.parseInt(args[1]) : 0;
        Files.createDirectories(dir);
        List<CheckpointWriter.TensorSpec> ts = new ArrayList<>();
        for (ModelShapes.TensorShape e : ModelShapes.stateDict("gpt2-small")) {
            ts.add(new CheckpointWriter.TensorSpec(e.name(), e.shape(), dev.initlab.tensor.Dtype.FLOAT32));
        }
        InitSpec spec = InitSpec.load("gpt2");
        List<CheckpointWriter.Planned> plan = CheckpointWriter.plan(ts, spec);
        Path a = dir.resolve("gpt2-small.safetensors");
        Path b = dir.resolve("plain.bin");
        for (int round = 1; round <= 2; round++) {
            Files.deleteIfExists(a);
            long t0 = System.nanoTime();
            CheckpointWriter.WrittenCheckpoint w = CheckpointWriter.write(a, plan, 1, Long.MAX_VALUE, dev.initlab.init.Engine.oneShot(threads),
                    CheckpointWriter.metadata(spec, 1, plan), s -> { });
            double init = (System.nanoTime() - t0) / 1e9;
            byte[] bytes = Files.readAllBytes(a);
            Files.deleteIfExists(b);
            long t1 = System.nanoTime();
            try (FileChannel ch = FileChannel.open(b, StandardOpenOption.CREATE_NEW, StandardOpenOption.WRITE)) {
                ByteBuffer buf = ByteBuffer.wrap(bytes);
                while (buf.hasRemaining()) {
                    ch.write(buf);
                }
                ch.force(true);
            }
            double plain = (System.nanoTime() - t1) / 1e9;
            System.out.printf(Locale.ROOT, "round %d: init %.2f s (fill %.2f s, convert+write %.2f s) for %.1f MB; plain "
                    + "FileChannel write+force of the same bytes %.2f s; ratio %.2f%n", round, init, w.fillNanos() / 1e9,
                    w.writeNanos() / 1e9, bytes.length / 1e6, plain, init / plain);
        }
        Files.deleteIfExists(a);
        Files.deleteIfExists(b);
    }
}
