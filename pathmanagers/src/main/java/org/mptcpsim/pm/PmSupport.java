package org.mptcpsim.pm;

import java.util.List;

import org.mptcpsim.mptcp.Address;
import org.mptcpsim.mptcp.PmContext;
import org.mptcpsim.tcp.Subflow;

/** Small helpers shared by the path managers of this module. */
final class PmSupport {
    private PmSupport() {
    }

    /**
     * The initial subflow's local address: from the context when it knows it, else the client's
     * first address that is up (the scenario's default interface for the initial subflow).
     */
    static Address initialLocal(PmContext ctx) {
        List<Subflow> all = ctx.subflows();
        if (!all.isEmpty()) {
            Address a = ctx.localAddressOf(all.get(0));
            if (a != null) {
                return a;
            }
        }
        List<Address> locals = ctx.localAddresses();
        return locals.isEmpty() ? null : locals.get(0);
    }

    /** The initial subflow's remote address (the server's first address). */
    static Address initialRemote(PmContext ctx) {
        List<Subflow> all = ctx.subflows();
        if (!all.isEmpty()) {
            Address a = ctx.remoteAddressOf(all.get(0));
            if (a != null) {
                return a;
            }
        }
        List<Address> remotes = ctx.remoteAddresses();
        return remotes.isEmpty() ? null : remotes.get(0);
    }
}
