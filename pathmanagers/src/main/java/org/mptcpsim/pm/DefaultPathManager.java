package org.mptcpsim.pm;

import java.util.Set;
import org.mptcpsim.core.Flavour;
import org.mptcpsim.core.KernelParams;
import org.mptcpsim.mptcp.PathManager;
import org.mptcpsim.mptcp.PathManagerFactory;

/**
 * The default path manager ({@code net/mptcp/mptcp_pm.c}, {@code mptcp_pm_default}): creates no
 * subflows and announces nothing ({@link PathManager#DEFAULT}). Subflows a scenario lists
 * explicitly are opened by the scenario layer once the connection is fully established.
 */
public final class DefaultPathManager implements PathManagerFactory {
    @Override
    public String name() {
        return PathManager.DEFAULT.name();
    }

    @Override
    public Set<Flavour> flavours() {
        return Set.of(Flavour.values()); // a connection without a PM's subflows is valid in both kernels
    }

    @Override
    public PathManager create(KernelParams params) {
        return PathManager.DEFAULT;
    }
}
