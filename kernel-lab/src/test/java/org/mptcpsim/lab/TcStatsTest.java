package org.mptcpsim.lab;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.List;
import org.junit.jupiter.api.Test;

class TcStatsTest {
    @Test
    void readsTbfBlocksAndSkipsNetemParent() {
        List<TcStats.Sample> s = TcStats.parse(List.of(
                "@@ 3 path1",
                "qdisc tbf 8001: root refcnt 3 rate 10Mbit burst 3027b lat 118ms ",
                " Sent 5860785 bytes 3915 pkt (dropped 7, overlimits 2301 requeues 0) ",
                " backlog 98274b 65p requeues 0",
                "@@ 3 path2",
                "qdisc netem 1: root refcnt 3 limit 100000 delay 20ms",
                " Sent 999 bytes 9 pkt (dropped 0, overlimits 0 requeues 0) ",
                " backlog 0b 0p requeues 0",
                "qdisc tbf 10: parent 1:1 rate 8Mbit burst 3027b lat 50ms ",
                " Sent 11579762 bytes 7700 pkt (dropped 11, overlimits 0 requeues 0) ",
                " backlog 147Kb 99p requeues 0"));
        assertEquals(2, s.size());
        assertEquals(new TcStats.Sample(3, "path1", 5860785, 3915, 7, 98274, 65), s.get(0));
        assertEquals(147 * 1024, s.get(1).backlogBytes());
        assertEquals(11, s.get(1).drops());
        assertEquals(99, s.get(1).backlogPkts());
    }
}
