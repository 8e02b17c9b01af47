package org.mptcpsim.scenario.model;

import java.util.List;

/** An end host and its interfaces (addresses), in link declaration order. */
public record HostSpec(String id, List<InterfaceSpec> interfaces, Loc loc) {

    /** The name of the single interface of a short-form server, reachable over all its links. */
    public static final String ANY = "any";

    public HostSpec {
        interfaces = List.copyOf(interfaces);
    }

    /** The interface with this name, or {@code null}. */
    public InterfaceSpec iface(String name) {
        for (InterfaceSpec i : interfaces) {
            if (i.name().equals(name)) {
                return i;
            }
        }
        return null;
    }
}
