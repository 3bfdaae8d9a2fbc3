package dev.initlab.bench;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.initlab.cli.Main;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The machine-speed calibration (issue #11, hidden host slowdowns): recorded in the run note, read
 * back, and compared between two runs with the stated 30% tolerance (compute figure). Readings are fixtures; only
 * {@link #aReadingIsPositiveAndFinite} runs the loops (and asserts no timing).
 */
class MachineSpeedTest {
    static final ObjectMapper M = new ObjectMapper();

    static ObjectNode note(double computeBefore, double memoryBefore, double computeAfter, double memoryAfter) {
        ObjectNode n = M.createObjectNode();
        n.put("under_load", false);
        n.put("load_note", "quiet machine: fixture");
        MachineSpeed.put(n, "before", new MachineSpeed.Reading(computeBefore, computeBefore, memoryBefore, memoryBefore));
        MachineSpeed.put(n, "after", new MachineSpeed.Reading(computeAfter, computeAfter, memoryAfter, memoryAfter));
        return n;
    }

    @Test
    void theNoteRoundTripsAndAnOldNoteHasNone() {
        RunNote r = RunNote.parse(note(2.0, 0.5, 2.18, 0.9));
        MachineSpeed.Pair p = r.speed().orElseThrow();
        assertEquals(2.09, p.computeNs(), 1e-12, "mean of before and after");
        assertEquals(0.7, p.memoryNs(), 1e-12);
        assertTrue(p.describe().contains("before compute 2.00 ns/iteration"), p.describe());
        assertTrue(p.drift().isEmpty(), "9% drift within the run is within the tolerance; memory is not judged");
        assertTrue(RunNote.parse(note(2.0, 0.5, 3.0, 0.5)).speed().orElseThrow().drift().isPresent(), "1.5x is not");
        ObjectNode old = M.createObjectNode();
        old.put("under_load", true);
        old.put("load_note", "TAKEN UNDER LOAD: x");
        assertTrue(RunNote.parse(old).speed().isEmpty());
    }

    @Test
    void twoRunsDifferWhenTheComputeLoopMovesMoreThanThirtyPercent() {
        Optional<MachineSpeed.Pair> base = RunNote.parse(note(2.0, 0.5, 2.0, 0.5)).speed();
        // the case: every baseline at 0.41-0.86x the speed, i.e. 1.16-2.4x the time
        Optional<MachineSpeed.Pair> slow = RunNote.parse(note(2.8, 0.5, 2.8, 0.5)).speed();
        Optional<MachineSpeed.Pair> slowMemory = RunNote.parse(note(2.0, 0.9, 2.0, 0.9)).speed();
        Optional<MachineSpeed.Pair> close = RunNote.parse(note(2.5, 0.52, 2.5, 0.52)).speed();
        String s = MachineSpeed.compare(base, slow);
        assertTrue(s.startsWith("machine speed DIFFERS by more than 30%"), s);
        assertTrue(s.contains("1.40x and 1.00x"), s);
        assertFalse(MachineSpeed.compare(base, slowMemory).contains("DIFFERS"), "memory is shown, not judged");
        String same = MachineSpeed.compare(base, close);
        assertTrue(same.startsWith("machine speed: the same within 30%"), same);
        assertFalse(MachineSpeed.differs(base.get(), close.get()));
        assertTrue(MachineSpeed.compare(base, Optional.empty()).contains("not comparable (the current run's note"));
        assertTrue(MachineSpeed.compare(Optional.empty(), Optional.empty()).contains("neither run note"));
    }

    @Test
    void compareSaysItOnStderr(@TempDir Path dir) throws Exception {
        Path base = new JmhFixture().thrpt("x.Bench.fill", Map.of("size", "4Ki"), 1000, 10)
                .write(dir.resolve("jmh-base.json"));
        Path cur = new JmhFixture().thrpt("x.Bench.fill", Map.of("size", "4Ki"), 1000, 10)
                .write(dir.resolve("jmh-cur.json"));
        Files.writeString(dir.resolve("run-base.json"), M.writeValueAsString(note(2.0, 0.5, 2.0, 0.5)));
        Files.writeString(dir.resolve("run-cur.json"), M.writeValueAsString(note(3.0, 0.5, 3.2, 0.5)));
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        int code = Main.run(new String[] {"compare", base.toString(), cur.toString()},
                new PrintStream(new ByteArrayOutputStream(), true), new PrintStream(err, true));
        assertEquals(0, code, "a different machine speed is said, not judged a regression");
        assertTrue(err.toString().contains("compare: machine speed DIFFERS by more than 30%"), err.toString());
        assertTrue(err.toString().contains("current 3.10 and 0.500 = 1.55x"), err.toString());
    }

    @Test
    void aReadingIsPositiveAndFinite() {
        MachineSpeed.Reading r = MachineSpeed.measure();
        for (double v : new double[] {r.computeNs(), r.computeMedianNs(), r.memoryNs(), r.memoryMedianNs()}) {
            assertTrue(v > 0 && Double.isFinite(v), r.toString());
        }
        assertTrue(r.computeNs() <= r.computeMedianNs() && r.memoryNs() <= r.memoryMedianNs(), "fastest <= median");
    }
}
