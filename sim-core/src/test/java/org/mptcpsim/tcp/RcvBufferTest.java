package org.mptcpsim.tcp;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.api.Test;
import org.mptcpsim.core.Flavour;

/**
 * Receive-buffer autotuning, each value worked by hand through the kernel code (4.19
 * {@code tcp_input.c}/{@code tcp_output.c}, v0.95 {@code mptcp_ctrl.c}/{@code mptcp_output.c}).
 * tcp_rmem = 4096 131072 6291456 unless said; tcp_adv_win_scale = 1 (window = half the space).
 */
class RcvBufferTest {
    private static final long MS = 1_000_000_000L; // ps
    /** rcv_rtt_est.rtt_us of 100 ms, scaled by 8. */
    private static final RcvBuffer.RttSource RTT_100MS = () -> 800_000L;

    private static RcvBuffer tcp(TcpConfig.Builder b) {
        RcvBuffer buf = new RcvBuffer(b.build(), false);
        buf.addSubflow(RTT_100MS, 0);
        return buf;
    }

    @Test
    void initialBufferIsTcpRmem1WithOneSegmentReserved() {
        // advmss 1428 (MPTCP subflow, DSS option 20 B as in the lab scenarios and its ss): tcp_full_space = 131072 - 65536 = 65536;
        // window_clamp = 65536 - advmss = 64108 ("force reservation of one segment"); rcv_wnd =
        // rounddown(65536, 1428) = 45 x 1428 = 64260; rcv_ssthresh = min(64260, 64108) = 64108 and
        // rcvq_space.space = min3(64108, 64260, 10 x 1428) = 14280: ss's "rcv_space:14280 rcv_ssthresh:64108"
        RcvBuffer b = new RcvBuffer(TcpConfig.builder().mptcp(true).dssBytes(20).build(), false);
        b.addSubflow(RTT_100MS, 0);
        assertEquals(131072, b.rcvbuf());
        assertEquals(64108, b.windowClamp());
        assertEquals(64108, b.rcvSsthresh());
        assertEquals(14280, b.space());
        // __tcp_select_window: free 65536 > rcv_ssthresh 64108; wscale 7 (6291456 >> 7 = 49152 <= 65535),
        // rounded up to 128: 501 x 128 = 64128 B = 44 segments of 1428 (44.9)
        assertEquals(44, b.windowSegments(0));
    }

    @Test
    void metaAddsEverySubflowsBuffer() {
        // mptcp_init_buffer_space: the master's values, then + the second subflow's: rcvbuf 262144,
        // window_clamp and rcv_ssthresh 2 x 64108 = 128216; the meta's rcvq_space.space = its rcv_wnd 64260.
        // Window: free 131072 capped at 128216, rounded up to 1002 x 128 = 128256 B = 89 segments (89.8):
        // the kernel's 89 segments in flight on the 100 ms subflow (README, OOT-F1)
        RcvBuffer b = new RcvBuffer(TcpConfig.builder().mptcp(true).dssBytes(20).build(), true);
        b.addSubflow(RTT_100MS, 0);
        b.addSubflow(RTT_100MS, 0);
        assertEquals(262144, b.rcvbuf());
        assertEquals(128216, b.windowClamp());
        assertEquals(128216, b.rcvSsthresh());
        assertEquals(64260, b.space());
        assertEquals(89, b.windowSegments(0));
        // out-of-order data: tcp_space = (262144 - 2 x 10 x 1428) / 2 = 116792 < 128216:
        // rounded up to 913 x 128 = 116864 = 81 segments (81.8)
        assertEquals(81, b.windowSegments(10L * 1428));
    }

    @Test
    void oneSegmentPerFastRttNeverGrowsTheMetaBuffer() {
        // OOT-F1: the redundant scheduler delivers 1428 B per 20 ms; per 100 ms receiver RTT
        // (mptcp_check_rtt: the largest) 5 x 1428 = 7140 B <= rcvq_space.space 64260: new measure, no growth
        RcvBuffer b = new RcvBuffer(TcpConfig.builder().mptcp(true).dssBytes(20).build(), true);
        b.addSubflow(RTT_100MS, 0);
        b.addSubflow(() -> 160_000L, 0);
        for (long t = 20; t <= 10_000; t += 20) {
            b.onCopied(1428, t * MS);
            b.grow(1428, 0);
        }
        assertEquals(262144, b.rcvbuf());
        assertEquals(64260, b.space());
        assertEquals(89, b.windowSegments(0));
    }

