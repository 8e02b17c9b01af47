package org.mptcpsim.testnet;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;

import org.mptcpsim.core.Event;
import org.mptcpsim.core.EventLoop;
import org.mptcpsim.core.KernelParams;
import org.mptcpsim.core.Time;
import org.mptcpsim.mptcp.Address;
import org.mptcpsim.mptcp.MptcpConnection;
import org.mptcpsim.mptcp.PacketScheduler;
import org.mptcpsim.mptcp.PathManager;
import org.mptcpsim.mptcp.PmContext;
import org.mptcpsim.net.Link;
import org.mptcpsim.net.LinkConfig;
import org.mptcpsim.net.Packet;
import org.mptcpsim.net.PacketPool;
import org.mptcpsim.net.PacketSink;
import org.mptcpsim.net.Route;
import org.mptcpsim.net.SimContext;
import org.mptcpsim.pm.FullMeshPathManager;
import org.mptcpsim.tcp.CongestionControl;
import org.mptcpsim.tcp.Subflow;
import org.mptcpsim.tcp.TcpConfig;
import org.mptcpsim.tcp.TcpCong;
import org.mptcpsim.tcp.TcpSock;
import org.mptcpsim.trace.TraceSink;

/**
 * A small test network: one MPTCP connection between a client with named interfaces and a
 * server with named addresses; every (client interface, server address) pair that was given a
 * path has its own pair of links. Records every data segment sent (subflow id, dsn) and the
 * path manager's actions. Reno on every subflow.
 */
public final class MiniNet {
    public final SimContext sim = SimContext.fresh();
    public final EventLoop loop = sim.loop();
    public final PacketPool pool = sim.pool();
    public final List<Address> clientAddrs = new ArrayList<>();
    public final List<Address> serverAddrs = new ArrayList<>();
    private final Map<String, Boolean> up = new LinkedHashMap<>();
    private final Map<String, Link[]> paths = new LinkedHashMap<>();
    /** Data segments in the order subflows sent them: {subflow id, dsn}. */
    public final List<long[]> sent = new ArrayList<>();
    /** Subflows created by the path manager (and the initial one), in creation order: "local->remote". */
    public final List<String> created = new ArrayList<>();
    public final List<String> closed = new ArrayList<>();
    public final List<Long> closedAtPs = new ArrayList<>();
    /** Records the subflows the TCP engine itself closes (ETIMEDOUT), like those the PM closes. */
    private final TraceSink closes = new TraceSink() {
        @Override
        public void onSubflowClosed(long timePs, int connection, int subflow, String reason) {
            closed.add(subflow + " " + reason);
            closedAtPs.add(timePs);
        }
    };
    private final Map<Subflow, Address[]> addrOf = new LinkedHashMap<>();
    public TcpConfig cfg = TcpConfig.builder().mptcp(true).build();
    public MptcpConnection meta;
    public PathManager pm;
    public final Ctx ctx = new Ctx();
    private int linkIndex;
    private int isn = 1000;

    public Address client(String iface, boolean backup) {
        Address a = new Address("client", iface, clientAddrs.size() + 1, backup);
        clientAddrs.add(a);
        up.put(iface, true);
        return a;
    }

    public Address server(String iface) {
        Address a = new Address("server", iface, serverAddrs.size() + 1, false);
        serverAddrs.add(a);
        return a;
    }

    /** A path between a client interface and a server address: rate, one-way delay, buffer. */
    public void path(String clientIface, String serverIface, long rateBps, long owdPs, int bufferPkts) {
        Link f = LinkConfig.of(rateBps, owdPs, bufferPkts).build(sim, linkIndex++, clientIface + ">" + serverIface,
                new SplittableRandom(linkIndex));
        Link r = LinkConfig.of(rateBps, owdPs, 100_000).build(sim, linkIndex++, serverIface + ">" + clientIface,
                new SplittableRandom(linkIndex));
        paths.put(clientIface + ">" + serverIface, new Link[] {f, r});
    }

    /** Builds the connection and opens its initial subflow from {@code local} to {@code remote}. */
    public MptcpConnection start(long sizeBytes, PacketScheduler sched, PathManager pm, Address local, Address remote) {
        this.pm = pm;
        meta = new MptcpConnection(0, sizeBytes, cfg, sched, pm);
        meta.setPmContext(ctx);
        pm.onNewSession(ctx);
        ctx.createSubflow(local, remote, local.backup());
        return meta;
    }

    /**
     * The Wi-Fi + LTE network the scheduler tests share, then {@link #start}: client interfaces
     * "wifi" and "lte", server address "e1"; Wi-Fi 20 Mbit/s, 10 ms one way (RTT 20 ms); LTE
     * 5 Mbit/s, 50 ms one way (RTT 100 ms); 40-packet buffers; fullmesh with kernel defaults; the
     * initial subflow on Wi-Fi. Set {@link #cfg} before calling.
     */
    public MptcpConnection startWifiLte(long sizeBytes, PacketScheduler sched) {
        Address wifi = client("wifi", false);
        client("lte", false);
        Address e1 = server("e1");
        path("wifi", "e1", 20_000_000L, Time.ms(10), 40);
        path("lte", "e1", 5_000_000L, Time.ms(50), 40);
        return start(sizeBytes, sched, new FullMeshPathManager.Factory().create(KernelParams.DEFAULTS), wifi, e1);
    }

