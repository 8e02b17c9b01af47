package org.mptcpsim.scenario.model;

import java.util.List;

/**
 * An explicit route overriding shortest-path ECMP for traffic from {@code fromHost}
 * (optionally only from its interface {@code fromInterface}; {@code null} = any) to
 * {@code toHost} ({@code toInterface} likewise): the ids of the links crossed, in order.
 * The reverse direction (ACKs) uses the same links backwards. Validated to be a connected path.
 */
public record RouteSpec(String fromHost, String fromInterface, String toHost, String toInterface,
                        List<String> via, Loc loc) {

    public RouteSpec {
        via = List.copyOf(via);
    }
}
