package dev.initlab.experiment;

import dev.initlab.init.ParameterException;
import dev.initlab.experiment.nn.Mnist;
import dev.initlab.experiment.nn.RunStreams;

import java.nio.file.Files;
import java.nio.file.Path;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * The studies by name, run through one {@link Context} so that {@code all} computes each study
 * once and the LSUV comparison and the claims ledger reuse the results of the others.
 */
public final class Experiments {
    /** Study names, in the order {@code all} runs them. */
    public static final List<String> NAMES = List.of("depth", "linear9", "gains", "symmetry", "mnist", "lsuv", "claims",
            "glorot2010", "monitor", "he30", "saxe");

    private Experiments() {
    }

    /** Runs {@code name} (or {@code all}); writes its CSV files under {@code o.out()} and returns them. */
    public static List<Path> run(String name, Options o) {
        return run(name, new Context(o));
    }

    /** Runs {@code name} (or {@code all}) in an existing context (whose results the caller can inspect afterwards). */
    public static List<Path> run(String name, Context c) {
        Options o = c.options();
        String n = name.toLowerCase(Locale.ROOT);
        if (!n.equals("all") && !NAMES.contains(n)) {
            throw new IllegalArgumentException("unknown experiment '" + name + "' (" + String.join(", ", NAMES) + ", all)");
        }
        try {
            Files.createDirectories(o.out());
        } catch (IOException e) {
            throw new UncheckedIOException("cannot create " + o.out() + ": " + e.getMessage(), e);
        }
        if (needsMnist(n)) {
            c.data();
        }
        List<Path> files = new ArrayList<>();
        for (String s : n.equals("all") ? NAMES : List.of(n)) {
            files.addAll(c.write(s));
        }
        return files;
    }

    /**
     * Each study's protocol in words, for the settings of the mode in {@code o} ({@code --quick} or
     * {@code --full}, {@code --seeds}): what the report's methods section states. Keys are the
     * study names of {@link #NAMES}.
     */
    public static java.util.Map<String, String> protocols(Options o) {
        java.util.Map<String, String> m = new java.util.LinkedHashMap<>();
        m.put("depth", DepthExperiment.Settings.of(asWritten(o, "depth")).protocol());
        m.put("linear9", Linear9Experiment.Settings.of(o).protocol());
        m.put("gains", GainsExperiment.Settings.of(o).protocol());
        m.put("symmetry", SymmetryExperiment.Settings.of(asWritten(o, "symmetry")).protocol());
        m.put("mnist", MnistExperiment.Settings.of(asWritten(o, "mnist")).protocol());
        m.put("lsuv", LsuvExperiment.Settings.of(asWritten(o, "lsuv")).protocol());
        m.put("claims", ClaimsLedger.RULE);
        m.put("glorot2010", GlorotFiguresExperiment.Settings.of(o).protocol());
        m.put("monitor", EarlyTrainingMonitor.Settings.of(o).protocol());
        m.put("he30", He30Experiment.Settings.of(asWritten(o, "he30")).protocol());
        m.put("saxe", SaxeExperiment.Settings.of(asWritten(o, "saxe")).protocol());
        return m;
    }

    /** Per-study record of the generator version that wrote a study's tables: {@code study,generator_version}. */
    public static final String VERSIONS_FILE = "generator_versions.csv";

    /**
     * The generator version ({@link dev.initlab.random.PhiloxStream#GENERATOR_VERSION}) that wrote
     * {@code study}'s tables under {@code dir}: the recorded one; 1 when {@link #VERSIONS_FILE} does not
     * name the study (tables written before versions were recorded were all version 1).
     */
    public static int writtenVersion(Path dir, String study) {
        return writtenVersions(dir).getOrDefault(study, 1);
    }

