package org.mptcpsim.scenario.options;

import java.util.Arrays;
import java.util.List;

/** The kernel family a scenario models (option {@code flavour}). */
public enum Flavour {
    /** Out-of-tree multipath-tcp.org v0.95 (Linux 4.19 base): coupled CCs, PMs, schedulers. */
    MPTCP_V095("mptcp-v0.95"),
    /** Upstream Linux 5.6+ MPTCP: uncoupled per-subflow CC, in-kernel PM, one scheduler. */
    UPSTREAM("upstream");

    private final String key;

    Flavour(String key) {
        this.key = key;
    }

    /** The name used in scenario files. */
    public String key() {
        return key;
    }

    public static List<String> keys() {
        return Arrays.stream(values()).map(Flavour::key).toList();
    }

    /** The flavour named {@code key}; throws IllegalArgumentException for others. */
    public static Flavour of(String key) {
        for (Flavour f : values()) {
            if (f.key.equals(key)) {
                return f;
            }
        }
        throw new IllegalArgumentException("unknown flavour " + key);
    }
}
