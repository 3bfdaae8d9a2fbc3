package dev.initlab.bench;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.ObjectMapper;
import org.junit.jupiter.api.Test;

/** The "taken under load" rule of {@link LoadMonitor} and its reading from run notes. */
class LoadMonitorTest {
    @Test
    void theRuleCountsLoadBeforeDuringAndSteal() {
        // 2 cores, the benchmark's own 1 thread: quiet means load <= 1 before and median <= 2 during
        assertFalse(LoadMonitor.judge(2, 1, 0.3, 0.9, 1.1, 1.4, 1.0, 0.0, 10).underLoad());
        assertTrue(LoadMonitor.judge(2, 1, 2.3, 0.9, 1.1, 1.4, 1.0, 0.0, 10).underLoad(), "busy before");
        LoadMonitor.Record during = LoadMonitor.judge(2, 1, 0.3, 2.0, 4.5, 9.0, 3.0, 0.0, 10);
        assertTrue(during.underLoad());
        assertTrue(during.note().startsWith("TAKEN UNDER LOAD (median load 4.50"), during.note());
        assertTrue(LoadMonitor.judge(2, 1, 0.3, 0.9, 1.1, 1.4, 1.0, 0.08, 10).underLoad(), "8% steal");
    }

    @Test
    void aLiveRecordingReadsProc() throws Exception {
        try (LoadMonitor m = LoadMonitor.start(1, 20)) {
            Thread.sleep(70);
            LoadMonitor.Record r = m.stop();
            assertTrue(r.samples() >= 1);
            assertTrue(r.note().contains("1-min load") || r.note().contains("unknown"), r.note());
        }
    }

    @Test
    void runNotesOldAndNew() throws Exception {
        ObjectMapper m = new ObjectMapper();
        RunNote old = RunNote.parse(m.readTree("{\"processors\":2,\"loadavg_before\":\"2.31 2.0 1.9 3/200 99\","
                + "\"loadavg_after\":\"2.05 2.1 2.0 1/200 99\"}"));
        assertTrue(old.underLoad(), old.loadNote());
        RunNote quiet = RunNote.parse(m.readTree("{\"under_load\":false,\"load_note\":\"quiet machine: x\"}"));
        assertFalse(quiet.underLoad());
    }
}
