package dev.initlab.io;

import java.io.BufferedOutputStream;
import java.io.FilterOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.channels.Channels;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.channels.OverlappingFileLockException;
import java.nio.charset.StandardCharsets;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.DirectoryStream;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.util.HexFormat;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ThreadLocalRandom;
import java.util.regex.Pattern;

/**
 * Atomic file replacement: the content goes to a temporary file in the target's directory, which
 * is flushed to disk ({@code fsync}) and then renamed over the target with
 * {@link StandardCopyOption#ATOMIC_MOVE}. Readers see either the old file or the complete new
 * one; on any failure the temporary file is deleted and the target is left untouched. Every file
 * the tool writes goes through this class ({@code AtomicWritesOnlyTest} enforces it).
 *
 * <p>The temporary file is named {@code .<name>.<12 hex digits>.initlab.tmp} and is created with
 * the default permissions (umask), like any new file. Nothing is left behind:
 * <ul>
 *   <li>on SIGINT/SIGTERM (and any other orderly JVM exit) a shutdown hook deletes the temporary
 *       files still being written. The hook and the final rename exclude each other, so the hook
 *       only ever deletes a temporary name, never a file that was already renamed into place;
 *       once the hook has run no further rename happens;</li>
 *   <li>after SIGKILL or a power cut the temporary file stays; the next write to the same target
 *       deletes every file of exactly this pattern for that target whose writer is gone. A writer
 *       holds an exclusive lock on its temporary file for as long as it writes (an OS lock, freed
 *       when the process dies), so a live writer's file, in this process or another, is kept.
 *       Files that merely look alike ({@code .w.npy.tmp}, other suffixes, other hex lengths) are
 *       never touched.</li>
 * </ul>
 */
public final class AtomicFiles {
    private static final int BUFFER = 1 << 16;
    private static final int NAME_ATTEMPTS = 16;
    private static final int HEX_BYTES = 6;
    /** Suffix of every temporary file this class creates. */
    public static final String TEMP_SUFFIX = ".initlab.tmp";

    /** Temporary files being written by this JVM. */
    private static final Set<Path> IN_FLIGHT = ConcurrentHashMap.newKeySet();
    /** Guards renames against the shutdown hook. */
    private static final Object RENAME = new Object();
    private static boolean shuttingDown;

    static {
        try {
            Runtime.getRuntime().addShutdownHook(new Thread(AtomicFiles::deleteInFlight, "initlab-atomic-files-cleanup"));
        } catch (IllegalStateException e) {
            // the JVM is already shutting down: nothing can be in flight yet
        }
    }

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

    /** Writes the whole content of a file to a path (for libraries that only write to a path). */
    @FunctionalInterface
    public interface PathBody {
        /**
         * Writes the content to {@code tmp}, replacing what is there (an empty file), and closes it.
         *
         * @param tmp the temporary file in the target's directory
         * @throws Exception when writing fails
         */
        void writeTo(Path tmp) throws Exception;
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
        replace(target, (tmp, ch) -> {
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
        });
    }

    /** Puts the content into the temporary file {@code tmp}, whose locked channel {@code ch} is open. */
    @FunctionalInterface
    private interface TempStep {
        void fill(Path tmp, FileChannel ch) throws IOException;
    }

    /**
     * The one replace protocol of every write: stale temporaries removed, a locked temporary created beside
     * {@code target} and filled by {@code step}, renamed into place while still locked, the directory synced;
     * on any failure the temporary is deleted and the target is unchanged.
     */
    private static void replace(Path target, TempStep step) {
        Path dir = checkedDirectory(target);
        removeStale(target, dir);
        Path tmp = null;
        boolean done = false;
        try {
            Temp t = createTemp(target, dir);
            tmp = t.path();
            try (FileChannel ch = t.channel()) {
                step.fill(tmp, ch);
                rename(tmp, target);
            }
            done = true;
        } catch (AtomicMoveNotSupportedException e) {
            throw InputException.cannotWrite(target, "the file system cannot rename atomically", e);
        } catch (IOException e) {
            throw InputException.cannotWrite(target, InputException.reason(e), e);
        } finally {
            if (tmp != null) {
                if (!done) {
                    deleteQuietly(tmp);
                }
                IN_FLIGHT.remove(tmp);
            }
        }
        syncDirectory(dir);
    }

    /** Atomically replaces {@code target} with {@code text} in UTF-8. */
    public static void writeString(Path target, CharSequence text) {
        writeBytes(target, text.toString().getBytes(StandardCharsets.UTF_8));
    }

    /** Atomically replaces {@code target} with {@code bytes}. */
    public static void writeBytes(Path target, byte[] bytes) {
        write(target, out -> out.write(bytes));
    }

