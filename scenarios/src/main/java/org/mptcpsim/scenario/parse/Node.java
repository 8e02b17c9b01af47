package org.mptcpsim.scenario.parse;

import org.mptcpsim.scenario.model.Loc;

/**
 * A node of the located tree read from a scenario file: a map, a list or a scalar, each with the
 * position of its first character ({@link Loc#path()} is empty: the binder knows the path).
 * Maps and lists are mutable only so that {@code --set} overrides can be applied before binding.
 */
public sealed interface Node permits MapNode, ListNode, ScalarNode {

    Loc loc();

    /** "a map", "a list", "a number", "text", ... for "expected X, found Y" messages. */
    String kind();
}
