package org.mptcpsim.scenario.parse;

import java.util.ArrayList;
import java.util.List;
import java.util.function.Function;
import org.mptcpsim.scenario.model.BufferSpec;
import org.mptcpsim.scenario.model.Loc;
import org.mptcpsim.scenario.model.ScenarioException;
import org.mptcpsim.scenario.options.Names;

/** Converts located scalars to values; every failure is a located {@link ScenarioException}. */
final class Val {

    private Val() {
    }

    static String describe(Node n) {
        if (n instanceof ScalarNode s && !s.isNull()) {
            return s.kind() + " (\"" + s.text() + "\")";
        }
        return n.kind();
    }

    /** The text of a scalar (numbers and booleans as written). */
    static String text(Node n, String path, String what) {
        if (n instanceof ScalarNode s && !s.isNull()) {
            return s.text();
        }
        throw new ScenarioException(n.loc().withPath(path), "expected " + what + ", found " + describe(n));
    }

    static <T> T unit(Node n, String path, String what, Function<String, T> parse) {
        String t = text(n, path, what);
        try {
            return parse.apply(t);
        } catch (IllegalArgumentException e) {
            throw new ScenarioException(n.loc().withPath(path), e.getMessage());
        }
    }

    static long time(Node n, String path) {
        return unit(n, path, "a time (e.g. 20ms)", Units::time);
    }

    static long rate(Node n, String path) {
        return unit(n, path, "a rate (e.g. 10Mbit)", Units::rate);
    }

    static long size(Node n, String path) {
        return unit(n, path, "a size (e.g. 64KB)", Units::size);
    }

    static double loss(Node n, String path) {
        return unit(n, path, "a loss probability (e.g. 0.01 or 1%)", Units::loss);
    }

    static BufferSpec buffer(Node n, String path) {
        Loc loc = n.loc().withPath(path);
        return unit(n, path, "a buffer size (e.g. 100pkt, 150KB, 1BDP)", t -> Units.buffer(t, loc));
    }

    static long integer(Node n, String path, long min, long max) {
        return unit(n, path, "a whole number", t -> Units.integer(t, min, max));
    }

    static boolean bool(Node n, String path) {
        String t = text(n, path, "true or false");
        return switch (t.trim().toLowerCase(java.util.Locale.ROOT)) {
            case "true", "yes", "on" -> true;
            case "false", "no", "off" -> false;
            default -> throw new ScenarioException(n.loc().withPath(path), "\"" + t + "\" is not a boolean",
                    List.of("true", "false"));
        };
    }

    /** One of a closed set of words (case-insensitive), returned in the set's spelling. */
    static String choice(Node n, String path, List<String> allowed) {
        String t = text(n, path, "one of " + String.join(", ", allowed)).trim();
        for (String a : allowed) {
            if (a.equalsIgnoreCase(t)) {
                return a;
            }
        }
        throw new ScenarioException(n.loc().withPath(path), "\"" + t + "\" is not allowed"
                + Names.didYouMean(t, allowed), allowed);
    }

    /** An id: letters, digits, '_' and '-' (no '.' or ':', which --set keys and host:interface use). */
    static String id(Node n, String path) {
        String t = text(n, path, "an id");
        if (!t.matches("[A-Za-z0-9_][A-Za-z0-9_-]*")) {
            throw new ScenarioException(n.loc().withPath(path), "\"" + t + "\" is not a valid id; use letters,"
                    + " digits, '_' and '-' (e.g. wifi, r1, m1)");
        }
        return t;
    }

    /** The items of a list. */
    static List<Node> list(Node n, String path, String what) {
        if (n instanceof ListNode l) {
            return new ArrayList<>(l.items());
        }
        throw new ScenarioException(n.loc().withPath(path), "expected a list of " + what + ", found "
                + describe(n));
    }

    /** The path of a list item: {@code list[id]} when the item has an id, else {@code list[index]}. */
    static String item(String listPath, Node item, int index) {
        if (item instanceof MapNode m && m.get("id") instanceof ScalarNode s && !s.isNull()
                && !s.text().isBlank()) {
            return listPath + "[" + s.text() + "]";
        }
        return listPath + "[" + index + "]";
    }
}
