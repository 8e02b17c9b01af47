package org.mptcpsim.scenario.run;

import static org.junit.jupiter.api.Assertions.assertTrue;

import java.lang.management.ManagementFactory;

import org.junit.jupiter.api.Test;

/**
 * Application-limited sending allocates nothing per packet: a stream's writes, deliveries and
 * playout run on the same per-packet path as bulk data, and a request-response app allocates per
 * request, not per packet. Measured as the bytes this thread allocates between a 4 s and an 8 s
 * run of the same scenario (after a warm-up run), per extra data packet or per extra request.
 */
class AppAllocationTest {

    static String scenario(String app, String duration) {
        return """
                duration: %s
                kernel: {net.ipv4.tcp_congestion_control: cubic}
                paths:
                  - {id: a, rate: 1Gbit, delay: 5ms, buffer: 1BDP}
                  - {id: b, rate: 500Mbit, delay: 10ms, buffer: 1BDP}
                connections:
                  - {id: c1, type: mptcp, from: client:a, to: server, subflows: [{from: client:b, to: server}], app: %s}
                """.formatted(duration, app);
    }

    static long allocated() {
        return ((com.sun.management.ThreadMXBean) ManagementFactory.getThreadMXBean())
                .getThreadAllocatedBytes(Thread.currentThread().getId());
    }

    /** {extra bytes allocated, extra data packets, extra flows.csv rows} of 8 s over 4 s. */
    static long[] extra(String app) {
        Sim.deleteRun(Sim.run(scenario(app, "4s")));   // warm-up: class loading, JIT
        long a0 = allocated();
        RunResult a = Sim.run(scenario(app, "4s"));
        long a1 = allocated();
        RunResult b = Sim.run(scenario(app, "8s"));
        long b1 = allocated();
        try {
            return new long[] {(b1 - a1) - (a1 - a0), b.dataPackets() - a.dataPackets(),
                    Sim.csv(b, "flows.csv").size() - Sim.csv(a, "flows.csv").size()};
        } finally {
            Sim.deleteRun(a);
            Sim.deleteRun(b);
        }
    }

    @Test
    void aStreamAllocatesNothingPerPacket() {
        // 600 Mbit/s for 4 s more: 211 000 more packets. An allocation per packet would cost at least
        // 16 B (the smallest object); the extra 40 samples of the output come to about 0.6 B per packet.
        long[] x = extra("{stream: {bitrate: 600Mbit, startup: 500ms}}");
        double perPacket = (double) x[0] / x[1];
        // (the floor, half the 211 000 expected, only shows the stream really ran the extra 4 s)
        assertTrue(x[1] > 100_000, "packets " + x[1]);
        assertTrue(perPacket < 4, perPacket + " B allocated per extra data packet");
    }

    @Test
    void requestResponseAllocatesPerRequestNotPerPacket() {
        // 200 KB responses (141 segments each): about 1.2 KB per request were measured (its route
        // array and bitmap, the flows.csv row, the summary statistics) = 9 B per packet; a per-packet
        // allocation would add at least 141 x 16 B = 2.3 KB per request.
        long[] x = extra("{request-response: {request: 300B, response: 200KB, think: 1ms}}");
        double perRequest = (double) x[0] / x[2];
        assertTrue(x[2] > 100, "requests " + x[2]);
        assertTrue(perRequest < 2048, perRequest + " B allocated per extra request (" + x[1] / x[2] + " packets each)");
    }
}
