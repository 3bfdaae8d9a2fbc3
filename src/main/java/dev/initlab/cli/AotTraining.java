package dev.initlab.cli;

import java.io.IOException;
import java.io.OutputStream;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.stream.Stream;

/**
 * The training workload of the launcher's ahead-of-time cache (JDK 25: JEP 483 classes loaded and
 * linked, JEP 514 {@code -XX:AOTCacheOutput}, JEP 515 method profiles): a short series of
 * {@code fill} commands run in-process through {@link Main#run}, as a user would type them, with
 * both engines ({@code scalar} and {@code vector}), float32 uniform, normal and truncated normal
 * and float64 normal, written as {@code .npy} to a temporary folder that is deleted afterwards.
 * Not a command: {@code ./initlab} runs it as
 * {@code java -XX:AOTCacheOutput=target/initlab.aot ... dev.initlab.cli.AotTraining [ROUNDS]} after a
 * build, and the JVM writes the cache at exit. Its output is discarded; exit 0 when every fill
 * succeeded.
 */
public final class AotTraining {
    private AotTraining() {
    }

    /** The fill command lines of one round (the output file is appended). */
    static List<List<String>> commands() {
        List<List<String>> out = new ArrayList<>();
        for (String engine : List.of("scalar", "vector")) {
            out.add(List.of("fill", "--scheme", "uniform", "--low", "-1", "--high", "1", "--shape", "262144",
                    "--engine", engine, "--threads", "1"));
            out.add(List.of("fill", "--scheme", "normal", "--std", "0.02", "--shape", "262144", "--engine", engine,
                    "--threads", "1"));
            out.add(List.of("fill", "--scheme", "trunc_normal", "--std", "0.02", "--shape", "262144", "--engine", engine,
                    "--threads", "1"));
            out.add(List.of("fill", "--scheme", "normal", "--shape", "65536", "--dtype", "float64", "--engine", engine,
                    "--threads", "1"));
        }
        // the default engine and a catalog scheme with fans, as most command lines are
        out.add(List.of("fill", "--scheme", "kaiming_uniform", "--shape", "256x784"));
        out.add(List.of("fill", "--scheme", "glorot_normal", "--layout", "keras", "--shape", "784x300"));
        return out;
    }

    public static void main(String[] argv) throws IOException {
        int rounds = argv.length > 0 ? Integer.parseInt(argv[0]) : 8;
        Path dir = Files.createTempDirectory("initlab-aot-training");
        PrintStream quiet = new PrintStream(OutputStream.nullOutputStream());
        int failures = 0;
        try {
            for (int r = 0; r < rounds; r++) {
                int i = 0;
                for (List<String> c : commands()) {
                    List<String> argvOf = new ArrayList<>(c);
                    argvOf.addAll(List.of("--seed", Integer.toString(r), "--out", dir.resolve("t" + i++ + ".npy").toString()));
                    if (Main.run(argvOf.toArray(String[]::new), quiet, quiet) != 0) {
                        failures++;
                    }
                }
            }
        } finally {
            try (Stream<Path> files = Files.walk(dir)) {
                for (Path p : files.sorted(Comparator.reverseOrder()).toList()) {
                    Files.deleteIfExists(p);
                }
            }
        }
        System.exit(failures == 0 ? 0 : 1);
    }
}
