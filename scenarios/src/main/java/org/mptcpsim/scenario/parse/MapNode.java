package org.mptcpsim.scenario.parse;

import java.util.LinkedHashMap;
import java.util.Map;
import org.mptcpsim.scenario.model.Loc;

/** A map (YAML mapping / JSON object) with its entries in file order and each key's position. */
public final class MapNode implements Node {
    private final Loc loc;
    private final Map<String, Node> entries = new LinkedHashMap<>();
    private final Map<String, Loc> keyLocs = new LinkedHashMap<>();

    public MapNode(Loc loc) {
        this.loc = loc;
    }

    @Override
    public Loc loc() {
        return loc;
    }

    @Override
    public String kind() {
        return "a map";
    }

    /** Entries in file order (read-only view). */
    public Map<String, Node> entries() {
        return java.util.Collections.unmodifiableMap(entries);
    }

    public Node get(String key) {
        return entries.get(key);
    }

    public boolean has(String key) {
        return entries.containsKey(key);
    }

    /** Where the key itself was written (for "unknown field" errors). */
    public Loc keyLoc(String key) {
        return keyLocs.getOrDefault(key, loc);
    }

    /** Adds or replaces an entry (replacing keeps the entry's position in the order). */
    public void put(String key, Loc keyLoc, Node value) {
        entries.put(key, value);
        keyLocs.put(key, keyLoc);
    }

    public void remove(String key) {
        entries.remove(key);
        keyLocs.remove(key);
    }

    /** A deep copy (overrides are applied to copies, so a parsed file can be reused). */
    public MapNode copy() {
        MapNode m = new MapNode(loc);
        entries.forEach((k, v) -> m.put(k, keyLocs.get(k), Trees.copy(v)));
        return m;
    }
}
