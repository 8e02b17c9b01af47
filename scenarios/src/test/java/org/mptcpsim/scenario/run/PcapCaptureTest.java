package org.mptcpsim.scenario.run;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;
import org.mptcpsim.scenario.model.Scenario;
import org.mptcpsim.scenario.parse.ScenarioLoader;

/** {@code run --pcap LINK}: what a capture of a simulated link holds (docs/outputs.md, "Packet captures"). */
class PcapCaptureTest {
    /** Two Reno flows from two hosts through one 20 Mbit/s tbf (lab-two-reno-access), 8 s. */
    static Scenario twoFlows(String... sets) {
        List<String> all = new ArrayList<>(List.of(sets));
        all.add("duration=8s");
        return ScenarioLoader.loadFile(Sim.examples().resolve("lab/lab-two-reno-access.yaml"), all);
    }

    static RunResult run(Scenario sc, List<String> links) throws IOException {
        Path dir = Files.createTempDirectory(Sim.tempRoot(), "pcap-").resolve("run");
        return new ScenarioRunner(sc).capture(links).run(dir, ScenarioRunner.Progress.NONE);
    }

    /** One record: time (ns), the IPv4 header and TCP header fields the tests read. */
    record Rec(long ns, int caplen, int len, byte[] ip) {
        int src() { return ByteBuffer.wrap(ip, 12, 4).getInt(); }
        int srcPort() { return ((ip[20] & 0xff) << 8) | (ip[21] & 0xff); }
        int payload() { return len - 20 - ((ip[32] & 0xf0) >> 2); }
        long seq() { return ByteBuffer.wrap(ip, 24, 4).getInt() & 0xffffffffL; }
        int flags() { return ip[33] & 0xff; }
    }

    static List<Rec> read(Path pcap) throws IOException {
        ByteBuffer b = ByteBuffer.wrap(Files.readAllBytes(pcap)).order(ByteOrder.LITTLE_ENDIAN);
        assertEquals(0xa1b23c4d, b.getInt(), "nanosecond pcap magic");
        assertEquals(2, b.getShort());
        assertEquals(4, b.getShort());
        b.getInt();
        b.getInt();
        assertEquals(128, b.getInt(), "snaplen");
        assertEquals(101, b.getInt(), "LINKTYPE_RAW");
        List<Rec> out = new ArrayList<>();
        while (b.hasRemaining()) {
            long ns = (b.getInt() & 0xffffffffL) * 1_000_000_000L + b.getInt();
            int cap = b.getInt();
            int len = b.getInt();
            byte[] ip = new byte[cap];
            b.get(ip);
            out.add(new Rec(ns, cap, len, ip));
        }
        return out;
    }