    /** Takes a client interface down (links stop) and tells the path manager. */
    public void down(String iface) {
        up.put(iface, false);
        for (Map.Entry<String, Link[]> e : paths.entrySet()) {
            if (e.getKey().startsWith(iface + ">")) {
                e.getValue()[0].setUp(false);
                e.getValue()[1].setUp(false);
            }
        }
        pm.onAddressRemoved(ctx, find(iface));
    }

    /** Brings a client interface back up and tells the path manager. */
    public void up(String iface) {
        up.put(iface, true);
        for (Map.Entry<String, Link[]> e : paths.entrySet()) {
            if (e.getKey().startsWith(iface + ">")) {
                e.getValue()[0].setUp(true);
                e.getValue()[1].setUp(true);
            }
        }
        pm.onAddressAdded(ctx, find(iface));
    }

    /** Silently drops everything on one path in both directions (no interface event). */
    public void blackHole(String clientIface, String serverIface) {
        Link[] p = paths.get(clientIface + ">" + serverIface);
        p[0].setUp(false);
        p[1].setUp(false);
    }

    /** Runs {@code r} at absolute time {@code atPs}. */
    public void at(long atPs, Runnable r) {
        loop.schedule(new Event() {
            @Override
            protected void onEvent(long now) {
                r.run();
            }
        }, atPs);
    }

    private Address find(String iface) {
        return clientAddrs.stream().filter(a -> a.iface().equals(iface)).findFirst().orElseThrow();
    }

    public Address localOf(Subflow s) {
        return addrOf.get(s)[0];
    }

    /** Data segments sent on subflow {@code id}. */
    public long sentOn(int id) {
        return sent.stream().filter(x -> x[0] == id).count();
    }

    /** Open (not closed) subflows. */
    public int openSubflows() {
        return (int) meta.subflowsById().stream().filter(s -> !s.isClosed()).count();
    }

    /** Reno, from the kernel primitives. */
    public static final class Reno implements CongestionControl {
        @Override
        public String name() {
            return "reno";
        }

        @Override
        public int ssthresh(TcpSock sk) {
            return TcpCong.renoSsthresh(sk);
        }

        @Override
        public void congAvoid(TcpSock sk, int ack, int acked) {
            TcpCong.renoCongAvoid(sk, ack, acked);
        }
    }

    /** Records data segments, then hands them to the first link. */
    private final class Recorder implements PacketSink {
        private final int id;

        Recorder(int id) {
            this.id = id;
        }

        @Override
        public void receive(Packet p) {
            if (p.type == Packet.DATA) {
                sent.add(new long[] {id, p.dsn});
            }
            p.route[++p.hop].receive(p);
        }
    }

    /** The path manager's view. */
    public final class Ctx implements PmContext {
        @Override
        public List<Subflow> subflows() {
            return meta.subflowsById();
        }

        @Override
        public List<Address> localAddresses() {
            return clientAddrs.stream().filter(a -> up.get(a.iface())).toList();
        }

        @Override
        public List<Address> remoteAddresses() {
            return List.copyOf(serverAddrs);
        }

        @Override
        public boolean isUp(Address local) {
            return up.getOrDefault(local.iface(), false);
        }

        @Override
        public Subflow createSubflow(Address local, Address remote, boolean backup) {
            Link[] p = paths.get(local.iface() + ">" + remote.iface());
            if (p == null) {
                return null;
            }
            int id = meta.subflowsById().size();
            Subflow s = meta.openSubflow(sim.withTrace(closes), new Reno(), isn += 7919, backup,
                    Route.of(new Recorder(id), p[0]), Route.of(p[1]));
            addrOf.put(s, new Address[] {local, remote});
            created.add(local.iface() + "->" + remote.iface() + (backup ? " backup" : ""));
            s.connect();
            return s;
        }

        @Override
        public void closeSubflow(Subflow s, String reason) {
            if (!s.isClosed()) {
                closed.add(s.sk.id + " " + reason);
                closedAtPs.add(loop.nowPs());
                meta.removeSubflow(s);
            }
        }

        @Override
        public void schedule(long delayPs, Runnable task) {
            loop.scheduleIn(new Event() {
                @Override
                protected void onEvent(long now) {
                    task.run();
                }
            }, delayPs);
        }

        @Override
        public long nowPs() {
            return loop.nowPs();
        }

        @Override
        public Address localAddressOf(Subflow s) {
            Address[] a = addrOf.get(s);
            return a == null ? null : a[0];
        }

        @Override
        public Address remoteAddressOf(Subflow s) {
            Address[] a = addrOf.get(s);
            return a == null ? null : a[1];
        }
    }
}
