package dev.initlab.report;

import dev.initlab.io.BuildInfo;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Map;

/**
 * Provenance: which build wrote the report, on which JDK, CPU and load, when, and the exact
 * command that produced each input (from the inputs' own run notes and CSV columns where they
 * record it; otherwise said to be inferred, and from what).
 */
final class ProvenanceSection {
    private ProvenanceSection() {
    }

    static void write(ReportContext ctx, String commandLine, List<PerformanceSection.Run> runs) {
        Doc d = ctx.doc;
        d.heading(2, "Provenance");
        d.add(thisReport(commandLine));
        d.p("Figures and tables are computed from the committed inputs below; generating the report runs no "
                + "measurement (except ./initlab report --mutants, which first runs the negative controls). "
                + "Inputs, and the command that produced each:");
        d.add(inputs(ctx, runs));
        Path note = ctx.in.resolve("bench").resolve("machine.txt");
        if (Files.isRegularFile(note)) {
            try {
                d.p("Benchmark machine, from " + ctx.show(note) + ":");
                d.code(Files.readString(note));
            } catch (IOException e) {
                ctx.warn(ctx.show(note) + ": unreadable (" + e.getMessage() + ")");
            }
        }
    }

    /** The build, JDK, OS, CPU and load that generated the report. */
    private static Doc.Table thisReport(String commandLine) {
        HostCpu cpu = HostCpu.local();
        Doc.TableBuilder t = new Doc.TableBuilder("This report", "what", "value");
        t.rowText("generated", Instant.now().truncatedTo(ChronoUnit.SECONDS) + " (UTC)");
        t.rowText("command", commandLine == null ? "./initlab report" : commandLine);
        t.rowText("initlab", BuildInfo.version() + ", commit " + BuildInfo.commit());
        t.rowText("generator", "Philox4x32-10, layout and transforms version " + dev.initlab.random.PhiloxStream.GENERATOR_VERSION);
        t.rowText("JDK", System.getProperty("java.vm.name") + " " + System.getProperty("java.vm.version", System.getProperty(
                "java.version")) + " (" + System.getProperty("java.vendor", "unknown vendor") + ")");
        t.rowText("OS", System.getProperty("os.name") + " " + System.getProperty("os.version") + " ("
                + System.getProperty("os.arch") + ")");
        t.rowText("CPU", cpu == null ? "unknown (no /proc/cpuinfo)" : cpu.describe());
        t.rowText("logical CPUs available to the JVM", Integer.toString(Runtime.getRuntime().availableProcessors()));
        t.rowText("load average (1, 5, 15 min) at generation", loadAverage());
        return t.build();
    }

    /** Each input found, the command that produced it and what it records about its run. */
    private static Doc.Table inputs(ReportContext ctx, List<PerformanceSection.Run> runs) {
        Doc.TableBuilder in = new Doc.TableBuilder("Inputs", "input", "produced by", "recorded");
        for (PerformanceSection.Run r : runs) {
            Map<String, String> m = r.meta();
            in.rowText(ctx.show(r.file()), m.getOrDefault("command", "./initlab bench (no run note)"), runNote(m));
        }
        Path verify = ctx.in.resolve("verify");
        if (Files.isDirectory(verify)) {
            in.rowText(ctx.show(verify) + "/selfcheck-*.csv", "./initlab run --quick, step selfcheck: ./initlab fill "
                    + "(the command in each CSV's file column) then ./initlab verify --format csv on that tensor",
                    "the fill command of every tensor (file column)");
        }
        Path exp = ctx.in.resolve("experiments");
        if (Files.isDirectory(exp)) {
            boolean full = ExperimentProtocols.full(exp);
            in.rowText(ctx.show(exp) + "/*.csv", "./initlab experiment all " + (full ? "--full" : "--quick")
                    + " (inferred: the experiments write no run note; mode and seeds are read back from the CSVs, and "
                    + "some studies ran with more seeds than the mode's default: each study's seed count is stated "
                    + "under Methods, Experiment protocols, and the README's \"Experiment tables under generator "
                    + "version 2\" lists the exact commands)",
                    "settings per study under Methods, Experiment protocols; " + generatorVersions(exp));
        }
        calibration(ctx, in);
        if (Files.isRegularFile(ctx.in.resolve(NegativeControls.FILE))) {
            in.rowText(ctx.show(ctx.in.resolve(NegativeControls.FILE)), "./initlab report --mutants",
                    "seeds and level in the file");
        }
        Path conf = ctx.in.resolve("conformance");
        if (Files.isDirectory(conf)) {
            in.rowText(ctx.show(conf) + "/*.csv", "./initlab conformance --fixtures conformance/fixtures --out "
                    + ctx.show(conf), "each fixture's generator command is in its manifest");
        }
        return in.build();
    }

