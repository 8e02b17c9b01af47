package org.mptcpsim.scenario.model;

/**
 * An explicit extra subflow of an MPTCP connection (opened by the scenario in addition to what
 * the path manager creates). An interface of {@code null} means "not pinned": any interface of
 * the host, chosen by routing.
 */
public record SubflowSpec(String fromHost, String fromInterface, String toHost, String toInterface, Loc loc) {
}
