package org.mptcpsim.scenario.parse;

/** Small helpers over located trees. */
final class Trees {

    private Trees() {
    }

    static Node copy(Node n) {
        if (n instanceof MapNode m) {
            return m.copy();
        }
        if (n instanceof ListNode l) {
            return l.copy();
        }
        return n;
    }
}
