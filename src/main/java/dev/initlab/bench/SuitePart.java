package dev.initlab.bench;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;

/**
 * One JMH invocation of a suite: which benchmarks, with which parameter values, and whether
 * the iterations are the suite's short ones instead of each class's own. The quick suite is one
 * part; the full suite is four, so that parameters only vary where they change something (the
 * scalar and vector engines ignore {@code threads}; a sweep of every engine over 1, 2 and 4 threads
 * would measure them three times). {@link BenchRunner} runs the parts one after the other and
 * merges their results into one JMH JSON.
 *
 * @param label what the part measures, for progress lines and the run note
 * @param include benchmark regex (JMH {@code find} on the benchmark's full name)
 * @param exclude benchmark regex to leave out, or null
 * @param params parameter values that replace the classes' {@code @Param} defaults
 * @param shortIterations whether the full suite's iteration settings replace the classes' own
 */
public record SuitePart(String label, String include, String exclude, Map<String, String[]> params,
                        boolean shortIterations) {
    /** Warm-up and measured iterations of the full suite's fill parts, and their length in ms. */
    static final int WARMUP_ITERATIONS = 3;
    static final int MEASURED_ITERATIONS = 5;
    static final int ITERATION_MS = 500;

    private static final String[] SIZES = {"4096", "262144", "16777216"};
    private static final String[] DTYPES = {"float32", "float64"};

    /** Validates and copies. */
    public SuitePart {
        if (label == null || include == null || params == null) {
            throw new IllegalArgumentException("label, include and params are required");
        }
        params = new LinkedHashMap<>(params);
    }

    /**
     * The parts of a suite, with the user's {@code --include} (intersected with each part's
     * selection) and {@code --param} values (replacing a part's values of the same name).
     * When the user fixes {@code engine} or {@code threads}, the full suite's thread-scaling part
     * is dropped: the engine part then runs the fill benchmarks with the user's values once.
     */
    static List<SuitePart> of(boolean full, String userInclude, Map<String, String[]> userParams) {
        String all = Pattern.quote(BenchRunner.PACKAGE) + "\\..*";
        List<SuitePart> parts = new ArrayList<>();
        if (!full) {
            Map<String, String[]> p = new LinkedHashMap<>();
            if (!userParams.containsKey("layers")) { // ModelInitBench's default is 12 blocks; quick takes 1
                p.put("layers", new String[] {"1"});
            }
            parts.add(new SuitePart("quick suite", all, userInclude == null ? "AutoThresholdBench" : null, p, false));
        } else {
            parts.add(new SuitePart("fill, single-threaded engines (scalar, vector) at 1 thread", "\\.FillBench\\.", null,
                    Map.of("engine", new String[] {"scalar", "vector"}, "threads", new String[] {"1"},
                            "dtype", DTYPES), true));
            if (!userParams.containsKey("engine") && !userParams.containsKey("threads")) {
                parts.add(new SuitePart("fill, thread scaling (parallel, auto) at 1, 2 and 4 threads", "\\.FillBench\\.",
                        null, Map.of("engine", new String[] {"parallel", "auto"}, "threads", new String[] {"1", "2", "4"},
                                "scheme", new String[] {"uniform", "normal"}, "dtype", DTYPES), true));
            }
            parts.add(new SuitePart("baselines and Arrays.fill at every size", "\\.(BaselineBench|StoreBench)\\.", null,
                    Map.of("size", SIZES, "threads", new String[] {"1", "2", "4"}), false));
            parts.add(new SuitePart("presets, whole models (12 blocks), float64 normal, paired, orthogonal, "
                    + "auto threshold sweep", all, "\\.(FillBench|BaselineBench|StoreBench)\\.", Map.of(), false));
        }
        List<SuitePart> out = new ArrayList<>();
        for (SuitePart part : parts) {
            Map<String, String[]> p = new LinkedHashMap<>(part.params());
            p.putAll(userParams);
            String include = userInclude == null ? part.include()
                    : "^(?=.*(?:" + part.include() + "))(?=.*(?:" + userInclude + "))";
            out.add(new SuitePart(part.label(), include, part.exclude(), p, part.shortIterations()));
        }
        return out;
    }

    /** The part for the run note: label, include, exclude and parameters. */
    String describe() {
        StringBuilder sb = new StringBuilder(label).append(": include ").append(include);
        if (exclude != null) {
            sb.append(", exclude ").append(exclude);
        }
        params.forEach((k, v) -> sb.append(", ").append(k).append('=').append(String.join(",", v)));
        if (shortIterations) {
            sb.append(", ").append(WARMUP_ITERATIONS).append(" x ").append(ITERATION_MS).append(" ms warm-up, ")
                    .append(MEASURED_ITERATIONS).append(" x ").append(ITERATION_MS).append(" ms measured");
        }
        return sb.toString();
    }
}