    @Test
    void theBottleneckCaptureHoldsEveryDataSegmentItDeliveredInTimeOrderWithValidHeaders() throws IOException {
        RunResult r = run(twoFlows(), List.of("bn"));
        List<Rec> recs = read(r.dir().resolve("pcap/bn.pcap"));
        long prev = 0;
        long data = 0;
        Map<Integer, Long> bytesByPort = new HashMap<>();
        for (Rec x : recs) {
            assertTrue(x.ns() >= prev, "records in time order");
            prev = x.ns();
            assertEquals(0x45, x.ip()[0] & 0xff);
            assertEquals(0, ipChecksum(x.ip()), "IPv4 header checksum");
            assertTrue(x.caplen() <= 128 && x.caplen() <= x.len());
            if (x.caplen() == x.len()) {   // a whole segment (SYN, ACK): its TCP checksum verifies
                assertEquals(0, tcpChecksum(x.ip()), "TCP checksum of a header-only segment");
            }
            if ((x.flags() & 0x02) != 0) { // tcp_advertise_mss: MTU 1500 - IPv4 20 - TCP 20, as Linux's SYNs say
                assertEquals(1460, ((x.ip()[42] & 0xff) << 8) | (x.ip()[43] & 0xff), "the SYN's MSS option");
            }
            if (x.payload() > 0) {
                data++;
                assertEquals(5201, ((x.ip()[22] & 0xff) << 8) | (x.ip()[23] & 0xff), "data goes to the server's port");
                bytesByPort.merge(x.srcPort(), (long) x.payload(), Long::sum);
            }
        }
        // Every data segment of both flows crosses bn and is dropped nowhere else (1 Gbit/s access links with
        // 1000-packet buffers): the capture at bn's far end holds the segments sent minus bn's drops minus those
        // still before bn's far end when the run stops, at most the two windows (each at most its share of the
        // pipe plus the 59-packet buffer, BDP 59 packets: 2 x 118).
        long drops = r.links().stream().filter(l -> l.id().equals("bn")).mapToLong(RunResult.LinkStats::drops).sum();
        long notYet = r.dataPackets() - drops - data;
        assertTrue(notYet >= 0 && notYet <= 2 * 118, "data segments delivered by bn: " + data + " of " + r.dataPackets()
                + " sent, " + drops + " dropped there");
        // Each byte bn delivered is delivered to the application, or a second copy (a retransmission, counted in the
        // subflow's retransmits), or held out of order by the receiver when the run stops (at most a window, 118
        // segments per flow as above): delivered <= captured <= delivered + (retransmits + 2 x 118) x MSS 1448.
        assertEquals(2, bytesByPort.size());
        long captured = bytesByPort.values().stream().mapToLong(Long::longValue).sum();
        long delivered = r.connections().stream().mapToLong(RunResult.Connection::bytesDelivered).sum();
        long rtx = r.connections().stream().flatMap(c -> c.subflows().stream()).mapToLong(RunResult.SubflowStats::retransmits).sum();
        assertTrue(captured >= delivered && captured <= delivered + (rtx + 2 * 118) * 1448, captured + " vs " + delivered + ", " + rtx + " retransmits");
        Sim.deleteRun(r);
    }

    /**
     * IP ids tie one packet's records in two captures together: every data segment h1 sent that bn delivered has the
     * id it had on a1 (the capture at a1's far end is bn's input), while a retransmission (a sequence number seen
     * again on a1) gets another id than the first copy. Ids are not all 0: a 16-bit mix over thousands of segments
     * takes thousands of distinct values.
     */
    @Test
    void aPacketKeepsItsIpIdAcrossCapturesAndARetransmissionGetsAnother() throws IOException {
        RunResult r = run(twoFlows(), List.of("a1", "bn"));
        Map<Long, List<Integer>> idsBySeqOnA1 = new HashMap<>();
        int h1 = 0;
        for (Rec x : read(r.dir().resolve("pcap/a1.pcap"))) {
            if (x.payload() > 0) {
                h1 = x.src();
                idsBySeqOnA1.computeIfAbsent(x.seq(), k -> new ArrayList<>()).add(ipId(x));
            }
        }
        int matched = 0;
        java.util.Set<Integer> distinct = new java.util.HashSet<>();
        for (Rec x : read(r.dir().resolve("pcap/bn.pcap"))) {
            if (x.payload() > 0 && x.src() == h1) {
                List<Integer> onA1 = idsBySeqOnA1.get(x.seq());
                assertTrue(onA1 != null && onA1.contains(ipId(x)), "segment " + x.seq() + " id " + ipId(x) + " vs a1's " + onA1);
                matched++;
                distinct.add(ipId(x));
            }
        }
        assertTrue(matched > 1000 && distinct.size() > 1000, matched + " segments, " + distinct.size() + " ids");
        long resent = idsBySeqOnA1.values().stream().filter(l -> l.size() > 1).count();
        assertTrue(resent > 0, "the run retransmits");
        for (List<Integer> l : idsBySeqOnA1.values()) {
            if (l.size() > 1) {
                assertTrue(new java.util.HashSet<>(l).size() > 1, "a retransmission has its own id: " + l);
            }
        }
        Sim.deleteRun(r);
    }

