package dev.initlab.io;

import dev.initlab.tensor.Dtype;
import java.io.IOException;
import java.io.InputStream;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Enumeration;
import java.util.List;
import java.util.zip.ZipEntry;
import java.util.zip.ZipException;
import java.util.zip.ZipFile;

/**
 * NumPy {@code .npz} archives ({@code numpy.savez} and {@code savez_compressed}: a zip file of
 * {@code NAME.npy} members, as NumPy, JAX and Flax users save parameter dicts). Each member's
 * {@code .npy} header is parsed once when the archive is indexed; data is read on demand by
 * streaming the member (stored members are skipped to in place, deflated ones are inflated up to
 * the slice asked for), so nothing is held in memory beyond the slice.
 */
public final class Npz {
    private Npz() {
    }

    /**
     * Lists the arrays of an archive, each named after its member without {@code .npy}.
     *
     * @param path the archive
     * @return the arrays in archive order; integer and boolean arrays are listed as not decodable
     * @throws InputException if the file is not a zip archive, a member is not a valid {@code .npy},
     *     or two members give the same name
     */
    public static List<StoredTensor> index(Path path) {
        if (Files.isDirectory(path)) {
            throw InputException.at(path, "is a directory, not a file");
        }
        List<StoredTensor> out = new ArrayList<>();
        java.util.Set<String> seen = new java.util.HashSet<>();
        try (ZipFile zip = new ZipFile(path.toFile())) {
            Enumeration<? extends ZipEntry> en = zip.entries();
            while (en.hasMoreElements()) {
                ZipEntry e = en.nextElement();
                if (e.isDirectory()) {
                    continue;
                }
                String member = e.getName();
                String name = member.endsWith(".npy") ? member.substring(0, member.length() - 4) : member;
                if (!seen.add(name)) {
                    throw InputException.at(path, "two members named '" + name + "'");
                }
                Path where = Path.of(path + ":" + member);
                Npy.ArrayHeader h;
                try (InputStream in = zip.getInputStream(e)) {
                    h = header(in, where, e.getSize());
                } catch (InputException x) {
                    String m = x.getMessage();
                    if (m.contains("unsupported dtype")) {
                        out.add(undecodable(name, dtypeOf(zip, e), path));
                        continue;
                    }
                    throw x;
                }
                long dataStart = h.dataStart();
                long need = (long) h.count() * h.type().byteWidth();
                if (e.getSize() >= 0 && e.getSize() - dataStart != need) {
                    throw InputException.at(where, "member holds " + (e.getSize() - dataStart)
                            + " data bytes but its header declares " + need);
                }
                Dtype type = h.type();
                ByteOrder order = h.order();
                boolean fortran = h.fortran() && h.shape().length > 1;
                long[] shape = h.shape();
                out.add(StoredTensor.of(name, shape, type, path, (first, dst, off, n) -> {
                    try (ZipFile z = new ZipFile(path.toFile()); InputStream in = z.getInputStream(z.getEntry(member))) {
                        if (fortran) {
                            double[] all = new double[h.count()];
                            readStream(in, dataStart, 0, type, order, all, 0, all.length, where, shape);
                            System.arraycopy(all, (int) first, dst, off, n);
                        } else {
                            readStream(in, dataStart, first, type, order, dst, off, n, where, null);
                        }
                    }
                }));
            }
        } catch (ZipException e) {
            throw InputException.at(path, "not a .npz (zip) archive: " + e.getMessage());
        } catch (IOException e) {
            throw InputException.cannotRead(path, e);
        }
        return out;
    }

    /** A member whose dtype is not decoded: listed (as a scalar) with its descr and, where {@link Dtype} names it, its type. */
    private static StoredTensor undecodable(String name, String descr, Path path) {
        return StoredTensor.undecodable(name, new long[0], descr, Dtype.fromNpyDescr(descr).orElse(null), path);
    }

    /** The descr of a member whose dtype is not decoded (for the listing), or "unsupported". */
    private static String dtypeOf(ZipFile zip, ZipEntry e) {
        try (InputStream in = zip.getInputStream(e)) {
            byte[] head = in.readNBytes(256);
            String s = new String(head, java.nio.charset.StandardCharsets.ISO_8859_1);
            int i = s.indexOf("'descr':");
            if (i >= 0) {
                int a = s.indexOf('\'', i + 8);
                int b = a < 0 ? -1 : s.indexOf('\'', a + 1);
                if (b > a) {
                    return s.substring(a + 1, b);
                }
            }
        } catch (IOException ignored) {
            // the listing just says unsupported
        }
        return "unsupported";
    }

    private static Npy.ArrayHeader header(InputStream in, Path where, long size) throws IOException {
        byte[][] buf = {new byte[0]};
        return Npy.readHeader((pos, n) -> {
            long end = pos + n;
            if (end > buf[0].length) {
                byte[] more = in.readNBytes((int) (end - buf[0].length));
                byte[] b = Arrays.copyOf(buf[0], buf[0].length + more.length);
                System.arraycopy(more, 0, b, buf[0].length, more.length);
                buf[0] = b;
                if (b.length < end) {
                    throw new IOException("member ended unexpectedly");
                }
            }
            return ByteBuffer.wrap(buf[0], (int) pos, n).slice();
        }, where, size < 0 ? Long.MAX_VALUE : size);
    }

    private static void readStream(InputStream in, long dataStart, long first, Dtype type, ByteOrder order,
                                   double[] dst, int off, int n, Path where, long[] fortranShape) throws IOException {
        long skip = dataStart + first * type.byteWidth();
        while (skip > 0) {
            long s = in.skip(skip);
            if (s <= 0) {
                if (in.read() < 0) {
                    throw InputException.at(where, "truncated member");
                }
                s = 1;
            }
            skip -= s;
        }
        byte[] chunk = new byte[(int) Math.min(1 << 20, Math.max(8, (long) n * type.byteWidth()))];
        ByteBuffer b = ByteBuffer.wrap(chunk).order(order);
        TensorData.FortranIndex fi = fortranShape == null ? null : new TensorData.FortranIndex(fortranShape);
        int done = 0;
        while (done < n) {
            int want = Math.min(chunk.length / type.byteWidth(), n - done);
            int got = in.readNBytes(chunk, 0, want * type.byteWidth());
            if (got < want * type.byteWidth()) {
                throw InputException.at(where, "truncated member");
            }
            for (int i = 0; i < want; i++) {
                double v = type.decode(b, i * type.byteWidth());
                if (fi == null) {
                    dst[off + done + i] = v;
                } else {
                    dst[off + fi.next()] = v;
                }
            }
            done += want;
        }
    }
}
