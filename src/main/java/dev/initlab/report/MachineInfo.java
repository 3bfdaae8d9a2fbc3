package dev.initlab.report;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/** Facts about the machine that generates the report (CPU model from /proc/cpuinfo when present). */
final class MachineInfo {
    private MachineInfo() {
    }

    /** Lines such as {@code CPU: ...}, {@code logical cores: 2}, {@code memory: 7.8 GiB}. */
    static List<String> local() {
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

    static String cpuModel() {
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
