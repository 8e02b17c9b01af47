package org.mptcpsim.mptcp;

import org.mptcpsim.core.KernelParams;
import org.mptcpsim.core.PluginFactory;

/**
 * Creates the per-connection {@link PathManager} of one path manager, selected by
 * {@code net.mptcp.mptcp_path_manager}. Found with {@link java.util.ServiceLoader}.
 */
public interface PathManagerFactory extends PluginFactory {

    /** A new path manager for one connection, reading its module parameters from {@code params}. */
    PathManager create(KernelParams params);
}
