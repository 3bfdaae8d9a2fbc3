package dev.initlab.report;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;

/**
 * The processor of the machine that runs the report, described from {@code /proc/cpuinfo} as
 * precisely as it allows: the model name alone can mislead on a virtual machine (a KVM guest with
 * QEMU's generic "EPYC" model reports "AMD EPYC" whatever the host is), so the description adds
 * vendor, family/model/stepping, the hypervisor flag, the logical CPUs and the vector extensions
 * the fill kernels can use.
 *
 * @param modelName the model name line
 * @param vendor vendor id
 * @param family CPU family (decimal), or -1
 * @param model model number, or -1
 * @param stepping stepping, or -1
 * @param logicalCpus processor entries
 * @param flags the flags of the first processor
 */
record HostCpu(String modelName, String vendor, int family, int model, int stepping, int logicalCpus, Set<String> flags) {
    HostCpu {
        flags = Set.copyOf(flags);
    }

    /** Parses cpuinfo text. */
    static HostCpu parse(List<String> lines) {
        String name = null;
        String vendor = null;
        int family = -1;
        int model = -1;
        int stepping = -1;
        int cpus = 0;
        Set<String> flags = new HashSet<>();
        for (String line : lines) {
            int colon = line.indexOf(':');
            if (colon < 0) {
                continue;
            }
            String key = line.substring(0, colon).trim();
            String value = line.substring(colon + 1).trim();
            switch (key) {
                case "processor" -> cpus++;
                case "model name" -> name = name == null ? value : name;
                case "vendor_id" -> vendor = vendor == null ? value : vendor;
                case "cpu family" -> family = family < 0 ? parseInt(value) : family;
                case "model" -> model = model < 0 ? parseInt(value) : model;
                case "stepping" -> stepping = stepping < 0 ? parseInt(value) : stepping;
                case "flags", "Features" -> {
                    if (flags.isEmpty()) {
                        flags.addAll(Arrays.asList(value.split("\\s+")));
                    }
                }
                default -> {
                }
            }
        }
        return new HostCpu(name, vendor, family, model, stepping, cpus, flags);
    }

    private static int parseInt(String s) {
        try {
            return Integer.parseInt(s.trim());
        } catch (NumberFormatException e) {
            return -1;
        }
    }

    /** This machine's CPU, or null without a readable /proc/cpuinfo. */
    static HostCpu local() {
        Path p = Path.of("/proc/cpuinfo");
        try {
            return Files.isReadable(p) ? parse(Files.readAllLines(p)) : null;
        } catch (IOException | RuntimeException e) {
            return null;
        }
    }

    boolean virtual() {
        return flags.contains("hypervisor");
    }

    /** One line, e.g. "AMD EPYC (AuthenticAMD family 23 model 1 stepping 2; virtual machine: ...)". */
    String describe() {
        StringBuilder sb = new StringBuilder(modelName == null ? "unknown model" : modelName);
        sb.append(" (").append(vendor == null ? "unknown vendor" : vendor);
        if (family >= 0) {
            sb.append(String.format(Locale.ROOT, " family %d model %d stepping %d", family, model, stepping));
        }
        if (virtual()) {
            sb.append("; a virtual machine (hypervisor flag set): the model is what the hypervisor exposes");
            if ("AuthenticAMD".equals(vendor) && family == 23 && model == 1) {
                sb.append(", here the generic EPYC model (Zen, family 17h), so the host's exact processor is hidden");
            }
        }
        sb.append("), ").append(logicalCpus).append(" logical CPUs; vector extensions: ").append(vectorExtensions());
        return sb.toString();
    }

    /** The SIMD extensions relevant to the fill kernels. */
    String vectorExtensions() {
        List<String> have = List.of("sse4_2", "avx", "avx2", "fma", "avx512f", "asimd", "sve").stream()
                .filter(flags::contains).toList();
        String s = have.isEmpty() ? "none recognised" : String.join(", ", have);
        if (flags.contains("avx2") && !flags.contains("avx512f")) {
            s += " (no AVX-512)";
        }
        return s;
    }
}
