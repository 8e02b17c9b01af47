package org.mptcpsim.scenario.parse;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.mptcpsim.scenario.model.Loc;
import org.mptcpsim.scenario.model.ScenarioException;
import org.mptcpsim.scenario.options.Names;
import org.mptcpsim.scenario.options.OptionRegistry;

/**
 * Applies {@code --set KEY=VALUE} to the located tree before binding, so a bad value is reported
 * like a bad value in the file, located at {@code --set KEY=VALUE}. Keys:
 * {@code name|duration|seed|sample}; {@code links.<id>.<field>} and {@code paths.<id>.<field>}
 * (also {@code reverse.<field>}; a path can be addressed as a link and vice versa);
 * {@code connections.<id>.<field>} and {@code connections.<id>.kernel.<option>};
 * {@code nodes.<id>.type}, {@code nodes.<id>.forwarding}; {@code hosts.<host>.interfaces.<interface>.backup};
 * {@code topology.<kind>.<field>} and {@code topology.<kind>.<tier>.<field>} (a generated topology);
 * {@code traffic.<field>} and {@code traffic.kernel.<option>}; a kernel option by
 * name, or {@code kernel.<option>}. A value starting with {@code [} or {@code {} is read as YAML
 * flow (e.g. a whole {@code schedule}).
 */
final class Overrides {

    static final List<String> KEY_FORMS = List.of("name", "duration", "seed", "sample", "links.<id>.<field>",
            "links.<id>.reverse.<field>", "paths.<id>.<field>", "connections.<id>.<field>",
            "connections.<id>.kernel.<option>", "nodes.<id>.type", "nodes.<id>.forwarding", "hosts.<host>.interfaces.<interface>.backup",
            "topology.<kind>.<field>", "topology.<kind>.<tier>.<field>", "traffic.<field>", "traffic.kernel.<option>",
            "<kernel option>", "kernel.<kernel option>");

    private final OptionRegistry registry;

    Overrides(OptionRegistry registry) {
        this.registry = registry;
    }

    /** Where a key lands: the map that holds the field, and the field. */
    private record Target(MapNode map, String field) {
    }

    /** Applies one {@code KEY=VALUE}; returns {key, value}. */
    String[] apply(MapNode root, String set) {
        String source = "--set " + set;
        int eq = set.indexOf('=');
        if (eq <= 0) {
            throw new ScenarioException(Loc.of(source, ""), "expected KEY=VALUE (e.g. --set duration=120s"
                    + " or --set net.ipv4.tcp_congestion_control=olia)");
        }
        String key = set.substring(0, eq).trim();
        String value = set.substring(eq + 1);
        Loc loc = Loc.of(source, "");
        Target t = resolve(key, root, loc, true);
        t.map().put(t.field(), loc, valueNode(value, source));
        return new String[] {key, value};
    }

    /** Checks a key resolves (used for sweep keys); the tree is not changed. */
    void checkKey(String key, MapNode root, Loc errLoc) {
        resolve(key, Trees.copy(root) instanceof MapNode m ? m : root, errLoc, true);
    }

    private static Node valueNode(String value, String source) {
        String v = value.trim();
        if (v.startsWith("[") || v.startsWith("{")) {
            Node n = TreeReader.readValue(source, v);
            if (n == null) {
                throw new ScenarioException(Loc.of(source, ""), "the value is not a valid YAML list or map");
            }
            return n;
        }
        return new ScalarNode(value, ScalarNode.Type.TEXT, Loc.of(source, ""));
    }

