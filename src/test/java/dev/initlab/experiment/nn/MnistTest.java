package dev.initlab.experiment.nn;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import dev.initlab.io.InputException;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.zip.GZIPOutputStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The IDX loader: valid files (raw and gzip), every validation error, and the real t10k split. */
public class MnistTest {
    @TempDir
    Path dir;

    /** The shipped data directory: system property initlab.mnist (set by the pom), else ../shared/datasets/mnist. */
    public static Path mnistDir() {
        return Path.of(System.getProperty("initlab.mnist", "../shared/datasets/mnist"));
    }

    static byte[] idx(int magic, int[] dims, byte[] data) {
        ByteBuffer b = ByteBuffer.allocate(4 + 4 * dims.length + data.length);
        b.putInt(magic);
        for (int d : dims) {
            b.putInt(d);
        }
        b.put(data);
        return b.array();
    }

    static byte[] gzip(byte[] raw) throws IOException {
        ByteArrayOutputStream o = new ByteArrayOutputStream();
        try (GZIPOutputStream g = new GZIPOutputStream(o)) {
            g.write(raw);
        }
        return o.toByteArray();
    }

    /** n images of 2x3 pixels where image i has every pixel = i, and label i % 10. */
    private void writePair(String prefix, int n, boolean gz) throws IOException {
        byte[] px = new byte[n * 6];
        byte[] lab = new byte[n];
        for (int i = 0; i < n; i++) {
            Arrays.fill(px, i * 6, i * 6 + 6, (byte) (i * 20));
            lab[i] = (byte) (i % 10);
        }
        byte[] im = idx(0x803, new int[] {n, 2, 3}, px);
        byte[] lb = idx(0x801, new int[] {n}, lab);
        String sfx = gz ? ".gz" : "";
        Files.write(dir.resolve(prefix + "-images-idx3-ubyte" + sfx), gz ? gzip(im) : im);
        Files.write(dir.resolve(prefix + "-labels-idx1-ubyte" + sfx), gz ? gzip(lb) : lb);
    }

    @Test
    void readsRawAndGzipFilesAndStandardises() throws IOException {
        writePair("t10k", 12, true);
        Mnist.Split s = Mnist.load(dir);
        assertEquals(10, s.train().n());
        assertEquals(2, s.test().n());
        assertEquals(6, s.train().dim());
        assertTrue(s.source().contains("split 10/2"), s.source());
        // every pixel is standardised from an integer level
        Mnist.Dataset all = Mnist.read(dir.resolve("t10k-images-idx3-ubyte.gz"), dir.resolve("t10k-labels-idx1-ubyte.gz"));
        assertEquals((float) ((40 / 255.0 - 0.1307) / 0.3081), all.x()[2 * 6 + 5], 0f);
        assertEquals(7, all.y()[7]);
        // the split is a permutation: union of train and test labels is every label
        int[] counts = new int[10];
        for (int v : s.train().y()) {
            counts[v]++;
        }
        for (int v : s.test().y()) {
            counts[v]++;
        }
        assertEquals(12, Arrays.stream(counts).sum());
        assertEquals(2, counts[0]);
        assertEquals(2, counts[1]);
    }

    @Test
    void standardSplitWhenTrainingFilesExist() throws IOException {
        writePair("t10k", 5, false);
        writePair("train", 30, true);
        Mnist.Split s = Mnist.load(dir);
        assertEquals(30, s.train().n());
        assertEquals(5, s.test().n());
        assertTrue(s.source().startsWith("standard split"), s.source());
        assertEquals(3, s.train().y()[13]);
    }

    private String error(Runnable r) {
        InputException e = assertThrows(InputException.class, r::run);
        assertTrue(!e.getMessage().contains("\n"), "one line: " + e.getMessage());
        return e.getMessage();
    }

