package org.mptcpsim.scenario.run;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.mptcpsim.scenario.model.ConnectionSpec;
import org.mptcpsim.scenario.model.Loc;
import org.mptcpsim.scenario.model.Scenario;
import org.mptcpsim.scenario.model.ScenarioException;
import org.mptcpsim.scenario.options.KernelOptions;
import org.mptcpsim.scenario.options.OptionRegistry;

/**
 * Kernel options that scenarios may name (the kernel lab applies them to a real kernel) but whose other
 * values the simulator does not model: it always runs the kernel's default. A scenario that sets one to
 * anything else is refused where it sets it, instead of running the default behind the user's back. The simulator
 * checks every scenario it runs ({@link ScenarioRunner}); {@code validate} checks before its kernel runs.
 */
public final class UnmodelledOptions {
    /** Option → what the simulator always does (the reason a different value is refused). */
    static final Map<String, String> ONLY_DEFAULT = new LinkedHashMap<>();

    static {
        ONLY_DEFAULT.put("net.ipv4.tcp_sack", "the simulator's TCP always negotiates SACK (its loss recovery is SACK"
                + " and RACK based; recovery without SACK is not modelled)");
        ONLY_DEFAULT.put("net.ipv4.tcp_wmem", "the simulator's senders are never limited by their send buffer (bulk"
                + " sources and applications hand data over at once)");
        ONLY_DEFAULT.put("net.ipv4.tcp_timestamps", "the simulator's TCP always uses timestamps (its RTT samples, as"
                + " Linux's with timestamps, come from TSecr; 2, timestamps without a random offset, runs as 1)");
        ONLY_DEFAULT.put("net.mptcp.mptcp_enabled", "an MPTCP connection is always MPTCP in the simulator; use type: tcp"
                + " for a plain TCP connection");
        ONLY_DEFAULT.put("net.mptcp.mptcp_syn_retries", "the simulator never falls back from MPTCP to TCP after lost SYNs");
        ONLY_DEFAULT.put("net.mptcp.mptcp_version", "the simulator models one MPTCP option layout (set sim.dss_bytes for"
                + " the bytes the DSS option takes)");
        ONLY_DEFAULT.put("net.mptcp.mptcp_checksum", "the DSS checksum's option bytes are sim.dss_bytes; the checksum"
                + " itself is not computed");
    }

    private UnmodelledOptions() {
    }

    /** Refuses the first option of {@code sc}'s connections set to a value the simulator does not model. */
    public static void check(Scenario sc) {
        for (ConnectionSpec c : sc.connections()) {
            check(c);
        }
    }

    private static void check(ConnectionSpec c) {
        KernelOptions k = c.kernel();
        for (Map.Entry<String, String> e : ONLY_DEFAULT.entrySet()) {
            String name = e.getKey();
            String v = k.get(name);
            String d = OptionRegistry.standard().option(name).defaultFor(k.flavour());   // built-in: in every registry
            if (v != null && !v.equals(d) && !equivalent(name, v)) {
                Loc l = k.locationOf(name);
                throw new ScenarioException(l != null ? l : c.loc(), v + " is not modelled by the"
                        + " simulator: " + e.getValue() + ". The kernel lab applies it (mptcp-sim kernel)", List.of(d));
            }
        }
    }

    /** tcp_timestamps 1 and 2 differ only in the random offset of TSval, which the simulator does not use. */
    private static boolean equivalent(String name, String v) {
        return name.equals("net.ipv4.tcp_timestamps") && v.equals("2");
    }
}
