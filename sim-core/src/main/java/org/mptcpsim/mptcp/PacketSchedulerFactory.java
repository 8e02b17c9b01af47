package org.mptcpsim.mptcp;

import org.mptcpsim.core.KernelParams;

/**
 * Creates the per-connection {@link PacketScheduler} of one scheduler, selected by
 * {@code net.mptcp.mptcp_scheduler}. Found with {@link java.util.ServiceLoader}.
 */
public interface PacketSchedulerFactory {

    /** The kernel's registered name, e.g. {@code "default"}, {@code "roundrobin"}. */
    String name();

    /** A new scheduler for one connection, reading its module parameters from {@code params}. */
    PacketScheduler create(KernelParams params);

    /** The module parameters this scheduler reads, with the kernel's defaults. */
    default java.util.Map<String, String> parameters() {
        return java.util.Map.of();
    }
}
