package org.mptcpsim.lab;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Runs a 10 s two-path scenario (4 and 8 Mbit/s, RTT 20/40 ms, 60 kB buffers, cubic) on the host kernel.
 * Skipped unless root, network namespaces and net.mptcp.enabled=1 are present. ~15 s.
 */
@Tag("live-lab")
class LiveHostLabTest {
    @Test
    void twoPathsOnTheHostKernel(@TempDir Path dir) throws Exception {
        Preflight.HostFacts f = Preflight.probeHost(Backend.HOST);
        assumeTrue(f.root(), "live-lab skipped: not root");
        assumeTrue(f.netns(), "live-lab skipped: no network namespaces");
        assumeTrue("1".equals(f.mptcpEnabled()), "live-lab skipped: net.mptcp.enabled is not 1");
        assumeTrue(f.availableCc().contains("cubic"), "live-lab skipped: cubic not available");
        LabSpec spec = LabSpec.twoPaths(4_000_000, 10_000, 8_000_000, 20_000, 60_000, 10, "cubic");
        Path summary = new HostLab().run(spec, dir.resolve("run"));
        JsonNode s = RunDirWriter.readJson(summary);
        assertTrue(s.path("valid").asBoolean(), s.toString());
        JsonNode sfs = s.path("connections").path(0).path("subflows");
        assertEquals(2, sfs.size(), s.toString());
        assertTrue(sfs.path(0).path("goodputMbps").asDouble() > 2.5, s.toString());
        assertTrue(sfs.path(1).path("goodputMbps").asDouble() > 5.0, s.toString());
        assertTrue(Files.size(dir.resolve("run/subflows.csv")) > 1000);
        try (var ns = Files.list(Path.of("/run/netns"))) {
            assertTrue(ns.noneMatch(p -> p.getFileName().toString().startsWith(spec.prefix() + "-")), "namespaces left behind");
        }
    }
}
