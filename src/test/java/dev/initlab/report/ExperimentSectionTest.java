package dev.initlab.report;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.List;
import org.junit.jupiter.api.Test;

class ExperimentSectionTest {
    @Test
    void repeatedPointsBecomeMeansWithStudentTIntervals() {
        // x = 1 seen three times with y = 1, 2, 3: mean 2, sd 1; half-width t(0.975, 2) / sqrt(3)
        // = 2.4841377117503303 (scipy.stats.t.ppf(0.975, 2) / sqrt(3))
        double nan = Double.NaN;
        List<double[]> out = ExperimentSection.aggregate(List.of(new double[] {1, 1, nan, nan},
                new double[] {0, 5, 4.5, 5.5}, new double[] {1, 2, nan, nan}, new double[] {1, 3, nan, nan}));
        assertEquals(2, out.size());
        assertEquals(0, out.get(0)[0]);
        assertEquals(5, out.get(0)[1]);
        assertEquals(4.5, out.get(0)[2], "a single point keeps its own interval");
        assertEquals(2, out.get(1)[1], 1e-15);
        assertEquals(2 - 2.4841377117503303, out.get(1)[2], 1e-12);
        assertEquals(2 + 2.4841377117503303, out.get(1)[3], 1e-12);
    }

    @Test
    void logAxisLabels() {
        assertEquals("1e-12", Charts.powerOfTen(-12));
        assertEquals("0.01", Charts.powerOfTen(-2));
        assertEquals("1", Charts.powerOfTen(0));
        assertEquals("1000", Charts.powerOfTen(3));
        assertEquals("3.2", Charts.powerOfTen(0.5));
        assertEquals("320", Charts.powerOfTen(2.5));
        assertEquals("3.2e-13", Charts.powerOfTen(-12.5));
        assertEquals("90%", Charts.percentileLabel(1));
        assertEquals("99.99%", Charts.percentileLabel(4));
        assertEquals("", Charts.percentileLabel(0.3));
    }

    @Test
    void verdictTones() {
        assertEquals(Doc.Tone.GOOD, ExperimentSection.toneOf("true"));
        assertEquals(Doc.Tone.BAD, ExperimentSection.toneOf("false"));
        assertEquals(Doc.Tone.BAD, ExperimentSection.toneOf("Refuted: variance grows"));
        assertEquals(Doc.Tone.GOOD, ExperimentSection.toneOf("supported"));
        assertEquals(Doc.Tone.WARN, ExperimentSection.toneOf("inconclusive"));
    }
}
