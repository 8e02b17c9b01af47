package org.mptcpsim.scenario.model;

import java.util.List;
import org.mptcpsim.scenario.options.KernelOptions;

/**
 * One connection: MPTCP or plain TCP, from a client host to a server host. The initial subflow
 * leaves {@code fromInterface} and goes to {@code toInterface}; {@code null} means "not pinned"
 * (for the sender: the host's first interface in link declaration order is what routing picks;
 * for the short-form server: its single address, reachable over all paths).
 * {@code sizeBytes} is -1 for a bulk transfer that lasts until the end of the run.
 * {@code kernel} is the effective option set of this connection: kernel defaults, then the
 * scenario's {@code kernel:} block, then this connection's {@code kernel:} overrides.
 */
public record ConnectionSpec(String id, Type type, String fromHost, String fromInterface,
                             String toHost, String toInterface, long startPs, long sizeBytes,
                             KernelOptions kernel, List<SubflowSpec> subflows, Loc loc, AppSpec app) {

    /** A bulk or sized connection (no {@code app}). */
    public ConnectionSpec(String id, Type type, String fromHost, String fromInterface, String toHost,
                          String toInterface, long startPs, long sizeBytes, KernelOptions kernel,
                          List<SubflowSpec> subflows, Loc loc) {
        this(id, type, fromHost, fromInterface, toHost, toInterface, startPs, sizeBytes, kernel, subflows, loc, null);
    }

    /** Value of {@link #sizeBytes()} for a bulk transfer. */
    public static final long BULK = -1;

    public enum Type { MPTCP, TCP }

    public ConnectionSpec {
        subflows = List.copyOf(subflows);
    }

    public boolean isBulk() {
        return sizeBytes == BULK && app == null;
    }

    /** The same connection with another size and no app (one transfer of a {@code flows} app). */
    public ConnectionSpec withSize(long bytes) {
        return new ConnectionSpec(id, type, fromHost, fromInterface, toHost, toInterface, startPs, bytes, kernel,
                subflows, loc, null);
    }

    /**
     * Whether the data flows from the server to the client: request-response answers and streams
     * are sent by the server ({@code to}); bulk, sized and flows transfers by the client.
     */
    public boolean serverSends() {
        return app instanceof AppSpec.RequestResponse || app instanceof AppSpec.Stream;
    }
}
