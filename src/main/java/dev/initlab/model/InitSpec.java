package dev.initlab.model;

import dev.initlab.init.Catalog;
import dev.initlab.init.Layout;
import dev.initlab.init.ParameterException;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * An init spec: which scheme each tensor of a model is drawn from.
 *
 * <p>Grammar (one rule per line; {@code #} starts a comment; blank lines are ignored):
 * <pre>
 *   PATTERN SCHEME [--param VALUE ...]
 * </pre>
 * PATTERN is a {@link Glob} over tensor names; the first rule that matches a tensor wins. SCHEME is
 * a catalog name or alias ({@code ./initlab list}) or {@code skip}. Parameters are the scheme's own
 * (values may be {@link Expr expressions} such as {@code 0.02/sqrt(2*n_layer)}) plus
 * {@code --layout torch|keras|jax}, {@code --fan-in N --fan-out M} (both), the rank conditions
 * {@code --ndim N} / {@code --min-ndim N} on the tensor and {@code --weight-ndim N} /
 * {@code --weight-min-ndim N} on its sibling weight ({@code X.weight} or {@code X.kernel} of a
 * tensor {@code X.bias}: how a Linear bias is told from a LayerNorm bias).
 *
 * <p>Every error names {@code file:line}. Schemes and parameters are validated when the spec is
 * parsed (expressions with {@code n_layer = 12}), so a typo fails before any tensor is read.
 */
public final class InitSpec {
    /** The built-in specs, in listing order. */
    public static final List<String> BUILTINS = List.of("torch-default", "keras-default", "gpt2", "bert", "llama",
            "resnet50");

    private static final Set<String> OWN = Set.of("layout", "fan-in", "fan-out", "ndim", "min-ndim", "weight-ndim",
            "weight-min-ndim");
    private static final Pattern BLOCK = Pattern.compile("(?:^|\\.)(?:h|layers|layer|blocks|block)\\.(\\d+)\\.");

    private final String name;
    private final String text;
    private final List<Rule> rules;

    private InitSpec(String name, String text, List<Rule> rules) {
        this.name = name;
        this.text = text;
        this.rules = List.copyOf(rules);
    }

    /**
     * A built-in spec by name, or a spec file.
     *
     * @param nameOrFile one of {@link #BUILTINS}, or a path
     * @throws IllegalArgumentException if it is neither, or the spec has an error ({@code file:line: ...})
     */
    public static InitSpec load(String nameOrFile) {
        if (BUILTINS.contains(nameOrFile)) {
            return parse(builtinText(nameOrFile), "builtin:" + nameOrFile);
        }
        Path p = Path.of(nameOrFile);
        if (!Files.isRegularFile(p)) {
            throw new ParameterException(ParameterException.name("spec") + " "
                    + nameOrFile + ": neither a built-in spec (" + String.join(", ", BUILTINS) + ") nor a file");
        }
        try {
            return parse(Files.readString(p, StandardCharsets.UTF_8), p.toString());
        } catch (IOException e) {
            throw new IllegalArgumentException(p + ": cannot read: " + e.getMessage());
        }
    }

    /** The text of a built-in spec. */
    public static String builtinText(String name) {
        if (!BUILTINS.contains(name)) {
            throw new IllegalArgumentException("unknown built-in spec '" + name + "' (known: "
                    + String.join(", ", BUILTINS) + ")");
        }
        try (InputStream in = InitSpec.class.getResourceAsStream("specs/" + name + ".spec")) {
            if (in == null) {
                throw new IllegalStateException("built-in spec resource missing: " + name);
            }
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }

    /** The first comment line of a built-in spec (its one-line description). */
    public static String builtinSummary(String name) {
        for (String l : builtinText(name).split("\n")) {
            if (l.startsWith("#")) {
                return l.substring(1).trim();
            }
        }
        return "";
    }

    /** A scheme parameter as a rule line spells it: {@code fan_in} is {@code --fan-in}. */
    public static String option(String parameter) {
        return "--" + parameter.replace('_', '-');
    }

    /**
     * Parses a spec.
     *
     * @param text the spec text
     * @param source the file name (or {@code builtin:NAME}) used in messages
     * @throws IllegalArgumentException naming {@code source:line} on the first error
     */
    public static InitSpec parse(String text, String source) {
        List<Rule> rules = new ArrayList<>();
        String[] lines = text.split("\r?\n", -1);
        for (int i = 0; i < lines.length; i++) {
            String line = lines[i];
            int hash = line.indexOf('#');
            String body = (hash >= 0 ? line.substring(0, hash) : line).strip();
            if (body.isEmpty()) {
                continue;
            }
            try {
                rules.add(rule(body, source, i + 1));
            } catch (IllegalArgumentException e) {
                throw new IllegalArgumentException(source + ":" + (i + 1) + ": "
                        + ParameterException.message(e, InitSpec::option), e);
            }
        }
        if (rules.isEmpty()) {
            throw new IllegalArgumentException(source + ": the spec has no rules");
        }
        return new InitSpec(source, text, rules);
    }

    private static Rule rule(String body, String source, int line) {
        String[] tok = body.split("\\s+");
        if (tok.length < 2) {
            throw new IllegalArgumentException("expected 'PATTERN SCHEME [--param VALUE ...]', got '" + body + "'");
        }
        Glob glob = Glob.of(tok[0]);
        String scheme = tok[1];
        if (scheme.startsWith("--")) {
            throw new IllegalArgumentException("missing scheme after pattern '" + tok[0] + "'");
        }
        Map<String, String> params = new LinkedHashMap<>();
        Map<String, String> own = new LinkedHashMap<>();
        for (int k = 2; k < tok.length; k += 2) {
            if (!tok[k].startsWith("--") || tok[k].length() < 3) {
                throw new IllegalArgumentException("expected --param, got '" + tok[k] + "'");
            }
            String key = tok[k].substring(2);
            if (k + 1 >= tok.length) {
                throw new IllegalArgumentException("--" + key + " needs a value");
            }
            Map<String, String> into = OWN.contains(key) ? own : params;
            if (into.put(key, tok[k + 1]) != null) {
                throw new IllegalArgumentException("--" + key + " given twice");
            }
        }
        Layout layout = Layout.parse(own.getOrDefault("layout", "torch"));
        long fanIn = positive(own, "fan-in");
        long fanOut = positive(own, "fan-out");
        if ((fanIn > 0) != (fanOut > 0)) {
            throw new IllegalArgumentException("give both --fan-in and --fan-out");
        }
        int ndim = rank(own, "ndim");
        int minNdim = rank(own, "min-ndim");
        if (ndim >= 0 && minNdim >= 0) {
            throw new IllegalArgumentException("give --ndim or --min-ndim, not both");
        }
        Rule r = new Rule(source, line, glob, scheme, params, layout, fanIn, fanOut, ndim, minNdim,
                rank(own, "weight-ndim"), rank(own, "weight-min-ndim"));
        if (r.skip()) {
            if (!params.isEmpty()) {
                throw new IllegalArgumentException("skip takes no scheme parameters, got --"
                        + params.keySet().iterator().next());
            }
        } else {
            Catalog.entry(scheme); // unknown scheme: the catalog's message lists the known ones
            for (String v : params.values()) {
                if (Expr.isExpression(v)) {
                    Expr.eval(v, Map.of("n_layer", 12.0));
                }
            }
            r.initializer(Map.of("n_layer", 12.0));
        }
        return r;
    }

    private static long positive(Map<String, String> own, String key) {
        String v = own.get(key);
        if (v == null) {
            return 0;
        }
        try {
            long n = Long.parseLong(v);
            if (n <= 0) {
                throw new NumberFormatException();
            }
            return n;
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("--" + key + " must be a positive whole number, got '" + v + "'");
        }
    }

    private static int rank(Map<String, String> own, String key) {
        String v = own.get(key);
        if (v == null) {
            return -1;
        }
        try {
            int n = Integer.parseInt(v);
            if (n < 0 || n > 64) {
                throw new NumberFormatException();
            }
            return n;
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("--" + key + " must be a rank between 0 and 64, got '" + v + "'");
        }
    }

    /** {@code builtin:NAME} or the file it was read from. */
    public String name() {
        return name;
    }

    /** The spec text as written. */
    public String text() {
        return text;
    }

    public List<Rule> rules() {
        return rules;
    }

    /**
     * The first rule matching a tensor, or null.
     *
     * @param siblingRank rank of the tensor's sibling weight, or -1
     */
    public Rule match(String tensor, int rank, int siblingRank) {
        for (Rule r : rules) {
            if (r.matches(tensor, rank, siblingRank)) {
                return r;
            }
        }
        return null;
    }

    /**
     * The variables expressions may use, read off a checkpoint's tensor names: {@code n_layer} is
     * the number of distinct block indices N in names containing {@code h.N.}, {@code layers.N.},
     * {@code layer.N.} or {@code blocks.N.} (GPT-2, Llama, BERT, ViT naming); absent when there are none.
     */
    public static Map<String, Double> variables(Collection<String> names) {
        Set<Integer> blocks = new TreeSet<>();
        for (String n : names) {
            Matcher m = BLOCK.matcher(n);
            if (m.find()) {
                try {
                    blocks.add(Integer.parseInt(m.group(1)));
                } catch (NumberFormatException ignored) {
                    // an absurd index is not a block
                }
            }
        }
        return blocks.isEmpty() ? Map.of() : Map.of("n_layer", (double) blocks.size());
    }

    private static final Pattern BIAS = Pattern.compile("^(.*[./])bias(:\\d+)?$");

    /**
     * The sibling weight of a bias: for {@code X.bias}, {@code X.weight} or else {@code X.kernel}
     * if present in {@code names} (also {@code X/bias:0} -> {@code X/kernel:0}, Keras naming);
     * null otherwise.
     */
    public static String sibling(String tensor, Set<String> names) {
        Matcher m = BIAS.matcher(tensor);
        if (!m.matches()) {
            return null;
        }
        String suffix = m.group(2) == null ? "" : m.group(2);
        for (String s : List.of(m.group(1) + "weight" + suffix, m.group(1) + "kernel" + suffix)) {
            if (names.contains(s)) {
                return s;
            }
        }
        return null;
    }
}
