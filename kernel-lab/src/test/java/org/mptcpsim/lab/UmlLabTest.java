package org.mptcpsim.lab;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The UML backend without booting: boot line, lab.env, config refusals, tcp_info conversion, stalls, cleanup. */
class UmlLabTest {
    @TempDir
    Path tmp;

    static LabSpec tcpSpec(double seconds) {
        return new LabSpec("uml-tcp", LabSpec.Topology.SEPARATE, List.of(new LabSpec.Path("p1", 10_000, 1, new LabSpec.Link("p1", 8_000_000, 60_000))),
                null, seconds, "reno", false, 0, 0.1, "umltest");
    }

    @Test
    void bootLineIsTheReferencesOne() {
        Path init = Path.of("/tmp/mlab-uml-1/uml-init.sh");
        List<String> cmd = UmlLab.command(Path.of("/usr/bin/linux"), init, Path.of("/tmp/mlab-uml-1"), "mlab7", true);
        // the boot line of kernel-refs/oot-v0.95.2 (README §1), at SCHED_FIFO, in its own session/process group,
        // with UML's runtime directory (pid file, mconsole socket) inside the lab's scratch directory
        assertEquals(List.of("setsid", "chrt", "-f", "1", "/usr/bin/linux", "mem=1G", "rootfstype=hostfs", "rootflags=/", "ro",
                "init=/tmp/mlab-uml-1/uml-init.sh", "con0=null,fd:1", "con=null", "uml_dir=/tmp/mlab-uml-1", "umid=mlab7"), cmd);
        assertFalse(UmlLab.command(Path.of("/usr/bin/linux"), init, Path.of("/tmp/x"), "p", false).contains("chrt"), "chrt only as root");
    }

    @Test
    void labEnvSourcesInBash() throws Exception {
        String env = UmlLab.envFile(tcpSpec(10), Path.of("/cache/tcpinfo-1"), null, "auto", null);
        Path f = tmp.resolve("lab.env");
        Files.writeString(f, env);
        // uml-init.sh reads the file with `set -a; . lab.env`: every value must survive the shell's quoting
        String out = sh("set -a; . " + f + "; echo \"$P|$DELAY|$PROBE|$TI|$UML_MODULES|$UML_LOAD|$RATES|$MPTCP|${UML_NEED:-none}|$OFFLOAD_OFF\"");
        assertEquals("umltest|netem|auto|/cache/tcpinfo-1|auto|veth sch_tbf sch_netem inet_diag tcp_diag mptcp_diag|8000000|0|none|1\n", out);

        LabSpec bbr = new LabSpec("b", LabSpec.Topology.SEPARATE, tcpSpec(10).paths(), null, 10, "bbr", true, 0, 0.1, "b1");
        String e2 = UmlLab.envFile(bbr, Path.of("/t"), null, "none", null);
        assertTrue(e2.contains("UML_LOAD='veth sch_tbf sch_netem inet_diag tcp_diag mptcp_diag tcp_bbr'"), e2);
        assertTrue(e2.contains("UML_NEED='net/mptcp/enabled'"), e2);
        // the fork-free queue sampler: lab.sh runs QS when it is set and executable, else its tc loop
        Path f2 = tmp.resolve("lab2.env");
        Files.writeString(f2, UmlLab.envFile(tcpSpec(10), Path.of("/t"), Path.of("/cache/qstat-1"), "auto", null));
        assertEquals("/cache/qstat-1\n", sh("set -a; . " + f2 + "; echo \"$QS\""));
        assertFalse(env.contains("QS="), env);
        assertEquals("mptcp_coupled", UmlLab.ccModule("lia"));   // net/mptcp/mptcp_coupled.c of v0.95
        assertEquals("mptcp_olia", UmlLab.ccModule("olia"));
    }