    /**
     * Atomically replaces {@code target} with what {@code body} writes to a temporary path (for
     * libraries such as JMH that write their results to a file name). The temporary file is
     * deleted on failure, on SIGINT/SIGTERM, or by the next write after SIGKILL, like any other.
     *
     * @throws InputException naming {@code target} when the file cannot be written or renamed
     * @throws RuntimeException anything {@code body} throws (checked exceptions wrapped), after
     *     the temporary file is deleted
     */
    public static void writeVia(Path target, PathBody body) {
        // the held channel's lock marks the file as live until the library closes its own channel to it
        replace(target, (tmp, held) -> {
            try {
                body.writeTo(tmp);
            } catch (RuntimeException | IOException e) {
                throw e;
            } catch (Exception e) {
                throw new IllegalStateException(e.getMessage(), e);
            }
            try (FileChannel ch = FileChannel.open(tmp, StandardOpenOption.WRITE)) {
                ch.force(true);
            }
        });
    }

    /**
     * Whether {@code fileName} is one of this class's temporary files for a target named
     * {@code targetName}: exactly {@code .<targetName>.<12 lower-case hex digits>.initlab.tmp}.
     */
    public static boolean isTempFor(String targetName, String fileName) {
        return tempPattern(targetName).matcher(fileName).matches();
    }

    private static Pattern tempPattern(String targetName) {
        return Pattern.compile("\\." + Pattern.quote(targetName) + "\\.[0-9a-f]{" + (2 * HEX_BYTES) + "}"
                + Pattern.quote(TEMP_SUFFIX));
    }

    /** The rename, excluded against the shutdown hook; the temporary file is then no longer ours to delete. */
    private static void rename(Path tmp, Path target) throws IOException {
        synchronized (RENAME) {
            if (shuttingDown) {
                throw new IOException("interrupted: the JVM is shutting down");
            }
            Files.move(tmp, target, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
            IN_FLIGHT.remove(tmp);
        }
    }

    /** The shutdown hook: deletes every temporary file still being written; no rename follows. */
    private static void deleteInFlight() {
        synchronized (RENAME) {
            shuttingDown = true;
            for (Path p : List.copyOf(IN_FLIGHT)) {
                deleteQuietly(p);
                IN_FLIGHT.remove(p);
            }
        }
    }

    /** Deletes leftover temporary files of {@code target} whose writer has gone (see the class comment). */
    private static void removeStale(Path target, Path dir) {
        Pattern p = tempPattern(target.getFileName().toString());
        try (DirectoryStream<Path> ds = Files.newDirectoryStream(dir,
                f -> p.matcher(f.getFileName().toString()).matches())) {
            for (Path f : ds) {
                if (IN_FLIGHT.contains(f) || !Files.isRegularFile(f, java.nio.file.LinkOption.NOFOLLOW_LINKS)) {
                    continue; // our own live write (opening it would drop that writer's lock), or not a plain file
                }
                try (FileChannel ch = FileChannel.open(f, StandardOpenOption.WRITE)) {
                    FileLock l = ch.tryLock();
                    if (l != null) {
                        Files.deleteIfExists(f);
                    }
                } catch (OverlappingFileLockException | IOException e) {
                    // held by a live writer, vanished meanwhile, or not ours to open: keep it
                }
            }
        } catch (IOException | RuntimeException e) {
            // best effort: cleaning up must never stop the write itself
        }
    }

    private record Temp(Path path, FileChannel channel) {
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

    /** Creates, registers and locks a new temporary file; the caller owns the open channel. */
    private static Temp createTemp(Path target, Path dir) throws IOException {
        String base = "." + target.getFileName() + ".";
        IOException last = null;
        for (int i = 0; i < NAME_ATTEMPTS; i++) {
            byte[] r = new byte[HEX_BYTES];
            ThreadLocalRandom.current().nextBytes(r);
            Path tmp = dir.resolve(base + HexFormat.of().formatHex(r) + TEMP_SUFFIX);
            FileChannel ch;
            synchronized (RENAME) {
                if (shuttingDown) {
                    throw new IOException("interrupted: the JVM is shutting down");
                }
                try {
                    ch = FileChannel.open(tmp, StandardOpenOption.CREATE_NEW, StandardOpenOption.WRITE);
                } catch (FileAlreadyExistsException e) {
                    last = e;
                    continue;
                }
                IN_FLIGHT.add(tmp);
            }
            try {
                lock(ch);
                if (!Files.exists(tmp)) {
                    // another process took it for stale between create and lock: try a new name
                    ch.close();
                    IN_FLIGHT.remove(tmp);
                    last = new NoSuchFileException(tmp.toString());
                    continue;
                }
                return new Temp(tmp, ch);
            } catch (IOException | RuntimeException e) {
                ch.close();
                deleteQuietly(tmp);
                IN_FLIGHT.remove(tmp);
                throw e;
            }
        }
        throw new IOException("cannot create a temporary file", last);
    }

    /** An exclusive OS lock that marks the file as being written; where unsupported, writes go on without it. */
    private static void lock(FileChannel ch) {
        try {
            ch.lock();
        } catch (IOException | UnsupportedOperationException e) {
            // e.g. some network file systems: cleanup then relies on the shutdown hook only
        }
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