    @Test
    void bufferGrowsOncePerRttWithSlowStart() {
        // plain TCP, advmss 1448: rcvq_space.space = 10 x 1448 = 14480, window_clamp 65536 - 1448 = 64088.
        // rcvmem = SKB_TRUESIZE(1448 + MAX_TCP_HEADER) = 1448 + 896 = 2344, + 128 until half of it >= 1448: 2984
        assertEquals(2984, RcvBuffer.rcvmem(1448));
        RcvBuffer b = tcp(TcpConfig.builder());
        b.onCopied(14480, 50 * MS);      // 50 ms < rtt_us >> 3 = 100 ms: nothing yet
        b.onCopied(0, 100 * MS);         // first RTT: copied 14480 <= space 14480: new measure only
        assertEquals(131072, b.rcvbuf());
        assertEquals(14480, b.space());
        b.onCopied(28960, 199 * MS);     // 99 ms into the measure: not yet
        b.onCopied(0, 200 * MS);
        // copied 28960: rcvwin = 2 x 28960 + 16 x 1448 = 81088; grow = 81088 x (28960 - 14480) / 14480 = 81088;
        // rcvwin += 2 x 81088 -> 243264 = 168 x 1448; rcvbuf = 168 x 2984 = 501312; clamp = 250656
        assertEquals(501312, b.rcvbuf());
        assertEquals(250656, b.windowClamp());
        assertEquals(28960, b.space());
        // rcv_ssthresh is still 64088: 44 segments, until tcp_grow_window adds 2 x 1448 per segment:
        // (250656 - 64088) / 2896 = 64.4, so 65 segments reach the clamp: roundup(250656, 128) = 250752 = 173 segs
        assertEquals(44, b.windowSegments(0));
        for (int i = 0; i < 64; i++) {
            b.grow(1448, 0);
        }
        assertEquals(64088 + 64 * 2896, b.rcvSsthresh());
        b.grow(1448, 0);
        b.grow(1448, 0);
        assertEquals(250656, b.rcvSsthresh());
        assertEquals(173, b.windowSegments(0));
        b.grow(100, 0);                  // below 128 B: tcp_event_data_recv does not call tcp_grow_window
        assertEquals(250656, b.rcvSsthresh());
    }

    @Test
    void upstreamSpaceFromWindowAndTheLimits() {
        // 6.x: rcvbuf = tcp_space_from_win(rcvwin) = 2 x 243264 = 486528 (scaling_ratio 50 %)
        RcvBuffer up = tcp(TcpConfig.builder().flavour(Flavour.UPSTREAM));
        up.onCopied(14480, 100 * MS);
        up.onCopied(28960, 200 * MS);
        assertEquals(486528, up.rcvbuf());
        // tcp_rmem[2] = 262144 caps the same step: rcvbuf 262144, clamp 131072
        RcvBuffer capped = tcp(TcpConfig.builder().rcvBufBytes(262144));
        capped.onCopied(14480, 100 * MS);
        capped.onCopied(28960, 200 * MS);
        assertEquals(262144, capped.rcvbuf());
        assertEquals(131072, capped.windowClamp());
        // tcp_moderate_rcvbuf = 0: the buffer stays at tcp_rmem[1], the measure still advances
        RcvBuffer fixed = tcp(TcpConfig.builder().moderateRcvbuf(false));
        fixed.onCopied(14480, 100 * MS);
        fixed.onCopied(28960, 200 * MS);
        assertEquals(131072, fixed.rcvbuf());
        assertEquals(28960, fixed.space());
        // tcp_rmem[1] = 262144: full space 131072, clamp 131072 - 1448 = 129624, rcv_wnd capped at 65535
        // (no window scaling on the SYN): rcv_ssthresh = 65535, space = 14480
        RcvBuffer big = tcp(TcpConfig.builder().rcvBufInitBytes(262144));
        assertEquals(129624, big.windowClamp());
        assertEquals(65535, big.rcvSsthresh());
        assertEquals(14480, big.space());
    }
}