    @Test
    void kernelConfigRefusals() {
        Path img = Path.of("/usr/bin/linux");
        String debian = "#\n# Automatically generated\nCONFIG_HOSTFS=y\nCONFIG_NET_NS=y\nCONFIG_VETH=m\nCONFIG_NET_SCH_TBF=m\nCONFIG_NET_SCH_NETEM=m\n"
                + "# CONFIG_MPTCP is not set\nCONFIG_IP_MULTIPLE_TABLES=y\n";
        assertEquals(List.of(), UmlLab.configRefusals(tcpSpec(10), false, debian, img));
        LabSpec mptcp = new LabSpec("m", LabSpec.Topology.SEPARATE, tcpSpec(10).paths(), null, 10, "reno", true, 0, 0.1, "m1");
        assertEquals(List.of("/usr/bin/linux: this kernel is built without CONFIG_MPTCP (MPTCP; Debian's user-mode-linux 6.1 is built without it: "
                + "plain TCP scenarios only, or a UML kernel built with CONFIG_MPTCP=y); --showconfig says: # CONFIG_MPTCP is not set"),
                UmlLab.configRefusals(mptcp, false, debian, img));
        String upstream = debian.replace("# CONFIG_MPTCP is not set", "CONFIG_MPTCP=y");
        assertTrue(UmlLab.configRefusals(mptcp, true, upstream, img).get(0).contains("an upstream MPTCP kernel (no CONFIG_MPTCP_PM_ADVANCED)"));
        String oot = upstream + "CONFIG_MPTCP_PM_ADVANCED=y\n";
        assertEquals(List.of(), UmlLab.configRefusals(mptcp, true, oot, img));
        assertTrue(UmlLab.configRefusals(mptcp, false, oot, img).get(0).contains("an out-of-tree multipath-tcp.org kernel, but the scenario's flavour is upstream"));
        assertTrue(UmlLab.configRefusals(tcpSpec(10), false, debian.replace("CONFIG_VETH=m", "# CONFIG_VETH is not set"), img).get(0)
                .contains("built without CONFIG_VETH; --showconfig says: # CONFIG_VETH is not set"));
        assertEquals(List.of(), UmlLab.configRefusals(mptcp, false, "", img), "no --showconfig output: the guest checks instead");
    }

    /** Writes the synthetic tcp_info capture described at {@link #tcpInfoSamplesBecomeTheRunDirectory} into {@code raw}. */
    static Path tcpInfoRaw(Path raw) throws IOException {
        Files.createDirectories(raw);
        List<String> t = new ArrayList<>();
        t.add(String.format(Locale.ROOT, " %.6f: tracing_mark_write: KLAB start", 100.0));
        for (int k = 0; k <= 200; k++) {
            if (k > 110 && k < 115) continue;   // samples 1.11..1.14 s missing: a 50 ms gap from 1.10 to 1.15 s
            double x = 100.0 + k * 0.01;
            int retrans = k >= 150 ? 3 : 0;
            int ca = k >= 150 && k < 160 ? 3 : 0;
            long ssthresh = k >= 150 ? 14 : 2147483647L;
            t.add(String.format(Locale.ROOT, " %.6f: tcp_info: src=10.1.1.2:40000 dest=10.9.0.1:5201 snd_cwnd=20 ssthresh=%d srtt=%d bytes_acked=%d "
                    + "total_retrans=%d ca_state=%d", x, ssthresh, 30000 + k, k * 10_000L, retrans, ca));
        }
        t.add(" 100.000000: tcp_info: src=10.1.1.2:39999 dest=10.9.0.1:5201 snd_cwnd=10 ssthresh=2147483647 srtt=20000 bytes_acked=180 total_retrans=0 ca_state=0");
        t.add(String.format(Locale.ROOT, " %.6f: tracing_mark_write: KLAB end", 102.0));
        Files.write(raw.resolve("trace.txt"), t);
        Files.writeString(raw.resolve("client.json"), "{\"start\":{\"connected\":[{\"local_port\":40000}]}}");
        Files.writeString(raw.resolve("server.json"), "{\"end\":{\"sum_received\":{\"bytes\":1990000,\"seconds\":2.0}}}");
        Files.writeString(raw.resolve("events.txt"), "tcp_info\n");
        Files.writeString(raw.resolve("kernel.txt"), "6.1.176\n");
        return raw;
    }

