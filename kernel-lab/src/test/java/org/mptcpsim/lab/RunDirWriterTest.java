package org.mptcpsim.lab;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Converts a committed capture (first second of a real 10+20 Mbit/s host run, every 8th probe record). */
class RunDirWriterTest {
    static final String[] FILES = {"trace.txt", "tc.txt", "client.json", "server.json", "mptcp-monitor.txt", "cpu-start.txt", "cpu-end.txt",
        "delayline-r1.log", "delayline-r2.log", "links-r1.txt", "events.txt", "kernel.txt"};

    static Path sampleRaw(Path dir) throws IOException {
        Path raw = dir.resolve("raw");
        Files.createDirectories(raw);
        for (String f : FILES) {
            try (InputStream in = RunDirWriterTest.class.getResourceAsStream("sample-raw/" + f)) {
                Files.copy(in, raw.resolve(f));
            }
        }
        return raw;
    }

    static LabSpec spec() {
        return new LabSpec("two-paths", LabSpec.Topology.SEPARATE,
                List.of(new LabSpec.Path("p1", 10_000, 1, new LabSpec.Link("wifi", 10_000_000, 150_000)),
                        new LabSpec.Path("p2", 20_000, 1, new LabSpec.Link("lte", 20_000_000, 150_000))),
                null, 1, "cubic", true, 0, 0.1, "test");
    }

    /**
     * The run's achieved rate for the ceiling check. lab-oot-a2-balia run 3 (UML): MPTCP 8.2546 Mbit/s over its 30 s,
     * the competing TCP flow 11.2713 over its 30 s, started 1.19 s later (first records 18.69 s and 19.88 s). Σ goodput
     * = 19.5259 > 1.03 × the 18.76 ceiling, so the run was judged "shaper not in effect"; the bytes, (8.2546 + 11.2713)
     * × 30 / 8 MB, over the common span 30 + 1.19 = 31.19 s give 19.5259 × 30 / 31.19 = 18.781 Mbit/s, the bottleneck's
     * rate. Together (starts within 1 ms), or one connection, or one without records: Σ goodput, as before.
     */
    @Test
    void achievedRateOfConnectionsThatStartApartIsOverTheirCommonSpan() {
        double b1 = 8.2546e6 * 30 / 8, b2 = 11.2713e6 * 30 / 8;
        double apart = RunDirWriter.aggregateMbps(List.of(new double[] {b1, 30, 18.69}, new double[] {b2, 30, 19.88}));
        assertEquals(19.5259 * 30 / 31.19, apart, 1e-9);
        assertEquals(18.781, apart, 5e-4);
        double together = RunDirWriter.aggregateMbps(List.of(new double[] {b1, 30, 18.69}, new double[] {b2, 29.99, 18.6905}));
        assertEquals(8.2546 + 11.2713 * 30 / 29.99, together, 1e-9);
        assertEquals(8.2546, RunDirWriter.aggregateMbps(List.<double[]>of(new double[] {b1, 30, 18.69})), 1e-9);
        assertEquals(19.5259, RunDirWriter.aggregateMbps(List.of(new double[] {b1, 30, 18.69}, new double[] {b2, 30, Double.NaN})), 1e-9);
        assertEquals(0, RunDirWriter.aggregateMbps(List.of()), 0);
    }

    /**
     * The ceiling counts the payload the kernel under test puts in a 1514 B frame: spec() shapes 10 + 20 Mbit/s, so an
     * upstream MPTCP run (no knobs read back) is capped at 30 × 1424 / 1514 = 28.216 Mbit/s (DSS 24 B, as the host's
     * captures show), an out-of-tree one (knobs.txt present) at 30 × 1428 / 1514 = 28.296 (DSS 20 B, its ss mss), and a
     * plain TCP run at 30 × 1448 / 1514 = 28.692. Before, every MPTCP run was judged against 1420 B (28.137).
     */
    @Test
    void theCeilingUsesThePayloadOfTheKernelUnderTest(@TempDir Path dir) throws IOException {
        Path up = dir.resolve("up");
        RunDirWriter.write(spec(), Backend.HOST, sampleRaw(up), up, 1);
        JsonNode c = RunDirWriter.readJson(up.resolve("summary.json")).path("checks");
        assertEquals(1424, c.path("payloadBytes").asInt());
        assertEquals(30 * 1424 / 1514.0, c.path("ceilingMbps").asDouble(), 1e-3);
        Path oot = dir.resolve("oot");
        Path raw = sampleRaw(oot);
        Files.writeString(raw.resolve("knobs.txt"), "sysctl net.mptcp.mptcp_path_manager = fullmesh\n");
        RunDirWriter.write(spec(), Backend.UML, raw, oot, 1);
        JsonNode s = RunDirWriter.readJson(oot.resolve("summary.json"));
        assertEquals("mptcp-v0.95", s.path("kernel").path("flavour").asText());
        assertEquals(1428, s.path("checks").path("payloadBytes").asInt());
        assertEquals(30 * 1428 / 1514.0, s.path("checks").path("ceilingMbps").asDouble(), 1e-3);
        LabSpec tcp = new LabSpec("tcp", LabSpec.Topology.SEPARATE, spec().paths(), null, 1, "cubic", false, 0, 0.1, "test");
        assertEquals(1448, RunDirWriter.payload(tcp, org.mptcpsim.core.Flavour.UPSTREAM));
    }

