package dev.initlab.cli;

import dev.initlab.init.Spelling;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Parsed command-line arguments: {@code --key value}, {@code --key=value}, boolean {@code --flag}s
 * declared by the command, and positionals. Unknown options are errors once the command has taken
 * what it knows ({@link #checkNoneLeft()}).
 */
public final class Args {
    private final Map<String, String> options = new LinkedHashMap<>();
    private final List<String> positionals = new ArrayList<>();
    private final Set<String> taken = new LinkedHashSet<>();
    private boolean positionalsTaken;

    private Args() {
    }

    /**
     * Parses {@code argv}; names in {@code flags} take no value.
     */
    public static Args parse(List<String> argv, Set<String> flags) {
        Args a = new Args();
        for (int i = 0; i < argv.size(); i++) {
            String s = argv.get(i);
            if (s.startsWith("--") && s.length() > 2) {
                String body = s.substring(2);
                int eq = body.indexOf('=');
                String key;
                String value;
                if (eq >= 0) {
                    key = body.substring(0, eq);
                    value = body.substring(eq + 1);
                } else if (flags.contains(body)) {
                    key = body;
                    value = "true";
                } else {
                    key = body;
                    if (i + 1 >= argv.size()) {
                        throw new IllegalArgumentException("option --" + key
                                + " needs a value (or is not an option of this command; see --help)");
                    }
                    value = argv.get(++i);
                }
                if (a.options.containsKey(key)) {
                    throw new IllegalArgumentException("option --" + key + " given twice");
                }
                a.options.put(key, value);
            } else if (s.startsWith("-") && s.length() > 1 && !s.equals("--")) {
                throw new IllegalArgumentException("unknown option '" + s + "': options are spelled --name"
                        + (s.startsWith("--") ? "" : " (e.g. --" + s.substring(1) + ")") + "; see --help");
            } else {
                a.positionals.add(s);
            }
        }
        return a;
    }

    public boolean has(String key) {
        taken.add(key);
        return options.containsKey(key);
    }

    public boolean flag(String key) {
        taken.add(key);
        String v = options.get(key);
        return v != null && !v.equals("false");
    }

    public String get(String key, String def) {
        taken.add(key);
        return options.getOrDefault(key, def);
    }

    public String require(String key) {
        taken.add(key);
        String v = options.get(key);
        if (v == null) {
            throw new IllegalArgumentException("missing --" + key);
        }
        return v;
    }

    public long getLong(String key, long def) {
        String v = get(key, null);
        if (v == null) {
            return def;
        }
        try {
            return Long.decode(v.trim());
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("--" + key + " must be a whole number, got '" + v + "'");
        }
    }

    public int getInt(String key, int def) {
        long v = getLong(key, def);
        if (v < Integer.MIN_VALUE || v > Integer.MAX_VALUE) {
            throw new IllegalArgumentException("--" + key + " is out of range: " + v);
        }
        return (int) v;
    }

    /** A thread count: at least 1 when given; {@code 0} (all cores) when absent. */
    public int getThreads() {
        if (!has("threads")) {
            return 0;
        }
        int t = getInt("threads", 0);
        if (t < 1) {
            throw new IllegalArgumentException("--threads must be at least 1, got " + t
                    + " (leave it out to use all " + Runtime.getRuntime().availableProcessors() + " cores)");
        }
        return t;
    }

    /** A 64-bit seed (0 to 2^64-1, decimal or 0x hex), or {@code def} when absent. */
    public long getSeed(String key, long def) {
        String v = get(key, null);
        return v == null ? def : FillCommand.parseU64("--" + key, v);
    }

    public double getDouble(String key, double def) {
        String v = get(key, null);
        return v == null ? def : dev.initlab.init.Params.finite("--" + key, v);
    }

    /** The positional words; asking for them means the command takes them (else they are errors). */
    public List<String> positionals() {
        positionalsTaken = true;
        return List.copyOf(positionals);
    }

    /** Options the command asked about (given or not): the ones it knows. */
    public Set<String> known() {
        return Set.copyOf(taken);
    }

    /** Options not yet taken by the command, removing them from further checks. */
    public Map<String, String> takeRemaining(Set<String> keys) {
        Map<String, String> m = new LinkedHashMap<>();
        for (String k : keys) {
            if (options.containsKey(k)) {
                m.put(k, options.get(k));
                taken.add(k);
            }
        }
        return m;
    }

    /** All options not taken so far. */
    public Map<String, String> untaken() {
        Map<String, String> m = new LinkedHashMap<>();
        options.forEach((k, v) -> {
            if (!taken.contains(k)) {
                m.put(k, v);
            }
        });
        return m;
    }

    /** Throws on any option the command did not take. */
    public void checkNoneLeft() {
        Map<String, String> left = untaken();
        if (!left.isEmpty()) {
            String k = left.keySet().iterator().next();
            throw new IllegalArgumentException("unknown option --" + k + Spelling.hint(k, taken, "--")
                    + " (see --help)");
        }
        if (!positionalsTaken && !positionals.isEmpty()) {
            throw new IllegalArgumentException("unexpected argument '" + positionals.get(0)
                    + "': this command takes only --options (see --help)");
        }
    }
}
