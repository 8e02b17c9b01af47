package org.mptcpsim.tcp;

import org.mptcpsim.core.Time;
import org.mptcpsim.trace.TraceSink;

/** Manual probe: java -cp target/classes:target/test-classes org.mptcpsim.tcp.PerfProbe. */
public final class PerfProbe {
    private PerfProbe() {
    }

    public static void main(String[] args) {
        for (int rep = 0; rep < 3; rep++) {
            // 1 Gbit/s, 10 ms one way, 1666 packet buffer, two TCP flows, ACK per packet
            Bench b = new Bench(1_000_000_000L, Time.ms(10), 1666, TraceSink.NONE);
            TcpConfig cfg = new TcpConfig(1448, 1500, 52, 60, false, 1L << 30, 200_000, 1_000_000);
            TcpConnection c1 = b.tcp(0, cfg, TraceSink.NONE);
            TcpConnection c2 = b.tcp(1, cfg, TraceSink.NONE);
            c1.subflow().connect();
            c2.subflow().connect();
            long t0 = System.nanoTime();
            b.loop.run(Time.s(30));
            double wall = (System.nanoTime() - t0) / 1e9;
            long pkts = c1.subflow().dataSegmentsSent() + c2.subflow().dataSegmentsSent();
            System.out.printf("pkts %d in %.2f s = %.2f M/s; events %d; goodput %.1f + %.1f Mbit/s; retrans %d %d; pool %d%n",
                    pkts, wall, pkts / wall / 1e6, b.loop.executedEvents(), c1.bytesDelivered() * 8 / 30e6,
                    c2.bytesDelivered() * 8 / 30e6, c1.subflow().retransmits(), c2.subflow().retransmits(),
                    b.pool.allocated());
        }
    }
}
