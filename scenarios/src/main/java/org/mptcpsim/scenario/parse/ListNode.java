package org.mptcpsim.scenario.parse;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import org.mptcpsim.scenario.model.Loc;

/** A list (YAML sequence / JSON array). */
public final class ListNode implements Node {
    private final Loc loc;
    private final List<Node> items = new ArrayList<>();

    public ListNode(Loc loc) {
        this.loc = loc;
    }

    @Override
    public Loc loc() {
        return loc;
    }

    @Override
    public String kind() {
        return "a list";
    }

    public List<Node> items() {
        return Collections.unmodifiableList(items);
    }

    public void add(Node n) {
        items.add(n);
    }

    public void set(int i, Node n) {
        items.set(i, n);
    }

    public ListNode copy() {
        ListNode l = new ListNode(loc);
        items.forEach(n -> l.add(Trees.copy(n)));
        return l;
    }
}
