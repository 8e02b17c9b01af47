package org.mptcpsim.scenario.options;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.SortedMap;
import java.util.TreeMap;
import org.mptcpsim.core.Flavour;
import org.mptcpsim.core.KernelParams;
import org.mptcpsim.scenario.model.Loc;

/**
 * The effective kernel options of a scenario or of one connection: every known option (sysctls,
 * module parameters, simulator knobs {@code sim.*}) with the kernel's default filled in and the
 * values set by the scenario already validated and normalised. Immutable.
 */
public final class KernelOptions implements KernelParams {

    public static final String FLAVOUR = "flavour";
    public static final String CC = "net.ipv4.tcp_congestion_control";
    public static final String PATH_MANAGER = "net.mptcp.mptcp_path_manager";
    public static final String SCHEDULER = "net.mptcp.mptcp_scheduler";

    private final SortedMap<String, String> effective;
    private final Map<String, String> explicit;
    private final Map<String, Loc> locs;

    /**
     * @param effective every known option's value (defaults included)
     * @param explicit  the options set by the scenario (or {@code --set}), in the order set
     * @param locs      where each explicit option was set
     */
    public KernelOptions(Map<String, String> effective, Map<String, String> explicit, Map<String, Loc> locs) {
        this.effective = Collections.unmodifiableSortedMap(new TreeMap<>(effective));
        this.explicit = Collections.unmodifiableMap(new LinkedHashMap<>(explicit));
        this.locs = Collections.unmodifiableMap(new LinkedHashMap<>(locs));
    }

    /** The value (explicit or default) as normalised text, or {@code null} for an unknown option. */
    @Override
    public String get(String name) {
        return effective.get(name);
    }

    /** Every known option with its effective value, sorted by name (for summary.json). */
    public SortedMap<String, String> effective() {
        return effective;
    }

    /** Only the options the scenario set, in the order they were set. */
    public Map<String, String> explicit() {
        return explicit;
    }

    /** Where an option was set, or {@code null} when it has its default value. */
    public Loc locationOf(String name) {
        return locs.get(name);
    }

    /** An int option (bools read as 0/1); throws for unknown options. */
    public int intValue(String name) {
        requireKnown(name);
        return getInt(name, 0);
    }

    /** A boolean option (also accepts int options: non-zero = true); throws for unknown options. */
    public boolean bool(String name) {
        return intValue(name) != 0;
    }

    /** A text option; throws for unknown options. */
    public String string(String name) {
        requireKnown(name);
        return effective.get(name);
    }

    /** A triple such as {@code net.ipv4.tcp_rmem} (min, default, max). */
    public long[] triple(String name) {
        String[] parts = string(name).trim().split("\\s+");
        return new long[] {Long.parseLong(parts[0]), Long.parseLong(parts[1]), Long.parseLong(parts[2])};
    }

    private void requireKnown(String name) {
        if (!effective.containsKey(name)) {
            throw new IllegalArgumentException("unknown kernel option " + name);
        }
    }

    public Flavour flavour() {
        return Flavour.of(string(FLAVOUR));
    }

    /** {@code net.ipv4.tcp_congestion_control}. */
    public String congestionControl() {
        return string(CC);
    }

    /** {@code net.mptcp.mptcp_path_manager}. */
    public String pathManager() {
        return string(PATH_MANAGER);
    }

    /** {@code net.mptcp.mptcp_scheduler}. */
    public String scheduler() {
        return string(SCHEDULER);
    }

    /** {@code net.mptcp.mptcp_checksum} (default depends on the flavour). */
    public boolean checksum() {
        return bool("net.mptcp.mptcp_checksum");
    }

    /** {@code sim.mtu}: IP MTU in bytes. */
    public int mtu() {
        return intValue("sim.mtu");
    }

    /** {@code sim.delayed_ack}: Linux-like delayed ACKs (true) or one ACK per segment (false). */
    public boolean delayedAck() {
        return bool("sim.delayed_ack");
    }

    /** {@code sim.header_bytes}: IP + TCP header bytes per packet (with options). */
    public int headerBytes() {
        return intValue("sim.header_bytes");
    }

    /** {@code sim.l2_overhead_bytes}: link-layer bytes counted on the wire per packet. */
    public int l2OverheadBytes() {
        return intValue("sim.l2_overhead_bytes");
    }

    /** {@code sim.dss_bytes}: MPTCP DSS option bytes taken from each MPTCP data packet. */
    public int dssBytes() {
        return intValue("sim.dss_bytes");
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof KernelOptions k && k.effective.equals(effective) && k.explicit.equals(explicit);
    }

    @Override
    public int hashCode() {
        return effective.hashCode();
    }

    @Override
    public String toString() {
        return "KernelOptions" + explicit;
    }
}