    /**
     * A synthetic guest capture in the tcp_info format of tcpinfo.c: one TCP sender at 1 MB/s (bytes_acked = 10^6 per s of
     * the sampler's clock), sampled every 10 ms for 2 s after "KLAB start" at 100 s, with one planted 50 ms hole (a stall),
     * three retransmits and one Recovery episode at 1.5 s.
     */
    @Test
    void tcpInfoSamplesBecomeTheRunDirectory() throws IOException {
        Path raw = tcpInfoRaw(tmp.resolve("raw"));
        LabSpec spec = tcpSpec(2);
        Path out = tmp.resolve("run");
        JsonNode s = RunDirWriter.write(spec, Backend.UML, raw, out, 9.0);
        assertEquals("kernel-uml", s.path("source").asText());
        JsonNode sf = s.path("connections").path(0).path("subflows");
        assertEquals(1, sf.size(), "the control connection (port 39999) is not the data connection");
        // bytes acked = last - first cumulative value = 200 * 10 000; goodput over the 2 s between first and last sample
        assertEquals(2_000_000, sf.path(0).path("bytesAcked").asLong());
        assertEquals(8.0, sf.path(0).path("goodputMbps").asDouble(), 1e-9);
        assertEquals(3, sf.path(0).path("retransmits").asInt(), "tcpi_total_retrans at the end");
        assertEquals(1, sf.path(0).path("ssthreshReductions").asInt(), "infinite -> 14");
        // the stall: one gap of 50 ms >= 10 ms + the 10 ms sampling period, inside [1, 1.5] s
        JsonNode st = s.path("checks").path("stalls");
        assertEquals(1, st.path("count").asInt(), st.toString());
        assertEquals(50.0, st.path("maxGapMs").asDouble(), 1e-6);
        assertEquals(20.0, st.path("thresholdMs").asDouble(), 1e-9);
        List<String> rows = Files.readAllLines(out.resolve("subflows.csv"));
        assertTrue(rows.contains("1.500000,t1,0,20,14,30150,1500000,Recovery"), String.join("\n", rows.subList(0, 3)));
        assertTrue(rows.contains("1.000000,t1,0,20,,30100,1000000,Open"), "ssthresh infinite is written empty");
        assertEquals("upstream", s.path("kernel").path("flavour").asText());
    }

    @Test
    void knobsReadBackMakeAnOutOfTreeSummary() throws IOException {
        Path raw = tmp.resolve("raw2");
        Files.createDirectories(raw);
        Files.writeString(raw.resolve("knobs.txt"), "sysctl net.mptcp.mptcp_path_manager = fullmesh\n"
                + "param /sys/module/mptcp_fullmesh/parameters/num_subflows = 1\n");
        assertEquals(java.util.Map.of("net.mptcp.mptcp_path_manager", "fullmesh", "mptcp_fullmesh.num_subflows", "1"), RunDirWriter.knobs(raw));
    }

    @Test
    void guestFailuresAreReported() throws IOException {
        Path raw = tmp.resolve("raw3");
        Files.createDirectories(raw);
        assertNull(UmlLab.guestFailure(raw));
        Files.writeString(raw.resolve("lab.log"), "x\nKLAB-FAIL: this kernel has no sysctl net.mptcp.mptcp_scheduler\n");
        assertEquals("this kernel has no sysctl net.mptcp.mptcp_scheduler", UmlLab.guestFailure(raw));
    }

    /** A timeout kills the whole process group (here: a shell and two background sleeps in their own session). */
    @Test
    void timeoutKillsTheProcessGroup() throws Exception {
        UmlLab lab = new UmlLab(Path.of("/usr/bin/linux"), null, null);
        Path pids = tmp.resolve("pids");
        List<String> cmd = List.of("setsid", "bash", "-c", "sleep 300 & echo $! >> " + pids + "; sleep 300 & echo $! >> " + pids + "; wait");
        StringBuilder log = new StringBuilder();
        long t0 = System.nanoTime();
        int rc = lab.boot(cmd, tmp, tmp, tmp.resolve("console.log"), 2, log);
        assertEquals(-1, rc);
        assertTrue((System.nanoTime() - t0) / 1e9 < 20, "killed promptly");
        assertTrue(log.toString().contains("timed out after 2 s"), log.toString());
        for (String p : Files.readAllLines(pids)) {
            ProcessHandle h = ProcessHandle.of(Long.parseLong(p.trim())).orElse(null);
            if (h != null) h.onExit().get(5, TimeUnit.SECONDS);
            assertFalse(h != null && h.isAlive(), "background sleep " + p + " survived");
        }
    }

