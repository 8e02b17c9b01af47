package org.mptcpsim.tcp;

import org.mptcpsim.core.KernelParams;
import org.mptcpsim.core.PluginFactory;

/**
 * Creates the per-socket {@link CongestionControl} instances of one algorithm, as a registered
 * {@code tcp_congestion_ops} does. Implementations are found with {@link java.util.ServiceLoader}
 * and selected by {@link #name()} (the value of {@code net.ipv4.tcp_congestion_control}).
 */
public interface CongestionControlFactory extends PluginFactory {

    /**
     * A new instance for one socket.
     *
     * @param params the connection's kernel options (module parameters such as
     *               {@code mptcp_wvegas.total_alpha}); read once here, as module parameters are
     *               read by the kernel at call time but do not change during a run
     */
    CongestionControl create(KernelParams params);
}
