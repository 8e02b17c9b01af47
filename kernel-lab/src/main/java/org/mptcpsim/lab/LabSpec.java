package org.mptcpsim.lab;

import java.util.List;
import java.util.Objects;
import java.util.regex.Pattern;

/**
 * What to run on a real kernel: a small, self-contained input for {@link HostLab} and {@link VmLab}.
 * The scenario model maps onto it; the lab never reads scenario files itself.
 *
 * <p>Client and server are joined by {@code paths}. In {@link Topology#SEPARATE} every path has its own
 * bottleneck ({@link Path#link()}: tbf rate + byte buffer on the router's egress towards the server);
 * in {@link Topology#SHARED} every path adds its delay and all of them meet in one bottleneck
 * ({@link #shared()}); a SHARED path with a {@link Path#link()} is a tandem: that tbf shapes the path on its router
 * (after the delay) before the shared bottleneck. The one-way delay of a path is applied in both directions, so its base RTT is
 * {@code 2 * owdUs}. {@code subflowsPerPath > 1} opens extra subflows over the same path via client address
 * aliases with in-kernel {@code subflow} endpoints (the upstream stand-in for ndiffports).
 *
 * @param name            scenario name written to summary.json
 * @param topology        SEPARATE or SHARED
 * @param paths           one entry per path, in order (path i gets client address 10.1.i.2)
 * @param shared          the shared bottleneck (SHARED only; null for SEPARATE)
 * @param durationS       transfer time in seconds (iperf3 -t)
 * @param cc              congestion control, set per socket (iperf3 -C); must exist in the kernel under test
 * @param mptcp           true: client and server under mptcpize; false: plain TCP over path 1 only
 * @param competingTcp    number of plain TCP bulk flows from the client over path 1 (SHARED only)
 * @param competingHosts  plain TCP bulk flows from other hosts (SHARED only): each runs in its own namespace
 *                        {@code prefix-h<k>} behind its own router and delay line, joining the shared bottleneck;
 *                        flow numbering continues after the {@code competingTcp} client flows
 * @param sampleIntervalS sample interval of subflows.csv / queues.csv / connections.csv (≥ 0.01 s)
 * @param prefix          unique run prefix, [a-z0-9]{1,10}: namespaces {@code prefix-*}, tracefs instance
 * @param flowIds         the scenario's connection ids: the main connection's, then each competing flow's in
 *                        {@link #competingFlows()} order; empty: {@code m1} / {@code t1} and {@code c1..cN}
 */
