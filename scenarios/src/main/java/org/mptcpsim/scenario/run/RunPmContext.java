package org.mptcpsim.scenario.run;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;

import org.mptcpsim.core.Event;
import org.mptcpsim.mptcp.Address;
import org.mptcpsim.mptcp.PmContext;
import org.mptcpsim.tcp.Subflow;

/** A path manager's view of its connection within a run. */
final class RunPmContext implements PmContext {
    private final ScenarioRunner run;
    private final ConnRun conn;
    private List<Subflow> subflows;

    RunPmContext(ScenarioRunner run, ConnRun conn) {
        this.run = run;
        this.conn = conn;
    }

    @Override
    public List<Subflow> subflows() {
        if (subflows == null) {
            subflows = Collections.unmodifiableList(conn.meta.subflowsById());   // a view: it follows new subflows
        }
        return subflows;
    }

    @Override
    public List<Address> localAddresses() {
        List<Address> out = new ArrayList<>();
        for (Address a : run.topo.addresses.getOrDefault(conn.spec.fromHost(), List.of())) {
            if (run.topo.isUp(a)) {
                out.add(a);
            }
        }
        return out;
    }

    @Override
    public List<Address> remoteAddresses() {
        List<Address> out = new ArrayList<>();
        out.add(conn.remote);
        for (Address a : run.topo.addresses.getOrDefault(conn.spec.toHost(), List.of())) {
            if (!a.equals(conn.remote)) {
                out.add(a);
            }
        }
        return out;
    }

    @Override
    public boolean isUp(Address local) {
        return run.topo.isUp(local);
    }

    @Override
    public Subflow createSubflow(Address local, Address remote, boolean backup) {
        return run.openSubflow(conn, local, remote, backup);
    }

    @Override
    public void closeSubflow(Subflow s, String reason) {
        run.closeSubflow(conn, s, reason);
    }

    @Override
    public void schedule(long delayPs, Runnable task) {
        run.loop.scheduleIn(new Event() {
            @Override
            protected void onEvent(long now) {
                task.run();
            }

            @Override
            public String describe() {
                return "connection " + conn.spec.id() + " path-manager task";
            }
        }, delayPs);
    }

    @Override
    public Address localAddressOf(Subflow s) {
        ConnRun.SubflowRun r = conn.find(s);
        return r == null ? null : r.local;
    }

    @Override
    public Address remoteAddressOf(Subflow s) {
        ConnRun.SubflowRun r = conn.find(s);
        return r == null ? null : r.remote;
    }

    @Override
    public long nowPs() {
        return run.loop.nowPs();
    }
}
