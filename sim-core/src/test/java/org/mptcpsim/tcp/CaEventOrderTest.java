package org.mptcpsim.tcp;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.api.Test;
import org.mptcpsim.core.Time;
import org.mptcpsim.net.Route;
import org.mptcpsim.trace.TraceSink;

/** Which CA events the engine raises, and when (tcp_event_data_sent). */
class CaEventOrderTest {
    @Test
    void txStartIsRaisedWhenDataLeavesAnEmptyFlightOnly() {
        // a bulk flow over a clean 10 Mbit/s path never drains its flight after the first segment, so
        // CA_EVENT_TX_START fires exactly once: for the first data segment
        Bench b = new Bench(10_000_000L, Time.ms(10), 100, TraceSink.NONE);
        TcpConfig cfg = TcpConfig.linuxDefaults();
        EventCountingReno cc = new EventCountingReno("counting", CaEvent.TX_START);
        TcpConnection c = new TcpConnection(0, -1, cfg);
        Subflow s = c.openSubflow(b.sim, cc, 1, Route.of(b.fwd), Route.of(b.rev));
        TcpSock sk = s.sk;
        s.connect();
        b.loop.run(Time.s(2));
        assertEquals(1, cc.count);
        // the path goes down: the RTO marks every outstanding segment lost, so in flight = 0 and each
        // retransmission by the timer leaves an empty flight: one event per RTO
        b.fwd.setUp(false);
        b.loop.run(Time.s(4));
        int rtos = sk.icskBackoff;
        b.fwd.setUp(true);
        assertEquals(1 + rtos, cc.count, "backoffs " + rtos);
    }
}
