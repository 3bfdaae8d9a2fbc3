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
        List<SymmetryExperiment.SymmetryRunRow> runs = new ArrayList<>();
        List<SymmetryExperiment.TraceRow> trace = new ArrayList<>();
        for (int d = 1; d <= 3; d++) {
            for (int k = 0; k < 3; k++) {
                double zd = d == 1 ? zerosShallow[k] : zerosDeep[k];
                runs.add(new SymmetryExperiment.SymmetryRunRow("zeros", "relu", d, k, zd, 1, false, d == 1 ? Double.NaN : 0,
                        d == 1 ? Double.NaN : 0));
                runs.add(new SymmetryExperiment.SymmetryRunRow("uniform", "relu", d, k, 0.12 + 0.01 * k, 2, false, 1, 3));
                runs.add(new SymmetryExperiment.SymmetryRunRow("kaiming_normal", "relu", d, k, 0.90 + 0.005 * k, 0.3, false, 1, 1));
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
        var sup = new ClaimsLedger.Finding("a", ClaimsLedger.SettingOutcome.SUPPORTS);
        var ref = new ClaimsLedger.Finding("b", ClaimsLedger.SettingOutcome.REFUTES);
        var inc = new ClaimsLedger.Finding("c", ClaimsLedger.SettingOutcome.INCONCLUSIVE);
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
        List<MnistExperiment.MnistRunRow> runs = new ArrayList<>();
        for (int k = 0; k < 3; k++) {
            runs.add(new MnistExperiment.MnistRunRow(3, "normal:std=1", "relu", 0, k, off[k], 2, Double.NaN, false, 1));
            runs.add(new MnistExperiment.MnistRunRow(3, "normal:std=1", "relu", 1.0, k, on[k], 1, Double.NaN, false, 1));
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

    /** A thin deep arm with one depth and activation: LSUV's final accuracy per seed, the others' the same. */
    private static LsuvExperiment.Result thinDeep(double[] lsuv, double[] others) {
        List<LsuvExperiment.DeepRunRow> runs = new ArrayList<>();
        for (String init : LsuvExperiment.COMPARED) {
            double[] a = init.equals("lsuv") ? lsuv : others;
            for (int k = 0; k < a.length; k++) {
                runs.add(new LsuvExperiment.DeepRunRow(19, 32, init, "relu", k, 2.3, 0.5, a[k], 1, -1, false, false, 1));
            }
        }
        return new LsuvExperiment.Result(List.of(), List.of(), runs, List.of());
    }

    private static ClaimsLedger.LedgerClaim thinDeepClaim(double[] lsuv, double[] others) {
        LsuvExperiment.Result r = thinDeep(lsuv, others);
        return ClaimsLedger.lsuvThinDeepAsGood(r, ClaimsLedger.margins(null, null, r));
    }

    @Test
    void thinDeepLsuvClaimFollowsTheOneRuleWithItsMarginTestsInTheFamily() {
        double[] base = {0.50, 0.55, 0.60, 0.52, 0.58};
        double[] plus = java.util.Arrays.stream(base).map(x -> x + 0.001 * (1 + x)).toArray();
        double[] minus = java.util.Arrays.stream(base).map(x -> x - 0.2 - 0.01 * x).toArray();
        double[] noisy = {0.60, 0.45, 0.70, 0.42, 0.58};
        ClaimsLedger.LedgerClaim c = thinDeepClaim(plus, base);
        assertEquals("C15", c.id());
        assertEquals("supported", c.verdict(), c.evidence());
        assertTrue(c.evidence().contains("19 layers relu"), c.evidence());
        assertEquals("refuted", thinDeepClaim(minus, base).verdict());
        assertEquals("inconclusive", thinDeepClaim(noisy, base).verdict(), "no difference found is not 'as well as'");
        // its three tests join the ledger's one Holm family
        LsuvExperiment.Result r = thinDeep(plus, base);
        assertEquals(3, ClaimsLedger.margins(null, null, r).size());
        assertTrue(ClaimsLedger.margins(null, null, r).test(ClaimsLedger.c15Label(19, Activation.RELU, "orthogonal")) != null);
        assertEquals("not measured in this run", ClaimsLedger.lsuvThinDeepAsGood(null, ClaimsLedger.margins(null, null))
                .dependsOn());
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