    @Test
    void everyMalformedInputIsAOneLineError() throws IOException {
        assertTrue(error(() -> Mnist.load(dir.resolve("nope"))).contains("does not exist"));
        assertTrue(error(() -> Mnist.load(dir)).contains("no MNIST test files"));
        Path im = dir.resolve("i");
        Path lb = dir.resolve("l");
        Files.write(lb, idx(0x801, new int[] {2}, new byte[] {1, 2}));
        Files.write(im, idx(0x801, new int[] {2, 1, 1}, new byte[] {1, 2}));
        assertTrue(error(() -> Mnist.read(im, lb)).contains("bad magic 0x00000801, expected 0x00000803"));
        Files.write(im, idx(0x803, new int[] {2, 2, 2}, new byte[7]));
        assertTrue(error(() -> Mnist.read(im, lb)).contains("(truncated)"));
        Files.write(im, idx(0x803, new int[] {2, 2, 2}, new byte[9]));
        assertTrue(error(() -> Mnist.read(im, lb)).contains("(trailing bytes)"));
        Files.write(im, idx(0x803, new int[] {3, 1, 1}, new byte[3]));
        assertTrue(error(() -> Mnist.read(im, lb)).contains("has 2 labels but"));
        Files.write(im, idx(0x803, new int[] {2, 0, 1}, new byte[0]));
        assertTrue(error(() -> Mnist.read(im, lb)).contains("must be positive"));
        Files.write(im, new byte[] {0, 0});
        assertTrue(error(() -> Mnist.read(im, lb)).contains("too short"));
        Files.write(im, idx(0x803, new int[] {2, 1, 1}, new byte[2]));
        Files.write(lb, idx(0x801, new int[] {2}, new byte[] {1, 10}));
        assertTrue(error(() -> Mnist.read(im, lb)).contains("label 10 at index 1"));
        byte[] gz = gzip(idx(0x801, new int[] {2}, new byte[] {1, 2}));
        Files.write(lb, Arrays.copyOf(gz, gz.length - 6));
        assertTrue(error(() -> Mnist.read(im, lb)).contains("corrupt gzip"));
        assertTrue(error(() -> Mnist.read(im, dir.resolve("missing"))).contains("no such file"));
        writePair("t10k", 3, false);
        writePair("train", 3, false);
        Files.delete(dir.resolve("train-labels-idx1-ubyte"));
        assertTrue(error(() -> Mnist.load(dir)).contains("train-labels-idx1-ubyte[.gz] is missing"));
    }

    /** CI has ../shared beside the clone: there the MNIST tests must run, not skip. */
    @Test
    void mnistIsPresentInCi() {
        if ("true".equals(System.getenv("CI"))) {
            assertTrue(Files.isDirectory(mnistDir()), "CI=true but MNIST is missing at " + mnistDir().toAbsolutePath()
                    + ": the MNIST tests would be skipped");
        }
    }

    @Test
    void theShippedDigitsSplitEightThousandToTwoThousand() {
        Path d = mnistDir();
        assumeTrue(Files.isDirectory(d), "MNIST not found at " + d.toAbsolutePath());
        Mnist.Split s = Mnist.load(d);
        assertEquals(8000, s.train().n());
        assertEquals(2000, s.test().n());
        assertEquals(784, s.train().dim());
        // t10k class counts (LeCun et al.): 980 1135 1032 1010 982 892 958 1028 974 1009
        int[] expected = {980, 1135, 1032, 1010, 982, 892, 958, 1028, 974, 1009};
        int[] tr = s.train().classCounts();
        int[] te = s.test().classCounts();
        for (int k = 0; k < 10; k++) {
            assertEquals(expected[k], tr[k] + te[k], "class " + k);
        }
        // deterministic: a second load gives the same split
        assertTrue(Arrays.equals(s.test().y(), Mnist.load(d).test().y()));
        double trivial = s.trivialAccuracy();
        System.out.printf("MNIST split: %s; trivial (majority-class) held-out accuracy %.4f%n", s.source(), trivial);
        assertTrue(trivial > 0.08 && trivial < 0.14, "majority class accuracy " + trivial);
    }
}
