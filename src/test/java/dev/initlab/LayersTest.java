package dev.initlab;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * Issue #9: the packages are layers, as the README's architecture section lists them (bottom first). A
 * package may use (import, or name fully qualified in code) only packages listed before it, so there is no
 * cycle; the table's "imports from initlab" column is what the sources use; every package has a
 * {@code package-info.java}. Comments and string literals are ignored (a javadoc may mention a layer above).
 */
class LayersTest {
    static final Path MAIN = Path.of("src", "main", "java", "dev", "initlab");
    static final String HEADING = "### Layers (bottom first;";
    private static final Pattern ROW = Pattern.compile("^\\| `([a-z.]+)` \\|.*\\| ([^|]+) \\|\\s*$");
    private static final Pattern TICKED = Pattern.compile("`([a-z.]+)`");
    private static final Pattern REFERENCE = Pattern.compile("\\bdev\\.initlab\\.([a-z][a-z0-9]*(?:\\.[a-z][a-z0-9]*)*)\\.[A-Z*]");

    /** The README's layer table: package -> the packages its third column lists (null: "all of the above"). */
    static LinkedHashMap<String, Set<String>> readmeLayers() throws IOException {
        List<String> lines = Files.readAllLines(Path.of("README.md"));
        int at = -1;
        for (int i = 0; i < lines.size(); i++) {
            if (lines.get(i).startsWith(HEADING)) {
                at = i;
            }
        }
        assertTrue(at >= 0, "README.md has no '" + HEADING + "' section");
        LinkedHashMap<String, Set<String>> layers = new LinkedHashMap<>();
        for (int i = at + 1; i < lines.size() && !lines.get(i).startsWith("#"); i++) {
            Matcher m = ROW.matcher(lines.get(i));
            if (!m.matches()) {
                continue;
            }
            String imports = m.group(2).trim();
            Set<String> listed = new TreeSet<>();
            Matcher t = TICKED.matcher(imports);
            while (t.find()) {
                listed.add(t.group(1));
            }
            layers.put(m.group(1), imports.equals("all of the above") ? null : listed);
        }
        return layers;
    }

    /** Java source without comments, string and character literals (text blocks included). */
    static String code(String source) {
        StringBuilder out = new StringBuilder(source.length());
        int i = 0;
        int n = source.length();
        while (i < n) {
            char c = source.charAt(i);
            if (source.startsWith("//", i)) {
                while (i < n && source.charAt(i) != '\n') {
                    i++;
                }
            } else if (source.startsWith("/*", i)) {
                int end = source.indexOf("*/", i + 2);
                i = end < 0 ? n : end + 2;
                out.append(' ');
            } else if (source.startsWith("\"\"\"", i)) {
                int end = source.indexOf("\"\"\"", i + 3);
                while (end > 0 && source.charAt(end - 1) == '\\') {
                    end = source.indexOf("\"\"\"", end + 1);
                }
                i = end < 0 ? n : end + 3;
                out.append("\"\"");
            } else if (c == '"' || c == '\'') {
                int j = i + 1;
                while (j < n && source.charAt(j) != c) {
                    j += source.charAt(j) == '\\' ? 2 : 1;
                }
                i = j + 1;
                out.append(c).append(c);
            } else {
                out.append(c);
                i++;
            }
        }
        return out.toString();
    }

    /** Package (dotted, relative to dev.initlab) -> the other initlab packages its main sources use. */
    static Map<String, Set<String>> uses() throws IOException {
        Map<String, Set<String>> uses = new TreeMap<>();
        try (Stream<Path> s = Files.walk(MAIN)) {
            for (Path p : s.filter(f -> f.toString().endsWith(".java")).toList()) {
                String pkg = MAIN.relativize(p.getParent()).toString().replace(p.getFileSystem().getSeparator(), ".");
                Set<String> used = uses.computeIfAbsent(pkg, k -> new TreeSet<>());
                Matcher m = REFERENCE.matcher(code(Files.readString(p)));
                while (m.find()) {
                    if (!m.group(1).equals(pkg)) {
                        used.add(m.group(1));
                    }
                }
            }
        }
        return uses;
    }

