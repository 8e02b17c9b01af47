package org.mptcpsim.tcp;

import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;
import org.mptcpsim.core.Time;
import org.mptcpsim.trace.TraceSink;

class SingleFlowSmokeTest {
    @Test
    void renoFillsA10MbitLink() {
        // 10 Mbit/s, 10 ms one way: BDP = 10e6 * 0.02 / 8 / 1500 = 16.7 packets; buffer 17 packets
        Bench b = new Bench(10_000_000L, Time.ms(10), 17, TraceSink.NONE);
        TcpConnection c = b.tcp(0, TcpConfig.linuxDefaults(), TraceSink.NONE);
        c.subflow().connect();
        b.loop.run(Time.s(20));
        double mbps = c.bytesDelivered() * 8 / 20e6;
        System.out.printf("goodput %.3f Mbit/s, retrans %d, cwnd %d, ssthresh %d, srtt %d us, events %d%n", mbps,
                c.subflow().retransmits(), c.subflow().sk.sndCwnd, c.subflow().sk.sndSsthresh,
                c.subflow().sk.srttUs >> 3, b.loop.executedEvents());
        assertTrue(mbps > 9.0, "goodput " + mbps);
    }
}
