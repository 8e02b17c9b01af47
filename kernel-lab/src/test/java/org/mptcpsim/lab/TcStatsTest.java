package org.mptcpsim.lab;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

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

    /**
     * qstat's lines (captured from the lab's lab-oot-a4-default run on the out-of-tree UML kernel, raw/tc.txt): each
     * line is one reading, its own CLOCK_MONOTONIC time; the counters are tc's (Sent bytes/pkt, dropped, backlog b/p).
     */
    @Test
    void readsQstatLinesWithTheirOwnTime() {
        List<TcStats.Sample> s = TcStats.parse(List.of(
                " 15.410242: qdisc: id=path1 kind=tbf sent_bytes=76000 sent_pkts=69 drops=11 backlog_bytes=24224 backlog_pkts=16",
                " 15.410538: qdisc: id=path2 kind=tbf sent_bytes=710 sent_pkts=9 drops=0 backlog_bytes=0 backlog_pkts=0",
                " 15.5: qdisc: id=path1 kind=netem sent_bytes=1 sent_pkts=1 drops=0 backlog_bytes=0 backlog_pkts=0"));
        assertEquals(2, s.size());
        assertEquals(new TcStats.Sample(-1, "path1", 76000, 69, 11, 24224, 16, 15.410242), s.get(0));
        assertEquals(15.410538, s.get(1).timeS(), 1e-9);
        // a tc block's sample has no time of its own (its marker's); records compare NaN as equal
        assertTrue(Double.isNaN(TcStats.parse(List.of("@@ 0 path1", "qdisc tbf 1: root", " Sent 1 bytes 1 pkt (dropped 0, overlimits 0 requeues 0) ",
                " backlog 0b 0p requeues 0")).get(0).timeS()));
    }

    /** A truncated qstat line (the sampler killed mid-write) names the missing field. */
    @Test
    void aQstatLineWithoutACounterIsAnError() {
        IllegalArgumentException e = org.junit.jupiter.api.Assertions.assertThrows(IllegalArgumentException.class,
                () -> TcStats.parse(List.of(" 15.41: qdisc: id=path1 kind=tbf sent_bytes=76000 sent_pkts=69 drops=11")));
        assertTrue(e.getMessage().contains("backlog_bytes"), e.getMessage());
    }

    /**
     * QueueSeries on qstat lines: time = the line's stamp minus the "KLAB start" marker's (14.815172, same clock), so the
     * readings at 14.710 and 15.410 are the 0.0 and 0.6 s rows of queues.csv (sample-and-hold: 0.0 holds the reading at
     * -0.105 s; 0.1..0.5 hold it too, 0.6 the one at 0.595 s).
     */
    @Test
    void queueSeriesTimesQstatLinesOnTheTraceClock(@org.junit.jupiter.api.io.TempDir java.nio.file.Path raw) throws Exception {
        java.nio.file.Files.writeString(raw.resolve("trace.txt"), "            bash-486   [000] ....    14.815172: tracing_mark_write: KLAB start\n");
        java.nio.file.Files.writeString(raw.resolve("tc.txt"), String.join("\n",
                " 14.710202: qdisc: id=path1 kind=tbf sent_bytes=406 sent_pkts=5 drops=0 backlog_bytes=0 backlog_pkts=0",
                " 14.710415: qdisc: id=path2 kind=tbf sent_bytes=496 sent_pkts=6 drops=0 backlog_bytes=0 backlog_pkts=0",
                " 15.410242: qdisc: id=path1 kind=tbf sent_bytes=76000 sent_pkts=69 drops=11 backlog_bytes=24224 backlog_pkts=16",
                " 15.410538: qdisc: id=path2 kind=tbf sent_bytes=710 sent_pkts=9 drops=0 backlog_bytes=0 backlog_pkts=0") + "\n");
        LabSpec spec = LabSpec.twoPaths(10_000_000, 10_000, 20_000_000, 50_000, 30_000, 1, "lia");
        QueueSeries q = QueueSeries.read(spec, raw, TraceCapture.read(raw));
        java.nio.file.Path csv = raw.resolve("queues.csv");
        q.writeCsv(csv, 0.1, 6);
        List<String> lines = java.nio.file.Files.readAllLines(csv);
        assertEquals("0.000000,p1,0,0,0,406", lines.get(1));
        assertEquals("0.500000,p1,0,0,0,406", lines.get(11));
        assertEquals("0.600000,p1,16,24224,11,76000", lines.get(13));
        assertEquals("0.600000,p2,0,0,0,710", lines.get(14));
    }
}
