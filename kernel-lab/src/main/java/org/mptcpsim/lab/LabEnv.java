package org.mptcpsim.lab;

import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.stream.Collectors;

/** Turns a {@link LabSpec} into the environment of {@code lab.sh} (see its header for each variable). */
public final class LabEnv {
    /** The iperf3 port of the MPTCP (or main TCP) connection; competing flow j uses PORT + j (other hosts' flows last). */
    public static final int PORT = 5201;

    private LabEnv() {
    }

    /**
     * @param delay   {@code tun} (host, userspace delay line), {@code netem} (guest) or {@code none}
     * @param raw     directory for raw captures, as seen by lab.sh
     * @param dl      delay-line binary (tun only)
     * @param tracefs tracefs mount point
     */
    public static Map<String, String> of(LabSpec s, String delay, String raw, String dl, String tracefs) {
        Map<String, String> e = new LinkedHashMap<>();
        e.put("P", s.prefix());
        e.put("TOPO", s.topology().name().toLowerCase(Locale.ROOT));
        e.put("NPATHS", Integer.toString(s.paths().size()));
        e.put("OWD_US", join(s, p -> Long.toString(p.owdUs())));
        if (s.topology() == LabSpec.Topology.SEPARATE) {
            e.put("RATES", join(s, p -> Long.toString(p.link().rateBps())));
            e.put("LIMITS", join(s, p -> Integer.toString(p.link().bufferBytes())));
        } else {
            e.put("SHRATE", Long.toString(s.shared().rateBps()));
            e.put("SHLIMIT", Integer.toString(s.shared().bufferBytes()));
            if (s.paths().stream().anyMatch(p -> p.link() != null)) {   // a tandem: the paths' own tbf in front of the shared one (0: none)
                e.put("URATES", join(s, p -> p.link() == null ? "0" : Long.toString(p.link().rateBps())));
                e.put("ULIMITS", join(s, p -> p.link() == null ? "0" : Integer.toString(p.link().bufferBytes())));
            }
        }
        e.put("SUBFLOWS", s.mptcp() ? join(s, p -> Integer.toString(p.subflows())) : "1");
        e.put("MPTCP", s.mptcp() ? "1" : "0");
        e.put("DELAY", delay);
        e.put("DL", dl);
        e.put("RAW", raw);
        e.put("TRACEFS", tracefs);
        e.put("SECS", Long.toString(Math.round(s.durationS())));
        e.put("CC", s.cc());
        e.put("SAMPLE_S", String.format(Locale.ROOT, "%.3f", s.sampleIntervalS()));
        e.put("NCOMPETE", Integer.toString(s.competingFlows()));
        if (!s.competingHosts().isEmpty()) {
            e.put("XOWD_US", s.competingHosts().stream().map(h -> Long.toString(h.owdUs())).collect(Collectors.joining(" ")));
            e.put("XCC", s.competingHosts().stream().map(h -> h.cc() == null ? s.cc() : h.cc()).collect(Collectors.joining(" ")));
        }
        e.put("PORT", Integer.toString(PORT));
        return e;
    }

    private static String join(LabSpec s, java.util.function.Function<LabSpec.Path, String> f) {
        return s.paths().stream().map(f).collect(Collectors.joining(" "));
    }
}
