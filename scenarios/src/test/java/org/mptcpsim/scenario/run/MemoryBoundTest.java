package org.mptcpsim.scenario.run;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import org.junit.jupiter.api.Test;
import org.mptcpsim.scenario.parse.ScenarioLoader;

/**
 * Memory follows the state in flight, not simulated time (issue 10 item 5): the 14-node scenario
 * {@code memory/five-users.yaml} (five two-path MPTCP users, 1 Gbit/s access links with 1000-packet
 * buffers in front of 10 Mbit/s links, 20 s) runs in a forked JVM with {@code -Xmx256m}, and the
 * live heap after 20 s is no larger than after 5 s beyond a small margin.
 */
class MemoryBoundTest {

    @Test
    void fiveUsersRunInA256MbHeapWithoutGrowing() throws Exception {
        Path yaml = Path.of("src", "test", "resources", "memory", "five-users.yaml");
        if (!Files.exists(yaml)) {
            yaml = Path.of("scenarios").resolve(yaml);
        }
        Path out = Files.createTempDirectory(Sim.tempRoot(), "mem-").resolve("run");
        String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        Process p = new ProcessBuilder(java, "-Xmx256m", "-cp", System.getProperty("java.class.path"),
                Child.class.getName(), yaml.toString(), out.toString())
                .redirectErrorStream(true).start();
        String log = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertEquals(0, p.waitFor(), log);
        long at5 = -1;
        long at20 = -1;
        for (String line : log.split("\n")) {
            if (line.startsWith("heap ")) {
                String[] f = line.split(" ");
                if (f[1].equals("5")) {
                    at5 = Long.parseLong(f[2]);
                } else {
                    at20 = Long.parseLong(f[2]);
                }
            }
        }
        assertTrue(at5 > 0 && at20 > 0, log);
        // in flight at any time: at most 10 subflows x the 3 MB receive window (tcp_rmem[2] / 2) of
        // payload as packet objects and per-segment rings, plus the queued packets: a few MB. Growth
        // from 5 s to 20 s (three times the data sent) must stay within that, not scale with it.
        assertTrue(at20 < at5 + 16L * 1024 * 1024, "live heap " + at5 + " B at 5 s, " + at20 + " B at 20 s");
        assertTrue(Files.size(out.resolve("events.csv")) > 0);
    }

    /** The forked run: prints the live heap (after a GC) at 5 s and at the end. */
    public static final class Child {
        public static void main(String[] args) throws IOException {
            ScenarioRunner run = new ScenarioRunner(ScenarioLoader.loadFile(Path.of(args[0]), List.of()));
            boolean[] done5 = {false};
            run.run(Path.of(args[1]), (sim, end) -> {
                if (!done5[0] && sim >= 5_000_000_000_000L) {
                    done5[0] = true;
                    System.out.println("heap 5 " + liveHeap());
                }
            });
            System.out.println("heap 20 " + liveHeap());
        }

        private static long liveHeap() {
            System.gc();
            return ManagementFactory.getMemoryMXBean().getHeapMemoryUsage().getUsed();
        }
    }
}