    /** The {@link #VERSIONS_FILE} under {@code dir} as study -> version (empty when there is none). */
    private static java.util.Map<String, Integer> writtenVersions(Path dir) {
        java.util.Map<String, Integer> v = new java.util.TreeMap<>();
        Path p = dir.resolve(VERSIONS_FILE);
        if (Files.isRegularFile(p)) {
            try {
                for (String line : Files.readAllLines(p)) {
                    String[] f = line.split(",");
                    if (f.length == 2 && !f[0].trim().equals("study")) {
                        v.put(f[0].trim(), Integer.parseInt(f[1].trim()));
                    }
                }
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }
        return v;
    }

    /** Records the current generator version for {@code studies} in {@code dir}'s {@link #VERSIONS_FILE}. */
    public static void recordVersion(Path dir, List<String> studies) {
        java.util.Map<String, Integer> v = writtenVersions(dir);
        studies.forEach(st -> v.put(st, dev.initlab.random.PhiloxStream.GENERATOR_VERSION));
        StringBuilder b = new StringBuilder("study,generator_version\n");
        v.forEach((k, n) -> b.append(k).append(',').append(n).append('\n'));
        dev.initlab.io.AtomicFiles.writeString(dir.resolve(VERSIONS_FILE), b);
    }

    /**
     * {@code o} with the seed count a study's per-seed table under {@code o.out()} was written with
     * (distinct values of its seed column), so that a protocol states the seeds that actually ran
     * when a study was rerun with {@code --seeds}; {@code o} itself when {@code --seeds} was given or
     * there is no such table.
     */
    static Options asWritten(Options o, String study) {
        if (o.seeds() > 0 || o.out() == null) {
            return o;
        }
        Path dir = o.out();
        java.util.stream.IntStream seeds = switch (study) {
            case "depth" -> seedsIn(dir, "depth_runs.csv", DepthExperiment.DepthRunRow.class, DepthExperiment.DepthRunRow::seed);
            case "symmetry" -> seedsIn(dir, "symmetry_runs.csv", SymmetryExperiment.SymmetryRunRow.class,
                    SymmetryExperiment.SymmetryRunRow::seed);
            case "mnist" -> seedsIn(dir, "mnist_runs.csv", MnistExperiment.MnistRunRow.class, MnistExperiment.MnistRunRow::seed);
            case "lsuv" -> seedsIn(dir, LsuvExperiment.DEEP_RUNS, LsuvExperiment.DeepRunRow.class, LsuvExperiment.DeepRunRow::seed);
            case "he30" -> seedsIn(dir, "he30_runs.csv", He30Experiment.RunRow.class, He30Experiment.RunRow::seed);
            case "saxe" -> seedsIn(dir, "saxe_runs.csv", SaxeExperiment.RunRow.class, SaxeExperiment.RunRow::seed);
            default -> java.util.stream.IntStream.empty();
        };
        int k = (int) seeds.distinct().count();
        return k >= 2 ? o.withSeeds(k) : o;
    }

    private static <R extends Record> java.util.stream.IntStream seedsIn(Path dir, String file, Class<R> type,
                                                                         java.util.function.ToIntFunction<R> seed) {
        Path p = dir.resolve(file);
        if (!Files.isRegularFile(p)) {
            return java.util.stream.IntStream.empty();
        }
        try {
            return dev.initlab.io.CsvTables.read(p, type).stream().mapToInt(seed);
        } catch (RuntimeException e) {
            return java.util.stream.IntStream.empty();
        }
    }

    /** Whether a study (or all) reads MNIST. */
    public static boolean needsMnist(String name) {
        return List.of("symmetry", "mnist", "lsuv", "claims", "all",
                "glorot2010", "monitor", "he30").contains(name.toLowerCase(Locale.ROOT));
    }

    /** Lazily computed results of one invocation. */
    public static final class Context {
        /** Largest training set of a quick run. */
        public static final int QUICK_MAX_TRAIN = 8000;
        private final Options o;
        private Mnist.Split data;
        private final Once<DepthExperiment.Result> depth;
        private final Once<Linear9Experiment.Result> linear9;
        private final Once<GainsExperiment.Result> gains;
        private final Once<SymmetryExperiment.Result> symmetry;
        private final Once<MnistExperiment.Result> mnist;
        private final Once<LsuvExperiment.Result> lsuv;
        private final Once<ClaimsLedger.Result> claims;
        private MnistExperiment.Prior mnistPrior;
        private SymmetryExperiment.Prior symmetryPrior;
        private LsuvExperiment.DeepPrior deepPrior;

        public Context(Options o) {
            this.o = o;
            depth = new Once<>(() -> DepthExperiment.run(DepthExperiment.Settings.of(o), o));
            linear9 = new Once<>(() -> Linear9Experiment.run(Linear9Experiment.Settings.of(o), o));
            gains = new Once<>(() -> GainsExperiment.run(GainsExperiment.Settings.of(o), o));
            symmetry = new Once<>(() -> SymmetryExperiment.run(SymmetryExperiment.Settings.of(o), o, data(), symmetryPrior));
            mnist = new Once<>(() -> MnistExperiment.run(MnistExperiment.Settings.of(o), o, data(), mnistPrior));
            lsuv = new Once<>(() -> {
                DepthExperiment.Result d = depth.done() ? depth.get() : DepthExperiment.run(LsuvExperiment.depthSubset(o), o);
                MnistExperiment.Result m = mnist.done() ? mnist.get()
                        : MnistExperiment.run(LsuvExperiment.mnistSubset(o), o, data());
                return LsuvExperiment.run(LsuvExperiment.Settings.of(o), o, data(), d, m, deepPrior);
            });
            claims = new Once<>(() -> ClaimsLedger.evaluate(this));
        }

        /** A study's result, computed on first use. */
        private static final class Once<T> {
            private final java.util.function.Supplier<T> compute;
            private T value;

            Once(java.util.function.Supplier<T> compute) {
                this.compute = compute;
            }

            T get() {
                if (value == null) {
                    value = compute.get();
                }
                return value;
            }

            void set(T v) {
                value = v;
            }

            boolean done() {
                return value != null;
            }
        }

        public Options options() {
            return o;
        }

        /**
         * Takes the results of {@code studies} (depth, linear9, gains, symmetry, mnist, lsuv) from the CSV
         * tables an earlier run wrote under {@code o.out()} instead of computing them, so that the
         * claims ledger (or the LSUV comparison) is re-derived from committed per-seed data in
         * seconds. Depth, MNIST and symmetry are rebuilt from their per-seed tables (depth_runs,
         * mnist_runs and mnist_curves, symmetry_runs and symmetry_trace) by the same summaries and
         * checks as a fresh run; linear9 and gains are read as written; lsuv is its thin deep arm's
         * per-seed runs and curves only (what the ledger reads), without diagnostics or comparisons.
         * The settings are those of
         * the mode in {@code o}, with each study's seed count as its per-seed table holds it (seeds
         * 0..k-1; a table with gaps is refused).
         */
        public void reuseWrittenTables(List<String> studies) {
            Path dir = o.out();
            for (String study : studies) {
                switch (study) {
                    case "depth" -> {
                        List<DepthExperiment.DepthRunRow> runs = table(dir, "depth_runs.csv", DepthExperiment.DepthRunRow.class);
                        DepthExperiment.Settings s = DepthExperiment.Settings.of(seeds(study,
                                runs.stream().mapToInt(DepthExperiment.DepthRunRow::seed)));
                        depth.set(DepthExperiment.fromRuns(s, runs));
                    }
                    case "linear9" -> linear9.set(new Linear9Experiment.Result(Linear9Experiment.Settings.of(o),
                            table(dir, "linear9_layers.csv", Linear9Experiment.Linear9LayerRow.class),
                            table(dir, "linear9_fit.csv", Linear9Experiment.Fit.class)));
                    case "gains" -> gains.set(new GainsExperiment.Result(GainsExperiment.Settings.of(o),
                            table(dir, "gains.csv", GainsExperiment.GainRow.class)));
                    case "mnist" -> {
                        List<MnistExperiment.MnistRunRow> runs = table(dir, "mnist_runs.csv", MnistExperiment.MnistRunRow.class);
                        MnistExperiment.Settings s = MnistExperiment.Settings.of(seeds(study,
                                runs.stream().mapToInt(MnistExperiment.MnistRunRow::seed)));
                        List<MnistExperiment.MnistSummaryRow> summary = MnistExperiment.summarize(s, runs);
                        mnist.set(new MnistExperiment.Result(s, "reused from " + dir.resolve("mnist_runs.csv"),
                                table(dir, "mnist_curves.csv", MnistExperiment.CurveRow.class), runs, summary,
                                MnistExperiment.checks(summary)));
                    }
                    case "symmetry" -> {
                        List<SymmetryExperiment.SymmetryRunRow> runs = table(dir, "symmetry_runs.csv", SymmetryExperiment.SymmetryRunRow.class);
                        SymmetryExperiment.Settings s = SymmetryExperiment.Settings.of(seeds(study,
                                runs.stream().mapToInt(SymmetryExperiment.SymmetryRunRow::seed)));
                        symmetry.set(new SymmetryExperiment.Result(s, table(dir, "symmetry_trace.csv",
                                SymmetryExperiment.TraceRow.class), runs, SymmetryExperiment.summarize(runs,
                                data().trivialAccuracy())));
                    }
                    case "lsuv" -> {
                        // the thin deep arm's per-seed runs (what the ledger's C15 reads); no diagnostics or comparisons
                        List<LsuvExperiment.DeepRunRow> runs = table(dir, LsuvExperiment.DEEP_RUNS, LsuvExperiment.DeepRunRow.class);
                        seeds(study, runs.stream().mapToInt(LsuvExperiment.DeepRunRow::seed));
                        lsuv.set(new LsuvExperiment.Result(List.of(), List.of(), runs,
                                table(dir, LsuvExperiment.DEEP_CURVES, LsuvExperiment.DeepCurveRow.class)));
                    }
                    default -> throw new IllegalArgumentException("cannot reuse the tables of '" + study
                            + "' (depth, linear9, gains, symmetry, mnist, lsuv)");
                }
                o.progress().log("%s: reused the tables under %s", study, dir);
            }
        }

        private static <R extends Record> List<R> table(Path dir, String file, Class<R> type) {
            Path p = dir.resolve(file);
            if (!Files.isRegularFile(p)) {
                throw new ParameterException(ParameterException.name("reuse") + ": " + p
                        + " not found (run that study first)");
            }
            return dev.initlab.io.CsvTables.read(p, type);
        }

        /**
         * The options of a study whose per-seed table holds {@code seeds}: seeds 0..k-1, each study with
         * its own k (so a study rerun with more seeds is read as it ran; {@code --seeds} applies to the
         * study being run, not to the tables reused).
         */
        private Options seeds(String study, java.util.stream.IntStream seeds) {
            int[] k = seeds.distinct().sorted().toArray();
            if (k.length < 2 || k[0] != 0 || k[k.length - 1] != k.length - 1) {
                throw new ParameterException(ParameterException.name("reuse") + ": the " + study + " tables hold seeds "
                        + java.util.Arrays.toString(k) + ", not 0..k-1 with k >= 2");
            }
            return o.withSeeds(k.length);
        }

        /**
         * For a fresh run of {@code study} (mnist, symmetry, or lsuv's thin deep arm when its tables
         * exist): keeps the per-seed runs that the
         * tables under {@code o.out()} already hold for this design (same configuration and seed;
         * each run is a deterministic function of both) and computes only the missing ones, e.g.
         * seeds 5-9 when an earlier run had 5 and this one asks for {@code --seeds 10}.
         */
        public void keepWrittenRuns(String study) {
            Path dir = o.out();
            String runsFile = switch (study) {
                case "mnist" -> "mnist_runs.csv";
                case "symmetry" -> "symmetry_runs.csv";
                case "lsuv" -> LsuvExperiment.DEEP_RUNS;
                default -> throw new IllegalArgumentException("cannot keep the runs of '" + study + "' (mnist, symmetry, lsuv)");
            };
            int written = writtenVersion(dir, study);
            // a version mismatch matters only when there are runs to keep (lsuv's thin deep arm may not have run yet)
            if (Files.isRegularFile(dir.resolve(runsFile)) && written != dev.initlab.random.PhiloxStream.GENERATOR_VERSION) {
                throw new ParameterException(ParameterException.name("reuse") + ": the " + study + " runs in " + dir
                        + " were made by generator version " + written + ", this build is version "
                        + dev.initlab.random.PhiloxStream.GENERATOR_VERSION + " (its fills differ): rerun " + study
                        + " without " + ParameterException.name("reuse"));
            }
            switch (study) {
                case "mnist" -> mnistPrior = new MnistExperiment.Prior(
                        table(dir, "mnist_runs.csv", MnistExperiment.MnistRunRow.class),
                        table(dir, "mnist_curves.csv", MnistExperiment.CurveRow.class));
                case "symmetry" -> symmetryPrior = new SymmetryExperiment.Prior(
                        table(dir, "symmetry_runs.csv", SymmetryExperiment.SymmetryRunRow.class),
                        table(dir, "symmetry_trace.csv", SymmetryExperiment.TraceRow.class));
                case "lsuv" -> {
                    if (Files.isRegularFile(dir.resolve(LsuvExperiment.DEEP_RUNS))) {
                        deepPrior = new LsuvExperiment.DeepPrior(
                                table(dir, LsuvExperiment.DEEP_RUNS, LsuvExperiment.DeepRunRow.class),
                                table(dir, LsuvExperiment.DEEP_CURVES, LsuvExperiment.DeepCurveRow.class));
                    }
                }
                default -> throw new IllegalArgumentException("cannot keep the runs of '" + study + "' (mnist, symmetry, lsuv)");
            }
        }

        /** Whether the depth study has run in this context. */
        public boolean hasDepth() {
            return depth.done();
        }

        /** Whether the linear9 study has run. */
        public boolean hasLinear9() {
            return linear9.done();
        }

        /** Whether the MNIST study has run. */
        public boolean hasMnist() {
            return mnist.done();
        }

        /** Whether the claims were evaluated. */
        public boolean hasClaims() {
            return claims.done();
        }

        /**
         * The MNIST split (loaded on first use; a malformed or missing directory fails here with a
         * one-line error). Quick mode trains on at most {@link #QUICK_MAX_TRAIN} digits: with the
         * standard 60k training set present, a fixed random subset (Philox seed
         * {@link Mnist#SPLIT_SEED}, stream 1).
         */
        public Mnist.Split data() {
            if (data == null) {
                Mnist.Split d = Mnist.load(o.mnist());
                if (!o.full() && d.train().n() > QUICK_MAX_TRAIN) {
                    int[] perm = RunStreams.permutation(Mnist.SPLIT_SEED, 1, d.train().n());
                    d = new Mnist.Split(d.train().subset(java.util.Arrays.copyOf(perm, QUICK_MAX_TRAIN)), d.test(),
                            d.source() + "; quick mode trains on a fixed random " + QUICK_MAX_TRAIN + "-digit subset");
                }
                data = d;
                o.progress().log("MNIST: %s (majority-class held-out accuracy %.4f)", data.source(), data.trivialAccuracy());
            }
            return data;
        }

        public DepthExperiment.Result depth() {
            return depth.get();
        }

        public Linear9Experiment.Result linear9() {
            return linear9.get();
        }

        public GainsExperiment.Result gains() {
            return gains.get();
        }

        public SymmetryExperiment.Result symmetry() {
            return symmetry.get();
        }

        public MnistExperiment.Result mnist() {
            return mnist.get();
        }

        public LsuvExperiment.Result lsuv() {
            return lsuv.get();
        }

        public ClaimsLedger.Result claims() {
            return claims.get();
        }

        /** Computes (if needed) and writes one study. */
        List<Path> write(String name) {
            long t0 = System.nanoTime();
            List<Path> files = switch (name) {
                case "depth" -> depth().write(o.out());
                case "linear9" -> linear9().write(o.out());
                case "gains" -> gains().write(o.out());
                case "symmetry" -> symmetry().write(o.out());
                case "mnist" -> mnist().write(o.out());
                case "lsuv" -> lsuv().write(o.out());
                case "claims" -> claims().write(o.out());
                case "glorot2010" -> GlorotFiguresExperiment.run(GlorotFiguresExperiment.Settings.of(o), o, data()).write(o.out());
                case "monitor" -> EarlyTrainingMonitor.run(EarlyTrainingMonitor.Settings.of(o), o, data()).write(o.out());
                case "he30" -> He30Experiment.run(He30Experiment.Settings.of(o), o, data()).write(o.out());
                case "saxe" -> SaxeExperiment.run(SaxeExperiment.Settings.of(o), o).write(o.out());
                default -> throw new IllegalArgumentException("unknown experiment " + name);
            };
            o.progress().log("%s: done in %.1f s, wrote %s", name, (System.nanoTime() - t0) / 1e9,
                    String.join(", ", files.stream().map(p -> p.getFileName().toString()).toList()));
            return files;
        }
    }
}
