package dev.initlab.experiment.nn;

import dev.initlab.io.InputException;
import dev.initlab.io.MarkedNames;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.zip.GZIPInputStream;
import java.util.zip.ZipException;

/**
 * MNIST in the IDX format of Y. LeCun, C. Cortes and C. J. C. Burges: big-endian int32 magic
 * ({@code 0x00000803} images: unsigned bytes, 3 dimensions; {@code 0x00000801} labels: unsigned
 * bytes, 1 dimension), the dimension sizes as big-endian int32, then the bytes. Files may be gzip
 * compressed (detected from the content, not the name).
 *
 * <p>{@link #load(Path)} reads a directory:
 * <ul>
 *   <li>with {@code train-images-idx3-ubyte[.gz]}, {@code train-labels-idx1-ubyte[.gz]} and the
 *       {@code t10k-*} pair: the standard split, train on the first pair, test on {@code t10k};</li>
 *   <li>with only the {@code t10k-*} pair (what this repository ships): the 10,000 digits permuted
 *       by a Fisher-Yates shuffle driven by Philox stream ({@link #SPLIT_SEED}, 0), the first 80%
 *       (8,000) for training and the rest (2,000) held out.</li>
 * </ul>
 * Pixels are scaled to [0, 1] and standardised with the customary MNIST training-set constants
 * mean 0.1307, std 0.3081 (fixed, so no statistic is computed from the held-out digits).
 * Every malformed input is an {@link InputException} with a one-line message naming the file.
 */
public final class Mnist {
    /** Seed of the documented 8,000 / 2,000 split of the t10k digits. */
    public static final long SPLIT_SEED = 20261123L;
    /** Fraction of the t10k digits used for training when no training files exist. */
    public static final double TRAIN_FRACTION = 0.8;
    /** Customary MNIST pixel mean (of the 60k training images, pixels in [0,1]). */
    public static final double PIXEL_MEAN = 0.1307;
    /** Customary MNIST pixel standard deviation. */
    public static final double PIXEL_STD = 0.3081;
    private static final int IMAGES_MAGIC = 0x00000803;
    private static final int LABELS_MAGIC = 0x00000801;
    private static final long MAX_BYTES = 1L << 30;

    private Mnist() {
    }

    /** Labeled examples: x is n rows of {@code dim} standardised pixels, y the class 0..9 of each. */
    public record Dataset(float[] x, int[] y, int n, int dim) {
        /** Number of classes (10 digits). */
        public static final int CLASSES = 10;

        /** The examples at {@code idx}, in that order. */
        public Dataset subset(int[] idx) {
            float[] nx = new float[idx.length * dim];
            int[] ny = new int[idx.length];
            for (int i = 0; i < idx.length; i++) {
                System.arraycopy(x, idx[i] * dim, nx, i * dim, dim);
                ny[i] = y[idx[i]];
            }
            return new Dataset(nx, ny, idx.length, dim);
        }

        /** The first {@code count} examples (all when count &gt;= n). */
        public Dataset head(int count) {
            if (count >= n) {
                return this;
            }
            int[] idx = new int[count];
            for (int i = 0; i < count; i++) {
                idx[i] = i;
            }
            return subset(idx);
        }

        /** Examples per class. */
        public int[] classCounts() {
            int[] c = new int[CLASSES];
            for (int v : y) {
                c[v]++;
            }
            return c;
        }

        /** The most frequent class (the smallest on ties). */
        public int majorityClass() {
            int[] c = classCounts();
            int best = 0;
            for (int k = 1; k < CLASSES; k++) {
                if (c[k] > c[best]) {
                    best = k;
                }
            }
            return best;
        }

        /** Fraction of examples whose label is {@code k}: the accuracy of always answering k. */
        public double fractionOf(int k) {
            return (double) classCounts()[k] / n;
        }
    }

    /** Training and held-out examples, and a description of where they came from. */
    public record Split(Dataset train, Dataset test, String source) {
        /** Held-out accuracy of the trivial classifier that always answers the training set's majority class. */
        public double trivialAccuracy() {
            return test.fractionOf(train.majorityClass());
        }
    }

    /** Loads a directory (see the class comment). */
    public static Split load(Path dir) {
        if (!Files.isDirectory(dir)) {
            throw new InputException("MNIST directory " + dir + " does not exist or is not a directory"
                    + " (give the folder as " + MarkedNames.name("mnist") + ", or -Dinitlab.mnist=DIR in tests)");
        }
        Path testImages = find(dir, "t10k-images-idx3-ubyte");
        Path testLabels = find(dir, "t10k-labels-idx1-ubyte");
        Path trainImages = find(dir, "train-images-idx3-ubyte");
        Path trainLabels = find(dir, "train-labels-idx1-ubyte");
        if (testImages == null || testLabels == null) {
            throw new InputException(dir + ": no MNIST test files (expected t10k-images-idx3-ubyte[.gz] and "
                    + "t10k-labels-idx1-ubyte[.gz])" + (testImages == null ? "" : "; t10k-labels-idx1-ubyte is missing"));
        }
        if ((trainImages == null) != (trainLabels == null)) {
            throw new InputException(dir + ": " + (trainImages == null ? "train-images-idx3-ubyte" : "train-labels-idx1-ubyte")
                    + "[.gz] is missing (the training files come as a pair)");
        }
        Dataset test = read(testImages, testLabels);
        if (trainImages != null) {
            Dataset train = read(trainImages, trainLabels);
            if (train.dim() != test.dim()) {
                throw new InputException(dir + ": training images have " + train.dim() + " pixels but test images "
                        + test.dim());
            }
            return new Split(train, test, "standard split: " + train.n() + " training images ("
                    + trainImages.getFileName() + "), " + test.n() + " held out (" + testImages.getFileName() + ")");
        }
        int[] perm = RunStreams.permutation(SPLIT_SEED, 0, test.n());
        int nTrain = (int) Math.round(TRAIN_FRACTION * test.n());
        int[] tr = new int[nTrain];
        int[] te = new int[test.n() - nTrain];
        System.arraycopy(perm, 0, tr, 0, nTrain);
        System.arraycopy(perm, nTrain, te, 0, te.length);
        return new Split(test.subset(tr), test.subset(te), "the " + test.n() + " t10k digits split " + nTrain + "/"
                + te.length + " by Philox seed " + SPLIT_SEED);
    }