public record LabSpec(String name, Topology topology, List<Path> paths, Link shared, double durationS,
                      String cc, boolean mptcp, int competingTcp, List<OtherHost> competingHosts, double sampleIntervalS, String prefix,
                      List<String> flowIds) {

    /** With the default connection ids ({@link #flowId}). */
    public LabSpec(String name, Topology topology, List<Path> paths, Link shared, double durationS,
                   String cc, boolean mptcp, int competingTcp, List<OtherHost> competingHosts, double sampleIntervalS, String prefix) {
        this(name, topology, paths, shared, durationS, cc, mptcp, competingTcp, competingHosts, sampleIntervalS, prefix, List.of());
    }

    /** Without flows from other hosts. */
    public LabSpec(String name, Topology topology, List<Path> paths, Link shared, double durationS,
                   String cc, boolean mptcp, int competingTcp, double sampleIntervalS, String prefix) {
        this(name, topology, paths, shared, durationS, cc, mptcp, competingTcp, List.of(), sampleIntervalS, prefix);
    }

    /**
     * A plain TCP sender on another host: its id (the scenario host), the one-way delay of its access path up to the
     * shared bottleneck (applied in both directions, like a path's) and its congestion control ({@code null}: the
     * lab's {@link #cc()}).
     */
    public record OtherHost(String id, long owdUs, String cc, String linkId) {
        public OtherHost {
            Objects.requireNonNull(id, "host id");
            if (owdUs < 0 || owdUs > 2_000_000) throw new IllegalArgumentException("host " + id + ": one-way delay must be 0..2 s");
            if (cc != null && !cc.matches("[a-z0-9_]{1,16}")) throw new IllegalArgumentException("host " + id + ": bad congestion control " + cc);
        }

        /** Without a scenario link id (outputs name the path by the host). */
        public OtherHost(String id, long owdUs, String cc) {
            this(id, owdUs, cc, null);
        }

        /** With the lab's congestion control. */
        public OtherHost(String id, long owdUs) {
            this(id, owdUs, null, null);
        }
    }

    /** The id of flow {@code j}: 0 the main connection, j ≥ 1 competing flow j (the scenario's, else m1/t1, cJ). */
    public String flowId(int j) {
        if (!flowIds.isEmpty()) return flowIds.get(j);
        return j == 0 ? (mptcp ? "m1" : "t1") : "c" + j;
    }

    /** The congestion control of competing flow {@code j} (1-based, numbered as {@link #competingFlows()}). */
    public String flowCc(int j) {
        int k = j - competingTcp;
        if (k >= 1 && k <= competingHosts.size() && competingHosts.get(k - 1).cc() != null) {
            return competingHosts.get(k - 1).cc();
        }
        return cc;
    }

    /** Every congestion control the run uses: the main connection's, then the competing flows' (no duplicates). */
    public List<String> allCcs() {
        java.util.LinkedHashSet<String> all = new java.util.LinkedHashSet<>();
        all.add(cc);
        for (int j = 1; j <= competingFlows(); j++) {
            all.add(flowCc(j));
        }
        return List.copyOf(all);
    }

    /** How the paths reach the server. */
    public enum Topology { SEPARATE, SHARED }

    /** A rate-limited link: tbf {@code rate} in bit/s and {@code limit} = bufferBytes (includes 14 B Ethernet headers). */
    public record Link(String id, long rateBps, int bufferBytes) {
        public Link {
            Objects.requireNonNull(id, "link id");
            if (rateBps < 8_000) throw new IllegalArgumentException("link " + id + ": rate below 8 kbit/s");
            if (bufferBytes < 1514) throw new IllegalArgumentException("link " + id + ": buffer below one packet (1514 B)");
        }
    }

    /** One path: its id, one-way delay, subflows over it, and its own bottleneck (SEPARATE), or in SHARED optionally its own limit in front of the shared one. */
    public record Path(String id, long owdUs, int subflows, Link link) {
        public Path {
            Objects.requireNonNull(id, "path id");
            if (owdUs < 0 || owdUs > 2_000_000) throw new IllegalArgumentException("path " + id + ": one-way delay must be 0..2 s");
            if (subflows < 1 || subflows > 8) throw new IllegalArgumentException("path " + id + ": subflows must be 1..8");
        }
    }

    private static final Pattern PREFIX = Pattern.compile("[a-z0-9]{1,10}");

    public LabSpec {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(topology, "topology");
        paths = List.copyOf(paths);
        competingHosts = competingHosts == null ? List.of() : List.copyOf(competingHosts);
        flowIds = flowIds == null ? List.of() : List.copyOf(flowIds);
        Objects.requireNonNull(cc, "cc");
        if (paths.isEmpty() || paths.size() > 8) throw new IllegalArgumentException("1..8 paths required");
        if (topology == Topology.SEPARATE) {
            if (shared != null) throw new IllegalArgumentException("SEPARATE topology takes no shared link");
            for (Path p : paths) if (p.link() == null) throw new IllegalArgumentException("path " + p.id() + " needs a link in SEPARATE topology");
            if (competingTcp > 0 || !competingHosts.isEmpty()) throw new IllegalArgumentException("competing TCP flows need the SHARED topology");
        } else {
            if (shared == null) throw new IllegalArgumentException("SHARED topology needs the shared link");
        }
        int total = paths.stream().mapToInt(Path::subflows).sum();
        if (mptcp && total > 9) throw new IllegalArgumentException("at most 9 subflows per connection (kernel limit: 8 joins)");
        if (durationS < 1 || durationS > 3600) throw new IllegalArgumentException("duration must be 1..3600 s");
        if (competingTcp < 0 || competingTcp + competingHosts.size() > 8) throw new IllegalArgumentException("competing TCP flows must be 0..8");
        if (sampleIntervalS < 0.01) throw new IllegalArgumentException("sample interval must be ≥ 0.01 s");
        if (prefix == null || !PREFIX.matcher(prefix).matches()) throw new IllegalArgumentException("prefix must match [a-z0-9]{1,10}");
        if (!flowIds.isEmpty() && flowIds.size() != 1 + competingTcp + competingHosts.size()) {
            throw new IllegalArgumentException("flow ids: one per flow (" + (1 + competingTcp + competingHosts.size()) + "), got " + flowIds.size());
        }
    }

    /** All competing plain TCP flows: the client's over path 1, then one per other host. */
    public int competingFlows() {
        return competingTcp + competingHosts.size();
    }

    /** Sum of the bottleneck rates in bit/s: what the backend must carry. */
    public long totalRateBps() {
        return topology == Topology.SHARED ? shared.rateBps() : paths.stream().mapToLong(p -> p.link().rateBps()).sum();
    }

    /** The shaped links in queue order: one per path (SEPARATE), or the paths' own (a tandem) and then the shared one. */
    public List<Link> bottlenecks() {
        if (topology == Topology.SEPARATE) return paths.stream().map(Path::link).toList();
        List<Link> all = new java.util.ArrayList<>();
        for (Path p : paths) if (p.link() != null) all.add(p.link());
        all.add(shared);
        return List.copyOf(all);
    }

    /** A fresh prefix unique to this JVM and call: {@code mlab<pid mod 1e5><n>}. */
    public static String uniquePrefix() {
        return "mlab" + (ProcessHandle.current().pid() % 100_000) + Counter.NEXT.getAndIncrement() % 10;
    }

    private static final class Counter {
        static final java.util.concurrent.atomic.AtomicInteger NEXT = new java.util.concurrent.atomic.AtomicInteger();
    }

    /** Two separate paths, the measured reference case of docs/kernel-lab.md. */
    public static LabSpec twoPaths(long rate1, long owd1Us, long rate2, long owd2Us, int buffer, double seconds, String cc) {
        return new LabSpec("two-paths", Topology.SEPARATE,
                List.of(new Path("p1", owd1Us, 1, new Link("p1", rate1, buffer)),
                        new Path("p2", owd2Us, 1, new Link("p2", rate2, buffer))),
                null, seconds, cc, true, 0, 0.1, uniquePrefix());
    }
}
