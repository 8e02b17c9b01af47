package org.mptcpsim.mptcp;

import java.util.List;

import org.mptcpsim.tcp.Subflow;

/** What a {@link PathManager} can see and do for its connection. */
public interface PmContext {

    /**
     * The connection's subflows in id order (the initial one first), closed ones included, read-only:
     * what a path manager reads of the connection; it changes it only through this context.
     */
    List<Subflow> subflows();

    /** The client's addresses that are currently up, in interface order. */
    List<Address> localAddresses();

    /** The server's addresses known to the client (initial one first). */
    List<Address> remoteAddresses();

    /** Whether the local address is up. */
    boolean isUp(Address local);

    /**
     * Opens a new subflow (MP_JOIN) from {@code local} to {@code remote}; a new source port is
     * chosen. Returns {@code null} when there is no route (ENETUNREACH).
     */
    Subflow createSubflow(Address local, Address remote, boolean backup);

    /** Closes a subflow; its unacknowledged data is reinjected on the others. */
    void closeSubflow(Subflow s, String reason);

    /** Runs {@code task} after {@code delayPs} (path-manager workers and their delays). */
    void schedule(long delayPs, Runnable task);

    /** Current simulated time, picoseconds. */
    long nowPs();

    /**
     * The local address a subflow of this connection was opened from (the initial subflow
     * included), or {@code null} when the context does not know it.
     */
    default Address localAddressOf(Subflow s) {
        return null;
    }

    /** The remote address a subflow of this connection goes to, or {@code null} when unknown. */
    default Address remoteAddressOf(Subflow s) {
        return null;
    }
}