    @Test
    void writesTheRunDirectoryFormat(@TempDir Path dir) throws IOException {
        Path raw = sampleRaw(dir);
        RunDirWriter.write(spec(), Backend.HOST, raw, dir, 2.5);
        JsonNode s = RunDirWriter.readJson(dir.resolve("summary.json"));
        assertEquals("kernel-host", s.path("source").asText());
        assertEquals("6.18.44-fc-v669", s.path("kernel").path("release").asText());
        JsonNode sfs = s.path("connections").path(0).path("subflows");
        assertEquals(2, sfs.size(), "the control connection's subflows are not data subflows");
        assertEquals("wifi", sfs.path(0).path("path").path(0).asText());
        assertEquals("lte", sfs.path(1).path("path").path(0).asText());
        for (JsonNode sf : sfs) {
            assertTrue(sf.path("goodputMbps").asDouble() > 1, sf.toString());
            assertTrue(sf.path("srttMeanMs").asDouble() >= 20, sf.toString());
        }
        assertEquals(2, s.path("links").size());
        assertEquals(0.0, s.path("checks").path("delayLineDrops").asDouble());

        List<String> sub = Files.readAllLines(dir.resolve("subflows.csv"));
        assertEquals("time_s,connection,subflow,cwnd,ssthresh,srtt_us,bytes_acked,ca_state", sub.get(0));
        assertTrue(sub.get(1).matches("0\\.[0-9]{6},m1,[01],\\d+,\\d+,\\d+,\\d+,(Open|Disorder|CWR|Recovery|Loss)"), sub.get(1));
        long prev = -1;
        for (String l : sub.subList(1, sub.size())) {
            String[] f = l.split(",");
            if (!f[2].equals("0")) continue;
            long acked = Long.parseLong(f[6]);
            assertTrue(acked >= prev, "bytes_acked is cumulative");
            prev = acked;
        }
        assertEquals("time_s,connection,bytes_delivered", Files.readAllLines(dir.resolve("connections.csv")).get(0));
        List<String> q = Files.readAllLines(dir.resolve("queues.csv"));
        assertEquals("time_s,link,qlen_pkts,qlen_bytes,drops,tx_bytes", q.get(0));
        assertTrue(q.stream().anyMatch(l -> l.contains(",lte,")));
    }

    @Test
    void marksARunInvalidWhenTheDelayLineDropped(@TempDir Path dir) throws IOException {
        Path raw = sampleRaw(dir);
        Files.writeString(raw.resolve("delayline-r1.log"), "delayline dl0: forwarded=100 dropped=3\n");
        JsonNode s = RunDirWriter.write(spec(), Backend.HOST, raw, dir, 1);
        assertEquals(false, s.path("valid").asBoolean());
        assertTrue(s.path("invalidReason").asText().startsWith("the delay line dropped packets"));
    }

    @Test
    void marksARunInvalidWhenMptcpFellBackToOneSubflow(@TempDir Path dir) throws IOException {
        // synthetic fallback: no MPTCP token in ip mptcp monitor, only path 1's subflow traced
        Path raw = sampleRaw(dir);
        Files.writeString(raw.resolve("mptcp-monitor.txt"), "");
        List<String> trace = Files.readAllLines(raw.resolve("trace.txt"), java.nio.charset.StandardCharsets.ISO_8859_1);
        Files.write(raw.resolve("trace.txt"), trace.stream().filter(l -> !l.contains("src=10.1.2.2")).toList(), java.nio.charset.StandardCharsets.ISO_8859_1);
        JsonNode s = RunDirWriter.write(spec(), Backend.HOST, raw, dir, 1);
        assertEquals(false, s.path("valid").asBoolean(), s.toString());
        assertEquals(2, s.path("checks").path("configuredSubflows").asInt());
        assertEquals(1, s.path("checks").path("seenSubflows").asInt());
        String why = s.path("invalidReason").asText();
        assertTrue(why.contains("configured 2, seen 1") && why.contains("fell back"), why);
    }

    @Test
    void marksARunInvalidWhenAJoinNeverCarriedData(@TempDir Path dir) throws IOException {
        // four subflows configured on path 1 (3 aliases) but the capture holds two
        LabSpec four = new LabSpec("four", LabSpec.Topology.SEPARATE,
                List.of(new LabSpec.Path("p1", 10_000, 3, new LabSpec.Link("wifi", 10_000_000, 150_000)),
                        new LabSpec.Path("p2", 20_000, 1, new LabSpec.Link("lte", 20_000_000, 150_000))),
                null, 1, "cubic", true, 0, 0.1, "test");
        Path raw = sampleRaw(dir);
        JsonNode s = RunDirWriter.write(four, Backend.HOST, raw, dir, 1);
        assertEquals(false, s.path("valid").asBoolean());
        assertTrue(s.path("invalidReason").asText().contains("configured 4, seen 2"), s.path("invalidReason").asText());
    }

    @Test
    void aFullSetOfSubflowsPassesTheSubflowCheck(@TempDir Path dir) throws IOException {
        JsonNode s = RunDirWriter.write(spec(), Backend.HOST, sampleRaw(dir), dir, 1);
        assertEquals(2, s.path("checks").path("seenSubflows").asInt());
        assertTrue(!s.path("invalidReason").asText().contains("subflows"), s.toString());
    }

    @Test
    void cpuAndTunCountersParse() {
        assertEquals(0.5, Checks.cpuBusy(List.of("cpu  100 0 100 200 0 0 0 0 0 0"), List.of("cpu  150 0 150 300 0 0 0 0 0 0")), 1e-9);
        assertEquals(12, Checks.tunTxDropped(List.of("4: dl0: <POINTOPOINT,UP> mtu 1500", "    link/none ",
                "    RX:  bytes packets errors dropped  missed   mcast", "       81266    9114      0       0       0       0 ",
                "    TX:  bytes packets errors dropped carrier collsns", "       81266    9114      0      12       0       0 ")));
    }
}