    private Target resolve(String key, MapNode root, Loc loc, boolean create) {
        Loc at = loc.withPath(key);
        if (key.startsWith("kernel.")) {
            return option(key.substring("kernel.".length()), child(root, "kernel"), at);
        }
        if (registry.isKnown(key)) {
            return new Target(child(root, "kernel"), key);
        }
        List<String> seg = Arrays.asList(key.split("\\.", -1));
        if (seg.size() == 1 && Schema.TOP_SCALARS.contains(key)) {
            return new Target(root, key);
        }
        if (seg.size() >= 2 && seg.get(0).equals("traffic")) {
            MapNode t = child(root, "traffic");
            if (seg.get(1).equals("kernel") && seg.size() >= 3) {
                return option(String.join(".", seg.subList(2, seg.size())), child(t, "kernel"), at);
            }
            List<String> fields = new ArrayList<>(Schema.TRAFFIC);
            fields.remove("kernel");
            return field(t, seg.subList(1, seg.size()), fields, at);
        }
        if (seg.size() >= 3 && seg.get(0).equals("topology")) {
            return topologyField(root, seg, at);
        }
        if (seg.size() >= 3) {
            switch (seg.get(0)) {
                case "links", "paths" -> {
                    return linkField(root, seg, at);
                }
                case "connections" -> {
                    MapNode c = impliedConnection(root, seg.get(1), at);
                    c = c != null ? c : element(root, "connections", seg.get(1), at);
                    if (seg.get(2).equals("kernel") && seg.size() >= 4) {
                        return option(String.join(".", seg.subList(3, seg.size())), child(c, "kernel"), at);
                    }
                    return field(c, seg.subList(2, seg.size()), List.of("type", "from", "to", "start", "size",
                            "subflows"), at);
                }
                case "nodes" -> {
                    return field(element(root, "nodes", seg.get(1), at), seg.subList(2, seg.size()),
                            List.of("type", "forwarding"), at);
                }
                case "hosts" -> {
                    if (seg.size() == 5 && seg.get(2).equals("interfaces") && seg.get(4).equals("backup")) {
                        MapNode ifs = child(child(child(root, "hosts"), seg.get(1)), "interfaces");
                        return new Target(child(ifs, seg.get(3)), "backup");
                    }
                }
                default -> {
                }
            }
        }
        List<String> names = new ArrayList<>(Schema.TOP_SCALARS);
        names.addAll(registry.options().keySet());
        throw new ScenarioException(at, "unknown --set key \"" + key + "\"" + Names.didYouMean(key, names),
                KEY_FORMS);
    }

    /** {@code topology.<kind>.<field>} or {@code topology.<kind>.<tier>.<field>} (uplink, access, bottleneck). */
    private static Target topologyField(MapNode root, List<String> seg, Loc at) {
        String kind = seg.get(1);
        List<String> fields = switch (kind) {
            case "fattree" -> Generators.FATTREE;
            case "leafspine" -> Generators.LEAFSPINE;
            case "dumbbell" -> Generators.DUMBBELL;
            default -> throw new ScenarioException(at, "unknown topology kind \"" + kind + "\""
                    + Names.didYouMean(kind, Generators.KINDS), Generators.KINDS);
        };
        MapNode body = child(child(root, "topology"), kind);
        List<String> rest = seg.subList(2, seg.size());
        if (rest.size() == 2 && fields.contains(rest.get(0))
                && List.of("uplink", "access", "bottleneck").contains(rest.get(0))) {
            List<String> sub = rest.get(0).equals("bottleneck") ? LinkBinder.GENERATED : Generators.TIER;
            return field(child(body, rest.get(0)), rest.subList(1, 2), sub, at);
        }
        return field(body, rest, fields, at);
    }

    private Target option(String name, MapNode kernel, Loc at) {
        if (!registry.isKnown(name)) {
            List<String> close = Names.closest(name, registry.options().keySet(), 3);
            throw new ScenarioException(at, "unknown kernel option \"" + name + "\""
                    + (close.isEmpty() ? "" : "; did you mean " + String.join(" or ", close) + "?"));
        }
        return new Target(kernel, name);
    }

