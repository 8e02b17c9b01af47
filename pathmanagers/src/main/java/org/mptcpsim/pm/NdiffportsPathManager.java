package org.mptcpsim.pm;


import java.util.List;
import java.util.Set;
import org.mptcpsim.core.Flavour;
import org.mptcpsim.core.KernelParams;
import org.mptcpsim.core.ModuleParam;
import org.mptcpsim.mptcp.Address;
import org.mptcpsim.mptcp.PathManager;
import org.mptcpsim.mptcp.PathManagerFactory;
import org.mptcpsim.mptcp.PmContext;
import org.mptcpsim.tcp.Subflow;

/**
 * The {@code ndiffports} path manager ({@code net/mptcp/mptcp_ndiffports.c},
 * {@code ndiffports_create_subflows}): once the connection is fully established, the client opens subflows over the initial
 * subflow's address pair, each from a new source port (so ECMP may hash them onto different
 * paths), one per iteration while {@code num_subflows > iteration} and
 * {@code num_subflows > current number of subflows}: {@code num_subflows} in total. No address
 * announcements, no reaction to address events, no re-creation after errors.
 *
 * <p>Module parameter: {@code mptcp_ndiffports.num_subflows} (2).
 */
public final class NdiffportsPathManager implements PathManager {
    public static final String NAME = "ndiffports";
    static final ModuleParam NUM_SUBFLOWS = ModuleParam.integer("mptcp_ndiffports.num_subflows", 1, 255, 2,
            "subflows per connection (same addresses, different source ports)");

    private final int numSubflows;

    public NdiffportsPathManager(int numSubflows, KernelParams params) {
        this.numSubflows = numSubflows;
    }

    @Override
    public String name() {
        return NAME;
    }

    @Override
    public void onFullyEstablished(PmContext ctx) {
        Address local = PmSupport.initialLocal(ctx);
        Address remote = PmSupport.initialRemote(ctx);
        if (local == null || remote == null) {
            return;
        }
        for (int i = 0; numSubflows > i && numSubflows > openSubflows(ctx); i++) {
            ctx.createSubflow(local, remote, false);
        }
    }

    private static int openSubflows(PmContext ctx) {
        int n = 0;
        for (Subflow s : ctx.subflows()) {
            if (!s.isClosed()) {
                n++;
            }
        }
        return n;
    }


    /** Registers {@code ndiffports}. */
    public static final class Factory implements PathManagerFactory {
        @Override
        public String name() {
            return NAME;
        }

        @Override
        public Set<Flavour> flavours() {
            return Set.of(Flavour.MPTCP_V095); // out-of-tree only (mptcp_ndiffports.c)
        }

        @Override
        public PathManager create(KernelParams params) {
            return new NdiffportsPathManager(NUM_SUBFLOWS.getInt(params), params);
        }

        @Override
        public List<ModuleParam> parameters() {
            return List.of(NUM_SUBFLOWS);
        }
    }
}
