package dev.initlab.init;

import java.util.Collection;
import java.util.Locale;
import java.util.Optional;

/**
 * "Did you mean" for names typed by a person (scheme names, option names): the nearest candidate by
 * optimal-string-alignment distance (Levenshtein plus adjacent transpositions, so {@code unifrom} is one edit
 * from {@code uniform}), if it is near enough to be a plausible typo.
 */
public final class Spelling {
    private Spelling() {
    }

    /** The nearest candidate within the typo budget (1 edit for words up to 4 letters, else 2), if any. */
    public static Optional<String> nearest(String word, Collection<String> candidates) {
        String w = normal(word);
        int budget = w.length() <= 4 ? 1 : 2;
        String best = null;
        int bestD = Integer.MAX_VALUE;
        for (String c : candidates) {
            int d = distance(w, normal(c));
            if (d < bestD) {
                bestD = d;
                best = c;
            }
        }
        return best != null && bestD <= budget && bestD > 0 ? Optional.of(best) : Optional.empty();
    }

    /** {@code " (did you mean X?)"} or the empty string. */
    public static String hint(String word, Collection<String> candidates, String prefix) {
        return nearest(word, candidates).map(c -> " (did you mean " + prefix + c + "?)").orElse("");
    }

    private static String normal(String s) {
        return s.toLowerCase(Locale.ROOT).replace('-', '_');
    }

    /** Optimal string alignment distance. */
    static int distance(String a, String b) {
        int[][] d = new int[a.length() + 1][b.length() + 1];
        for (int i = 0; i <= a.length(); i++) {
            d[i][0] = i;
        }
        for (int j = 0; j <= b.length(); j++) {
            d[0][j] = j;
        }
        for (int i = 1; i <= a.length(); i++) {
            for (int j = 1; j <= b.length(); j++) {
                int cost = a.charAt(i - 1) == b.charAt(j - 1) ? 0 : 1;
                int v = Math.min(Math.min(d[i - 1][j] + 1, d[i][j - 1] + 1), d[i - 1][j - 1] + cost);
                if (i > 1 && j > 1 && a.charAt(i - 1) == b.charAt(j - 2) && a.charAt(i - 2) == b.charAt(j - 1)) {
                    v = Math.min(v, d[i - 2][j - 2] + 1);
                }
                d[i][j] = v;
            }
        }
        return d[a.length()][b.length()];
    }
}
