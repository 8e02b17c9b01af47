package org.mptcpsim.scenario.options;

import java.util.ArrayList;
import java.util.List;
import org.mptcpsim.core.Flavour;
import org.mptcpsim.scenario.options.OptionType.Bool.Style;
import org.mptcpsim.scenario.options.OptionType.Bool;
import org.mptcpsim.scenario.options.OptionType.Choice;
import org.mptcpsim.scenario.options.OptionType.IntRange;
import org.mptcpsim.scenario.options.OptionType.Plugin;
import org.mptcpsim.scenario.options.OptionType.Text;
import org.mptcpsim.scenario.options.OptionType.Triple;
import org.mptcpsim.tcp.TcpConfig;

/**
 * The options the simulator always knows, with the kernel's defaults: sysctls with the defaults
 * of the kernel sources that declare them (docs/scenario-format.md lists them) and the
 * simulator's own knobs under {@code sim.}. Module parameters are declared by the plug-ins that
 * read them ({@link org.mptcpsim.core.PluginFactory#parameters()}).
 */
final class BuiltinOptions {

    private BuiltinOptions() {
    }

    static List<OptionDef> all() {
        List<OptionDef> d = new ArrayList<>();
        d.add(new OptionDef(KernelOptions.FLAVOUR, new Choice(Flavour.keys()), Flavour.MPTCP_V095.key(), null,
                "kernel family modelled: out-of-tree multipath-tcp.org v0.95 or upstream Linux MPTCP", "simulator"));
        sysctls(d);
        sim(d);
        return d;
    }

    private static void sysctls(List<OptionDef> d) {
        d.add(sysctl(KernelOptions.CC, new Plugin(Plugins.Kind.CONGESTION_CONTROL), "cubic",
                "congestion control of every subflow (lia, olia, wvegas, balia or any TCP CC)"));
        d.add(sysctl("net.ipv4.tcp_rmem", new Triple(), "4096 " + TcpConfig.RMEM_DEFAULT + " " + TcpConfig.RMEM_MAX,
                "receive buffer min, default (initial), max (autotuning's limit) in bytes; min applies only under"
                        + " memory pressure, not modelled"));
        d.add(sysctl("net.ipv4.tcp_moderate_rcvbuf", new Bool(Style.NUMERIC), "1",
                "receive-buffer autotuning: once per receiver RTT the buffer grows to 2-4x the bytes read in it"
                        + " (tcp_rcv_space_adjust); 0 = it stays at tcp_rmem[1]"));
        d.add(sysctl("net.ipv4.tcp_wmem", new Triple(), "4096 16384 4194304",
                "send buffer min, default, max in bytes"));
        d.add(sysctl("net.ipv4.tcp_sack", new Bool(Style.NUMERIC), "1", "selective acknowledgements"));
        d.add(sysctl("net.ipv4.tcp_retries2", new IntRange(0, 255), String.valueOf(TcpConfig.RETRIES2),
                "RTO retransmissions before an established socket fails with ETIMEDOUT (924.6 s at 15)"));
        d.add(sysctl("net.ipv4.tcp_syn_retries", new IntRange(1, 127), String.valueOf(TcpConfig.SYN_RETRIES),
                "SYN retransmissions before connect() fails with ETIMEDOUT (127 s at 6)"));
        d.add(sysctl("net.ipv4.tcp_slow_start_after_idle", new Bool(Style.NUMERIC), "1",
                "restart from a smaller cwnd after an RTO of idle (tcp_cwnd_restart; application-limited"
                        + " connections)"));
        d.add(sysctl("net.ipv4.tcp_timestamps", new IntRange(0, 2), "1", "TCP timestamps option (RFC 7323)"));
        d.add(sysctl("net.mptcp.mptcp_enabled", new IntRange(0, 2), "1",
                "1 = new TCP sockets use MPTCP; 0 = off (2 = only on request, older releases)"));
        d.add(new OptionDef("net.mptcp.mptcp_checksum", new Bool(Style.NUMERIC), "1", "0",
                "DSS checksum (on by default out-of-tree, off upstream)", "sysctl"));
        d.add(sysctl("net.mptcp.mptcp_debug", new Bool(Style.NUMERIC), "0", "debug logging only"));
        d.add(sysctl("net.mptcp.mptcp_syn_retries", new IntRange(0, 255), "3",
                "SYN retransmissions that still carry MP_CAPABLE before falling back to TCP"));
        d.add(sysctl("net.mptcp.mptcp_version", new IntRange(0, 1), "0", "MPTCP protocol version offered"));
        d.add(new OptionDef(KernelOptions.PATH_MANAGER, new Plugin(Plugins.Kind.PATH_MANAGER), "default", "kernel",
                "path manager of new connections (default, fullmesh, ndiffports, binder, ...; upstream: kernel)",
                "sysctl"));
        d.add(sysctl(KernelOptions.SCHEDULER, new Plugin(Plugins.Kind.SCHEDULER), "default",
                "packet scheduler of new connections (default, roundrobin, redundant, blest, ...)"));
        d.add(sysctl("net.mptcp.mptcp_binder_gateways", new Text(), "",
                "binder PM: gateway lists for loose source routing"));
    }

    private static void sim(List<OptionDef> d) {
        d.add(simKnob("sim.mtu", new IntRange(68, 65535), "1500", "IP MTU in bytes (MSS = mtu - header_bytes)"));
        d.add(simKnob("sim.delayed_ack", new Bool(Style.WORD), "true",
                "Linux-like delayed ACKs (true) or an ACK for every segment (false)"));
        d.add(simKnob("sim.tx_jitter_us", new IntRange(0, 1_000_000), "100",
                "random delay (uniform, up to this many microseconds) before a host's packet reaches its "
                + "interface: host timing noise, which breaks drop-tail phase effects of perfectly periodic "
                + "senders (the kernel-lab scenarios use 300; 0 = none)"));
        d.add(simKnob("sim.header_bytes", new IntRange(40, 120), "52",
                "IP + TCP header bytes per packet (IPv4 20 + TCP 20 + timestamps 12)"));
        d.add(simKnob("sim.l2_overhead_bytes", new IntRange(0, 64), "0",
                "link-layer bytes counted per packet on the wire (14 to count Ethernet like tbf)"));
        d.add(simKnob("sim.tsq_resume_us", new IntRange(0, 100_000), "0",
                "TCP Small Queues (at most 2 segments or ~1 ms of pacing rate leave a socket at one instant) with a"
                        + " throttled socket resuming uniformly 0.2-1 x this many us later (a busy host: the kernel lab"
                        + " measured 4800); 0 = TSQ not modelled"));
        d.add(new OptionDef("sim.dss_bytes", new IntRange(0, 40), "20", "24",
                "MPTCP DSS option bytes taken from the payload of each MPTCP data packet (upstream: 24, a DSS with a"
                        + " 32-bit data ACK, 22 bytes + 2 of padding, the 1424-byte payload of the 6.18 host kernel's bulk"
                        + " sender; out-of-tree: 20, MPTCP_SUB_LEN_DSM_ALIGN, the 1428-byte payload of the v0.95 kernel)",
                "simulator"));
    }

    private static OptionDef sysctl(String name, OptionType t, String def, String doc) {
        return new OptionDef(name, t, def, null, doc, "sysctl");
    }

    private static OptionDef simKnob(String name, OptionType t, String def, String doc) {
        return new OptionDef(name, t, def, null, doc, "simulator");
    }
}
