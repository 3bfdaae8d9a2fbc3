package dev.initlab.experiment;

import dev.initlab.experiment.nn.Mnist;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

/**
 * The early-training monitor on a tiny configuration (4 hidden ReLU layers of 64, 20 steps, 64
 * monitor digits, 3 seeds): at initialization He keeps the activation std roughly level across
 * layers while the standard U(+-1/sqrt(fan_in)) init shrinks it by about sqrt(1/6) per layer, and He
 * lowers the monitor loss within 20 steps while the standard init barely moves it.
 */
class EarlyTrainingMonitorTest {
    @Test
    void heKeepsActivationScaleAndLearnsWhileStandardShrinksAndStalls() {
        Mnist.Split small = StudyFixtures.mnistHead(2000, 500);
        long seed = StudyFixtures.masterSeed("EarlyTrainingMonitorTest");
        EarlyTrainingMonitor.Settings s = new EarlyTrainingMonitor.Settings(4, 64, 20, 5, 64, 3);
        EarlyTrainingMonitor.Result r = EarlyTrainingMonitor.run(s, StudyFixtures.options(seed), small);
        int measured = s.measuredSteps().length;
        assertEquals(new int[] {0, 1, 2, 3, 4, 5, 10, 15, 20}.length, measured);
        assertEquals(EarlyTrainingMonitor.SCHEMES.size() * measured * 4, r.steps().size());
        for (EarlyTrainingMonitor.StepRow row : r.steps()) {
            assertTrue(row.deadFraction() >= 0 && row.deadFraction() <= 1, row.toString());
            assertTrue(row.actMean() >= 0 && row.gradNorm() >= 0 && Double.isFinite(row.gradNorm()), row.toString());
        }
        double heRatio = r.row("he", 0, 4).actStd() / r.row("he", 0, 1).actStd();
        double stdRatio = r.row("standard", 0, 4).actStd() / r.row("standard", 0, 1).actStd();
        System.out.printf("  act std layer4/layer1 at init: he %.3f, standard %.4f%n", heRatio, stdRatio);
        assertTrue(heRatio > 0.5 && heRatio < 2, "he keeps the scale: " + heRatio);
        assertTrue(stdRatio < 0.15, "standard shrinks ~ (1/6)^(3/2) = 0.068: " + stdRatio);
        EarlyTrainingMonitor.LossRow he0 = r.losses().stream().filter(l -> l.scheme().equals("he") && l.step() == 0).findFirst().orElseThrow();
        EarlyTrainingMonitor.LossRow he20 = r.losses().stream().filter(l -> l.scheme().equals("he") && l.step() == 20).findFirst().orElseThrow();
        EarlyTrainingMonitor.CompareRow st = r.compare().stream().filter(c -> c.scheme().equals("standard")).findFirst().orElseThrow();
        System.out.printf("  he loss %.3f -> %.3f; standard - he at step 20: %.3f [%.3f, %.3f]%n", he0.lossMean(), he20.lossMean(),
                st.diffMean(), st.diffLo(), st.diffHi());
        assertTrue(he20.lossMean() < he0.lossMean() - 0.3, "he learns in 20 steps");
        assertTrue(st.diffLo() > 0, "standard init has a higher loss than he after 20 steps (paired)");
    }
}
