package org.mptcpsim.mptcp;

import java.util.Arrays;

/** The {@link SchedulerView} of one connection, with the {@link SubflowView} of each subflow by id. */
final class ConnectionView implements SchedulerView {
    private final MptcpConnection meta;
    private SubflowHandle[] byId = new SubflowHandle[8];

    ConnectionView(MptcpConnection meta) {
        this.meta = meta;
    }

    SubflowHandle add(SubflowHandle h) {
        int id = h.id();
        if (id >= byId.length) {
            byId = Arrays.copyOf(byId, Math.max(id + 1, byId.length * 2));
        }
        byId[id] = h;
        return h;
    }

    SubflowHandle byId(int id) {
        return byId[id];
    }

    @Override
    public int subflowCount() {
        return meta.subflowCount();
    }

    @Override
    public SubflowView subflowAt(int i) {
        return byId[meta.subflow(i).id];
    }

    @Override
    public long reinjectHead() {
        return meta.reinjectHead();
    }

    @Override
    public long sendHead() {
        return meta.sendHead();
    }

    @Override
    public long sndNxt() {
        return meta.sndNxt();
    }

    @Override
    public long dataUna() {
        return meta.dataUna();
    }

    @Override
    public int peerWindow() {
        return meta.peerWindow();
    }

    @Override
    public boolean sendWindowAllows(long dsn) {
        return meta.sendWindowAllows(dsn);
    }

    @Override
    public boolean fullyEstablished() {
        return meta.fullyEstablished();
    }

    @Override
    public long pathMask(long dsn) {
        return meta.pathMask(dsn);
    }

    @Override
    public void clearPathMask(long dsn) {
        meta.clearPathMask(dsn);
    }
}
