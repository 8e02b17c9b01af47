package org.mptcpsim.lab;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.BiConsumer;
import org.mptcpsim.scenario.model.Loc;
import org.mptcpsim.scenario.options.KernelOptions;

/**
 * The client path for the out-of-tree multipath-tcp.org kernel (v0.95, Linux 4.19): a {@code flavour: mptcp-v0.95}
 * scenario's kernel options as that kernel's knobs. There is no MPTCP socket API to call: with
 * {@code net.mptcp.mptcp_enabled=1} every TCP socket is MPTCP-capable, so iperf3 runs unmodified (no mptcpize), the
 * path manager opens the subflows (fullmesh: one per local address × server address, found through policy routing, one
 * table per source address, which lab.sh builds; ndiffports: N source ports on the first path), and no {@code ip
 * mptcp} endpoint or limit exists.
 *
 * <p>Where each knob lives in 4.19 + v0.95 (and so how the guest sets it):
 * <ul>
 *   <li>{@code net.mptcp.*} are global sysctls (net/mptcp/mptcp_ctrl.c, {@code mptcp_table}, registered once for
 *       init_net): written in the init namespace ("sysctl" lines of {@link #knobFile}).</li>
 *   <li>Module parameters ({@code module_param(..., 0644)} of net/mptcp/mptcp_fullmesh.c, mptcp_ndiffports.c,
 *       mptcp_wvegas.c, mptcp_rr.c, mptcp_blest.c, net/ipv4/tcp_cubic.c): {@code /sys/module/M/parameters/P}
 *       ("param" lines).</li>
 *   <li>The congestion control: per namespace since 4.15 ({@code net->ipv4.tcp_congestion_control},
 *       net/ipv4/tcp_cong.c {@code tcp_set_default_congestion_control}); a namespace other than init_net may only pick a
 *       CC that the init namespace lists in {@code net.ipv4.tcp_allowed_congestion_control} (else EPERM), so the init
 *       namespace's allowed list gets reno, cubic and the scenario's CCs, and the client and server namespaces set the
 *       default ("nssysctl", applied by lab.sh in every lab namespace). The MPTCP subflows inherit the meta socket's CC.</li>
 *   <li>{@code net.ipv4.tcp_rmem/wmem/sack/timestamps/syn_retries/retries2/moderate_rcvbuf}: per namespace in 4.19
 *       (struct netns_ipv4; tcp_rcv_space_adjust and v0.95's mptcp_rcv_space_adjust read
 *       {@code sock_net(sk)->ipv4.sysctl_tcp_moderate_rcvbuf}), set in the lab's namespaces like the CC.</li>
 * </ul>
 * Refused, located: options that have no knob in that kernel ({@code mptcp.endpoints}/{@code mptcp.limits} of upstream
 * MPTCP, any other option the lab does not map), and path managers/schedulers the lab does not build for.
 */
public record OotClient(List<String> globalSysctls, List<String> params, List<String> namespaceSysctls, String cc) {
    /** sysctls of {@code net.mptcp} (global in v0.95). */
    static final Set<String> MPTCP_SYSCTLS = Set.of("net.mptcp.mptcp_enabled", "net.mptcp.mptcp_checksum", "net.mptcp.mptcp_version",
            "net.mptcp.mptcp_syn_retries", "net.mptcp.mptcp_debug", KernelOptions.PATH_MANAGER, KernelOptions.SCHEDULER);
    /** Written even when the scenario keeps the default, so the kernel's state is the simulator's assumption. */
    static final List<String> ALWAYS = List.of("net.mptcp.mptcp_enabled", "net.mptcp.mptcp_checksum", KernelOptions.PATH_MANAGER, KernelOptions.SCHEDULER);
    /** Per-namespace net.ipv4 sysctls of 4.19 the lab applies. */
    static final Set<String> NS_SYSCTLS = Set.of("net.ipv4.tcp_rmem", "net.ipv4.tcp_wmem", "net.ipv4.tcp_sack", "net.ipv4.tcp_timestamps",
            "net.ipv4.tcp_syn_retries", "net.ipv4.tcp_retries2", "net.ipv4.tcp_moderate_rcvbuf");
    /** Module parameters: option prefix = module name in /sys/module. */
    static final Set<String> MODULES = Set.of("mptcp_fullmesh", "mptcp_ndiffports", "mptcp_wvegas", "mptcp_rr", "mptcp_blest", "tcp_cubic");
    /** Path managers and schedulers of v0.95 the lab's topologies serve (binder needs gateway routing the lab does not build). */
    static final Set<String> PMS = Set.of("default", "fullmesh", "ndiffports");
    static final Set<String> SCHEDULERS = Set.of("default", "roundrobin", "redundant", "blest");