    /** What a bench run note records: start, end, wall time, JDK, CPU, vector shape and load. */
    private static String runNote(Map<String, String> m) {
        return m.isEmpty() ? "no run note" : "started " + m.getOrDefault("started", "?") + ", finished "
                + m.getOrDefault("finished", "?") + ", " + m.getOrDefault("wall_seconds", "?") + " s; "
                + m.getOrDefault("java", "?") + "; CPU " + m.getOrDefault("cpu", "?") + ", "
                + m.getOrDefault("processors", "?") + " processors, vector shape "
                + m.getOrDefault("vector_shape", "?") + "; load average before "
                + m.getOrDefault("loadavg_before", "?") + ", after " + m.getOrDefault("loadavg_after", "?");
    }

    /** The calibration and power inputs, with the settings read back from calibration_summary.csv. */
    private static void calibration(ReportContext ctx, Doc.TableBuilder in) {
        Path cal = ctx.in.resolve("calibration");
        if (Files.isRegularFile(cal.resolve("calibration_summary.csv"))) {
            Map<String, String> kv = new java.util.HashMap<>();
            CsvFile.read(cal.resolve("calibration_summary.csv")).rows().forEach(r -> kv.put(r.get("key"), r.get("value")));
            in.rowText(ctx.show(cal) + "/calibration_*.csv", "./initlab calibrate --full --n " + kv.getOrDefault("n", "?")
                    + " --out " + ctx.show(cal) + " (n and runs from calibration_summary.csv)", "master seed "
                    + kv.getOrDefault("master_seed", "?") + ", " + kv.getOrDefault("runs_per_scheme", "?")
                    + " runs per scheme, " + kv.getOrDefault("threads", "?") + " threads, "
                    + kv.getOrDefault("wall_seconds", "?") + " s; " + kv.getOrDefault("cpu", ""));
        }
        if (Files.isRegularFile(cal.resolve("power_mde.csv"))) {
            in.rowText(ctx.show(cal) + "/power_*.csv", "./initlab calibrate --power --out " + ctx.show(cal),
                    "seed 20261123 (power_simulated.csv)");
        }
    }

    private static String loadAverage() {
        try {
            String[] f = Files.readString(Path.of("/proc/loadavg")).trim().split("\\s+");
            return f.length >= 3 ? f[0] + ", " + f[1] + ", " + f[2] : "unknown";
        } catch (IOException | RuntimeException e) {
            return "unknown (no /proc/loadavg)";
        }
    }

    /** Which generator versions wrote the experiment tables, and whether that is this build's. */
    static String generatorVersions(Path exp) {
        java.util.TreeMap<Integer, java.util.List<String>> by = new java.util.TreeMap<>();
        for (String st : dev.initlab.experiment.Experiments.NAMES) {
            by.computeIfAbsent(dev.initlab.experiment.Experiments.writtenVersion(exp, st), k -> new java.util.ArrayList<>()).add(st);
        }
        int now = dev.initlab.random.PhiloxStream.GENERATOR_VERSION;
        StringBuilder b = new StringBuilder("tables written by generator version ");
        by.forEach((v, sts) -> b.append(v).append(" (").append(String.join(", ", sts)).append(") "));
        if (by.keySet().stream().anyMatch(v -> v != now)) {
            b.append("- this build is version ").append(now)
                    .append(": the float32 normal weights of the older studies differ by up to 4 ulp from this build's, "
                            + "so those tables are not bit-reproducible by it until rerun");
        }
        return b.toString().trim();
    }
}