    private static int ipId(Rec x) {
        return ((x.ip()[4] & 0xff) << 8) | (x.ip()[5] & 0xff);
    }

    @Test
    void theCaptureIsDeterministicAndDoesNotChangeTheRun() throws IOException {
        RunResult a = run(twoFlows(), List.of("bn", "a1"));
        RunResult b = run(twoFlows(), List.of("bn", "a1"));
        RunResult none = Sim.run(twoFlows());
        RunResult other = run(twoFlows("seed=2"), List.of("bn"));
        assertArrayEquals(Files.readAllBytes(a.dir().resolve("pcap/bn.pcap")), Files.readAllBytes(b.dir().resolve("pcap/bn.pcap")));
        assertArrayEquals(Files.readAllBytes(a.dir().resolve("pcap/a1.pcap")), Files.readAllBytes(b.dir().resolve("pcap/a1.pcap")));
        assertFalse(java.util.Arrays.equals(Files.readAllBytes(a.dir().resolve("pcap/bn.pcap")),
                Files.readAllBytes(other.dir().resolve("pcap/bn.pcap"))), "another seed, another capture");
        for (String f : List.of("subflows.csv", "connections.csv", "queues.csv", "events.csv")) {
            assertArrayEquals(Files.readAllBytes(none.dir().resolve(f)), Files.readAllBytes(a.dir().resolve(f)), f + " with a capture");
        }
        assertFalse(Files.exists(none.dir().resolve("pcap")), "no capture unless asked");
        for (RunResult x : List.of(a, b, none, other)) {
            Sim.deleteRun(x);
        }
    }

    @Test
    void mptcpSubflowsCarryTheirSequenceFromOneADssMappingAndAJoinTokenOfTheServersKey() throws IOException {
        // two-paths.yaml: one MPTCP connection over wifi and lte; the wifi capture's first data segment starts at
        // relative sequence number 1 (ISN + 1, after the SYN) and carries a DSS option (kind 30, subtype 2).
        Scenario sc = ScenarioLoader.loadFile(Sim.examples().resolve("two-paths.yaml"), List.of("duration=2s"));
        RunResult r = run(sc, List.of("wifi", "lte"));
        List<Rec> recs = read(r.dir().resolve("pcap/wifi.pcap"));
        Rec syn = recs.stream().filter(x -> x.flags() == 0x02).findFirst().orElseThrow();
        Rec first = recs.stream().filter(x -> x.payload() > 0).findFirst().orElseThrow();
        assertEquals((syn.seq() + 1) & 0xffffffffL, first.seq(), "first data byte = ISN + 1");
        int hdr = (first.ip()[32] & 0xf0) >> 2;
        boolean dss = false;
        for (int o = 40; o < 20 + hdr; ) {
            int kind = first.ip()[o] & 0xff;
            if (kind == 1) {
                o++;
                continue;
            }
            dss |= kind == 30 && (first.ip()[o + 2] & 0xf0) == 0x20;
            o += first.ip()[o + 1] & 0xff;
        }
        assertTrue(dss, "MPTCP DSS option on a data segment");
        // The join over lte names the connection as Wireshark and the kernel do: its SYN's MP_JOIN token is the top
        // 32 bits of SHA-1 of the key the server sent in its MP_CAPABLE SYN/ACK (RFC 6824, the out-of-tree flavour).
        Rec synAck = recs.stream().filter(x -> x.flags() == 0x12).findFirst().orElseThrow();
        byte[] cap = option(synAck, 30);
        assertEquals(0, (cap[2] & 0xf0) >> 4, "MP_CAPABLE");
        long serverKey = ByteBuffer.wrap(cap, 4, 8).getLong();
        List<Rec> lte = read(r.dir().resolve("pcap/lte.pcap"));
        byte[] join = option(lte.stream().filter(x -> x.flags() == 0x02).findFirst().orElseThrow(), 30);
        assertEquals(1, (join[2] & 0xf0) >> 4, "MP_JOIN");
        assertEquals(ByteBuffer.wrap(keyHash("SHA-1", serverKey), 0, 4).getInt(), ByteBuffer.wrap(join, 4, 4).getInt(),
                "token = SHA-1(server key)[0..4]");
        Sim.deleteRun(r);
    }

