package dev.initlab.bench;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;

/**
 * The bench command's note about one run ({@code run-SUITE.json} beside {@code jmh-SUITE.json}):
 * whether it was taken under load ({@link LoadMonitor}) and the load line. Notes written before load
 * was recorded during runs have only {@code loadavg_before}/{@code loadavg_after}; for them the
 * 1-minute averages before and after are judged by the same rule without the "during" part.
 *
 * Notes written since the machine-speed calibration was recorded also hold its readings before and
 * after the suite ({@link MachineSpeed}).
 *
 * @param underLoad whether the run counts as taken under load
 * @param loadNote the load line
 * @param speed the calibration readings, empty for notes without them
 */
public record RunNote(boolean underLoad, String loadNote, Optional<MachineSpeed.Pair> speed) {

    /** The note beside a JMH JSON file ({@code jmh-X.json} -> {@code run-X.json}), empty when absent or unreadable. */
    public static Optional<RunNote> beside(Path jmhFile) {
        String name = jmhFile.getFileName().toString();
        if (!name.startsWith("jmh-")) {
            return Optional.empty();
        }
        Path note = jmhFile.resolveSibling("run-" + name.substring(4));
        if (!Files.isRegularFile(note)) {
            return Optional.empty();
        }
        try {
            return Optional.of(parse(new ObjectMapper().readTree(note.toFile())));
        } catch (IOException | RuntimeException e) {
            return Optional.empty();
        }
    }

    static RunNote parse(JsonNode n) {
        if (n.has("under_load")) {
            return new RunNote(n.path("under_load").asBoolean(), n.path("load_note").asText(""), MachineSpeed.parse(n));
        }
        double before = load1(n.path("loadavg_before").asText(""));
        double after = load1(n.path("loadavg_after").asText(""));
        int cores = n.path("processors").asInt(Runtime.getRuntime().availableProcessors());
        LoadMonitor.Record r = LoadMonitor.judge(cores, 1, before, Double.NaN, Double.NaN, Double.NaN, after,
                Double.NaN, 0);
        boolean loaded = r.underLoad() || after > 1 + cores / 2.0;
        String line = "1-min load " + load(before) + " before and " + load(after) + " after, on " + cores
                + " cores (an older note: no samples during the run)";
        return new RunNote(loaded, loaded ? "TAKEN UNDER LOAD: " + line : line, MachineSpeed.parse(n));
    }

    private static String load(double v) {
        return Double.isNaN(v) ? "unknown" : String.format(java.util.Locale.ROOT, "%.2f", v);
    }

    private static double load1(String loadavg) {
        try {
            return Double.parseDouble(loadavg.trim().split("\\s+")[0]);
        } catch (RuntimeException e) {
            return Double.NaN;
        }
    }
}
