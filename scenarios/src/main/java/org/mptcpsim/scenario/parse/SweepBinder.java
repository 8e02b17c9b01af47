package org.mptcpsim.scenario.parse;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.mptcpsim.scenario.model.Loc;
import org.mptcpsim.scenario.model.ScenarioException;
import org.mptcpsim.scenario.model.Sweep;
import org.mptcpsim.scenario.model.SweepAxis;

/** Binds {@code sweep:}: a map of {@code --set} key to a list of values (keys checked here). */
final class SweepBinder {

    private SweepBinder() {
    }

    static Sweep bind(Node node, MapNode root, Overrides overrides) {
        if (node == null) {
            return Sweep.NONE;
        }
        if (!(node instanceof MapNode m)) {
            throw new ScenarioException(node.loc().withPath("sweep"), "expected a map of --set key to a list of"
                    + " values (e.g. links.bottleneck.rate: [5Mbit, 10Mbit]), found " + Val.describe(node));
        }
        List<SweepAxis> axes = new ArrayList<>();
        for (Map.Entry<String, Node> e : m.entries().entrySet()) {
            String key = e.getKey();
            String path = "sweep." + key;
            Loc keyLoc = m.keyLoc(key).withPath(path);
            overrides.checkKey(key, root, keyLoc);
            Node v = e.getValue();
            List<String> values = new ArrayList<>();
            if (v instanceof ListNode l) {
                for (int i = 0; i < l.items().size(); i++) {
                    values.add(Val.text(l.items().get(i), path + "[" + i + "]", "a value"));
                }
            } else {
                values.add(Val.text(v, path, "a list of values"));
            }
            if (values.isEmpty()) {
                throw new ScenarioException(v.loc().withPath(path), "a sweep axis needs at least one value");
            }
            axes.add(new SweepAxis(key, values, v.loc().withPath(path)));
        }
        Sweep sweep = new Sweep(axes);
        if (sweep.size() > Sweep.MAX_POINTS) {
            throw new ScenarioException(node.loc().withPath("sweep"), "the sweep grid has " + (sweep.size()
                    == Long.MAX_VALUE ? "more than " + Long.MAX_VALUE : String.valueOf(sweep.size())) + " points ("
                    + String.join(" x ", axes.stream().map(a -> a.values().size() + " " + a.key()).toList())
                    + "); the largest allowed grid is " + Sweep.MAX_POINTS + " points: give the axes fewer values, or"
                    + " split the sweep into several scenarios");
        }
        return sweep;
    }
}
