package org.mptcpsim.mptcp;

import org.mptcpsim.core.KernelParams;
import org.mptcpsim.core.PluginFactory;

/**
 * Creates the per-connection {@link PacketScheduler} of one scheduler, selected by
 * {@code net.mptcp.mptcp_scheduler}. Found with {@link java.util.ServiceLoader}.
 */
public interface PacketSchedulerFactory extends PluginFactory {

    /** A new scheduler for one connection, reading its module parameters from {@code params}. */
    PacketScheduler create(KernelParams params);
}
