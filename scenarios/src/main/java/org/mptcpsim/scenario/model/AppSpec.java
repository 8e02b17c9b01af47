package org.mptcpsim.scenario.model;

import java.util.List;

/**
 * The application of a connection ({@code connections[].app}, docs/scenario-format.md,
 * "Applications"). {@code null} in a {@link ConnectionSpec} means bulk, or one transfer of
 * {@link ConnectionSpec#sizeBytes()} (the {@code size:} field, as before).
 */
public sealed interface AppSpec {

    /** The app's name as written in the scenario. */
    String kind();

    /**
     * Repeated transfers, each on a new connection (handshake included), from the connection's
     * client to its server, arriving by {@code arrival}; at most {@code count} of them (0 = no limit).
     */
    record Flows(Arrival arrival, SizeDist size, long count) implements AppSpec {
        @Override
        public String kind() {
            return "flows";
        }
    }

    /**
     * Over one persistent connection the client sends a request of {@code requestBytes}; the server
     * answers with a response drawn from {@code response}; the client waits {@code thinkPs} after
     * each response and sends the next request. At most {@code count} requests (0 = no limit).
     */
    record RequestResponse(long requestBytes, SizeDist response, long thinkPs, long count) implements AppSpec {
        @Override
        public String kind() {
            return "request-response";
        }
    }

    /**
     * The server streams media at a constant or stepped bitrate (application-limited); the client
     * plays it out once {@code startupPs} of media is buffered and stalls when the buffer runs dry,
     * resuming when {@code startupPs} is buffered again.
     */
    record Stream(List<Step> steps, long startupPs) implements AppSpec {
        public Stream {
            steps = List.copyOf(steps);
        }

        @Override
        public String kind() {
            return "stream";
        }
    }

    /** From {@code atPs} on (relative to the connection's start) the stream's bitrate is {@code rateBps}. */
    record Step(long atPs, long rateBps) {
    }

    /** The arrival process of {@link Flows}: Poisson at {@code ratePerS}, or one every {@code everyPs}. */
    record Arrival(double ratePerS, long everyPs) {
        public boolean poisson() {
            return everyPs <= 0;
        }
    }
}
