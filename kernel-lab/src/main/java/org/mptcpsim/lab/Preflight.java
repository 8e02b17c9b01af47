package org.mptcpsim.lab;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import org.mptcpsim.core.Flavour;
import org.mptcpsim.scenario.options.OptionRegistry;
import org.mptcpsim.scenario.options.Plugins;

/**
 * Checks made before anything is created. {@link #refusals} is a pure function of the spec and of
 * {@link HostFacts}, so every message is unit-tested; {@link #probeHost} reads the real machine.
 */
public final class Preflight {
    /**
     * Congestion controls of the out-of-tree multipath-tcp.org kernel, absent from upstream Linux:
     * those registered for {@link Flavour#MPTCP_V095} and not for {@link Flavour#UPSTREAM}.
     */
    public static final Set<String> OUT_OF_TREE_CC = outOfTreeOnly(OptionRegistry.standard().plugins());

    /** Tool → Debian package, per backend. */
    public static final Map<String, String> HOST_TOOLS = tools("ip iproute2", "tc iproute2", "ss iproute2",
            "nstat iproute2", "iperf3 iperf3", "mptcpize mptcpize", "gcc gcc", "timeout coreutils");
    /** What {@code kernel --pcap} adds on the host. */
    public static final Map<String, String> PCAP_TOOLS = tools("tcpdump tcpdump");
    public static final Map<String, String> VM_TOOLS = tools("ip iproute2", "tc iproute2", "ss iproute2",
            "nstat iproute2", "iperf3 iperf3", "mptcpize mptcpize", "busybox busybox-static",
            "qemu-system-x86_64 qemu-system-x86", "dpkg-deb dpkg", "apt-get apt", "bash bash", "tar tar", "gzip gzip");
    /** The UML guest runs the host's binaries through hostfs; busybox for insmod/poweroff, gcc for the tcp_info sampler. */
    public static final Map<String, String> UML_TOOLS = tools("ip iproute2", "tc iproute2", "ss iproute2",
            "nstat iproute2", "iperf3 iperf3", "mptcpize mptcpize", "busybox busybox-static", "ethtool ethtool",
            "gcc gcc", "setsid util-linux", "chrt util-linux", "bash bash", "timeout coreutils");

    /** The tool table of a backend. */
    public static Map<String, String> tools(Backend backend) {
        return switch (backend) {
            case HOST -> HOST_TOOLS;
            case VM -> VM_TOOLS;
            case UML -> UML_TOOLS;
        };
    }

    /** What the machine offers. {@code availableCc} is read from the kernel that will run the scenario. */
    public record HostFacts(boolean root, boolean netns, String mptcpEnabled, Set<String> availableCc, Set<String> missingTools) {
    }

    private Preflight() {
    }

    static Set<String> outOfTreeOnly(Plugins plugins) {
        Set<String> s = new TreeSet<>(plugins.names(Plugins.Kind.CONGESTION_CONTROL, Flavour.MPTCP_V095));
        s.removeAll(plugins.names(Plugins.Kind.CONGESTION_CONTROL, Flavour.UPSTREAM));
        return Set.copyOf(s);
    }

    private static Map<String, String> tools(String... pairs) {
        Map<String, String> m = new LinkedHashMap<>();
        for (String p : pairs) {
            String[] kv = p.split(" ");
            m.put(kv[0], kv[1]);
        }
        return m;
    }

