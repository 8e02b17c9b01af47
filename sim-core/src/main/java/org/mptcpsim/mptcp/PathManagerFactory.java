package org.mptcpsim.mptcp;

import org.mptcpsim.core.KernelParams;

/**
 * Creates the per-connection {@link PathManager} of one path manager, selected by
 * {@code net.mptcp.mptcp_path_manager}. Found with {@link java.util.ServiceLoader}.
 */
public interface PathManagerFactory {

    /** The kernel's registered name, e.g. {@code "default"}, {@code "fullmesh"}. */
    String name();

    /** A new path manager for one connection, reading its module parameters from {@code params}. */
    PathManager create(KernelParams params);

    /** The module parameters this path manager reads, with the kernel's defaults. */
    default java.util.Map<String, String> parameters() {
        return java.util.Map.of();
    }
}
