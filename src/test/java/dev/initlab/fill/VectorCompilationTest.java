package dev.initlab.fill;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/**
 * The vector engine as C2 compiles it, in a fresh JVM: {@link VectorSelfCheck} (bit-identity and
 * zero allocation after warm-up, no timing) runs under {@code -XX:+PrintCompilation}, and the log
 * must show every hot SIMD method compiled at tier 4 and no "COMPILE SKIPPED" for this package
 * (C2 giving up leaves Vector API code in C1, about 60x slower). A second JVM runs the 128-bit code
 * path ({@code -XX:MaxVectorSize=16}), bit-identity only.
 */
class VectorCompilationTest {
    static final List<String> HOT = List.of("VectorEngine::philoxBits", "VectorKernels::normalFromErfDomain",
            "VectorKernels::normalQuantile",
            VectorKernels.COMPRESS ? "VectorKernels::quantileCentralCompress" : "VectorKernels::quantileCentral",
            "VectorKernels::quantileTails", "UniformTransform::vectorPass32", "UniformTransform::vectorPass64",
            "NormalTransform::vectorPass32", "NormalTransform::vectorPass64",
            "TruncatedNormalTransform::vectorPass32", "TruncatedNormalTransform::vectorPass64");

    @Test
    void hotSimdMethodsReachC2WithoutBailoutsAndStayExactAndAllocationFree() throws Exception {
        Result r = fork(List.of("-XX:+PrintCompilation"), "--no-timing");
        assertEquals(0, r.exit(), "self-check failed:\n" + r.tail());
        List<String> skipped = r.lines().stream()
                .filter(l -> l.contains("COMPILE SKIPPED") && l.contains("dev.initlab.fill")).toList();
        assertTrue(skipped.isEmpty(), "C2 bailed out: " + skipped);
        for (String m : HOT) {
            boolean c2 = r.lines().stream().anyMatch(l -> l.contains("dev.initlab.fill." + m)
                    && l.matches("^\\s*\\d+\\s+\\d+\\s+[%sbn! ]*4\\s+.*") && !l.contains("made not entrant"));
            assertTrue(c2, m + " never compiled at tier 4 (C2)");
        }
    }

    @Test
    void narrow128BitShapeIsBitIdentical() throws Exception {
        Result r = fork(List.of("-XX:MaxVectorSize=16", "-Dinitlab.vector.narrow=true"), "--identity-only");
        assertEquals(0, r.exit(), "self-check failed:\n" + r.tail());
        assertTrue(r.lines().stream().anyMatch(l -> l.contains("128-bit")), "did not run 128-bit vectors:\n" + r.tail());
    }

    record Result(int exit, List<String> lines) {
        String tail() {
            return String.join("\n", lines.subList(Math.max(0, lines.size() - 40), lines.size()));
        }
    }

    static Result fork(List<String> jvmArgs, String mode) throws IOException, InterruptedException {
        String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        List<String> cmd = new ArrayList<>(List.of(java, "--add-modules", "jdk.incubator.vector", "-Xmx512m"));
        cmd.addAll(jvmArgs);
        cmd.addAll(List.of("-cp", System.getProperty("java.class.path"), VectorSelfCheck.class.getName(), mode));
        Path log = Files.createTempFile("initlab-selfcheck", ".log");
        try {
            Process p = new ProcessBuilder(cmd).redirectErrorStream(true).redirectOutput(log.toFile()).start();
            if (!p.waitFor(15, TimeUnit.MINUTES)) { // generous: the warm-up is counted in calls, not seconds
                p.destroyForcibly();
                throw new AssertionError("self-check JVM did not finish in 15 minutes");
            }
            return new Result(p.exitValue(), Files.readAllLines(log, StandardCharsets.UTF_8));
        } finally {
            Files.deleteIfExists(log);
        }
    }
}
