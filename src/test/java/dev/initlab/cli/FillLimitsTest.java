package dev.initlab.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code fill} with parameters that are not finite or not representable in the dtype: exit 2, the reason, no file. */
class FillLimitsTest {
    @TempDir
    Path dir;

    private void refused(String expected, String... args) throws IOException {
        Path out = dir.resolve("o.npy");
        String[] argv = Stream.concat(Stream.of("fill"), Stream.concat(Stream.of(args), Stream.of("--out", out.toString())))
                .toArray(String[]::new);
        CliRun.Result r = FillCommandTest.run(argv);
        assertEquals(2, r.code(), r.err());
        assertEquals("initlab fill: error: " + expected + "\n", r.err().replace("\r\n", "\n"));
        try (Stream<Path> s = Files.list(dir)) {
            assertEquals(List.of(), s.toList(), "no output, no temporary file");
        }
    }

    @Test
    void theIssuesTwoExamples() throws IOException {
        refused("--gain 1e308 overflows float32 (largest 3.40282e38)",
                "--scheme", "orthogonal", "--gain", "1e308", "--shape", "100x100");
        refused("--high 1e-46 rounds to 0 in float32, not above --low 0",
                "--scheme", "uniform", "--low", "0", "--high", "1e-46", "--shape", "10");
    }

    @Test
    void otherSchemesAndDtypes() throws IOException {
        refused("--value 1e300 overflows float32 (largest 3.40282e38)",
                "--scheme", "constant", "--value", "1e300", "--shape", "10");
        refused("--gain 1e200 squared overflows (the variance scale is gain^2)",
                "--scheme", "xavier_normal", "--gain", "1e200", "--shape", "10x10");
        refused("--mean 0 +- 8.20954 x --std 1e308 overflows float64 (largest 1.79769e308; the float64 sampler reaches"
                + " 8.20954 std)", "--scheme", "normal", "--std", "1e308", "--shape", "10", "--dtype", "float64");
        assertTrue(FillCommandTest.run("fill", "--scheme", "constant", "--value", "1e300", "--shape", "10", "--dtype",
                "float64", "--out", dir.resolve("c.npy").toString()).code() == 0, "representable in float64");
    }
}
