package dev.initlab.experiment;

import dev.initlab.experiment.nn.Activation;
import dev.initlab.stats.MeanInterval;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The verdict rules on synthetic results (each verdict reachable, so no rule is hard-wired), and
 * the catalog-variance claim with a positive control.
 */
class ClaimsLedgerTest {
    @TempDir
    Path dir;

    private static SymmetryExperiment.Result symmetry(double[] zerosShallow, double[] zerosDeep, boolean breakTrace) {
        SymmetryExperiment.Settings s = new SymmetryExperiment.Settings(List.of(1, 2, 3), 8,
                Scheme.parseList("zeros,uniform,kaiming_normal"), List.of(Activation.RELU), 3, MnistExperiment.defaultTraining(1), 5);
        List<SymmetryExperiment.RunRow> runs = new ArrayList<>();
        List<SymmetryExperiment.TraceRow> trace = new ArrayList<>();
        for (int d = 1; d <= 3; d++) {
            for (int k = 0; k < 3; k++) {
                double zd = d == 1 ? zerosShallow[k] : zerosDeep[k];
                runs.add(new SymmetryExperiment.RunRow("zeros", "relu", d, k, zd, 1, false, d == 1 ? Double.NaN : 0,
                        d == 1 ? Double.NaN : 0));
                runs.add(new SymmetryExperiment.RunRow("uniform", "relu", d, k, 0.12 + 0.01 * k, 2, false, 1, 3));
                runs.add(new SymmetryExperiment.RunRow("kaiming_normal", "relu", d, k, 0.90 + 0.005 * k, 0.3, false, 1, 1));
                if (d > 1) {
                    trace.add(new SymmetryExperiment.TraceRow("zeros", "relu", d, k, 10, 0.1, 1, breakTrace && k == 2 ? 1e-7 : 0,
                            breakTrace && k == 2 ? 2 : 1));
                }
            }
        }
        return new SymmetryExperiment.Result(s, trace, runs, SymmetryExperiment.summarize(runs, 0.114));
    }

    private static String zeroVerdict(double[] shallow, double[] deep) {
        SymmetryExperiment.Result s = symmetry(shallow, deep, false);
        return ClaimsLedger.zeroInitShallow(s, ClaimsLedger.margins(s, null)).verdict();
    }

    @Test
    void zeroInitVerdictFollowsTheOneRule() {
        double[] asHe = {0.901, 0.906, 0.911};       // He (random) + 0.1 pp on every seed: non-inferior
        double[] trivial = {0.114, 0.114, 0.114};
        double[] noisy = {0.95, 0.85, 0.90};          // paired interval straddles -1 pp
        assertEquals("supported", zeroVerdict(asHe, trivial), "works shallow, fails deep: Ng's statement");
        assertEquals("depends", zeroVerdict(asHe, asHe), "works deep too: the 'not for networks' half is refuted");
        assertEquals("refuted", zeroVerdict(trivial, asHe));
        assertEquals("inconclusive", zeroVerdict(noisy, trivial), "no difference found is not 'as well as'");
    }

    @Test
    void theOneRuleCombinesSettings() {
        var sup = new ClaimsLedger.Finding("a", ClaimsLedger.Outcome.SUPPORTS);
        var ref = new ClaimsLedger.Finding("b", ClaimsLedger.Outcome.REFUTES);
        var inc = new ClaimsLedger.Finding("c", ClaimsLedger.Outcome.INCONCLUSIVE);
        assertEquals(ClaimsLedger.ClaimVerdict.SUPPORTED, ClaimsLedger.verdict(List.of(sup, sup)));
        assertEquals(ClaimsLedger.ClaimVerdict.DEPENDS, ClaimsLedger.verdict(List.of(sup, ref, inc)));
        assertEquals(ClaimsLedger.ClaimVerdict.REFUTED, ClaimsLedger.verdict(List.of(ref, inc)));
        assertEquals(ClaimsLedger.ClaimVerdict.INCONCLUSIVE, ClaimsLedger.verdict(List.of(sup, inc)));
        assertEquals("supported for a; refuted for b; inconclusive for c",
                ClaimsLedger.where(List.of(sup, ref, inc), ClaimsLedger.ClaimVerdict.DEPENDS));
    }

