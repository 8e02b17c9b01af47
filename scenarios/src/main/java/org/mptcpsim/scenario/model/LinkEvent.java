package org.mptcpsim.scenario.model;

/**
 * A scheduled change of a link at {@code atPs}: DOWN (both directions drop everything),
 * UP (back to normal), or RATE (both directions now serialise at {@code rateBps}; for DOWN and
 * UP {@code rateBps} is -1).
 */
public record LinkEvent(long atPs, Action action, long rateBps, Loc loc) {

    public enum Action { DOWN, UP, RATE }
}
