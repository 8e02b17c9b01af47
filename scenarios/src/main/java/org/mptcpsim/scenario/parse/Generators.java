package org.mptcpsim.scenario.parse;

import java.util.ArrayList;
import java.util.List;
import org.mptcpsim.scenario.model.DirectionSpec;
import org.mptcpsim.scenario.model.LinkSpec;
import org.mptcpsim.scenario.model.Loc;
import org.mptcpsim.scenario.model.NodeSpec;
import org.mptcpsim.scenario.model.ScenarioException;
import org.mptcpsim.scenario.options.Names;

/**
 * Binds {@code topology:}, a generated topology, and expands it to nodes and links with stable
 * names (documented in docs/scenario-format.md, "Generated topologies"). Indices start at 0.
 * <ul>
 *   <li>{@code fattree: {k, rate, delay, buffer, loss}} (Al-Fares et al., SIGCOMM 2008): k pods,
 *       each with k/2 edge switches {@code e<pod>_<i>} and k/2 aggregation switches
 *       {@code a<pod>_<i>}; k/2 hosts {@code h<pod>_<edge>_<i>} under each edge switch; (k/2)^2
 *       core switches {@code c<i>}, aggregation switch {@code a<p>_<j>} joined to cores
 *       {@code c<j*k/2>} .. {@code c<j*k/2 + k/2 - 1>}. Links {@code h0_0_0-e0_0}, {@code e0_0-a0_1},
 *       {@code a0_1-c2} (lower tier first). k^3/4 hosts, 5k^2/4 switches, 3k^3/4 links.</li>
 *   <li>{@code leafspine: {leaves, spines, hosts_per_leaf, rate, delay, buffer, loss, uplink}}:
 *       hosts {@code h<leaf>_<i>}, leaves {@code l<i>}, spines {@code s<i>}; links
 *       {@code h0_1-l0} and {@code l0-s1}; {@code uplink: {rate, delay, buffer, loss}} overrides
 *       the leaf-spine links (default: the host links' values).</li>
 *   <li>{@code dumbbell: {pairs, access: {rate, delay, buffer, loss}, bottleneck: {...}}}: senders
 *       {@code s<i>} on switch {@code left}, receivers {@code d<i>} on switch {@code right}; links
 *       {@code s0-left}, {@code right-d0} and {@code bottleneck} (left to right; it takes every
 *       link field but id/from/to: rtt, reverse, schedule too).</li>
 * </ul>
 * Generated nodes and links come first, in the order above (hosts, then switches tier by tier);
 * hand-written {@code nodes:} and {@code links:} are added after them and may refer to them.
 */
final class Generators {

    static final List<String> KINDS = List.of("fattree", "leafspine", "dumbbell");
    static final List<String> FATTREE = List.of("k", "rate", "delay", "buffer", "loss");
    static final List<String> LEAFSPINE = List.of("leaves", "spines", "hosts_per_leaf", "rate", "delay", "buffer",
            "loss", "uplink");
    static final List<String> DUMBBELL = List.of("pairs", "access", "bottleneck");
    static final List<String> TIER = List.of("rate", "delay", "buffer", "loss");
    /** Bounds that keep a typo (k: 800) from allocating millions of objects. */
    static final int MAX_K = 64;
    static final int MAX_COUNT = 100_000;

    /** The expansion: nodes and links in generation order. */
    record Expansion(List<NodeSpec> nodes, List<LinkSpec> links) {
    }

    private final List<NodeSpec> nodes = new ArrayList<>();
    private final List<LinkSpec> links = new ArrayList<>();
    private Loc at;

    private Generators() {
    }

    /** Expands {@code topology:} (a map with exactly one kind). */
    static Expansion bind(Node node) {
        if (!(node instanceof MapNode m)) {
            throw new ScenarioException(node.loc().withPath("topology"), "expected a generated topology, a map"
                    + " with one of " + String.join(", ", KINDS) + " (e.g. {fattree: {k: 4, rate: 10Gbit, delay:"
                    + " 1us, buffer: 100pkt}}), found " + Val.describe(node), KINDS);
        }
        if (m.entries().isEmpty()) {
            throw new ScenarioException(m.loc().withPath("topology"), "the topology names no kind", KINDS);
        }
        String kind = null;
        for (String key : m.entries().keySet()) {
            if (!KINDS.contains(key)) {
                throw new ScenarioException(m.keyLoc(key).withPath("topology." + key), "unknown topology kind \""
                        + key + "\"" + Names.didYouMean(key, KINDS), KINDS);
            }
            if (kind != null) {
                throw new ScenarioException(m.keyLoc(key).withPath("topology." + key), "one generated topology"
                        + " per scenario: already " + kind + "; add more nodes and links by hand under nodes"
                        + " and links");
            }
            kind = key;
        }
        Generators g = new Generators();
        String path = "topology." + kind;
        Node body = m.get(kind);
        g.at = body.loc().withPath(path);
        switch (kind) {
            case "fattree" -> g.fattree(new Obj(body, path, "a fattree", FATTREE));
            case "leafspine" -> g.leafspine(new Obj(body, path, "a leafspine", LEAFSPINE));
            default -> g.dumbbell(new Obj(body, path, "a dumbbell", DUMBBELL));
        }
        return new Expansion(List.copyOf(g.nodes), List.copyOf(g.links));
    }