    /**
     * The handshake as Linux sends it (tcp_rcv_synsent_state_process -> tcp_send_ack): SYN, SYN/ACK, then a pure ACK of
     * the SYN/ACK (no payload, seq = ISN + 1, ack = the server's ISN + 1) before the first data segment. On the
     * initial MPTCP subflow that third ACK carries MP_CAPABLE with both keys (RFC 6824 3.1: 20 bytes, the sender's key
     * first, the one its SYN carried, then the one the SYN/ACK carried); on a join the third ACK carries MP_JOIN with
     * the 160-bit HMAC (24 bytes) and the fourth ACK comes back before data.
     */
    @Test
    void theThirdAckOfTheHandshakeComesBeforeTheDataAndCarriesBothKeys() throws IOException {
        RunResult tcp = run(twoFlows(), List.of("a1"));
        List<Rec> a1 = read(tcp.dir().resolve("pcap/a1.pcap"));
        assertEquals(List.of(0x02, 0x12, 0x10), a1.subList(0, 3).stream().map(Rec::flags).toList(), "SYN, SYN/ACK, ACK");
        Rec synAck = a1.get(1);
        Rec third = a1.get(2);
        assertEquals(0, third.payload(), "a pure ACK");
        assertEquals((a1.get(0).seq() + 1) & 0xffffffffL, third.seq());
        assertEquals((synAck.seq() + 1) & 0xffffffffL, ByteBuffer.wrap(third.ip(), 28, 4).getInt() & 0xffffffffL,
                "it acknowledges the SYN/ACK");
        assertTrue(a1.get(3).payload() > 0, "then data");
        Sim.deleteRun(tcp);

        Scenario sc = ScenarioLoader.loadFile(Sim.examples().resolve("two-paths.yaml"), List.of("duration=2s"));
        RunResult r = run(sc, List.of("wifi", "lte"));
        List<Rec> wifi = read(r.dir().resolve("pcap/wifi.pcap"));
        assertEquals(List.of(0x02, 0x12, 0x10), wifi.subList(0, 3).stream().map(Rec::flags).toList());
        byte[] keys = option(wifi.get(2), 30);
        assertEquals(20, keys.length, "MP_CAPABLE with two keys");
        assertEquals(0, (keys[2] & 0xf0) >> 4, "MP_CAPABLE");
        assertArrayEquals(java.util.Arrays.copyOfRange(option(wifi.get(0), 30), 4, 12),
                java.util.Arrays.copyOfRange(keys, 4, 12), "the client's key, as its SYN sent it");
        assertArrayEquals(java.util.Arrays.copyOfRange(option(wifi.get(1), 30), 4, 12),
                java.util.Arrays.copyOfRange(keys, 12, 20), "the server's key, as its SYN/ACK sent it");
        List<Rec> lte = read(r.dir().resolve("pcap/lte.pcap"));
        List<Rec> handshake = lte.stream().filter(x -> x.payload() == 0).limit(4).toList();
        assertEquals(List.of(0x02, 0x12, 0x10, 0x10), handshake.stream().map(Rec::flags).toList(), "a join: four packets");
        byte[] join = option(handshake.get(2), 30);
        assertEquals(24, join.length, "MP_JOIN's third ACK: the 160-bit HMAC");
        assertEquals(1, (join[2] & 0xf0) >> 4, "MP_JOIN");
        // timestamps (RFC 7323 4.3, tcp_store_ts_recent): the fourth ACK echoes the third's TSval, and the join's first
        // data segment the fourth ACK's
        assertEquals(tsVal(handshake.get(2)), tsEcr(handshake.get(3)), "the fourth ACK echoes the third ACK");
        Rec firstData = lte.stream().filter(x -> x.payload() > 0).findFirst().orElseThrow();
        assertEquals(tsVal(handshake.get(3)), tsEcr(firstData), "the first data segment echoes the fourth ACK");
        // RFC 7323 2.2: a SYN's and a SYN/ACK's window is not scaled, every later one is in units of 2^7. wifi's
        // SYN/ACK: tcp_rmem[1] 131072 gives window 65536, rcv_ssthresh min(45 x 1428, 65536 - 1428) = 64108, rounded up
        // to the scale's 128: 64128, whole segments of the payload 1428: 44 x 1428 = 62832 (RcvBuffer). The join's
        // SYN/ACK advertises the connection's window, to which mptcp_init_buffer_space added the join's 131072 bytes:
        // above 16 bits, so the unscaled field holds its most, 65535.
        assertEquals(62832, window(wifi.get(1)), "unscaled SYN/ACK window of the initial subflow");
        assertEquals(65535, window(handshake.get(1)), "unscaled SYN/ACK window of the join");
        assertEquals(62832 >> 7, window(wifi.stream().filter(x -> x.srcPort() == 5201).skip(1).findFirst().orElseThrow()),
                "the server's next segment: the same 44 segments (rcv_ssthresh cannot pass the window clamp 64108 until the"
                        + " buffer autotunes, a receiver RTT later) in units of 128: 62832 >> 7 = 490");
        Sim.deleteRun(r);
    }