    @Test
    void symmetryVerdictsFollowTheNumbers() {
        double[] t = {0.114, 0.114, 0.114};
        assertEquals("supported", ClaimsLedger.constantInitSymmetry(symmetry(t, t, false)).verdict());
        assertEquals("refuted", ClaimsLedger.constantInitSymmetry(symmetry(t, t, true)).verdict(), "one nonzero measurement");
        // uniform(0,1) breaks symmetry but is ~80 pp below He at every depth
        SymmetryExperiment.Result r = symmetry(t, t, false);
        assertEquals("refuted", ClaimsLedger.uniformZeroOneBreaksSymmetry(r, ClaimsLedger.margins(r, null)).verdict());
    }

    private static MnistExperiment.Result clipping(double[] off, double[] on) {
        List<Scheme> bad = Scheme.parseList("normal:std=1");
        MnistExperiment.Settings s = new MnistExperiment.Settings(8, List.of(
                new MnistExperiment.Arm(List.of(3), bad, List.of(Activation.RELU), 0),
                new MnistExperiment.Arm(List.of(3), bad, List.of(Activation.RELU), 1.0)), 3, MnistExperiment.defaultTraining(1));
        List<MnistExperiment.RunRow> runs = new ArrayList<>();
        for (int k = 0; k < 3; k++) {
            runs.add(new MnistExperiment.RunRow(3, "normal:std=1", "relu", 0, k, off[k], 2, Double.NaN, false, 1));
            runs.add(new MnistExperiment.RunRow(3, "normal:std=1", "relu", 1.0, k, on[k], 1, Double.NaN, false, 1));
        }
        return new MnistExperiment.Result(s, "synthetic", List.of(), runs, MnistExperiment.summarize(s, runs), List.of());
    }

    @Test
    void clippingVerdictFollowsTheNumbers() {
        double[] low = {0.11, 0.115, 0.12};
        double[] high = {0.70, 0.72, 0.71};
        assertEquals("supported", ClaimsLedger.clippingRescues(clipping(low, high)).verdict());
        assertEquals("refuted", ClaimsLedger.clippingRescues(clipping(high, low)).verdict());
        assertEquals("inconclusive", ClaimsLedger.clippingRescues(clipping(low, low)).verdict(), "no detectable gain");
    }

    @Test
    void xavierNormalVarianceClaimIsRefutedAndTheTrueVarianceIsAccepted() {
        ClaimsLedger.LedgerClaim c = ClaimsLedger.xavierNormalVariance(Options.DEFAULT_SEED, 1.0);
        System.out.println("C6 evidence: " + c.evidence());
        assertEquals("refuted", c.verdict());
        assertEquals("supported", ClaimsLedger.xavierNormalVariance(Options.DEFAULT_SEED, 2.0).verdict(),
                "positive control: the rule accepts 2/(n_in+n_out)");
    }

    @Test
    void comparisonsAndMarkdown() throws Exception {
        assertEquals(ClaimsLedger.Cmp.BETTER, ClaimsLedger.cmp(new MeanInterval(5, 0, 0.02, 0.01, 0.01, 0.03)));
        assertEquals(ClaimsLedger.Cmp.WORSE, ClaimsLedger.cmp(new MeanInterval(5, 0, -0.02, 0.01, -0.03, -0.01)));
        assertEquals(ClaimsLedger.Cmp.TIE, ClaimsLedger.cmp(new MeanInterval(5, 0, 0.0, 0.01, -0.01, 0.01)));
        ClaimsLedger.Result r = new ClaimsLedger.Result(List.of(new ClaimsLedger.LedgerClaim("C0", "a | b", "s", "e", "1 | 2",
                "depends", "on x", "rule")), List.of());
        List<Path> files = r.write(dir);
        String md = Files.readString(files.get(2));
        assertTrue(md.contains("| C0 | a \\| b | s | e | 1 \\| 2 | **depends (on x)** |"), md);
        assertEquals(r.claims(), dev.initlab.io.CsvTables.read(files.get(0), ClaimsLedger.LedgerClaim.class));
    }
}
