package dev.initlab.bench;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/** Issue #9: jmh-core is imported only by package {@code bench} in main code; {@code report} only writes documents. */
class LayeringTest {
    static List<String> mainFilesImporting(String prefix, String exceptPackageDir) throws IOException {
        Path root = Path.of("src", "main", "java");
        try (Stream<Path> s = Files.walk(root)) {
            return s.filter(p -> p.toString().endsWith(".java"))
                    .filter(p -> !p.startsWith(root.resolve(exceptPackageDir)))
                    .filter(p -> {
                        try {
                            return Files.readAllLines(p).stream().anyMatch(l -> l.startsWith("import " + prefix));
                        } catch (IOException e) {
                            throw new java.io.UncheckedIOException(e);
                        }
                    }).map(Path::toString).sorted().toList();
        }
    }

    @Test
    void jmhCoreIsImportedOnlyInBench() throws IOException {
        assertEquals(List.of(), mainFilesImporting("org.openjdk.jmh", "dev/initlab/bench"));
    }

    @Test
    void benchDoesNotDependOnReportOrCli() throws IOException {
        Path bench = Path.of("src", "main", "java", "dev", "initlab", "bench");
        try (Stream<Path> s = Files.list(bench)) {
            for (Path p : s.toList()) {
                for (String l : Files.readAllLines(p)) {
                    if (l.startsWith("import dev.initlab.report") || l.startsWith("import dev.initlab.cli")) {
                        throw new AssertionError(p + " imports " + l);
                    }
                }
            }
        }
    }
}
