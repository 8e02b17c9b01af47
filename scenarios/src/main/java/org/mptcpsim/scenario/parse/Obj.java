package org.mptcpsim.scenario.parse;

import java.util.ArrayList;
import java.util.List;
import org.mptcpsim.scenario.model.Loc;
import org.mptcpsim.scenario.model.ScenarioException;
import org.mptcpsim.scenario.options.Names;

/**
 * A map of the tree read as one kind of object: checks its keys against the allowed fields
 * (unknown ones fail, all of them together, with the closest field names) and hands out fields with their paths.
 */
final class Obj {
    final MapNode map;
    final String path;
    private final String what;

    /**
     * @param what the kind of object for messages, e.g. "a link"
     */
    Obj(Node node, String path, String what, List<String> fields) {
        if (!(node instanceof MapNode m)) {
            throw new ScenarioException(node.loc().withPath(path), "expected " + what + " (a map with fields "
                    + String.join(", ", fields) + "), found " + Val.describe(node));
        }
        this.map = m;
        this.path = path;
        this.what = what;
        List<ScenarioException> unknown = new ArrayList<>();
        for (String key : m.entries().keySet()) {
            if (!fields.contains(key)) {
                unknown.add(new ScenarioException(m.keyLoc(key).withPath(sub(key)),
                        "unknown field \"" + key + "\" in " + what + Names.didYouMean(key, fields), fields));
            }
        }
        if (!unknown.isEmpty()) {
            throw ScenarioException.of(unknown); // every unknown field of the object; its other fields are not read
        }
    }

    /** The path of field {@code key}. */
    String sub(String key) {
        return path.isEmpty() ? key : path + "." + key;
    }

    /** The field's value, or {@code null} when absent or null. */
    Node opt(String key) {
        Node n = map.get(key);
        return n instanceof ScalarNode s && s.isNull() ? null : n;
    }

    /** The field's value; fails, located at the object, when it is absent or null. */
    Node req(String key) {
        Node n = opt(key);
        if (n == null) {
            throw new ScenarioException(loc(), "missing required field \"" + key + "\" in " + what);
        }
        return n;
    }

    boolean has(String key) {
        return opt(key) != null;
    }

    /** The object's own location with its path. */
    Loc loc() {
        return map.loc().withPath(path);
    }

    /** A field's location with its path (the object's when absent). */
    Loc loc(String key) {
        Node n = map.get(key);
        return (n == null ? map.loc() : n.loc()).withPath(n == null ? path : sub(key));
    }
}
