package org.mptcpsim.pm;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

import org.mptcpsim.core.Flavour;
import org.mptcpsim.core.KernelParams;
import org.mptcpsim.core.ModuleParam;
import org.mptcpsim.core.Time;
import org.mptcpsim.mptcp.Address;
import org.mptcpsim.mptcp.PathManager;
import org.mptcpsim.mptcp.PathManagerFactory;
import org.mptcpsim.mptcp.PmContext;
import org.mptcpsim.tcp.Subflow;

/**
 * The upstream Linux in-kernel path manager ({@code net/mptcp/pm_netlink.c}, renamed
 * {@code pm_kernel.c} in 6.x; {@code net.mptcp.path_manager = kernel}), registered as
 * {@code kernel}. Configured like {@code ip mptcp endpoint} and {@code ip mptcp limits}:
 * kernel options {@code mptcp.endpoints} (see {@link Endpoint}) and {@code mptcp.limits}
 * ({@code "subflows N add_addr_accepted M"}, kernel defaults 2 and 0, each at most 8).
 *
 * <p>Client side ({@code mptcp_pm_create_subflow_or_signal_addr}, on full establishment):
 * while a {@code subflow} endpoint of the client is unused and {@code subflows} (extra subflows)
 * is below its limit, take the next one (id order; the initial subflow's own address counts as
 * used) and open a subflow from it to the initial remote address, or, with {@code fullmesh},
 * to every remote address known. The server's {@code signal} endpoints reach the client as
 * ADD_ADDR half an RTT later ({@code mptcp_pm_nl_add_addr_received}): while
 * {@code add_addr_accepted} and {@code subflows} allow, the client joins each announced
 * address, from every {@code fullmesh} endpoint if it has any, else from the initial local
 * address. A subflow is a backup when its local endpoint or the server's endpoint has
 * {@code backup}. A closed subflow frees its slot in {@code subflows}.
 *
 * <p>The in-kernel PM does not follow interfaces going down or up (endpoints are static
 * configuration; a daemon such as NetworkManager or mptcpd would edit them): subflows on a dead
 * interface keep retransmitting until {@code tcp_retries2} expires ({@link org.mptcpsim.tcp.WriteTimeout}, in the TCP engine, which closes it and calls {@code onSubflowClosed}).
 * Client {@code signal} endpoints (announcements to the server) have no effect here: servers
 * do not open subflows in the simulator.
 */
public final class InKernelPathManager implements PathManager {
    public static final String NAME = "kernel";
    public static final String LIMITS = "mptcp.limits";
    static final ModuleParam ENDPOINTS_PARAM = ModuleParam.text(Endpoint.OPTION, "",
            "ip mptcp endpoint entries, ';'-separated: [HOST:]IFACE [id N] FLAG...", Endpoint::parse);
    static final ModuleParam LIMITS_PARAM = ModuleParam.text(LIMITS, "subflows 2 add_addr_accepted 0",
            "ip mptcp limits: subflows N add_addr_accepted M (each 0..8)", InKernelPathManager::parseLimits);
    static final int MPTCP_PM_ADDR_MAX = 8;

    private final List<Endpoint> endpoints;
    private final int subflowsMax;
    private final int addAddrAcceptMax;

    private int subflows;
    private int addAddrAccepted;
    private final List<Endpoint> usedLocal = new ArrayList<>();
    private final List<Address> remotes = new ArrayList<>();
    private final Map<Integer, Endpoint> endpointOf = new LinkedHashMap<>();

    public InKernelPathManager(List<Endpoint> endpoints, int subflowsMax, int addAddrAcceptMax, KernelParams p) {
        this.endpoints = List.copyOf(endpoints);
        this.subflowsMax = subflowsMax;
        this.addAddrAcceptMax = addAddrAcceptMax;
    }

    /** Parses {@code mptcp.limits}: {@code {subflowsMax, addAddrAcceptMax}}. */
    public static int[] parseLimits(String text) {
        int[] out = {2, 0};
        if (text == null || text.isBlank()) {
            return out;
        }
        String[] tok = text.trim().split("\\s+");
        for (int i = 0; i < tok.length; i++) {
            int which = switch (tok[i]) {
                case "subflows", "subflow" -> 0;
                case "add_addr_accepted" -> 1;
                default -> throw new IllegalArgumentException(LIMITS + ": unknown limit \"" + tok[i]
                        + "\"; known: subflows, add_addr_accepted");
            };
            if (++i >= tok.length) {
                throw new IllegalArgumentException(LIMITS + ": " + tok[i - 1] + " needs a number");
            }
            int v;
            try {
                v = Integer.parseInt(tok[i]);
            } catch (NumberFormatException e) {
                throw new IllegalArgumentException(LIMITS + ": " + tok[i - 1] + " needs a number, got \"" + tok[i] + "\"");
            }
            if (v < 0 || v > MPTCP_PM_ADDR_MAX) {
                throw new IllegalArgumentException(LIMITS + ": " + tok[i - 1] + " must be 0.." + MPTCP_PM_ADDR_MAX);
            }
            out[which] = v;
        }
        return out;
    }

