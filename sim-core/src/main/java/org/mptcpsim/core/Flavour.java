package org.mptcpsim.core;

import java.util.Arrays;
import java.util.List;

/**
 * The kernel family a scenario models (option {@code flavour}): what differs between the
 * out-of-tree multipath-tcp.org kernel and upstream Linux beyond the plug-ins each offers. Which
 * congestion controls, path managers and schedulers a flavour offers is declared by the plug-ins
 * ({@link PluginFactory#flavours()}); its scheduler is the one registered as {@code default} for
 * it (out-of-tree {@code mptcp_sched.c}'s default, upstream {@code mptcp_subflow_get_send}).
 */
public enum Flavour {
    /** Out-of-tree multipath-tcp.org v0.95 (Linux 4.19 base): coupled CCs, PMs, schedulers. */
    MPTCP_V095("mptcp-v0.95", false),
    /** Upstream Linux 5.6+ MPTCP: uncoupled per-subflow CC, in-kernel PM, one scheduler. */
    UPSTREAM("upstream", true);

    private final String key;
    /** {@code tcp_is_cwnd_limited} tests {@code is_cwnd_limited} before the slow-start rule (5.x/6.x). */
    private final boolean cwndLimitedFlagFirst;

    Flavour(String key, boolean cwndLimitedFlagFirst) {
        this.key = key;
        this.cwndLimitedFlagFirst = cwndLimitedFlagFirst;
    }

    /** The name used in scenario files. */
    public String key() {
        return key;
    }

    /**
     * This kernel's {@code tcp_is_cwnd_limited}. 4.19 form (out-of-tree): in slow start
     * {@code cwnd < 2 x max_packets_out}, else the {@code is_cwnd_limited} flag. 5.x/6.x form
     * (upstream): the flag first, then the same slow-start test.
     */
    public boolean isCwndLimited(boolean cwndLimitedFlag, boolean inSlowStart, int cwnd, int maxPacketsOut) {
        if (cwndLimitedFlagFirst && cwndLimitedFlag) {
            return true;
        }
        if (inSlowStart) {
            return cwnd < 2 * maxPacketsOut;
        }
        return cwndLimitedFlag;
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