    /** The TCP header's window field, as written (not scaled). */
    private static int window(Rec x) {
        return ((x.ip()[34] & 0xff) << 8) | (x.ip()[35] & 0xff);
    }

    private static long tsVal(Rec x) {
        return ByteBuffer.wrap(option(x, 8), 2, 4).getInt() & 0xffffffffL;
    }

    private static long tsEcr(Rec x) {
        return ByteBuffer.wrap(option(x, 8), 6, 4).getInt() & 0xffffffffL;
    }

    /** The first TCP option of {@code kind} in a record, from its kind byte on. */
    private static byte[] option(Rec x, int kind) {
        int end = 20 + ((x.ip()[32] & 0xf0) >> 2);
        for (int o = 40; o < end; ) {
            int k = x.ip()[o] & 0xff;
            if (k == 1) {
                o++;
                continue;
            }
            int len = x.ip()[o + 1] & 0xff;
            if (k == kind) {
                return java.util.Arrays.copyOfRange(x.ip(), o, o + len);
            }
            o += len;
        }
        throw new AssertionError("no option " + kind);
    }

    @Test
    void aCaptureThatWouldExceedTheOutputBudgetStopsTheRunAndLeavesNothing() throws IOException {
        // 8 s of two flows at 20 Mbit/s: ~13 000 data segments and ~7 000 ACKs on bn, 68-80 bytes per record, about
        // 1.5 MB of capture; the run's own files are ~0.2 MB. A budget of 1 MB passes the check before the run (the
        // estimate has no captures) and is crossed by the capture alone.
        Path parent = Files.createTempDirectory(Sim.tempRoot(), "pcap-budget-");
        Path out = parent.resolve("run");
        org.mptcpsim.scenario.model.ScenarioException e = assertThrows(org.mptcpsim.scenario.model.ScenarioException.class,
                () -> new ScenarioRunner(twoFlows()).budget(OutputBudget.of(1 << 20)).capture(List.of("bn"))
                        .run(out, ScenarioRunner.Progress.NONE));
        assertTrue(e.getMessage().contains("with its packet captures (--pcap)"), e.getMessage());
        assertFalse(Files.exists(out), "nothing kept");
        try (java.util.stream.Stream<Path> st = Files.list(parent)) {
            assertEquals(List.of(), st.toList(), "the temporary run directory was removed");
        }
    }