    private Target linkField(MapNode root, List<String> seg, Loc at) {
        String list = seg.get(0);
        String other = list.equals("links") ? "paths" : "links";
        MapNode l = find(root, list, seg.get(1));
        if (l == null) {
            l = find(root, other, seg.get(1));
        }
        if (l == null) {
            List<String> ids = ids(root, "paths");
            ids.addAll(ids(root, "links"));
            String gen = root.has("topology") ? " (links generated by topology cannot be set one by one; set"
                    + " topology.<kind>.<field>, e.g. topology.fattree.rate)" : "";
            throw new ScenarioException(at, "no link or path with id \"" + seg.get(1) + "\"" + gen
                    + Names.didYouMean(seg.get(1), ids), ids);
        }
        List<String> rest = seg.subList(2, seg.size());
        if (rest.size() == 2 && rest.get(0).equals("reverse")) {
            return field(child(l, "reverse"), rest.subList(1, 2), Schema.DIRECTION, at);
        }
        List<String> fields = new ArrayList<>(Schema.LINK);
        fields.remove("id");
        return field(l, rest, fields, at);
    }

    private static Target field(MapNode m, List<String> rest, List<String> allowed, Loc at) {
        if (rest.size() != 1 || !allowed.contains(rest.get(0))) {
            String f = String.join(".", rest);
            throw new ScenarioException(at, "cannot set \"" + f + "\" here" + Names.didYouMean(f, allowed), allowed);
        }
        return new Target(m, rest.get(0));
    }

    private static MapNode find(MapNode root, String list, String id) {
        if (root.get(list) instanceof ListNode l) {
            for (Node n : l.items()) {
                if (n instanceof MapNode m && m.get("id") instanceof ScalarNode s && id.equals(s.text())) {
                    return m;
                }
            }
        }
        return null;
    }

    /**
     * The short form's implied connection m1 ({@code paths:} without {@code connections:} or {@code traffic:}),
     * written out as {@code connections: [{id: m1, from: client, to: server}]} (what the binder implies) so that
     * {@code connections.m1.<field>} can set it; {@code null} when the scenario lists its connections. Another id
     * is an error naming m1.
     */
    private static MapNode impliedConnection(MapNode root, String id, Loc at) {
        if (root.has("connections") || root.has("traffic") || !root.has("paths")) {
            return null;
        }
        String m1 = TopologyBinder.SHORT_FORM_CONNECTION;
        if (!id.equals(m1)) {
            throw new ScenarioException(at, "no connections entry with id \"" + id + "\": the short form (paths:"
                    + " without connections:) has one connection, " + m1, List.of(m1));
        }
        Loc src = Loc.of(at.file(), "");
        MapNode c = new MapNode(src);
        c.put("id", src, new ScalarNode(m1, ScalarNode.Type.TEXT, src));
        c.put("from", src, new ScalarNode(TopologyBinder.CLIENT, ScalarNode.Type.TEXT, src));
        c.put("to", src, new ScalarNode(TopologyBinder.SERVER, ScalarNode.Type.TEXT, src));
        ListNode list = new ListNode(src);
        list.add(c);
        root.put("connections", src, list);
        return c;
    }

    private static MapNode element(MapNode root, String list, String id, Loc at) {
        MapNode m = find(root, list, id);
        if (m != null) {
            return m;
        }
        List<String> ids = ids(root, list);
        throw new ScenarioException(at, "no " + list + " entry with id \"" + id + "\"" + Names.didYouMean(id, ids),
                ids);
    }

    private static List<String> ids(MapNode root, String list) {
        List<String> ids = new ArrayList<>();
        if (root.get(list) instanceof ListNode l) {
            for (Node n : l.items()) {
                if (n instanceof MapNode e && e.get("id") instanceof ScalarNode s && s.text() != null) {
                    ids.add(s.text());
                }
            }
        }
        return ids;
    }

    /** The map under {@code key}, created (empty) when absent or null. */
    private static MapNode child(MapNode m, String key) {
        Node n = m.get(key);
        if (n instanceof MapNode c) {
            return c;
        }
        if (n != null && !(n instanceof ScalarNode s && s.isNull())) {
            throw new ScenarioException(n.loc().withPath(key), "expected a map, found " + Val.describe(n));
        }
        MapNode c = new MapNode(n == null ? m.loc() : n.loc());
        m.put(key, m.keyLoc(key), c);
        return c;
    }
}