    private void fattree(Obj o) {
        int k = (int) Val.integer(o.req("k"), o.sub("k"), 2, MAX_K);
        if (k % 2 != 0) {
            throw new ScenarioException(o.loc("k"), "a fat tree needs an even k (k/2 hosts per edge switch,"
                    + " k/2 edge and k/2 aggregation switches per pod); got " + k);
        }
        DirectionSpec d = direction(o);
        int half = k / 2;
        for (int p = 0; p < k; p++) {
            for (int e = 0; e < half; e++) {
                for (int i = 0; i < half; i++) {
                    host("h" + p + "_" + e + "_" + i);
                }
            }
        }
        for (int p = 0; p < k; p++) {
            for (int e = 0; e < half; e++) {
                node("e" + p + "_" + e);
            }
        }
        for (int p = 0; p < k; p++) {
            for (int a = 0; a < half; a++) {
                node("a" + p + "_" + a);
            }
        }
        for (int c = 0; c < half * half; c++) {
            node("c" + c);
        }
        for (int p = 0; p < k; p++) {
            for (int e = 0; e < half; e++) {
                for (int i = 0; i < half; i++) {
                    link("h" + p + "_" + e + "_" + i, "e" + p + "_" + e, d);
                }
            }
        }
        for (int p = 0; p < k; p++) {
            for (int e = 0; e < half; e++) {
                for (int a = 0; a < half; a++) {
                    link("e" + p + "_" + e, "a" + p + "_" + a, d);
                }
            }
        }
        for (int p = 0; p < k; p++) {
            for (int a = 0; a < half; a++) {
                for (int j = 0; j < half; j++) {
                    link("a" + p + "_" + a, "c" + (a * half + j), d);
                }
            }
        }
    }

    private void leafspine(Obj o) {
        int leaves = count(o, "leaves", 1);
        int spines = count(o, "spines", 1);
        int perLeaf = count(o, "hosts_per_leaf", 1);
        if ((long) leaves * perLeaf > MAX_COUNT || (long) leaves * spines > MAX_COUNT) {
            throw new ScenarioException(o.loc(), "too large: at most " + MAX_COUNT + " hosts and " + MAX_COUNT
                    + " leaf-spine links");
        }
        DirectionSpec d = direction(o);
        DirectionSpec up = o.has("uplink") ? tier(o.opt("uplink"), o.sub("uplink"), d) : d;
        for (int l = 0; l < leaves; l++) {
            for (int i = 0; i < perLeaf; i++) {
                host("h" + l + "_" + i);
            }
        }
        for (int l = 0; l < leaves; l++) {
            node("l" + l);
        }
        for (int s = 0; s < spines; s++) {
            node("s" + s);
        }
        for (int l = 0; l < leaves; l++) {
            for (int i = 0; i < perLeaf; i++) {
                link("h" + l + "_" + i, "l" + l, d);
            }
        }
        for (int l = 0; l < leaves; l++) {
            for (int s = 0; s < spines; s++) {
                link("l" + l, "s" + s, up);
            }
        }
    }

    private void dumbbell(Obj o) {
        int pairs = count(o, "pairs", 1);
        DirectionSpec access = tier(o.req("access"), o.sub("access"), null);
        Obj b = new Obj(o.req("bottleneck"), o.sub("bottleneck"), "a bottleneck link", LinkBinder.GENERATED);
        for (int i = 0; i < pairs; i++) {
            host("s" + i);
        }
        for (int i = 0; i < pairs; i++) {
            host("d" + i);
        }
        node("left");
        node("right");
        for (int i = 0; i < pairs; i++) {
            link("s" + i, "left", access);
        }
        links.add(LinkBinder.generated(b, "bottleneck", "left", "right"));
        for (int i = 0; i < pairs; i++) {
            link("right", "d" + i, access);
        }
    }

    private static int count(Obj o, String field, int min) {
        return (int) Val.integer(o.req(field), o.sub(field), min, MAX_COUNT);
    }

    /** rate, delay, buffer (required) and loss (default 0) of a generator's own fields. */
    private static DirectionSpec direction(Obj o) {
        return new DirectionSpec(Val.rate(o.req("rate"), o.sub("rate")), Val.time(o.req("delay"), o.sub("delay")),
                Val.buffer(o.req("buffer"), o.sub("buffer")),
                o.has("loss") ? Val.loss(o.opt("loss"), o.sub("loss")) : 0.0, o.loc());
    }

    /** A tier's {rate, delay, buffer, loss}; with a base, absent fields keep the base's values. */
    private static DirectionSpec tier(Node node, String path, DirectionSpec base) {
        Obj o = new Obj(node, path, "a link tier", TIER);
        if (base == null) {
            return direction(o);
        }
        return new DirectionSpec(o.has("rate") ? Val.rate(o.opt("rate"), o.sub("rate")) : base.rateBps(),
                o.has("delay") ? Val.time(o.opt("delay"), o.sub("delay")) : base.delayPs(),
                o.has("buffer") ? Val.buffer(o.opt("buffer"), o.sub("buffer")) : base.buffer(),
                o.has("loss") ? Val.loss(o.opt("loss"), o.sub("loss")) : base.loss(), o.loc());
    }

    private void host(String id) {
        nodes.add(new NodeSpec(id, NodeSpec.Type.HOST, at));
    }

    private void node(String id) {
        nodes.add(new NodeSpec(id, NodeSpec.Type.SWITCH, at));
    }

    private void link(String from, String to, DirectionSpec d) {
        links.add(new LinkSpec(from + "-" + to, from, to, d, d, null, List.of(), at));
    }
}
