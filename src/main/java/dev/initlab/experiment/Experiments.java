package dev.initlab.experiment;

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
    public static final List<String> NAMES = List.of("depth", "linear9", "gains", "symmetry", "mnist", "lsuv", "claims");

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

    /** Whether a study (or all) reads MNIST. */
    public static boolean needsMnist(String name) {
        return List.of("symmetry", "mnist", "lsuv", "claims", "all").contains(name.toLowerCase(Locale.ROOT));
    }

    /** Lazily computed results of one invocation. */
    public static final class Context {
        /** Largest training set of a quick run. */
        public static final int QUICK_MAX_TRAIN = 8000;
        private final Options o;
        private Mnist.Split data;
        private DepthExperiment.Result depth;
        private Linear9Experiment.Result linear9;
        private GainsExperiment.Result gains;
        private SymmetryExperiment.Result symmetry;
        private MnistExperiment.Result mnist;
        private LsuvExperiment.Result lsuv;
        private ClaimsLedger.Result claims;

        public Context(Options o) {
            this.o = o;
        }

        public Options options() {
            return o;
        }

        /** Whether the depth study has run in this context. */
        public boolean hasDepth() {
            return depth != null;
        }

        /** Whether the linear9 study has run. */
        public boolean hasLinear9() {
            return linear9 != null;
        }

        /** Whether the MNIST study has run. */
        public boolean hasMnist() {
            return mnist != null;
        }

        /** Whether the claims were evaluated. */
        public boolean hasClaims() {
            return claims != null;
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
                    int[] perm = Rng.permutation(Mnist.SPLIT_SEED, 1, d.train().n());
                    d = new Mnist.Split(d.train().subset(java.util.Arrays.copyOf(perm, QUICK_MAX_TRAIN)), d.test(),
                            d.source() + "; quick mode trains on a fixed random " + QUICK_MAX_TRAIN + "-digit subset");
                }
                data = d;
                o.progress().log("MNIST: %s (majority-class held-out accuracy %.4f)", data.source(), data.trivialAccuracy());
            }
            return data;
        }

        public DepthExperiment.Result depth() {
            if (depth == null) {
                depth = DepthExperiment.run(DepthExperiment.Settings.of(o), o);
            }
            return depth;
        }

        public Linear9Experiment.Result linear9() {
            if (linear9 == null) {
                linear9 = Linear9Experiment.run(Linear9Experiment.Settings.of(o), o);
            }
            return linear9;
        }

        public GainsExperiment.Result gains() {
            if (gains == null) {
                gains = GainsExperiment.run(GainsExperiment.Settings.of(o), o);
            }
            return gains;
        }

        public SymmetryExperiment.Result symmetry() {
            if (symmetry == null) {
                symmetry = SymmetryExperiment.run(SymmetryExperiment.Settings.of(o), o, data());
            }
            return symmetry;
        }

        public MnistExperiment.Result mnist() {
            if (mnist == null) {
                mnist = MnistExperiment.run(MnistExperiment.Settings.of(o), o, data());
            }
            return mnist;
        }

        public LsuvExperiment.Result lsuv() {
            if (lsuv == null) {
                DepthExperiment.Result d = depth != null ? depth : DepthExperiment.run(LsuvExperiment.depthSubset(o), o);
                MnistExperiment.Result m = mnist != null ? mnist : MnistExperiment.run(LsuvExperiment.mnistSubset(o), o, data());
                lsuv = LsuvExperiment.run(LsuvExperiment.Settings.of(o), o, data(), d, m);
            }
            return lsuv;
        }

        public ClaimsLedger.Result claims() {
            if (claims == null) {
                claims = ClaimsLedger.evaluate(this);
            }
            return claims;
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
                default -> throw new IllegalArgumentException("unknown experiment " + name);
            };
            o.progress().log("%s: done in %.1f s, wrote %s", name, (System.nanoTime() - t0) / 1e9,
                    String.join(", ", files.stream().map(p -> p.getFileName().toString()).toList()));
            return files;
        }
    }
}
