package org.mptcpsim.mptcp;

import org.mptcpsim.tcp.Subflow;

/**
 * An MPTCP path manager, mirroring the out-of-tree kernel's {@code struct mptcp_pm_ops}
 * ({@code net/mptcp/mptcp_pm.c}): it decides when to open and close subflows. It acts through
 * its {@link PmContext}; every hook runs on the simulation thread. Only the client (active
 * opener) creates subflows, as in the kernel.
 */
public interface PathManager {

    /** The kernel's registered name. */
    String name();

    /** {@code new_session}: the connection's initial subflow was created. */
    default void onNewSession(PmContext ctx) {
    }

    /** {@code fully_established}: the connection became fully established (first DATA_ACK). */
    default void onFullyEstablished(PmContext ctx) {
    }

    /** A subflow completed its handshake. */
    default void onSubflowEstablished(PmContext ctx, Subflow s) {
    }

    /** A subflow's retransmission timer fired ({@code icsk_retransmits} counts the backoffs). */
    default void onSubflowTimeout(PmContext ctx, Subflow s) {
    }

    /** A subflow was closed ({@code timeout}: it died of retransmission timeouts). */
    default void onSubflowClosed(PmContext ctx, Subflow s, boolean timeout) {
    }

    /** A local address (interface) came up. */
    default void onAddressAdded(PmContext ctx, Address local) {
    }

    /** A local address (interface) went down. */
    default void onAddressRemoved(PmContext ctx, Address local) {
    }

    /** The default path manager ({@code mptcp_pm_default}): does nothing. */
    PathManager DEFAULT = () -> "default";
}
