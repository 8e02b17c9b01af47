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
 * The {@code fullmesh} path manager ({@code net/mptcp/mptcp_fullmesh.c}, {@code create_subflow_worker}):
 * {@code num_subflows} subflows per (local address, remote address) pair, created by the client.
 *
 * <ul>
 * <li>Local table: up to 8 addresses (IPv4 slots; a new address takes the lowest free slot).
 * Remote table: the server's addresses, initial one first (the server announces its others with
 * ADD_ADDR; here they are known when the connection becomes fully established). Each remote has
 * a bitmask of local slots already used and one of slots to retry.</li>
 * <li>{@code full_mesh_new_session}: the initial (local, remote 0) pair is marked used.</li>
 * <li>{@code create_subflow_worker} (on full establishment, address added, and after a timeout
 * with {@code create_on_err}): first, once, {@code num_subflows - 1} extra subflows on the
 * initial pair; then repeatedly the first remote (table order) with an unused local slot takes
 * its lowest such slot: one subflow plus {@code num_subflows - 1} extras, backup flag from the
 * local address. A pair without route is marked for retry; the retry worker runs 1000 ms later.</li>
 * <li>Address events are queued and processed 500 ms after the first pending one (duplicates for
 * the same address merged, the latest wins). Removal: the slot is cleared from every remote's
 * bitmask and every subflow from that address is closed (its data reinjected). Addition: the
 * address takes a slot and subflow creation runs.</li>
 * <li>A subflow that dies of timeouts ({@link org.mptcpsim.tcp.WriteTimeout}, in the TCP engine, which closes it and calls {@code onSubflowClosed}) frees its pair when
 * {@code create_on_err = 1} and the worker re-creates it; with 0 the pair stays dead.</li>
 * </ul>
 * Module parameters: {@code mptcp_fullmesh.num_subflows} (1), {@code mptcp_fullmesh.create_on_err} (0).
 */
public final class FullMeshPathManager implements PathManager {
    public static final String NAME = "fullmesh";
    static final ModuleParam NUM_SUBFLOWS = ModuleParam.integer("mptcp_fullmesh.num_subflows", 1, 255, 1,
            "subflows per (local address, remote address) pair");
    static final ModuleParam CREATE_ON_ERR = ModuleParam.integer("mptcp_fullmesh.create_on_err", 0, 1, 0,
            "re-create a subflow that died with a timeout");
    static final int MAX_ADDR = 8;
    static final long EVENT_DELAY_PS = Time.ms(500);
    static final long RETRY_DELAY_PS = Time.ms(1000);

    private final int numSubflows;
    private final boolean createOnErr;

    private final Address[] loc = new Address[MAX_ADDR];
    private final List<Remote> rem = new ArrayList<>();
    private final Map<Integer, int[]> pairOf = new LinkedHashMap<>(); // subflow id -> {loc slot, rem index}
    private final Map<Address, Boolean> pendingEvents = new LinkedHashMap<>(); // address -> up?
    private boolean eventWorkerQueued;
    private boolean retryQueued;
    private boolean initialExtrasDone;
    private boolean established;
    private int initialSlot = -1;

    private static final class Remote {
        final Address addr;
        long bitfield;
        long retryBitfield;

        Remote(Address addr) {
            this.addr = addr;
        }
    }

    public FullMeshPathManager(int numSubflows, boolean createOnErr, KernelParams params) {
        this.numSubflows = numSubflows;
        this.createOnErr = createOnErr;
    }

    @Override
    public String name() {
        return NAME;
    }

    @Override
    public void onNewSession(PmContext ctx) {
        for (Address a : ctx.localAddresses()) {
            insertLocal(a);
        }
        List<Address> remotes = ctx.remoteAddresses();
        if (!remotes.isEmpty()) {
            rem.add(new Remote(remotes.get(0)));
        }
    }

    @Override
    public void onFullyEstablished(PmContext ctx) {
        established = true;
        // the initial pair is used (found once the initial subflow exists)
        initialSlot = slotOf(PmSupport.initialLocal(ctx));
        if (initialSlot >= 0 && !rem.isEmpty()) {
            rem.get(0).bitfield |= 1L << initialSlot;
        }
        if (!ctx.subflows().isEmpty()) {
            pairOf.put(ctx.subflows().get(0).sk.id, new int[] {initialSlot, 0});
        }
        // the server's other addresses arrive with ADD_ADDR (full_mesh_new_remote_address)
        List<Address> remotes = ctx.remoteAddresses();
        for (int i = 1; i < remotes.size() && rem.size() < MAX_ADDR; i++) {
            rem.add(new Remote(remotes.get(i)));
        }
        createSubflows(ctx);
    }

    /** {@code create_subflow_worker}. */
    private void createSubflows(PmContext ctx) {
        if (!established) {
            return;
        }
        if (!initialExtrasDone && initialSlot >= 0) {
            initialExtrasDone = true;
            for (int k = 1; k < numSubflows; k++) {
                open(ctx, initialSlot, 0);
            }
        }
        while (true) {
            boolean created = false;
            for (int ri = 0; ri < rem.size() && !created; ri++) {
                Remote r = rem.get(ri);
                long remaining = ~r.bitfield & localBits();
                if (remaining == 0) {
                    continue;
                }
                int li = Long.numberOfTrailingZeros(remaining);
                r.bitfield |= 1L << li;
                if (open(ctx, li, ri) == null) {
                    r.retryBitfield |= 1L << li;
                    queueRetry(ctx);
                } else {
                    for (int k = 1; k < numSubflows; k++) {
                        open(ctx, li, ri);
                    }
                }
                created = true;
            }
            if (!created) {
                return;
            }
        }
    }

