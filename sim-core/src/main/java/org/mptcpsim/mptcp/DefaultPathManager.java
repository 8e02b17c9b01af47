package org.mptcpsim.mptcp;

import org.mptcpsim.core.KernelParams;

/**
 * The default path manager ({@code net/mptcp/mptcp_pm.c}, {@code mptcp_pm_default}; kernel-reference
 * §7.1): creates no subflows and announces nothing. Subflows a scenario lists explicitly are
 * opened by the scenario layer once the connection is fully established.
 */
public final class DefaultPathManager implements PathManagerFactory {
    @Override
    public String name() {
        return "default";
    }

    @Override
    public PathManager create(KernelParams params) {
        return PathManager.DEFAULT;
    }
}
