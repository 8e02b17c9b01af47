package org.mptcpsim.lab;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A lab run killed with SIGTERM midway (iperf3 transferring, tracing on, delay lines up) leaves no
 * namespace, no qdisc, no tracefs instance and no background process behind: HostLab's shutdown
 * hook stops {@code lab.sh run} and its children and runs {@code lab.sh down}. The lab runs in a child
 * JVM ({@link LabMain}) so that the test can signal it. Root, network namespaces and MPTCP only; ~20 s.
 */
@Tag("live-lab")
class LiveSigtermCleanupTest {
    @Test
    void aLabRunKilledWithSigtermLeavesNothingBehind(@TempDir Path dir) throws Exception {
        Preflight.HostFacts f = Preflight.probeHost(Backend.HOST);
        assumeTrue(f.root(), "live-lab skipped: not root");
        assumeTrue(f.netns(), "live-lab skipped: no network namespaces");
        assumeTrue("1".equals(f.mptcpEnabled()), "live-lab skipped: net.mptcp.enabled is not 1");
        assumeTrue(f.missingTools().isEmpty(), "live-lab skipped: missing tools " + f.missingTools());
        Set<String> qdiscsBefore = rootQdiscs();
        Path out = dir.resolve("run");
        Path java = Path.of(System.getProperty("java.home"), "bin", "java");
        Process lab = new ProcessBuilder(java.toString(), "-cp", System.getProperty("java.class.path"), LabMain.class.getName(),
                "--out", out.toString(), "--path", "p1,4Mbit,10ms,60KB", "--path", "p2,8Mbit,20ms,60KB", "--duration", "60")
                .redirectErrorStream(true).redirectOutput(dir.resolve("labmain.log").toFile()).start();
        // LabSpec.uniquePrefix() of the child's first (only) spec
        String prefix = "mlab" + (lab.pid() % 100_000) + "0";
        List<String> namespaces = List.of(prefix + "-cli", prefix + "-srv", prefix + "-rb", prefix + "-r1", prefix + "-r2");
        Set<Long> pids = new TreeSet<>();
        try {
            // wait until the transfer runs: the client's iperf3 is a descendant of the lab JVM
            long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(90);
            while (lab.descendants().noneMatch(LiveSigtermCleanupTest::isIperfClient)) {
                assertTrue(lab.isAlive(), "the lab ended early: " + log(dir));
                assertTrue(System.nanoTime() < deadline, "no iperf3 client after 90 s: " + log(dir));
                Thread.sleep(200);
            }
            Thread.sleep(2000);   // tracing and the tc sampler are running too
            lab.descendants().forEach(h -> pids.add(h.pid()));
            for (String ns : namespaces) {
                pids.addAll(netnsPids(ns));   // iperf3 server, delay lines, mptcp monitor (in the namespaces)
            }
            assertTrue(netnsList().containsAll(List.of(prefix + "-cli", prefix + "-srv", prefix + "-r1", prefix + "-r2")),
                    "the lab is up: " + netnsList());
            assertTrue(pids.size() >= 5, "the run's processes: " + pids);
            lab.destroy();   // SIGTERM
            assertTrue(lab.waitFor(90, TimeUnit.SECONDS), "the lab JVM exits after its cleanup");
        } finally {
            if (lab.isAlive()) {
                lab.destroyForcibly();
            }
        }
        for (String ns : netnsList()) {
            assertFalse(ns.startsWith(prefix + "-"), "namespace left behind: " + ns + " (" + netnsList() + ")");
        }
        // a process killed by the cleanup may take a moment to be reaped; one still there after 5 s is left behind
        List<String> alive = new ArrayList<>();
        for (int i = 0; i < 50; i++) {
            alive.clear();
            for (long pid : pids) {
                ProcessHandle.of(pid).filter(ProcessHandle::isAlive)
                        .ifPresent(h -> alive.add(pid + " " + h.info().commandLine().orElse("?")));
            }
            if (alive.isEmpty()) {
                break;
            }
            Thread.sleep(100);
        }
        assertEquals(List.of(), alive, "background processes left behind");
        try (Stream<ProcessHandle> all = ProcessHandle.allProcesses()) {
            List<String> mentioning = all.map(h -> h.info().commandLine().orElse(""))
                    .filter(c -> c.contains(out.toString()) || c.contains(prefix + "-")).toList();
            assertEquals(List.of(), mentioning, "processes naming the run's directory or namespaces");
        }
        Set<String> qdiscsAfter = rootQdiscs();
        qdiscsAfter.removeAll(qdiscsBefore);
        assertEquals(Set.of(), qdiscsAfter, "qdiscs added in the root namespace");
        // the tbf/netem qdiscs lived on the namespaces' devices, which are gone with them
        for (String ns : namespaces) {
            assertFalse(sh("tc", "-n", ns, "qdisc", "show").exit == 0, "qdiscs of " + ns + " still reachable");
        }
        assertFalse(Files.exists(Path.of("/sys/kernel/tracing/instances", prefix)), "tracefs instance left behind");
    }

    private static boolean isIperfClient(ProcessHandle h) {
        String[] args = h.info().arguments().orElse(new String[0]);
        return h.info().command().orElse("").endsWith("iperf3") && List.of(args).contains("-c");
    }

    private static String log(Path dir) {
        try {
            return Files.readString(dir.resolve("labmain.log"), StandardCharsets.UTF_8);
        } catch (IOException e) {
            return "(no log)";
        }
    }

    private record Out(int exit, String text) {
    }

    private static Out sh(String... cmd) throws IOException, InterruptedException {
        Process p = new ProcessBuilder(cmd).redirectErrorStream(true).start();
        String text = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        return new Out(p.waitFor(), text);
    }

    private static List<String> netnsList() throws IOException, InterruptedException {
        return sh("ip", "netns", "list").text.lines().map(l -> l.split("\\s+")[0]).filter(s -> !s.isEmpty()).toList();
    }

    private static List<Long> netnsPids(String ns) throws IOException, InterruptedException {
        Out o = sh("ip", "netns", "pids", ns);
        return o.exit != 0 ? List.of() : o.text.lines().filter(l -> l.matches("\\d+")).map(Long::parseLong).toList();
    }

    /** The root namespace's qdiscs, one line each without the statistics. */
    private static Set<String> rootQdiscs() throws IOException, InterruptedException {
        return new TreeSet<>(sh("tc", "qdisc", "show").text.lines().toList());
    }
}
