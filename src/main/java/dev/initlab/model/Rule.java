package dev.initlab.model;

import dev.initlab.init.Catalog;
import dev.initlab.init.Fans;
import dev.initlab.tensor.Shape;
import dev.initlab.init.Initializer;
import dev.initlab.init.Layout;
import dev.initlab.init.Params;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;

/**
 * One line of an init spec: {@code PATTERN SCHEME [--param VALUE ...]}.
 *
 * @param source the spec's file name (or {@code builtin:NAME}) for messages
 * @param line 1-based line number in the spec
 * @param glob the tensor-name pattern
 * @param scheme a catalog scheme name or alias, or {@code skip}
 * @param params the scheme's own parameters as written (values may be {@link Expr expressions})
 * @param layout how fans are read off shapes (default torch)
 * @param fanIn explicit fan_in, or 0 when fans come from the shape
 * @param fanOut explicit fan_out, or 0
 * @param ndim the exact rank a tensor must have, or -1
 * @param minNdim the smallest rank a tensor may have, or -1
 * @param weightNdim the exact rank of the sibling weight ({@code X.weight}/{@code X.kernel} of a
 *     tensor {@code X.bias}) the rule requires, or -1; a tensor without a sibling never matches
 * @param weightMinNdim the smallest rank of the sibling weight, or -1
 */
public record Rule(String source, int line, Glob glob, String scheme, Map<String, String> params, Layout layout,
                   long fanIn, long fanOut, int ndim, int minNdim, int weightNdim, int weightMinNdim) {
    /** The scheme name that excludes a tensor from checks (and from {@code init}). */
    public static final String SKIP = "skip";

    public Rule {
        Objects.requireNonNull(glob, "glob");
        params = Map.copyOf(new LinkedHashMap<>(params));
    }

    /** {@code file:line}. */
    public String where() {
        return source + ":" + line;
    }

    /** Whether this rule excludes the tensors it matches. */
    public boolean skip() {
        return scheme.equals(SKIP);
    }

    /**
     * Whether the rule applies to a tensor.
     *
     * @param name the tensor name
     * @param rank its rank
     * @param siblingRank the rank of its sibling weight, or -1 when it has none
     */
    public boolean matches(String name, int rank, int siblingRank) {
        if (!glob.matches(name)) {
            return false;
        }
        if ((ndim >= 0 && rank != ndim) || (minNdim >= 0 && rank < minNdim)) {
            return false;
        }
        if (weightNdim >= 0 || weightMinNdim >= 0) {
            if (siblingRank < 0) {
                return false;
            }
            return (weightNdim < 0 || siblingRank == weightNdim) && (weightMinNdim < 0 || siblingRank >= weightMinNdim);
        }
        return true;
    }

    /** The initializer with expression parameters evaluated for a checkpoint's variables. */
    public Initializer initializer(Map<String, Double> vars) {
        if (skip()) {
            throw new IllegalStateException("skip has no initializer");
        }
        Map<String, String> p = new LinkedHashMap<>();
        params.forEach((k, v) -> p.put(k, Expr.resolve(v, vars)));
        return Catalog.of(scheme, Params.of(p), layout);
    }

    /**
     * The fans a tensor is claimed (or drawn) with under this rule: explicit {@code --fan-in/--fan-out};
     * else, for a 1-D tensor with a sibling weight, the sibling's fans under the rule's layout (PyTorch's
     * Linear/Conv bias default); else the rule's layout applied to the tensor's own shape. Null when the
     * scheme takes no fans.
     *
     * @param siblingShape the sibling weight's shape, or null
     * @throws IllegalArgumentException when the layout cannot give fans for the shape
     */
    public Fans fans(Initializer init, Shape shape, long[] siblingShape) {
        if (!init.needsFans()) {
            return null;
        }
        if (fanIn > 0) {
            return Fans.explicit(fanIn, fanOut);
        }
        if (shape.rank() == 1 && siblingShape != null) {
            return Fans.of(Shape.of(siblingShape), layout);
        }
        return Fans.of(shape, layout);
    }

    /** The rule as a spec line (normalised spacing). */
    public String text() {
        StringBuilder b = new StringBuilder(glob.toString()).append(' ').append(scheme);
        params.entrySet().stream().sorted(Map.Entry.comparingByKey())
                .forEach(e -> b.append(" --").append(e.getKey().replace('_', '-')).append(' ').append(e.getValue()));
        if (layout != Layout.TORCH) {
            b.append(" --layout ").append(layout.label());
        }
        if (fanIn > 0) {
            b.append(" --fan-in ").append(fanIn).append(" --fan-out ").append(fanOut);
        }
        if (ndim >= 0) {
            b.append(" --ndim ").append(ndim);
        }
        if (minNdim >= 0) {
            b.append(" --min-ndim ").append(minNdim);
        }
        if (weightNdim >= 0) {
            b.append(" --weight-ndim ").append(weightNdim);
        }
        if (weightMinNdim >= 0) {
            b.append(" --weight-min-ndim ").append(weightMinNdim);
        }
        return b.toString();
    }
}