    @Test
    void tcpdumpReadsTheCaptureAndDecodesItsTcpAndMptcpOptions() throws Exception {
        // The format checked by a real reader: tcpdump (installed by .ci/run) must parse every record and decode the
        // handshake's MP_CAPABLE, a join's MP_JOIN, the DSS mapping, SACK blocks and relative sequence numbers.
        boolean have;
        try {
            have = new ProcessBuilder("tcpdump", "--version").redirectErrorStream(true).start().waitFor() == 0;
        } catch (IOException e) {
            have = false;
        }
        org.junit.jupiter.api.Assumptions.assumeTrue(have, "tcpdump not installed");
        Scenario sc = ScenarioLoader.loadFile(Sim.examples().resolve("two-paths.yaml"), List.of("duration=2s"));
        RunResult r = run(sc, List.of("wifi", "lte"));
        String wifi = tcpdump(r.dir().resolve("pcap/wifi.pcap"));
        String lte = tcpdump(r.dir().resolve("pcap/lte.pcap"));
        assertFalse(wifi.contains("truncated") || wifi.contains("bad opt") || lte.contains("bad opt"), wifi.lines().findFirst().orElse(""));
        assertTrue(wifi.contains("capable v0"), "MP_CAPABLE");
        assertTrue(lte.contains("join id 2 token"), "MP_JOIN on the lte subflow");
        // the first data byte's data sequence number is the client's IDSN + 1: the low 64 bits of SHA-1 of the key in
        // its MP_CAPABLE SYN (RFC 6824 3.1, version 0), so a reader's relative data sequence numbers start at 1
        List<Rec> recs = read(r.dir().resolve("pcap/wifi.pcap"));
        long clientKey = ByteBuffer.wrap(option(recs.stream().filter(x -> x.flags() == 0x02).findFirst().orElseThrow(), 30), 4, 8).getLong();
        assertTrue(wifi.contains("dss seq " + Long.toUnsignedString(hashLow64("SHA-1", clientKey) + 1) + " subseq 1 len"),
                "DSS mapping of the first data segment from the IDSN");
        assertTrue(wifi.contains("seq 1:"), "relative sequence numbers from 1");
        assertTrue(wifi.contains("sack 1 {"), "a SACK block after a loss");
        assertFalse(tcpdump(r.dir().resolve("pcap/wifi.pcap"), "-vv").contains("incorrect"), "checksums verify (tcpdump -vv)");
        assertEquals(recs.size(), wifi.lines().count(), "one line per record");
        Sim.deleteRun(r);
    }