    private static Path find(Path dir, String base) {
        for (String name : new String[] {base + ".gz", base}) {
            Path p = dir.resolve(name);
            if (Files.isRegularFile(p)) {
                return p;
            }
        }
        return null;
    }

    /** Reads and validates an image file and its label file. */
    public static Dataset read(Path images, Path labels) {
        byte[] img = bytes(images);
        byte[] lab = bytes(labels);
        int[] imgDims = header(images, img, IMAGES_MAGIC, 3, "images");
        int[] labDims = header(labels, lab, LABELS_MAGIC, 1, "labels");
        int n = imgDims[0];
        if (labDims[0] != n) {
            throw new InputException(labels + ": has " + labDims[0] + " labels but " + images.getFileName() + " has "
                    + n + " images");
        }
        int dim = Math.multiplyExact(imgDims[1], imgDims[2]);
        int imgOff = 16;
        int labOff = 8;
        float[] x = new float[Math.multiplyExact(n, dim)];
        for (int i = 0; i < x.length; i++) {
            x[i] = (float) (((img[imgOff + i] & 0xff) / 255.0 - PIXEL_MEAN) / PIXEL_STD);
        }
        int[] y = new int[n];
        for (int i = 0; i < n; i++) {
            int v = lab[labOff + i] & 0xff;
            if (v >= Dataset.CLASSES) {
                throw new InputException(labels + ": label " + v + " at index " + i + " is not a digit 0-9");
            }
            y[i] = v;
        }
        return new Dataset(x, y, n, dim);
    }

    private static int[] header(Path p, byte[] b, int magic, int rank, String what) {
        if (b.length < 4) {
            throw new InputException(p + ": too short for an IDX header (" + b.length + " bytes)");
        }
        int m = readInt(b, 0);
        if (m != magic) {
            throw new InputException(String.format("%s: bad magic 0x%08x, expected 0x%08x (IDX %s: unsigned bytes, %d dimension%s)",
                    p, m, magic, what, rank, rank == 1 ? "" : "s"));
        }
        int headerBytes = 4 + 4 * rank;
        if (b.length < headerBytes) {
            throw new InputException(p + ": truncated IDX header (" + b.length + " bytes, need " + headerBytes + ")");
        }
        int[] dims = new int[rank];
        long count = 1;
        for (int i = 0; i < rank; i++) {
            dims[i] = readInt(b, 4 + 4 * i);
            if (dims[i] <= 0) {
                throw new InputException(p + ": dimension " + i + " is " + dims[i] + "; IDX dimensions must be positive");
            }
            count *= dims[i];
        }
        long expected = headerBytes + count;
        if (b.length != expected) {
            StringBuilder shape = new StringBuilder();
            for (int i = 0; i < rank; i++) {
                shape.append(i == 0 ? "" : "x").append(dims[i]);
            }
            throw new InputException(p + ": header says " + shape + " = " + count + " bytes of data but the file has "
                    + (b.length - headerBytes) + (b.length < expected ? " (truncated)" : " (trailing bytes)"));
        }
        return dims;
    }

    private static int readInt(byte[] b, int off) {
        return (b[off] & 0xff) << 24 | (b[off + 1] & 0xff) << 16 | (b[off + 2] & 0xff) << 8 | (b[off + 3] & 0xff);
    }

    private static byte[] bytes(Path p) {
        byte[] raw;
        try {
            raw = Files.readAllBytes(p);
        } catch (NoSuchFileException e) {
            throw new InputException(p + ": no such file");
        } catch (IOException e) {
            throw new InputException(p + ": cannot read: " + e.getMessage(), e);
        }
        if (raw.length >= 2 && (raw[0] & 0xff) == 0x1f && (raw[1] & 0xff) == 0x8b) {
            try (InputStream in = new GZIPInputStream(new java.io.ByteArrayInputStream(raw))) {
                ByteArrayOutputStream out = new ByteArrayOutputStream(raw.length * 4);
                byte[] buf = new byte[1 << 16];
                long total = 0;
                int r;
                while ((r = in.read(buf)) > 0) {
                    total += r;
                    if (total > MAX_BYTES) {
                        throw new InputException(p + ": decompresses to more than " + MAX_BYTES + " bytes; not an MNIST file");
                    }
                    out.write(buf, 0, r);
                }
                return out.toByteArray();
            } catch (ZipException | java.io.EOFException e) {
                throw new InputException(p + ": corrupt gzip data (" + e.getMessage() + ")");
            } catch (IOException e) {
                throw new InputException(p + ": cannot decompress: " + e.getMessage(), e);
            }
        }
        return raw;
    }
}
