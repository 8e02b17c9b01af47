package org.mptcpsim.scenario.run;

import java.util.ArrayList;
import java.util.List;

import org.mptcpsim.mptcp.Address;
import org.mptcpsim.mptcp.MptcpConnection;
import org.mptcpsim.scenario.model.ConnectionSpec;
import org.mptcpsim.tcp.Subflow;
import org.mptcpsim.tcp.TcpConfig;
import org.mptcpsim.tcp.TcpConnection;

/** One connection of a run and what the run records about it. */
final class ConnRun {
    final ConnectionSpec spec;
    final int index;
    final String cc;
    final String pm;
    final String scheduler;
    TcpConfig cfg;
    /** The path manager's view of this connection (MPTCP only). */
    RunPmContext pmContext;
    TcpConnection tcp;
    MptcpConnection meta;
    long startedPs = -1;
    long completedPs = -1;
    final List<SubflowRun> subflows = new ArrayList<>();
    Address local;
    Address remote;
    int nextPort;
    /** The application (null: bulk). */
    AppRun app;
    /** Open transfers of a flows app, and what finished ones delivered and sent. */
    final List<ConnRun> children = new ArrayList<>();
    long childBytes;
    /** A flows transfer that completed and was closed. */
    boolean finished;
    long childPackets;

    ConnRun(ConnectionSpec spec, int index, String cc, String pm, String scheduler) {
        this.spec = spec;
        this.index = index;
        this.cc = cc;
        this.pm = pm;
        this.scheduler = scheduler;
    }

    boolean isMptcp() {
        return spec.type() == ConnectionSpec.Type.MPTCP;
    }

    long bytesDelivered() {
        long own = meta != null ? meta.bytesDelivered() : tcp == null ? 0 : tcp.bytesDelivered();
        long n = own + childBytes;
        for (ConnRun c : children) {
            n += c.bytesDelivered();
        }
        return n;
    }

    boolean complete() {
        return meta != null ? meta.complete() : tcp != null && tcp.complete();
    }

    SubflowRun find(Subflow s) {
        for (SubflowRun r : subflows) {
            if (r.subflow == s) {
                return r;
            }
        }
        return null;
    }

    /** One subflow and its sampled statistics. */
    static final class SubflowRun {
        final Subflow subflow;
        final List<String> path;
        final Address local;
        final Address remote;
        /** The links data and ACKs cross, in order. */
        final List<org.mptcpsim.net.Link> dataLinks;
        final List<org.mptcpsim.net.Link> ackLinks;
        /** The client's port and the subflow's initial sequence number (for packet captures). */
        int port;
        int isn;
        double cwndSum;
        long cwndSamples;
        final SrttHistogram srtt = new SrttHistogram();

        SubflowRun(Subflow subflow, List<String> path, Address local, Address remote,
                   List<org.mptcpsim.net.Link> dataLinks, List<org.mptcpsim.net.Link> ackLinks) {
            this.dataLinks = dataLinks;
            this.ackLinks = ackLinks;
            this.subflow = subflow;
            this.path = path;
            this.local = local;
            this.remote = remote;
        }
    }
}