    /**
     * Upstream (RFC 8684, version 1): the SYN carries no key, so the client's first data segment carries MP_CAPABLE with
     * both keys and its data-level length, and the data sequence numbers count from the low 64 bits of SHA-256 of that
     * key + 1: the second segment's (the first with a DSS mapping) is IDSN + 1 + one segment's payload.
     */
    @Test
    void upstreamCapturesCarryBothKeysOnTheFirstDataSegmentAndDataSequenceNumbersFromTheIdsn() throws IOException {
        Scenario sc = ScenarioLoader.loadFile(Sim.examples().resolve("lab/lab-upstream-mptcp-vs-tcp-20m.yaml"), List.of("duration=1s"));
        RunResult r = run(sc, List.of("a1"));
        List<Rec> recs = read(r.dir().resolve("pcap/a1.pcap"));
        long serverKey = ByteBuffer.wrap(option(recs.stream().filter(x -> x.flags() == 0x12).findFirst().orElseThrow(), 30), 4, 8).getLong();
        List<Rec> data = recs.stream().filter(x -> x.payload() > 0).limit(2).toList();
        byte[] cap = option(data.get(0), 30);
        assertEquals(22, cap.length, "MP_CAPABLE with both keys and a data-level length");
        assertEquals(0x01, cap[2] & 0xff, "subtype MP_CAPABLE, version 1");
        long clientKey = ByteBuffer.wrap(cap, 4, 8).getLong();
        assertEquals(serverKey, ByteBuffer.wrap(cap, 12, 8).getLong(), "the receiver's key as in the SYN/ACK");
        assertEquals(data.get(0).payload(), ByteBuffer.wrap(cap, 20, 2).getShort() & 0xffff, "data-level length");
        byte[] dss = option(data.get(1), 30);
        assertEquals(0x20, dss[2] & 0xf0, "DSS");
        int at = 4 + ((dss[3] & 0x01) == 0 ? 0 : (dss[3] & 0x02) != 0 ? 8 : 4);
        assertEquals(hashLow64("SHA-256", clientKey) + 1 + data.get(0).payload(), ByteBuffer.wrap(dss, at, 8).getLong());
        Sim.deleteRun(r);
    }

    /** The least significant 64 bits of {@code algorithm} over a key's 8 bytes (the IDSN of RFC 6824 / RFC 8684). */
    private static long hashLow64(String algorithm, long key) {
        byte[] h = keyHash(algorithm, key);
        return ByteBuffer.wrap(h, h.length - 8, 8).getLong();
    }

    /** {@code algorithm} over a key's 8 bytes, big-endian, as RFC 6824 / RFC 8684 hash MPTCP keys. */
    private static byte[] keyHash(String algorithm, long key) {
        try {
            return java.security.MessageDigest.getInstance(algorithm).digest(ByteBuffer.allocate(8).putLong(key).array());
        } catch (java.security.NoSuchAlgorithmException e) {
            throw new AssertionError(e);
        }
    }

    private static String tcpdump(Path pcap, String... more) throws Exception {
        List<String> cmd = new ArrayList<>(List.of("tcpdump", "-r", pcap.toString(), "-n"));
        cmd.addAll(List.of(more));
        Process p = new ProcessBuilder(cmd).redirectError(ProcessBuilder.Redirect.DISCARD).start();
        String out = new String(p.getInputStream().readAllBytes(), java.nio.charset.StandardCharsets.UTF_8);
        assertEquals(0, p.waitFor(), "tcpdump exit status");
        return out;
    }

    @Test
    void anUnknownLinkIsRefusedWithTheLinksThereAre() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> new ScenarioRunner(twoFlows()).capture(List.of("bn", "b2")));
        assertTrue(e.getMessage().contains("no link 'b2'") && e.getMessage().contains("a1, a2, bn"), e.getMessage());
    }

    /** RFC 793's checksum over the pseudo-header (addresses, protocol 6, TCP length) and a whole captured segment. */
    private static int tcpChecksum(byte[] ip) {
        int tcpLen = ip.length - 20;
        int sum = 6 + tcpLen;
        for (int i = 12; i < 20; i += 2) {
            sum += ((ip[i] & 0xff) << 8) | (ip[i + 1] & 0xff);
        }
        for (int i = 20; i < ip.length; i += 2) {
            sum += ((ip[i] & 0xff) << 8) | (ip[i + 1] & 0xff);
        }
        while ((sum >>> 16) != 0) {
            sum = (sum & 0xffff) + (sum >>> 16);
        }
        return ~sum & 0xffff;
    }

    private static int ipChecksum(byte[] ip) {
        int sum = 0;
        for (int i = 0; i < 20; i += 2) {
            sum += ((ip[i] & 0xff) << 8) | (ip[i + 1] & 0xff);
        }
        while ((sum >>> 16) != 0) {
            sum = (sum & 0xffff) + (sum >>> 16);
        }
        return ~sum & 0xffff;
    }
}
