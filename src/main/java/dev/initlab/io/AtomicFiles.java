package dev.initlab.io;

import java.io.BufferedOutputStream;
import java.io.FilterOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.channels.Channels;
import java.nio.channels.FileChannel;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.util.HexFormat;
import java.util.concurrent.ThreadLocalRandom;

/**
 * Atomic file replacement: the content goes to a temporary file in the target's directory, which
 * is flushed to disk ({@code fsync}) and then renamed over the target with
 * {@link StandardCopyOption#ATOMIC_MOVE}. Readers see either the old file or the complete new
 * one; on any failure the temporary file is deleted and the target is left untouched.
 *
 * <p>The temporary file is named {@code .<name>.<random>.tmp} and is created with the default
 * permissions (umask), like any new file.
 */
public final class AtomicFiles {
    private static final int BUFFER = 1 << 16;
    private static final int NAME_ATTEMPTS = 16;

    private AtomicFiles() {
    }

    /** Writes the whole content of a file to a stream. */
    @FunctionalInterface
    public interface Body {
        /**
         * Writes the content. Closing {@code out} is neither needed nor effective.
         *
         * @param out the buffered stream to the temporary file
         * @throws IOException when writing fails
         */
        void writeTo(OutputStream out) throws IOException;
    }

    /**
     * Atomically replaces (or creates) {@code target} with the content written by {@code body}.
     *
     * @param target the file to write
     * @param body writes the content
     * @throws InputException naming {@code target} when the directory is missing, the file cannot
     *     be written, or the rename fails; the target is then unchanged and no temporary file is left
     * @throws RuntimeException anything {@code body} throws, after the temporary file is deleted
     */
    public static void write(Path target, Body body) {
        Path dir = checkedDirectory(target);
        Path tmp = createTemp(target, dir);
        boolean done = false;
        try {
            try (FileChannel ch = FileChannel.open(tmp, StandardOpenOption.WRITE)) {
                OutputStream buffered = new BufferedOutputStream(Channels.newOutputStream(ch), BUFFER);
                body.writeTo(new FilterOutputStream(buffered) {
                    @Override
                    public void write(byte[] b, int off, int len) throws IOException {
                        out.write(b, off, len);
                    }

                    @Override
                    public void close() {
                        // the writer owns the stream; a body closing it early must not lose the fsync
                    }
                });
                buffered.flush();
                ch.force(true);
            }
            Files.move(tmp, target, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
            done = true;
        } catch (AtomicMoveNotSupportedException e) {
            throw InputException.cannotWrite(target, "the file system cannot rename atomically", e);
        } catch (IOException e) {
            throw InputException.cannotWrite(target, InputException.reason(e), e);
        } finally {
            if (!done) {
                deleteQuietly(tmp);
            }
        }
        syncDirectory(dir);
    }

    private static Path checkedDirectory(Path target) {
        Path abs = target.toAbsolutePath();
        Path dir = abs.getParent();
        if (dir == null || target.getFileName() == null) {
            throw InputException.cannotWrite(target, "not a file path", null);
        }
        if (Files.isDirectory(abs)) {
            throw InputException.cannotWrite(target, "is a directory", null);
        }
        if (!Files.exists(dir)) {
            throw InputException.cannotWrite(target, "directory does not exist", null);
        }
        if (!Files.isDirectory(dir)) {
            throw InputException.cannotWrite(target, "parent is not a directory", null);
        }
        return dir;
    }

    private static Path createTemp(Path target, Path dir) {
        String base = "." + target.getFileName() + ".";
        IOException last = null;
        for (int i = 0; i < NAME_ATTEMPTS; i++) {
            byte[] r = new byte[6];
            ThreadLocalRandom.current().nextBytes(r);
            Path tmp = dir.resolve(base + HexFormat.of().formatHex(r) + ".tmp");
            try {
                Files.newOutputStream(tmp, StandardOpenOption.CREATE_NEW, StandardOpenOption.WRITE).close();
                return tmp;
            } catch (FileAlreadyExistsException e) {
                last = e;
            } catch (IOException e) {
                throw InputException.cannotWrite(target, InputException.reason(e), e);
            }
        }
        throw InputException.cannotWrite(target, "cannot create a temporary file", last);
    }

    private static void deleteQuietly(Path tmp) {
        try {
            Files.deleteIfExists(tmp);
        } catch (IOException e) {
            // best effort: the original failure is what the caller needs to see
        }
    }

    /** Makes the rename durable where the platform allows it; failure here is not an error. */
    private static void syncDirectory(Path dir) {
        try (FileChannel ch = FileChannel.open(dir, StandardOpenOption.READ)) {
            ch.force(true);
        } catch (IOException | RuntimeException e) {
            // not supported on every platform (e.g. Windows); the data itself is already synced
        }
    }
}