    @Test
    void everyPackageIsALayerOfTheReadmeWithAPackageInfo() throws IOException {
        LinkedHashMap<String, Set<String>> layers = readmeLayers();
        Set<String> packages = uses().keySet();
        assertEquals(new TreeSet<>(packages), new TreeSet<>(layers.keySet()),
                "the README's layer table must list exactly the packages under src/main/java/dev/initlab");
        for (String pkg : packages) {
            assertTrue(Files.isRegularFile(MAIN.resolve(pkg.replace('.', '/')).resolve("package-info.java")),
                    pkg + " has no package-info.java");
        }
    }

    @Test
    void packagesUseOnlyLowerLayersAndTheReadmeSaysWhich() throws IOException {
        LinkedHashMap<String, Set<String>> layers = readmeLayers();
        List<String> order = new ArrayList<>(layers.keySet());
        List<String> upward = new ArrayList<>();
        List<String> misstated = new ArrayList<>();
        for (Map.Entry<String, Set<String>> e : uses().entrySet()) {
            String pkg = e.getKey();
            int level = order.indexOf(pkg);
            for (String used : e.getValue()) {
                int l = order.indexOf(used);
                if (l < 0 || l >= level) {
                    upward.add(pkg + " -> " + used);
                }
            }
            Set<String> stated = layers.get(pkg);
            if (stated != null && !stated.equals(e.getValue())) {
                misstated.add(pkg + ": README says " + stated + ", sources use " + e.getValue());
            }
        }
        assertEquals(List.of(), upward, "a package uses one at its own level or above (a cycle, or a layer violation)");
        assertEquals(List.of(), misstated, "the README's 'imports from initlab' column is out of date");
    }

    @Test
    void topLevelTypeNamesAreUniqueAndShadowNoPackage() throws IOException {
        Map<String, List<String>> byName = new TreeMap<>();
        Set<String> packages = new TreeSet<>();
        try (Stream<Path> s = Files.walk(MAIN)) {
            for (Path p : s.filter(f -> f.toString().endsWith(".java")).toList()) {
                packages.add(p.getParent().getFileName().toString());
                String type = p.getFileName().toString().replace(".java", "");
                if (!type.equals("package-info")) {
                    byName.computeIfAbsent(type, k -> new ArrayList<>()).add(MAIN.relativize(p).toString());
                }
            }
        }
        List<String> repeated = byName.values().stream().filter(l -> l.size() > 1).map(Object::toString).toList();
        assertEquals(List.of(), repeated, "two top-level types with one simple name");
        List<String> shadowing = byName.keySet().stream().filter(t -> packages.contains(t.toLowerCase(java.util.Locale.ROOT)))
                .toList();
        assertEquals(List.of(), shadowing, "a type named like a package (e.g. stats.Report, experiment.Stats)");
    }

    @Test
    void theScannerSeesCodeAndIgnoresCommentsAndStrings() {
        String src = """
                package dev.initlab.fill;
                import dev.initlab.random.PhiloxStream;
                import static dev.initlab.dist.Distributions.uniform;
                /** see {@link dev.initlab.stats.Battery} */
                class X { // dev.initlab.report.Doc
                    String s = "dev.initlab.cli.Main";
                    String t = \"""
                        dev.initlab.bench.JmhResult
                        \""";
                    Object o = new dev.initlab.experiment.nn.Mlp();
                    char q = '"';
                    Object p = dev.initlab.io.AtomicFiles.class;
                }
                """;
        Matcher m = REFERENCE.matcher(code(src));
        Set<String> found = new TreeSet<>();
        while (m.find()) {
            found.add(m.group(1));
        }
        assertEquals(Set.of("random", "dist", "experiment.nn", "io"), found);
    }
}
