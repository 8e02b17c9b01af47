package org.mptcpsim.sched;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

import org.junit.jupiter.api.Test;
import org.mptcpsim.core.Time;
import org.mptcpsim.tcp.Subflow;
import org.mptcpsim.testnet.HandBuilt;
import org.mptcpsim.testnet.MiniNet;

/** The README's one-method example scheduler, on hand-built subflows and on a small network. */
class LowestRttSchedulerTest {

    @Test
    void lowestSrttWithCwndRoomBackupsIncludedAndTheWindowStillApplies() {
        HandBuilt h = new HandBuilt(new LowestRttScheduler());
        Subflow slow = h.subflow(50, 10, false);
        Subflow fast = h.subflow(10, 10, false);
        assertSame(fast, h.next());
        fast.sk.packetsOut = 10; // cwnd full: the slower one takes the segment (default would too)
        assertSame(slow, h.next());
        slow.sk.packetsOut = 10;
        assertNull(h.next());
        // a faster backup subflow is chosen like any other (the default scheduler would wait)
        Subflow backup = h.subflow(5, 10, true);
        assertSame(backup, h.next());
        // the skeleton's connection-level window test: a zero window sends nothing
        h.establish(0);
        assertNull(h.next());
    }

    @Test
    void transfersAFileInOrderOverTwoPaths() {
        // 2 MB; Wi-Fi 20 Mbit/s RTT 20 ms, LTE 5 Mbit/s RTT 100 ms: Wi-Fi alone carries
        // 20 x 1420/1500 = 18.9 Mbit/s of payload, so the transfer needs about 0.85 s plus slow
        // start; 10 s is ample. LTE gets data whenever Wi-Fi's cwnd is full (from the first
        // window on, as both start with 10 segments).
        MiniNet n = new MiniNet();
        n.startWifiLte(2_000_000, new LowestRttScheduler());
        n.loop.run(Time.s(10));
        assertTrue(n.meta.complete(), "delivered " + n.meta.bytesDelivered());
        assertEquals(2, n.meta.subflowsById().size());
        for (Subflow s : n.meta.subflowsById()) {
            assertTrue(s.dataSegmentsSent() > 0, "subflow " + s.sk.id + " carried nothing");
        }
    }

    @Test
    void theReadmeShowsThisSchedulerVerbatim() throws IOException {
        // surefire runs in the module directory; the README is the project's, one level up
        String readme = Files.readString(Path.of("..", "README.md"));
        String source = Files.readString(Path.of("src/test/java/org/mptcpsim/sched/LowestRttScheduler.java"));
        assertEquals(classBlock(source, ""), classBlock(readme, "  "));
    }

    /** The lines from {@code final class LowestRttScheduler} to its closing brace, indent removed. */
    private static String classBlock(String text, String indent) {
        StringBuilder b = new StringBuilder();
        boolean in = false;
        for (String line : text.split("\n", -1)) {
            if (line.equals(indent + "final class LowestRttScheduler extends SegmentScheduler {")) {
                in = true;
            }
            if (in) {
                b.append(line.length() >= indent.length() ? line.substring(indent.length()) : line).append('\n');
                if (line.equals(indent + "}")) {
                    return b.toString();
                }
            }
        }
        String where = indent.isEmpty() ? "the source" : "README.md";
        throw new AssertionError("no LowestRttScheduler class block in " + where);
    }
}
