package dev.initlab.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;

/** Progress lines: plain lines (no escape sequences) off a terminal, nothing unless asked. */
class TickerTest {
    @Test
    void offATerminalProgressIsPlainLinesAndOnlyWhenAsked() {
        ByteArrayOutputStream b = new ByteArrayOutputStream();
        PrintStream err = new PrintStream(b, true, StandardCharsets.UTF_8);
        try (Ticker t = Ticker.start(Args.parse(List.of("--progress"), Set.of("progress")), err, "fill")) {
            t.status("filling 10 float32 elements");
            t.printNow();
        }
        String s = b.toString(StandardCharsets.UTF_8);
        assertTrue(s.startsWith("initlab fill: filling 10 float32 elements ("), s);
        assertFalse(s.contains("\u001b") || s.contains("\r"), "escape sequences off a terminal: " + s);
        ByteArrayOutputStream quiet = new ByteArrayOutputStream();
        try (Ticker t = Ticker.start(Args.parse(List.of(), Set.of("progress")),
                new PrintStream(quiet, true, StandardCharsets.UTF_8), "fill")) {
            t.status("x");
        }
        assertEquals("", quiet.toString(StandardCharsets.UTF_8));
    }

    @Test
    void forkedJvmStartupWarningsAreDroppedAndEverythingElseKept() {
        ByteArrayOutputStream b = new ByteArrayOutputStream();
        PrintStream q = QuietStream.over(new PrintStream(b, true, StandardCharsets.UTF_8));
        q.print("# Fork: 1 of 2\nWARNING: Using incubator modules: jdk.incubator.vector\n# Warmup Iteration 1: 5 ns\nlast");
        q.close();
        assertEquals("# Fork: 1 of 2\n# Warmup Iteration 1: 5 ns\nlast", b.toString(StandardCharsets.UTF_8));
    }
}