    private Subflow open(PmContext ctx, int slot, int ri) {
        Address l = loc[slot];
        Subflow s = ctx.createSubflow(l, rem.get(ri).addr, l.backup());
        if (s != null) {
            pairOf.put(s.sk.id, new int[] {slot, ri});
        }
        return s;
    }

    private void queueRetry(PmContext ctx) {
        if (retryQueued) {
            return;
        }
        retryQueued = true;
        ctx.schedule(RETRY_DELAY_PS, () -> retryWorker(ctx));
    }

    /** {@code retry_subflow_worker}: each marked pair is tried once more. */
    private void retryWorker(PmContext ctx) {
        retryQueued = false;
        for (int ri = 0; ri < rem.size(); ri++) {
            Remote r = rem.get(ri);
            long bits = r.retryBitfield & localBits();
            r.retryBitfield = 0;
            while (bits != 0) {
                int li = Long.numberOfTrailingZeros(bits);
                bits &= bits - 1;
                if (open(ctx, li, ri) == null) {
                    r.retryBitfield |= 1L << li;
                    queueRetry(ctx);
                } else {
                    for (int k = 1; k < numSubflows; k++) {
                        open(ctx, li, ri);
                    }
                }
            }
        }
    }


    @Override
    public void onSubflowClosed(PmContext ctx, Subflow s, boolean timeout) {
        int[] pair = pairOf.remove(s.sk.id);
        if (!createOnErr || pair == null || pair[0] < 0) {
            return;
        }
        // full_mesh_delete_subflow: the pair may be re-created; subflow_error triggers it on ETIMEDOUT
        rem.get(pair[1]).bitfield &= ~(1L << pair[0]);
        if (pair[1] == 0 && pair[0] == initialSlot) {
            initialExtrasDone = true;
        }
        if (timeout) {
            createSubflows(ctx);
        }
    }

    @Override
    public void onAddressAdded(PmContext ctx, Address local) {
        queueEvent(ctx, local, true);
    }

    @Override
    public void onAddressRemoved(PmContext ctx, Address local) {
        queueEvent(ctx, local, false);
    }

    private void queueEvent(PmContext ctx, Address a, boolean up) {
        pendingEvents.remove(a);
        pendingEvents.put(a, up);
        if (!eventWorkerQueued) {
            eventWorkerQueued = true;
            ctx.schedule(EVENT_DELAY_PS, () -> addressWorker(ctx));
        }
    }

    /** {@code mptcp_address_worker}: applies the queued address events. */
    private void addressWorker(PmContext ctx) {
        eventWorkerQueued = false;
        List<Map.Entry<Address, Boolean>> events = new ArrayList<>(pendingEvents.entrySet());
        pendingEvents.clear();
        for (Map.Entry<Address, Boolean> e : events) {
            if (e.getValue()) {
                if (slotOf(e.getKey()) < 0 && insertLocal(e.getKey()) >= 0) {
                    createSubflows(ctx);
                }
            } else {
                removeLocal(ctx, e.getKey());
            }
        }
    }

    private void removeLocal(PmContext ctx, Address a) {
        int slot = slotOf(a);
        if (slot < 0) {
            return;
        }
        loc[slot] = null;
        for (Remote r : rem) {
            r.bitfield &= ~(1L << slot);
            r.retryBitfield &= ~(1L << slot);
        }
        List<Subflow> victims = new ArrayList<>();
        for (Subflow s : ctx.subflows()) {
            int[] pair = pairOf.get(s.sk.id);
            if (!s.isClosed() && pair != null && pair[0] == slot) {
                victims.add(s);
            }
        }
        for (Subflow s : victims) {
            pairOf.remove(s.sk.id);
            ctx.closeSubflow(s, "address removed");
        }
        if (slot == initialSlot) {
            initialSlot = -1;
        }
    }

    private int insertLocal(Address a) {
        for (int i = 0; i < MAX_ADDR; i++) {
            if (loc[i] == null) {
                loc[i] = a;
                return i;
            }
        }
        return -1;
    }

    private int slotOf(Address a) {
        if (a == null) {
            return -1;
        }
        for (int i = 0; i < MAX_ADDR; i++) {
            if (a.equals(loc[i])) {
                return i;
            }
        }
        return -1;
    }

    private long localBits() {
        long b = 0;
        for (int i = 0; i < MAX_ADDR; i++) {
            if (loc[i] != null) {
                b |= 1L << i;
            }
        }
        return b;
    }

    /** Registers {@code fullmesh}. */
    public static final class Factory implements PathManagerFactory {
        @Override
        public String name() {
            return NAME;
        }

        @Override
        public Set<Flavour> flavours() {
            return Set.of(Flavour.MPTCP_V095); // out-of-tree only (mptcp_fullmesh.c)
        }

        @Override
        public PathManager create(KernelParams params) {
            return new FullMeshPathManager(NUM_SUBFLOWS.getInt(params), CREATE_ON_ERR.getBool(params), params);
        }

        @Override
        public List<ModuleParam> parameters() {
            return List.of(NUM_SUBFLOWS, CREATE_ON_ERR);
        }
    }
}
