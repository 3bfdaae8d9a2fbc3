package dev.initlab.io;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Nothing left behind: SIGTERM (what {@link Process#destroy()} sends, like Ctrl-C's SIGINT a
 * JVM shutdown) in the middle of a large write leaves no temporary file; SIGKILL leaves one that
 * the next write to the same target removes; a live writer's temporary file is never removed;
 * files that only look like ours are kept.
 */
class AtomicFilesSignalTest {
    @TempDir
    Path dir;

    private Process child;

    @AfterEach
    void killChild() throws InterruptedException {
        if (child != null && child.isAlive()) {
            child.destroyForcibly();
            child.waitFor(30, TimeUnit.SECONDS);
        }
    }

    private Process start(Path target, String mode, String expect) throws IOException {
        String java = ProcessHandle.current().info().command().orElseThrow();
        child = new ProcessBuilder(java, "-cp", System.getProperty("java.class.path"),
                AtomicWriterChild.class.getName(), target.toString(), mode)
                .redirectError(ProcessBuilder.Redirect.DISCARD).start();
        BufferedReader r = new BufferedReader(new InputStreamReader(child.getInputStream(), StandardCharsets.UTF_8));
        CompletableFuture<String> line = CompletableFuture.supplyAsync(() -> {
            try {
                return r.readLine();
            } catch (IOException e) {
                return "read failed: " + e;
            }
        });
        try {
            assertEquals(expect, line.get(120, TimeUnit.SECONDS));
        } catch (Exception e) {
            throw new AssertionError("child did not report " + expect + ": " + e, e);
        }
        return child;
    }

    private List<String> temps(String target) throws IOException {
        try (Stream<Path> s = Files.list(dir)) {
            return s.map(p -> p.getFileName().toString()).filter(n -> AtomicFiles.isTempFor(target, n)).sorted().toList();
        }
    }

    private List<String> listing() throws IOException {
        try (Stream<Path> s = Files.list(dir)) {
            return s.map(p -> p.getFileName().toString()).sorted().toList();
        }
    }

    @Test
    void sigtermInTheMiddleOfALargeWriteLeavesNoTemporaryFile() throws Exception {
        Path target = dir.resolve("big.npy");
        Process p = start(target, "hang", "WRITING");
        List<String> t = temps("big.npy");
        assertEquals(1, t.size(), "one temporary file while writing: " + listing());
        assertTrue(Files.size(dir.resolve(t.get(0))) >= 64L << 20, "the write was under way");
        p.destroy(); // SIGTERM
        assertTrue(p.waitFor(60, TimeUnit.SECONDS), "child did not exit on SIGTERM");
        assertEquals(List.of(), listing(), "SIGTERM left files behind");
    }

    @Test
    void sigtermAfterTheRenameKeepsTheFinishedFile() throws Exception {
        Path target = dir.resolve("done.npy");
        Process p = start(target, "done", "DONE");
        p.destroy();
        assertTrue(p.waitFor(60, TimeUnit.SECONDS));
        assertEquals(List.of("done.npy"), listing());
        assertEquals(1 << 20, Files.size(target));
    }

    @Test
    void sigkillLeavesATemporaryFileThatTheNextWriteRemovesButALiveWritersFileIsKept() throws Exception {
        Path target = dir.resolve("w.npy");
        Process p = start(target, "hang", "WRITING");
        List<String> live = temps("w.npy");
        assertEquals(1, live.size());
        // another writer of the same target while the child still writes: the child's file is live
        AtomicFiles.writeString(target, "mine");
        assertEquals(live, temps("w.npy"), "a live writer's temporary file was removed");
        assertEquals("mine", Files.readString(target));
        p.destroyForcibly(); // SIGKILL: no shutdown hook runs
        assertTrue(p.waitFor(60, TimeUnit.SECONDS));
        assertEquals(live, temps("w.npy"), "SIGKILL cannot clean up; the file stays until the next write");
        AtomicFiles.writeString(target, "next");
        assertEquals(List.of("w.npy"), listing());
        assertEquals("next", Files.readString(target));
    }

    @Test
    void staleTemporaryFilesOfOurPatternAreRemovedLookAlikesAreKept() throws IOException {
        List<String> ours = List.of(".w.npy.0123456789ab.initlab.tmp", ".w.npy.ffffffffffff.initlab.tmp");
        List<String> lookAlikes = List.of(
                ".w.npy.0123456789ab.tmp",               // no .initlab: not ours
                ".w.npy.0123456789AB.initlab.tmp",       // upper-case hex
                ".w.npy.0123456789a.initlab.tmp",        // 11 digits
                ".w.npy.0123456789abc.initlab.tmp",      // 13 digits
                ".w.npy.0123456789ab.initlab.tmp.bak",
                "w.npy.0123456789ab.initlab.tmp",        // not hidden
                ".x.npy.0123456789ab.initlab.tmp",       // another target
                ".w.npyx.0123456789ab.initlab.tmp",
                ".ww.npy.0123456789ab.initlab.tmp",
                ".w.npy.tmp");
        for (String n : ours) {
            Files.writeString(dir.resolve(n), "stale");
        }
        for (String n : lookAlikes) {
            Files.writeString(dir.resolve(n), "keep");
        }
        Files.createDirectory(dir.resolve(".w.npy.aaaaaaaaaaaa.initlab.tmp")); // not a plain file: kept
        AtomicFiles.writeString(dir.resolve("w.npy"), "new");
        List<String> left = listing();
        for (String n : ours) {
            assertFalse(left.contains(n), n + " was not removed");
        }
        for (String n : lookAlikes) {
            assertTrue(left.contains(n), n + " was removed");
            assertEquals("keep", Files.readString(dir.resolve(n)));
        }
        assertTrue(left.contains(".w.npy.aaaaaaaaaaaa.initlab.tmp"));
        assertEquals("new", Files.readString(dir.resolve("w.npy")));
    }

    @Test
    void aConcurrentWriteInTheSameJvmKeepsTheOtherWritersFile() throws Exception {
        Path target = dir.resolve("c.csv");
        CountDownLatch started = new CountDownLatch(1);
        CountDownLatch release = new CountDownLatch(1);
        Thread a = Thread.ofPlatform().start(() -> AtomicFiles.write(target, out -> {
            out.write("A".getBytes(StandardCharsets.UTF_8));
            out.flush();
            started.countDown();
            try {
                release.await();
            } catch (InterruptedException e) {
                throw new IllegalStateException(e);
            }
        }));
        assertTrue(started.await(30, TimeUnit.SECONDS));
        AtomicFiles.writeString(target, "B");
        assertEquals(1, temps("c.csv").size(), "the other thread's temporary file was removed");
        release.countDown();
        a.join(30_000);
        assertEquals("A", Files.readString(target));
        assertEquals(List.of("c.csv"), listing());
    }

    @Test
    void writeViaReplacesAtomicallyAndCleansUpOnFailure() throws IOException {
        Path target = dir.resolve("jmh.json");
        AtomicFiles.writeVia(target, tmp -> Files.writeString(tmp, "{}"));
        assertEquals("{}", Files.readString(target));
        IllegalStateException boom = new IllegalStateException("boom");
        try {
            AtomicFiles.writeVia(target, tmp -> {
                Files.writeString(tmp, "half");
                throw boom;
            });
        } catch (IllegalStateException e) {
            assertEquals(boom, e);
        }
        assertEquals("{}", Files.readString(target));
        assertEquals(List.of("jmh.json"), listing());
    }
}
