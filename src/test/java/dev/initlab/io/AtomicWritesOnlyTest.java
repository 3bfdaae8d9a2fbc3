package dev.initlab.io;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * "Never a partial output file": every file the tool writes must go through {@link AtomicFiles}.
 * This test reads the main sources (and the JMH suite's) and fails on any direct way of writing a file outside
 * {@code AtomicFiles.java}. A line that must use one of these calls on a temporary file that
 * {@code AtomicFiles} hands out says so with a {@code // atomic: reason} comment.
 */
class AtomicWritesOnlyTest {
    /** Calls that write (or create, move, copy) a file directly. */
    static final List<Pattern> DIRECT_WRITES = Stream.of(
            "\\bFiles\\.write(String)?\\s*\\(",
            "\\bFiles\\.new(BufferedWriter|OutputStream|ByteChannel)\\s*\\(",
            "\\bFiles\\.(copy|move|createFile|createTempFile)\\s*\\(",
            "\\bnew\\s+(FileOutputStream|FileWriter|RandomAccessFile)\\s*\\(",
            "\\bnew\\s+(PrintStream|PrintWriter)\\s*\\(\\s*(new\\s+File\\b|\"|[\\w.()]*(?i:path|file)\\b)",
            "\\bStandardOpenOption\\.(WRITE|APPEND|CREATE|CREATE_NEW|TRUNCATE_EXISTING)\\b",
            "\\.writeValue\\s*\\(", // Jackson ObjectMapper/ObjectWriter to a File, Path or stream
            "\\b(saveBitmap|saveBitmapWithDPI|saveJPGWithQuality|saveVectorGraphic)\\s*\\(", // XChart to a file
            "\\bImageIO\\.write\\s*\\(",
            "\\.result\\s*\\(\\s*[^)\\s]" // JMH's result file
    ).map(Pattern::compile).toList();

    static final Path MAIN = Path.of("src", "main", "java");
    /** The JMH suite: its forks write the latency logs that bench reads. */
    static final Path JMH = Path.of("jmh");

    /** The offending lines of one source text, as "line N: code". */
    static List<String> directWrites(String source) {
        List<String> hits = new ArrayList<>();
        String[] lines = source.split("\n", -1);
        for (int i = 0; i < lines.length; i++) {
            String line = lines[i].strip();
            if (line.startsWith("*") || line.startsWith("/*") || line.startsWith("//") || line.contains("// atomic: ")) {
                continue;
            }
            String code = line.replaceAll("//.*$", "");
            for (Pattern p : DIRECT_WRITES) {
                if (p.matcher(code).find()) {
                    hits.add("line " + (i + 1) + ": " + line);
                    break;
                }
            }
        }
        return hits;
    }

    @Test
    void mainSourcesWriteFilesOnlyThroughAtomicFiles() throws IOException {
        assertTrue(Files.isDirectory(MAIN), "run from the project root: " + MAIN.toAbsolutePath());
        List<String> bad = new ArrayList<>();
        int files = 0;
        for (Path root : List.of(MAIN, JMH)) {
            try (Stream<Path> s = Files.walk(root)) {
                List<Path> sources = s.filter(p -> p.toString().endsWith(".java")).sorted().toList();
                files += sources.size();
                for (Path p : sources) {
                    if (p.getFileName().toString().equals("AtomicFiles.java")) {
                        continue;
                    }
                    for (String hit : directWrites(Files.readString(p))) {
                        bad.add(p + " " + hit);
                    }
                }
            }
        }
        assertTrue(files > 100, "expected the whole main and jmh trees, found " + files + " files");
        assertEquals(List.of(), bad, "write through dev.initlab.io.AtomicFiles (write, writeString, writeBytes, writeVia)");
    }

    @Test
    void theDetectorCatchesEachKindOfDirectWrite() {
        for (String line : List.of(
                "Files.writeString(csv, sb.toString(), StandardCharsets.UTF_8);",
                "Files.write(p, bytes);",
                "try (BufferedWriter w = Files.newBufferedWriter(p)) {",
                "OutputStream os = Files.newOutputStream(tmp);",
                "Files.move(tmp, out, StandardCopyOption.ATOMIC_MOVE);",
                "new FileOutputStream(f)",
                "try (PrintWriter w = new PrintWriter(path.toFile())) {",
                "new PrintStream(new File(\"x\"))",
                "FileChannel.open(p, StandardOpenOption.CREATE, StandardOpenOption.WRITE)",
                "new ObjectMapper().writeValue(file, tree);",
                "BitmapEncoder.saveBitmap(chart, \"out.png\", BitmapFormat.PNG);",
                ".result(json.toString());")) {
            assertEquals(1, directWrites(line).size(), line);
        }
        for (String line : List.of(
                "AtomicFiles.writeString(csv, sb);",
                "String s = new ObjectMapper().writeValueAsString(env);",
                "try (SequenceWriter w = CSV.writerFor(type).with(schema).writeValues(out)) {",
                "new PrintStream(buffer, true, UTF_8)",
                "FileChannel.open(path, StandardOpenOption.READ)",
                "// Files.writeString(p, s) would leave half a file",
                "Files.move(a, b); // atomic: a is AtomicFiles' temporary file",
                "JmhResult r = b.result();")) {
            assertTrue(directWrites(line).isEmpty(), line);
        }
        assertFalse(DIRECT_WRITES.isEmpty());
    }
}
