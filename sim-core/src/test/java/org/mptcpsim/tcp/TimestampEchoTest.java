package org.mptcpsim.tcp;

import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;
import org.mptcpsim.core.Time;
import org.mptcpsim.trace.TraceSink;

/**
 * Kernel quirk reproduced: the sender stores the SYN/ACK's timestamp as {@code ts_recent}
 * ({@code tcp_rcv_synsent_state_process} calls {@code tcp_store_ts_recent}), so the segments of the first flight
 * already echo it and the receiver's {@code tcp_rcv_rtt_measure_ts} takes its first RTT sample from the first full
 * segment, one RTT before any ACK of data has come back. The receive-buffer autotuning ({@link RcvBuffer#onCopied})
 * runs on that estimate, so its first adjustment is an RTT earlier than with a first flight that echoes nothing.
 */
class TimestampEchoTest {
    @Test
    void theFirstFlightEchoesTheSynAckSoTheReceiverHasAnRttSampleFromItsFirstSegment() {
        // 10 Mbit/s, 10 ms each way: the SYN/ACK leaves the receiver at about 10 ms, the first data segment arrives
        // one RTT later plus its serialisation (1500 B at 10 Mbit/s = 1.2 ms): about 31.2 ms. At 32 ms no ACK of data
        // has reached the sender (the first one arrives after 41 ms), so only the echoed SYN/ACK timestamp can have
        // given the receiver a sample: 31 - 10 = 21 ms on the 1 ms timestamp clock, i.e. within [20, 22] ms.
        Bench b = new Bench(10_000_000L, Time.ms(10), 100, TraceSink.NONE);
        TcpConnection c = b.tcp(0, TcpConfig.linuxDefaults(), TraceSink.NONE);
        c.subflow().connect();
        b.loop.run(Time.ms(32));
        SubflowReceiver r = (SubflowReceiver) c.subflow().peer();
        long rttUs = r.rcvRttUs8() >> 3;
        assertTrue(rttUs >= 20_000 && rttUs <= 22_000, "receiver RTT estimate after the first segment: " + rttUs + " us");
    }
}