    /**
     * Maps the main connection's options; problems go to {@code refuse(location, problem)}. Returns null when refused.
     *
     * @param where fallback location of an option set without one (e.g. by --set)
     */
    public static OotClient map(KernelOptions k, Loc where, BiConsumer<Loc, String> refuse, Set<String> extraCcs) {
        List<String> global = new ArrayList<>();
        List<String> params = new ArrayList<>();
        List<String> ns = new ArrayList<>();
        boolean ok = true;
        Map<String, String> wanted = new LinkedHashMap<>();
        for (String n : ALWAYS) wanted.put(n, k.get(n));
        wanted.putAll(k.explicit());
        for (Map.Entry<String, String> e : wanted.entrySet()) {
            String name = e.getKey();
            String value = k.get(name) != null ? k.get(name) : e.getValue();
            Loc at = k.locationOf(name) != null ? k.locationOf(name) : where;
            if (name.equals(KernelOptions.FLAVOUR) || name.equals(KernelOptions.CC) || name.startsWith("sim.")) continue;
            int dot = name.indexOf('.');
            String prefix = dot < 0 ? name : name.substring(0, dot);
            if (MPTCP_SYSCTLS.contains(name)) {
                if (name.equals(KernelOptions.PATH_MANAGER) && !PMS.contains(value)) {
                    refuse.accept(at, "path manager " + value + ": the lab runs default, fullmesh or ndiffports on the out-of-tree kernel"
                            + (value.equals("binder") ? " (binder needs loose-source-routing gateways the lab does not build)" : ""));
                    ok = false;
                } else if (name.equals(KernelOptions.SCHEDULER) && !SCHEDULERS.contains(value)) {
                    refuse.accept(at, "scheduler " + value + ": the out-of-tree kernel v0.95 has default, roundrobin, redundant, blest");
                    ok = false;
                } else {
                    global.add("sysctl " + name + " " + value);
                }
            } else if (NS_SYSCTLS.contains(name)) {
                ns.add(name + "=" + value.trim().replaceAll("\\s+", ","));
            } else if (dot > 0 && MODULES.contains(prefix)) {
                params.add("param /sys/module/" + prefix + "/parameters/" + name.substring(dot + 1) + " " + value);
            } else if (name.startsWith("mptcp.")) {
                refuse.accept(at, name + " is an upstream MPTCP setting (ip mptcp); the out-of-tree kernel v0.95 has no such knob"
                        + " (its path manager opens the subflows: net.mptcp.mptcp_path_manager, mptcp_fullmesh.*, mptcp_ndiffports.*)");
                ok = false;
            } else {
                refuse.accept(at, name + " = " + value + " has no knob the lab sets on the out-of-tree kernel v0.95 (it maps net.mptcp.*, "
                        + "net.ipv4.tcp_congestion_control, " + String.join(", ", new java.util.TreeSet<>(NS_SYSCTLS)) + " and the module parameters of "
                        + String.join(", ", new java.util.TreeSet<>(MODULES)) + "); remove it for a kernel run");
                ok = false;
            }
        }
        String cc = k.congestionControl();
        Set<String> allowed = new LinkedHashSet<>(List.of("reno", "cubic", cc));
        allowed.addAll(extraCcs);
        global.add("sysctl net.ipv4.tcp_allowed_congestion_control " + String.join(" ", allowed));
        ns.add(0, "net.ipv4.tcp_congestion_control=" + cc);
        ns.add("net.ipv4.tcp_no_metrics_save=1");
        return ok ? new OotClient(List.copyOf(global), List.copyOf(params), List.copyOf(ns), cc) : null;
    }

    /** uml-init.sh's knobs file: "sysctl KEY VALUE" (init namespace) and "param FILE VALUE" lines, in that order. */
    public String knobFile() {
        StringBuilder b = new StringBuilder();
        for (String s : globalSysctls) b.append(s).append('\n');
        for (String s : params) b.append(s).append('\n');
        return b.toString();
    }
}