    @Override
    public String name() {
        return NAME;
    }

    /** Extra subflows counted against the {@code subflows} limit. */
    public int subflows() {
        return subflows;
    }

    @Override
    public void onFullyEstablished(PmContext ctx) {
        Address initialLocal = PmSupport.initialLocal(ctx);
        Address initialRemote = PmSupport.initialRemote(ctx);
        if (initialLocal == null || initialRemote == null) {
            return;
        }
        remotes.add(initialRemote);
        String client = initialLocal.host();
        String server = initialRemote.host();
        for (Endpoint e : endpoints) {
            if (isLocal(e, client) && matches(initialLocal, e)) {
                usedLocal.add(e);
            }
        }
        createLocalSubflows(ctx, client);
        List<Address> announced = new ArrayList<>();
        List<Boolean> announcedBackup = new ArrayList<>();
        for (Endpoint e : endpoints) {
            if (e.signal() && server.equals(e.host())) {
                Address a = find(ctx.remoteAddresses(), server, e.iface());
                if (a != null && !a.equals(initialRemote)) {
                    announced.add(a);
                    announcedBackup.add(e.backup());
                }
            }
        }
        if (announced.isEmpty()) {
            return;
        }
        Subflow first = ctx.subflows().get(0);
        long halfRttPs = Time.us(Math.max(1, (first.sk.srttUs >>> 3) / 2));
        ctx.schedule(halfRttPs, () -> {
            for (int i = 0; i < announced.size(); i++) {
                addAddrReceived(ctx, client, initialLocal, announced.get(i), announcedBackup.get(i));
            }
        });
    }

    /** {@code mptcp_pm_create_subflow_or_signal_addr}, the subflow part. */
    private void createLocalSubflows(PmContext ctx, String client) {
        for (Endpoint e : endpoints) {
            if (subflows >= subflowsMax) {
                return;
            }
            if (!e.subflow() || !isLocal(e, client) || usedLocal.contains(e)) {
                continue;
            }
            Address local = find(ctx.localAddresses(), client, e.iface());
            if (local == null) {
                continue;
            }
            usedLocal.add(e);
            List<Address> targets = e.fullmesh() ? List.copyOf(remotes) : List.of(remotes.get(0));
            for (Address r : targets) {
                if (subflows >= subflowsMax) {
                    break;
                }
                open(ctx, local, r, e, e.backup());
            }
        }
    }

    /** {@code mptcp_pm_nl_add_addr_received}. */
    private void addAddrReceived(PmContext ctx, String client, Address initialLocal, Address remote, boolean backup) {
        if (addAddrAccepted >= addAddrAcceptMax || subflows >= subflowsMax) {
            return;
        }
        addAddrAccepted++;
        remotes.add(remote);
        List<Endpoint> mesh = new ArrayList<>();
        for (Endpoint e : endpoints) {
            if (e.fullmesh() && isLocal(e, client)) {
                mesh.add(e);
            }
        }
        if (mesh.isEmpty()) {
            open(ctx, initialLocal, remote, null, backup);
            return;
        }
        for (Endpoint e : mesh) {
            if (subflows >= subflowsMax) {
                return;
            }
            Address local = find(ctx.localAddresses(), client, e.iface());
            if (local != null) {
                open(ctx, local, remote, e, backup || e.backup());
            }
        }
    }

    private void open(PmContext ctx, Address local, Address remote, Endpoint e, boolean backup) {
        Subflow s = ctx.createSubflow(local, remote, backup);
        if (s != null) {
            subflows++;
            if (e != null) {
                endpointOf.put(s.sk.id, e);
            }
        }
    }


    @Override
    public void onSubflowClosed(PmContext ctx, Subflow s, boolean timeout) {
        if (s.sk.id > 0 && subflows > 0) {
            subflows--;
        }
        endpointOf.remove(s.sk.id);
    }

    private static boolean isLocal(Endpoint e, String client) {
        return e.host() == null || e.host().equals(client);
    }

    private static boolean matches(Address a, Endpoint e) {
        return e.iface().equals(a.iface());
    }

    private static Address find(List<Address> list, String host, String iface) {
        for (Address a : list) {
            if (a.host().equals(host) && iface.equals(a.iface())) {
                return a;
            }
        }
        return null;
    }

    /** Registers {@code kernel}. */
    public static final class Factory implements PathManagerFactory {
        @Override
        public String name() {
            return NAME;
        }

        @Override
        public Set<Flavour> flavours() {
            // upstream's PM; mptcp-v0.95 scenarios have always been allowed to select it too
            return Set.of(Flavour.values());
        }

        @Override
        public PathManager create(KernelParams params) {
            int[] limits = parseLimits(LIMITS_PARAM.get(params));
            return new InKernelPathManager(Endpoint.parse(ENDPOINTS_PARAM.get(params)), limits[0], limits[1], params);
        }

        @Override
        public List<ModuleParam> parameters() {
            return List.of(ENDPOINTS_PARAM, LIMITS_PARAM);
        }
    }
}
