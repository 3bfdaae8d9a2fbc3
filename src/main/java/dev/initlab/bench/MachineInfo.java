package dev.initlab.bench;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.initlab.fill.Engines;
import dev.initlab.fill.VectorEngine;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * Facts about the machine: CPU model (/proc/cpuinfo when present), cores, memory, OS, JVM, vector
 * shape and load average, for the report's methods section and the bench run note.
 */
public final class MachineInfo {
    private MachineInfo() {
    }

    /** Lines such as {@code CPU: ...}, {@code logical cores: 2}, {@code memory: 7.8 GiB}. */
    public static List<String> local() {
        List<String> out = new ArrayList<>();
        String cpu = cpuModel();
        out.add("CPU: " + (cpu == null ? "n/a (no /proc/cpuinfo)" : cpu));
        out.add("logical cores available to the JVM: " + Runtime.getRuntime().availableProcessors());
        String mem = memTotal();
        if (mem != null) {
            out.add("memory: " + mem);
        }
        out.add("OS: " + System.getProperty("os.name") + " " + System.getProperty("os.version") + " ("
                + System.getProperty("os.arch") + ")");
        out.add("JDK running the report: " + System.getProperty("java.vm.name") + " " + System.getProperty("java.version"));
        return out;
    }

    public static String cpuModel() {
        Path p = Path.of("/proc/cpuinfo");
        if (!Files.isReadable(p)) {
            return null;
        }
        try {
            for (String line : Files.readAllLines(p)) {
                if (line.startsWith("model name")) {
                    return line.substring(line.indexOf(':') + 1).trim();
                }
            }
        } catch (IOException | RuntimeException e) {
            return null;
        }
        return null;
    }

    /** The raw {@code /proc/loadavg} line, or "unknown". */
    public static String loadAverage() {
        try {
            return Files.readString(Path.of("/proc/loadavg")).trim();
        } catch (IOException | RuntimeException e) {
            return "unknown";
        }
    }

    /** The bench run note's machine fields: command, JVM, OS, CPU, cores, vector shape, load before. */
    static ObjectNode environment(String suite, List<String> command) {
        ObjectNode env = new ObjectMapper().createObjectNode();
        env.put("suite", suite);
        env.put("command", String.join(" ", command));
        env.put("started", Instant.now().toString());
        env.put("java", System.getProperty("java.vm.name") + " " + Runtime.version());
        env.put("os", System.getProperty("os.name") + " " + System.getProperty("os.arch"));
        String cpu = cpuModel();
        env.put("cpu", cpu == null ? "unknown" : cpu);
        env.put("processors", Runtime.getRuntime().availableProcessors());
        env.put("vector_shape", Engines.vectorAvailable() ? VectorEngine.describeShape() : "unavailable");
        env.put("loadavg_before", loadAverage());
        return env;
    }

    private static String memTotal() {
        Path p = Path.of("/proc/meminfo");
        if (!Files.isReadable(p)) {
            return null;
        }
        try {
            for (String line : Files.readAllLines(p)) {
                if (line.startsWith("MemTotal:")) {
                    long kb = Long.parseLong(line.replaceAll("[^0-9]", ""));
                    return String.format(Locale.ROOT, "%.1f GiB", kb / 1024.0 / 1024.0);
                }
            }
        } catch (IOException | RuntimeException e) {
            return null;
        }
        return null;
    }
}
