package dev.initlab.io;

import static dev.initlab.io.IoTestSupport.assertInput;
import static dev.initlab.io.IoTestSupport.listing;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class AtomicFilesTest {
    @TempDir
    Path dir;

    @Test
    void createsAndReplaces() throws IOException {
        Path f = dir.resolve("a.txt");
        AtomicFiles.write(f, out -> out.write("one".getBytes(StandardCharsets.UTF_8)));
        assertEquals("one", Files.readString(f));
        AtomicFiles.write(f, out -> out.write("two!".getBytes(StandardCharsets.UTF_8)));
        assertEquals("two!", Files.readString(f));
        assertEquals(List.of("a.txt"), listing(dir).toList());
    }

    @Test
    void missingDirectoryLeavesNothing() {
        Path f = dir.resolve("out").resolve("x.npy");
        assertInput(f, () -> AtomicFiles.write(f, out -> out.write(1)),
                "cannot write " + f, "directory does not exist");
        assertFalse(Files.exists(dir.resolve("out")));
        assertEquals(List.of(), listing(dir).toList());
    }

    @Test
    void failingBodyKeepsOldContentAndLeavesNoTemporaryFile() throws IOException {
        Path f = Files.writeString(dir.resolve("keep.csv"), "old");
        IllegalStateException boom = new IllegalStateException("boom");
        IllegalStateException thrown = assertThrows(IllegalStateException.class, () -> AtomicFiles.write(f, out -> {
            out.write(new byte[100_000]);
            throw boom;
        }));
        assertSame(boom, thrown);
        assertEquals("old", Files.readString(f));
        assertEquals(List.of("keep.csv"), listing(dir).toList());
    }

    @Test
    void ioFailureInBodyBecomesInputException() throws IOException {
        Path f = dir.resolve("y.bin");
        assertInput(f, () -> AtomicFiles.write(f, out -> {
            throw new IOException("disk on fire");
        }), "cannot write", "disk on fire");
        assertEquals(List.of(), listing(dir).toList());
    }

    @Test
    void targetIsDirectory() throws IOException {
        Path d = Files.createDirectory(dir.resolve("d.npy"));
        assertInput(d, () -> AtomicFiles.write(d, out -> out.write(1)), "is a directory");
    }

    @Test
    void parentIsAFile() throws IOException {
        Path parent = Files.writeString(dir.resolve("file"), "x");
        Path f = parent.resolve("x.npy");
        assertInput(f, () -> AtomicFiles.write(f, out -> out.write(1)), "parent is not a directory");
    }

    @Test
    void bodyClosingTheStreamIsHarmless() throws IOException {
        Path f = dir.resolve("closed.txt");
        AtomicFiles.write(f, out -> {
            out.write('a');
            out.close();
            out.write('b');
        });
        assertEquals("ab", Files.readString(f));
    }

    @Test
    void relativePathInCurrentDirectoryResolves() {
        // a bare file name has no parent; the writer must resolve it against the working directory
        Path bare = Path.of("initlab-atomic-" + ProcessHandle.current().pid() + ".tmpcheck");
        try {
            AtomicFiles.write(bare, out -> out.write('z'));
            assertEquals(1, bare.toFile().length());
        } finally {
            bare.toFile().delete();
        }
    }
}
