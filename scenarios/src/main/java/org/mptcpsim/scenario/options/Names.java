package org.mptcpsim.scenario.options;

import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.List;

/** "Did you mean" help: the known names closest to a misspelt one (Levenshtein distance). */
public final class Names {

    private Names() {
    }

    /**
     * Up to {@code max} names from {@code known} within a distance that scales with the length of
     * {@code wrong} (about a third of it, at least 1), closest first, ties in {@code known} order; names much
     * further than the closest one are left out.
     * A name that contains {@code wrong} as a dotted suffix (e.g. {@code tcp_congestion_control}
     * for {@code net.ipv4.tcp_congestion_control}) also counts as close.
     */
    public static List<String> closest(String wrong, Collection<String> known, int max) {
        int limit = Math.max(1, (wrong.length() + 1) / 3);
        record Scored(String name, int d, int order) {
        }
        List<Scored> hits = new ArrayList<>();
        int i = 0;
        for (String k : known) {
            int d = distance(wrong.toLowerCase(), k.toLowerCase());
            if (k.endsWith("." + wrong) || k.endsWith("_" + wrong)) {
                d = Math.min(d, 1);
            }
            if (d <= limit) {
                hits.add(new Scored(k, d, i));
            }
            i++;
        }
        hits.sort(Comparator.comparingInt(Scored::d).thenComparingInt(Scored::order));
        int best = hits.isEmpty() ? 0 : hits.get(0).d();
        return hits.stream().filter(h -> h.d() <= best + 1).limit(max).map(Scored::name).toList();
    }

    /** " ; did you mean X or Y?" or "" when nothing is close. */
    public static String didYouMean(String wrong, Collection<String> known) {
        List<String> c = closest(wrong, known, 3);
        return c.isEmpty() ? "" : "; did you mean " + String.join(" or ", c) + "?";
    }

    /** Levenshtein edit distance. */
    public static int distance(String a, String b) {
        int[] prev = new int[b.length() + 1];
        int[] cur = new int[b.length() + 1];
        for (int j = 0; j <= b.length(); j++) {
            prev[j] = j;
        }
        for (int i = 1; i <= a.length(); i++) {
            cur[0] = i;
            for (int j = 1; j <= b.length(); j++) {
                int sub = prev[j - 1] + (a.charAt(i - 1) == b.charAt(j - 1) ? 0 : 1);
                cur[j] = Math.min(sub, Math.min(prev[j] + 1, cur[j - 1] + 1));
            }
            int[] t = prev;
            prev = cur;
            cur = t;
        }
        return prev[b.length()];
    }
}