    /**
     * Reasons not to run, empty if the run may start.
     *
     * @param customKernel VM only: a user-supplied kernel image (its CCs are checked inside the guest)
     */
    public static List<String> refusals(LabSpec spec, Backend backend, HostFacts f, boolean customKernel) {
        List<String> r = new ArrayList<>();
        if (!f.root() && backend != Backend.UML) r.add("the kernel lab needs root (network namespaces, tc, tracefs" + (backend == Backend.VM ? ", apt-get" : "") + "); run it as root");
        if (backend == Backend.HOST) {
            if (!f.netns()) r.add("this kernel has no network namespaces (/proc/self/ns/net missing); use --backend vm");
            if (!"1".equals(f.mptcpEnabled())) {
                r.add(f.mptcpEnabled() == null
                        ? "this kernel has no MPTCP (net.mptcp.enabled missing; needs CONFIG_MPTCP=y, Linux ≥ 5.6); use --backend vm --kernel IMAGE"
                        : "MPTCP is disabled on this host (net.mptcp.enabled = " + f.mptcpEnabled() + "); enable it with: sysctl -w net.mptcp.enabled=1");
            }
        }
        for (String any : spec.allCcs()) {
            String cc = any.toLowerCase(Locale.ROOT);
            if (backend == Backend.HOST && !f.availableCc().contains(cc)) {
                r.add(OUT_OF_TREE_CC.contains(cc)
                        ? cc + " is not in upstream Linux; boot an out-of-tree multipath-tcp.org kernel image with --backend uml --kernel IMAGE (flavour: mptcp-v0.95)"
                        : cc + " is not available in the host kernel (tcp_available_congestion_control = "
                          + String.join(" ", new TreeSet<>(f.availableCc())) + "); load its module (modprobe tcp_" + cc + ") or choose one of those");
            }
            if (backend == Backend.VM && !customKernel && OUT_OF_TREE_CC.contains(cc)) {
                r.add(cc + " is not in upstream Linux and so not in the default Debian guest kernel; pass an out-of-tree multipath-tcp.org kernel image with --kernel IMAGE --modules DIR");
            }
            if (backend == Backend.UML && !customKernel && OUT_OF_TREE_CC.contains(cc)) {
                r.add(cc + " is not in upstream Linux and so not in Debian's user-mode-linux; pass an out-of-tree multipath-tcp.org kernel built with ARCH=um: --kernel IMAGE");
            }
        }
        long total = spec.totalRateBps();
        if (total > backend.maxTotalRateBps()) {
            r.add(String.format(Locale.ROOT, "total bottleneck rate %.1f Mbit/s is above what the %s backend carries faithfully (%.0f Mbit/s)%s",
                    total / 1e6, backend.name().toLowerCase(Locale.ROOT), backend.maxTotalRateBps() / 1e6,
                    backend == Backend.VM ? "; QEMU TCG becomes CPU-bound, use --backend host for faster links" : ""));
        }
        if (!f.missingTools().isEmpty()) {
            Map<String, String> table = tools(backend);
            Set<String> pkgs = new TreeSet<>();
            for (String t : f.missingTools()) pkgs.add(table.getOrDefault(t, t));
            r.add("missing tools: " + String.join(" ", new TreeSet<>(f.missingTools())) + "; install them with: apt-get install -y --no-install-recommends "
                  + String.join(" ", pkgs) + (pkgs.contains("gcc") ? " libc6-dev" : ""));
        }
        return r;
    }

    /** Reads the running machine: uid, netns, net.mptcp.enabled, available CCs, tools on PATH. */
    public static HostFacts probeHost(Backend backend) {
        boolean root = "root".equals(System.getProperty("user.name")) || uid() == 0;
        boolean netns = Files.exists(Path.of("/proc/self/ns/net"));
        String mptcp = read("/proc/sys/net/mptcp/enabled");
        String ccs = read("/proc/sys/net/ipv4/tcp_available_congestion_control");
        Set<String> avail = ccs == null ? Set.of() : new LinkedHashSet<>(Arrays.asList(ccs.split("\\s+")));
        return new HostFacts(root, netns, mptcp, avail, missingTools(tools(backend)));
    }

    /** Tools from {@code table} not found on PATH (or /usr/sbin, /sbin). */
    public static Set<String> missingTools(Map<String, String> table) {
        Set<String> missing = new LinkedHashSet<>();
        String path = System.getenv().getOrDefault("PATH", "/usr/bin:/bin") + ":/usr/sbin:/sbin";
        for (String tool : table.keySet()) {
            boolean found = Arrays.stream(path.split(":")).anyMatch(d -> Files.isExecutable(Path.of(d, tool)));
            if (!found) missing.add(tool);
        }
        return missing;
    }

    private static int uid() {
        String status = read("/proc/self/status");
        if (status == null) return -1;
        for (String line : status.split("\n")) {
            if (line.startsWith("Uid:")) return Integer.parseInt(line.split("\\s+")[1]);
        }
        return -1;
    }

    static String read(String file) {
        try {
            return Files.readString(Path.of(file)).trim();
        } catch (IOException | RuntimeException e) {
            return null;
        }
    }
}
