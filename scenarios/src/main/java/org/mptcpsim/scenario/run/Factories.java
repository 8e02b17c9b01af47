package org.mptcpsim.scenario.run;

import java.util.Map;
import java.util.ServiceLoader;
import java.util.TreeMap;

import org.mptcpsim.mptcp.PacketSchedulerFactory;
import org.mptcpsim.mptcp.PathManagerFactory;
import org.mptcpsim.tcp.CongestionControlFactory;

/** The registered plug-ins, by kernel name (loaded once with {@link ServiceLoader}). */
final class Factories {
    static final Map<String, CongestionControlFactory> CC = new TreeMap<>();
    static final Map<String, PathManagerFactory> PM = new TreeMap<>();
    static final Map<String, PacketSchedulerFactory> SCHED = new TreeMap<>();

    static {
        for (CongestionControlFactory f : ServiceLoader.load(CongestionControlFactory.class)) {
            CC.put(f.name(), f);
        }
        for (PathManagerFactory f : ServiceLoader.load(PathManagerFactory.class)) {
            PM.put(f.name(), f);
        }
        for (PacketSchedulerFactory f : ServiceLoader.load(PacketSchedulerFactory.class)) {
            SCHED.put(f.name(), f);
        }
    }

    private Factories() {
    }

    static <T> T get(Map<String, T> m, String kind, String name) {
        T f = m.get(name);
        if (f == null) {
            throw new IllegalArgumentException("unknown " + kind + " \"" + name + "\"; known: " + String.join(", ", m.keySet()));
        }
        return f;
    }
}
