package org.mptcpsim.scenario.model;

import java.util.List;

/**
 * One address of a host. In the general form every link attached to a host is one interface,
 * named by the link id ({@code links = [that link]}). In the short form ({@code paths:}) the
 * server has a single interface named {@code any} reachable over all its links.
 * {@code backup} is the MPTCP backup flag (MP_JOIN / MP_PRIO with B=1).
 */
public record InterfaceSpec(String name, List<String> links, boolean backup, Loc loc) {

    public InterfaceSpec {
        links = List.copyOf(links);
    }
}