    /**
     * UML's memory file goes to a fresh directory on a tmpfs, never onto a disk file system (the host's writeback of
     * the guest's memory stalled the guest, see UmlLab.memoryDir); without a usable tmpfs it stays in the scratch directory.
     */
    @Test
    void memoryFileGoesToATmpfs() throws IOException {
        Path scratch = tmp.resolve("scratch");
        Files.createDirectories(scratch);
        assertEquals(scratch, UmlLab.memoryDir(tmp.resolve("no-such-dir"), scratch));
        Path f = tmp.resolve("plain-file");
        Files.writeString(f, "x");
        assertEquals(scratch, UmlLab.memoryDir(f, scratch));
        boolean tmpIsTmpfs = "tmpfs".equals(Files.getFileStore(tmp).type());
        Path here = UmlLab.memoryDir(tmp, scratch);
        if (tmpIsTmpfs) assertEquals(tmp, here.getParent());
        else assertEquals(scratch, here);
        Path shm = Path.of("/dev/shm");
        org.junit.jupiter.api.Assumptions.assumeTrue(Files.isDirectory(shm) && Files.isWritable(shm)
                && "tmpfs".equals(Files.getFileStore(shm).type()), "no writable tmpfs at /dev/shm");
        Path mem = UmlLab.memoryDir(shm, scratch);
        try {
            assertEquals(shm, mem.getParent());
            assertTrue(mem.getFileName().toString().startsWith("mlab-uml-mem-"), mem.toString());
            try (var l = Files.list(mem)) {
                assertEquals(0, l.count(), "a fresh, empty directory");
            }
        } finally {
            UmlLab.deleteTree(mem);
        }
        assertFalse(Files.exists(mem));
    }

    /** deleteTree removes the scratch directory and never follows a link out of it. */
    @Test
    void cleanupRemovesOnlyTheScratchDirectory() throws IOException {
        Path outside = tmp.resolve("keep.txt");
        Files.writeString(outside, "not ours");
        Path scratch = tmp.resolve("mlab-uml-x");
        Files.createDirectories(scratch.resolve("raw/sub"));
        Files.writeString(scratch.resolve("raw/sub/a.txt"), "a");
        Files.createSymbolicLink(scratch.resolve("link"), tmp);
        UmlLab.deleteTree(scratch);
        assertFalse(Files.exists(scratch));
        assertTrue(Files.exists(outside));
    }

    private static String sh(String script) throws Exception {
        Process p = new ProcessBuilder("bash", "-c", script).redirectErrorStream(true).start();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertTrue(p.waitFor(10, TimeUnit.SECONDS));
        return out;
    }

    /**
     * The console of Debian's UML 6.1 (user-mode-linux 6.1um4) booted on a host with Intel AMX, as measured on this
     * project's machine (the panic's tail abridged): the guest never reaches user space, and the lab says so as the
     * host's limit, naming the console line and what to use instead, not as an unfinished run.
     */
    @Test
    void aHostThatRefusesTheGuestsFpuStateIsNamedAsTheCause() throws IOException {
        Path console = tmp.resolve("console.log");
        Files.writeString(console, """
                VFS: Mounted root (hostfs filesystem) readonly on device 0:15.
                Run /tmp/s/uml-init.sh as init process
                userspace - ptrace set fp regs failed, errno = 14
                Kernel panic - not syncing: Attempted to kill init! exitcode=0x0000000b
                """);
        Path amx = tmp.resolve("cpuinfo-amx");
        Files.writeString(amx, "flags\t\t: fpu vme avx2 avx512f amx_bf16 avx512_fp16 amx_tile amx_int8\n");
        Path plain = tmp.resolve("cpuinfo-plain");
        Files.writeString(plain, "flags\t\t: fpu vme avx2 avx512f\n");
        String why = UmlLab.hostIncompatibility(console, amx);
        assertTrue(why.contains("userspace - ptrace set fp regs failed, errno = 14"), why);
        assertTrue(why.contains("Intel AMX"), why);
        assertTrue(why.contains("--backend host") && why.contains("--kernel IMAGE"), why);
        assertFalse(UmlLab.hostIncompatibility(console, plain).contains("AMX"), "AMX named only when the CPU has it");
        // any other unfinished run is not blamed on the host
        Files.writeString(console, "Run /tmp/s/uml-init.sh as init process\nKLAB: cannot mount /tmp/s through hostfs\n");
        assertNull(UmlLab.hostIncompatibility(console, amx));
        assertNull(UmlLab.hostIncompatibility(tmp.resolve("missing.log"), amx));
    }
}
