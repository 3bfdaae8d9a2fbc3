package dev.initlab.experiment;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import dev.initlab.cli.Main;
import dev.initlab.experiment.nn.MnistTest;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The committed claims ledger is what {@code experiment claims --reuse} derives from the committed
 * per-seed tables (a copy of {@code reports/experiments} and the conformance table): the verdicts,
 * evidence and margin tests are re-derived, not hand-kept, and stay in step with the tables.
 */
class CommittedClaimsTest {
    static final Path COMMITTED = Path.of("reports/experiments");

    @Test
    void committedLedgerIsReDerivedFromTheCommittedTables(@TempDir Path dir) throws Exception {
        assumeTrue(Files.isDirectory(MnistTest.mnistDir()), "MNIST not found (symmetry's majority class reads it)");
        Path out = dir.resolve("experiments");
        Files.createDirectories(out);
        try (Stream<Path> s = Files.list(COMMITTED)) {
            for (Path p : s.filter(Files::isRegularFile).toList()) {
                Files.copy(p, out.resolve(p.getFileName()));
            }
        }
        Path conformance = Path.of("reports/conformance/conformance.csv");
        if (Files.isRegularFile(conformance)) {
            Files.createDirectories(dir.resolve("conformance"));
            Files.copy(conformance, dir.resolve("conformance/conformance.csv"));
        }
        ByteArrayOutputStream o = new ByteArrayOutputStream();
        ByteArrayOutputStream e = new ByteArrayOutputStream();
        int code = Main.run(new String[] {"experiment", "claims", "--reuse", "--out", out.toString(), "--mnist",
                MnistTest.mnistDir().toString(), "--threads", "1"}, new PrintStream(o, true, StandardCharsets.UTF_8),
                new PrintStream(e, true, StandardCharsets.UTF_8));
        assertEquals(0, code, e.toString(StandardCharsets.UTF_8));
        for (String f : new String[] {"claims.csv", "claims_margin_tests.csv", "claims.md"}) {
            assertEquals(Files.readString(COMMITTED.resolve(f)), Files.readString(out.resolve(f)),
                    f + " is what claims --reuse derives from the committed tables");
        }
    }
}
