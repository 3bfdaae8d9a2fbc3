package dev.initlab.experiment;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.initlab.conformance.Deviations;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The ledger's conformance rows are computed from the published conformance table. */
class ConformanceClaimsTest {
    static final Path CSV = Path.of("reports/conformance/conformance.csv");

    @Test
    void oneRefutedClaimPerDeviationGroup() {
        List<Deviations.Deviation> devs = Deviations.read(CSV);
        List<ClaimsLedger.LedgerClaim> claims = ClaimsLedger.conformance(CSV, Progress.silent());
        assertEquals(devs.size(), claims.size());
        assertTrue(claims.size() >= 10, claims.toString());
        for (ClaimsLedger.LedgerClaim c : claims) {
            assertEquals("refuted", c.verdict(), c.toString());
            assertTrue(c.id().startsWith("F") && c.evidence().contains("dumped tensors deviate"), c.toString());
        }
        assertTrue(claims.stream().anyMatch(c -> c.claim().contains("randomUniform(minval=0;maxval=1)")
                && c.evidence().contains("support")), claims.toString());
        assertTrue(claims.stream().anyMatch(c -> c.claim().startsWith("pytorch") && c.claim().contains("sparse_")));
    }

    @Test
    void noTableNoRows() {
        assertEquals(List.of(), ClaimsLedger.conformance(Path.of("does/not/exist.csv"), Progress.silent()));
    }
}
