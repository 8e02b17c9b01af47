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

    /**
     * Checks a value of one of {@link #parameters()} when the scenario is loaded, so that a bad
     * value is a located error before anything runs; throws {@link IllegalArgumentException}
     * saying what is wrong and what is allowed. The default accepts any value.
     */
    default void checkParameter(String name, String value) {
    }
}
