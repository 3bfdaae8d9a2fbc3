package dev.initlab.bench;

import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * Issue #9: the CLI's class path carries neither test classes nor test-only dependencies, so a test
 * that does not compile cannot block {@code fill}. The launcher is a shell script; this reads its
 * class-path logic (and the pom's class-path files) rather than running Maven inside a test. The
 * behaviour itself was checked by hand with a deliberately broken test file (README, "Why the CLI's
 * class path has no test classes").
 */
class LauncherClasspathTest {
    @Test
    void testClassesJoinTheClassPathOnlyForBenchAndRun() throws IOException {
        List<String> lines = Files.readAllLines(Path.of("initlab"));
        int open = lines.indexOf("if [ \"$with_bench\" = 1 ]; then");
        assertTrue(open > 0, "the launcher has a bench-only block");
        int close = open + 1;
        while (!lines.get(close).equals("fi")) {
            close++;
        }
        assertTrue(lines.contains("case \"${1:-}\" in bench|run) with_bench=1 ;; esac"), "bench and run only");
        assertTrue(lines.contains("cp=\"$root/target/classes:$(cat \"$stamp\")\""), "main classes + runtime class path");
        for (int i = 0; i < lines.size(); i++) {
            String l = lines.get(i);
            if (!l.startsWith("#") && (l.contains("test-classes") || l.contains("test-compile") || l.contains("initlab-bench.classpath"))) {
                assertTrue(i > open && i < close, "line " + (i + 1) + " outside the bench-only block: " + l);
            }
        }
        assertTrue(lines.stream().anyMatch(l -> l.contains("mvn_quiet compile ||")), "the default build is mvn compile");
    }

    @Test
    void theDefaultClassPathFileIsTheRuntimeScope() throws IOException {
        String pom = Files.readString(Path.of("pom.xml"));
        int launcher = pom.indexOf("<id>launcher-classpath</id>");
        int bench = pom.indexOf("<id>bench-classpath</id>");
        assertTrue(launcher > 0 && bench > launcher);
        String l = pom.substring(launcher, bench);
        assertTrue(l.contains("<includeScope>runtime</includeScope>") && l.contains("initlab.classpath</outputFile>"), l);
        String b = pom.substring(bench, pom.indexOf("</execution>", bench));
        assertTrue(b.contains("<includeScope>test</includeScope>") && b.contains("initlab-bench.classpath"), b);
        // commons-statistics' NormalDistribution links commons-rng-sampling: test scope broke verify on the CLI
        int rng = pom.indexOf("<artifactId>commons-rng-sampling</artifactId>");
        String dep = pom.substring(rng, pom.indexOf("</dependency>", rng));
        assertTrue(dep.contains("<scope>runtime</scope>"), dep);
    }
}
