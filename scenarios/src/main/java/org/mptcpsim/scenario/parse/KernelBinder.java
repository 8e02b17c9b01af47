package org.mptcpsim.scenario.parse;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.mptcpsim.scenario.model.Loc;
import org.mptcpsim.scenario.model.ScenarioException;
import org.mptcpsim.scenario.options.BadOptionException;
import org.mptcpsim.scenario.options.KernelOptions;
import org.mptcpsim.scenario.options.OptionRegistry;
import org.mptcpsim.scenario.options.OptionRegistry.Setting;

/**
 * Binds a {@code kernel:} block. Option names are flat ({@code net.ipv4.tcp_sack: 1}) or nested
 * maps whose keys join with dots ({@code mptcp_wvegas: {total_alpha: 10}}). A list value is
 * joined with spaces ({@code net.ipv4.tcp_rmem: [4096, 131072, 6291456]}).
 */
final class KernelBinder {

    private final OptionRegistry registry;

    KernelBinder(OptionRegistry registry) {
        this.registry = registry;
    }

    /**
     * @param node         the block, or {@code null} when absent
     * @param path         its path, e.g. {@code kernel} or {@code connections[m1].kernel}
     * @param base         the options to start from ({@code null}: kernel defaults)
     * @param scenarioWide {@code false} for a connection's block, where {@code flavour} is refused
     */
    KernelOptions bind(Node node, String path, KernelOptions base, boolean scenarioWide) {
        Map<String, Setting> settings = new LinkedHashMap<>();
        if (node != null && !(node instanceof ScalarNode s && s.isNull())) {
            if (!(node instanceof MapNode m)) {
                throw new ScenarioException(node.loc().withPath(path), "expected a map of kernel options"
                        + " (e.g. net.ipv4.tcp_congestion_control: lia), found " + Val.describe(node));
            }
            Problems pr = new Problems();
            flatten(m, "", path, settings, scenarioWide, pr);
            pr.throwIfAny();   // every bad option of the block; their combination is checked when all are good
        }
        return registry.resolve(base, settings);
    }

    private void flatten(MapNode m, String prefix, String path, Map<String, Setting> out, boolean scenarioWide,
                         Problems pr) {
        for (Map.Entry<String, Node> e : m.entries().entrySet()) {
            String name = prefix + e.getKey();
            Node v = e.getValue();
            if (v instanceof MapNode sub && !registry.isKnown(name)) {
                flatten(sub, name + ".", path, out, scenarioWide, pr);
                continue;
            }
            pr.attempt(() -> option(m, e.getKey(), name, v, path, out, scenarioWide));
        }
    }

    /** One option {@code name} (written as {@code key} in {@code m}) with its value {@code v}, into {@code out}. */
    private void option(MapNode m, String key, String name, Node v, String path, Map<String, Setting> out,
                        boolean scenarioWide) {
        String p = path + "." + name;
        Loc keyLoc = m.keyLoc(key).withPath(p);
        if (!registry.isKnown(name)) {
            located(keyLoc, () -> registry.normalize(name, ""));
        }
        if (!scenarioWide && name.equals(KernelOptions.FLAVOUR)) {
            throw new ScenarioException(keyLoc, "flavour is scenario-wide: set it in the top-level kernel block");
        }
        String raw = raw(v, p);
        Loc valueLoc = v.loc().withPath(p);
        String value = located(valueLoc, () -> registry.normalize(name, raw));
        Setting previous = out.get(name);
        if (previous != null && valueLoc.hasPosition()) {
            throw new ScenarioException(keyLoc, "option " + name + " is set twice (also at "
                    + previous.loc().where() + ")");
        }
        out.remove(name);
        out.put(name, new Setting(value, valueLoc));
    }

    private static String raw(Node v, String path) {
        if (v instanceof ListNode l) {
            StringBuilder b = new StringBuilder();
            for (Node item : l.items()) {
                b.append(b.length() == 0 ? "" : " ").append(Val.text(item, path, "a scalar value"));
            }
            return b.toString();
        }
        if (v instanceof ScalarNode s && s.isNull()) {
            throw new ScenarioException(v.loc().withPath(path), "missing value");
        }
        return Val.text(v, path, "a value");
    }

    private static <T> T located(Loc loc, java.util.function.Supplier<T> s) {
        try {
            return s.get();
        } catch (BadOptionException e) {
            List<String> allowed = e.allowed();
            throw new ScenarioException(loc, e.getMessage(), allowed);
        }
    }
}
