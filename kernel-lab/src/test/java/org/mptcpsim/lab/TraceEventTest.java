package org.mptcpsim.lab;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNull;

import org.junit.jupiter.api.Test;

class TraceEventTest {
    static String probe(double t, int sport, long una, int cwnd, long ssthresh, long srtt) {
        return String.format(java.util.Locale.ROOT, "       delayline-8175 [000] ..s2. %.6f: tcp_probe: family=AF_INET src=10.1.1.2:%d dest=10.9.0.1:5201 "
                + "mark=0x0 data_len=0 snd_nxt=0x%x snd_una=0x%x snd_cwnd=%d ssthresh=%d snd_wnd=3383296 srtt=%d rcv_wnd=64512 "
                + "sock_cookie=4 skbaddr=00000000b4596cf6 skaddr=00000000d41f0996", t, sport, (una + 5000) & 0xffffffffL, una, cwnd, ssthresh, srtt);
    }

    @Test
    void parsesHostProbeLine() {
        TraceEvent e = TraceEvent.parse("delayline-8175 [000] ..s2. 300.847339: tcp_probe: family=AF_INET src=10.1.1.2:55296 dest=10.9.0.1:5201 "
                + "mark=0x0 data_len=0 snd_nxt=0x468cd402 snd_una=0x468a826a snd_cwnd=107 ssthresh=84 snd_wnd=3383296 srtt=126752 "
                + "rcv_wnd=64512 sock_cookie=4 skbaddr=00000000b4596cf6 skaddr=00000000d41f0996");
        TraceEvent.Probe p = assertInstanceOf(TraceEvent.Probe.class, e);
        assertEquals(300.847339, p.t(), 1e-9);
        assertEquals("10.1.1.2:55296", p.key());
        assertEquals(5201, p.dport());
        assertEquals(0x468a826aL, p.sndUna());
        assertEquals(107, p.cwnd());
        assertEquals(84, p.ssthresh());
        assertEquals(126752, p.srttUs());
    }

    @Test
    void parsesVmProbeLineWithoutSkbFields() {
        TraceEvent e = TraceEvent.parse("<idle>-0 [000] ..s2. 18.965483: tcp_probe: family=AF_INET src=10.1.1.2:47218 dest=10.9.0.1:5201 mark=0x0 "
                + "data_len=0 snd_nxt=0xf422bb6c snd_una=0xf421f39c snd_cwnd=36 ssthresh=30 snd_wnd=1693952 srtt=115079 rcv_wnd=64128 sock_cookie=1002");
        assertEquals(36, assertInstanceOf(TraceEvent.Probe.class, e).cwnd());
    }

    @Test
    void parsesMarkersRetransmitsAndCaState() {
        assertEquals("KLAB tc 7", assertInstanceOf(TraceEvent.Marker.class,
                TraceEvent.parse("bash-4736 [001] ...1. 566.019941: tracing_mark_write: KLAB tc 7")).text());
        TraceEvent.Retransmit r = assertInstanceOf(TraceEvent.Retransmit.class, TraceEvent.parse("dl-4708 [000] ..s2. 567.393877: tcp_retransmit_skb: "
                + "skbaddr=000000004e0ca75e skaddr=000000005d55ac19 family=AF_INET sport=45719 dport=5201 saddr=10.1.2.2 daddr=10.9.0.1 "
                + "saddrv6=::ffff:10.1.2.2 daddrv6=::ffff:10.9.0.1 state=TCP_ESTABLISHED err=0"));
        assertEquals("10.1.2.2:45719", r.key());
        TraceEvent.CongState c = assertInstanceOf(TraceEvent.CongState.class, TraceEvent.parse("dl-4708 [000] ..s2. 567.393846: tcp_cong_state_set: "
                + "family=AF_INET sport=45719 dport=5201 saddr=10.1.2.2 daddr=10.9.0.1 saddrv6=::ffff:10.1.2.2 daddrv6=::ffff:10.9.0.1 cong_state=3"));
        assertEquals("Recovery", TraceEvent.CA_STATES[c.state()]);
    }

    @Test
    void ignoresOtherAndTruncatedLines() {
        assertNull(TraceEvent.parse("# tracer: nop"));
        assertNull(TraceEvent.parse("x-1 [000] ..s2. 1.000000: tcp_probe: family=AF_INET src=10.1.1.2:5 dest=10.9"));
        assertNull(TraceEvent.parse("x-1 [000] ..s2. 1.000000: sched_switch: prev_comm=a"));
    }

    @Test
    void sndUnaWrapsModulo2To32() {
        assertEquals(0x20L, TraceEvent.ackedDelta(0xfffffff0L, 0x10L));
        RunDirWriter.SubflowTrace s = new RunDirWriter.SubflowTrace("10.1.1.2:1", "10.1.1.2", 5201);
        s.add((TraceEvent.Probe) TraceEvent.parse(probe(1.0, 1, 0xffffff00L, 10, 2147483647L, 40000)));
        s.add((TraceEvent.Probe) TraceEvent.parse(probe(1.1, 1, 0x00000100L, 12, 2147483647L, 40000)));
        s.add((TraceEvent.Probe) TraceEvent.parse(probe(1.2, 1, 0x00000300L, 6, 6, 41000)));
        assertEquals(0x400L, s.cum);
        assertEquals(1, s.ssthreshReductions);
        assertEquals(1, s.at(1.15));
        assertEquals(-1, s.at(0.5));
    }
}
