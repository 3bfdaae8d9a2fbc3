package dev.initlab.bench;

import java.util.List;
import java.util.Locale;
import java.util.OptionalLong;

/**
 * What a JMH result measures, recognised from its benchmark name and parameters: one of
 * initlab's own fills (with engine and distribution) or one of the reference baselines.
 * Matching is by lower-case tokens so that renaming a class or adding parameters does not break
 * the report; {@link #describe()} says what was recognised.
 *
 * @param kind the baseline or {@link Kind#INITLAB}, or {@link Kind#OTHER} when unrecognised
 * @param dist the distribution produced ("normal", "uniform", "truncated", "constant", or "")
 * @param engine the initlab engine ("scalar", "vector", "parallel") or the baseline's name
 * @param elements elements per operation, -1 when unknown
 * @param threads threads doing the work ({@link JmhResult#effectiveThreads()})
 * @param result the underlying result
 */
public record BenchRole(Kind kind, String dist, String engine, long elements, int threads, JmhResult result) {

    /** Recognised benchmark kinds. */
    public enum Kind {
        INITLAB("initlab"), ARRAYS_FILL("Arrays.fill"), JAVA_RANDOM("java.util.Random"),
        THREAD_LOCAL_RANDOM("ThreadLocalRandom"), SPLITTABLE_RANDOM("SplittableRandom"),
        COMMONS_ZIGGURAT("Commons RNG Ziggurat"), COMMONS_PHILOX("Commons RNG Philox"), PAIRED("paired initlab/baseline (A B A B)"), OTHER("other");

        private final String label;

        Kind(String label) {
            this.label = label;
        }

        /** The name shown in tables. */
        public String label() {
            return label;
        }

        /** Whether this is an outside baseline (code that initlab does not change). */
        public boolean baseline() {
            return this != INITLAB && this != OTHER && this != PAIRED;
        }
    }

    private static final List<String> ENGINES = List.of("scalar", "vector", "parallel");

    /** Classifies one result. */
    public static BenchRole of(JmhResult r) {
        String text = r.searchText();
        String flat = text.replaceAll("[^a-z0-9]", "");
        String method = r.method().toLowerCase(Locale.ROOT);
        Kind kind;
        if (PairedRatios.isPaired(r)) {
            kind = Kind.PAIRED; // A and B alternate in one fork: the score is a mix, judged by compare only
        } else if (flat.contains("arraysfill")) {
            kind = Kind.ARRAYS_FILL;
        } else if (flat.contains("ziggurat")) {
            kind = Kind.COMMONS_ZIGGURAT;
        } else if (flat.contains("threadlocal") || hasToken(text, "tlr")) {
            kind = Kind.THREAD_LOCAL_RANDOM;
        } else if (flat.contains("splittable")) {
            kind = Kind.SPLITTABLE_RANDOM;
        } else if (flat.contains("commons") && flat.contains("philox") || flat.contains("rngphilox")) {
            kind = Kind.COMMONS_PHILOX;
        } else if (method.startsWith("random") || flat.contains("javautilrandom") || flat.contains("jdkrandom")
                || flat.contains("utilrandom") || hasToken(text, "random")) {
            kind = Kind.JAVA_RANDOM;
        } else if (r.param("engine") != null || r.benchmark().toLowerCase(Locale.ROOT).contains("initlab")
                || ENGINES.stream().anyMatch(flat::contains)) {
            kind = Kind.INITLAB;
        } else {
            kind = Kind.OTHER;
        }
        String dist = dist(r, flat, kind);
        String engine = kind == Kind.INITLAB ? engine(r, flat) : kind.label();
        OptionalLong n = r.elementsPerOp();
        return new BenchRole(kind, dist, engine, n.orElse(-1), r.effectiveThreads(), r);
    }

    private static String engine(JmhResult r, String flat) {
        String p = r.param("engine");
        if (p != null) {
            return p.toLowerCase(Locale.ROOT);
        }
        String m = r.method().toLowerCase(Locale.ROOT);
        for (String e : ENGINES) {
            if (m.contains(e)) {
                return e;
            }
        }
        for (String e : ENGINES) {
            if (flat.contains(e)) {
                return e;
            }
        }
        return "initlab";
    }

    private static String dist(JmhResult r, String flat, Kind kind) {
        if (kind == Kind.ARRAYS_FILL) {
            return "constant";
        }
        if (kind == Kind.COMMONS_ZIGGURAT) {
            return "normal";
        }
        for (String k : List.of("dist", "distribution", "scheme", "transform", "law", "kind")) {
            String v = r.param(k);
            if (v != null) {
                String d = schemeDist(v);
                if (!d.isEmpty()) {
                    return d;
                }
            }
        }
        String d = distOf(r.method().toLowerCase(Locale.ROOT) + " " + flat);
        if (d.isEmpty() && kind.baseline()) {
            return "uniform"; // the generator baselines draw uniform numbers unless they name a Gaussian
        }
        return d;
    }

    /**
     * The distribution a scheme parameter names: the transform names uniform, normal and
     * truncated_normal directly; a catalog scheme (such as {@code he_normal}, which is Keras's
     * truncated normal) by the family of its law on a 256x256 tensor; else by its spelling.
     */
    public static String schemeDist(String scheme) {
        String v = scheme.trim().toLowerCase(Locale.ROOT);
        switch (v) {
            case "uniform":
                return "uniform";
            case "normal":
                return "normal";
            case "truncated_normal", "truncated", "trunc_normal":
                return "truncated";
            default:
                break;
        }
        try {
            String family = dev.initlab.init.Catalog.of(v)
                    .distribution(dev.initlab.tensor.Shape.of(256, 256), dev.initlab.init.Fans.explicit(256, 256)).family();
            return switch (family) {
                case "truncated_normal" -> "truncated";
                case "normal", "uniform" -> family;
                case "point" -> "constant";
                default -> family;
            };
        } catch (RuntimeException e) {
            return distOf(v.replaceAll("[^a-z0-9]", ""));
        }
    }

    /** Maps a name to a distribution: truncated is tested before normal, as its names contain it. */
    private static String distOf(String s) {
        if (s.contains("trunc")) {
            return "truncated";
        }
        if (s.contains("normal") || s.contains("gauss")) {
            return "normal";
        }
        if (s.contains("uniform") || s.contains("nextfloat") || s.contains("nextdouble") || s.contains("nextint")
                || s.contains("nextlong")) {
            return "uniform";
        }
        if (s.contains("constant") || s.contains("zeros") || s.contains("ones")) {
            return "constant";
        }
        return "";
    }

    private static boolean hasToken(String text, String token) {
        for (String t : text.split("[^a-z0-9]+")) {
            if (t.equals(token)) {
                return true;
            }
        }
        return false;
    }

    /** Elements as text ({@code 16Mi}) or "?". */
    public String sizeText() {
        return elements > 0 ? Units.formatCount(elements) : "?";
    }

    /** Bytes written per op, -1 when unknown. */
    public long bytes() {
        return elements > 0 ? elements * result.elementBytes() : -1;
    }

    /** e.g. {@code initlab vector normal, 16Mi, 1 thread}. */
    public String describe() {
        String who = kind == Kind.INITLAB ? "initlab " + engine : kind.label();
        return who + (dist.isEmpty() || kind == Kind.ARRAYS_FILL ? "" : " " + dist) + ", " + sizeText()
                + (result.elementBytes() == 8 ? " (64-bit)" : "") + ", " + threads + (threads == 1 ? " thread" : " threads");
    }
}
