package org.mptcpsim.scenario.options;

import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.ServiceLoader;
import org.mptcpsim.mptcp.PacketSchedulerFactory;
import org.mptcpsim.mptcp.PathManagerFactory;
import org.mptcpsim.tcp.CongestionControlFactory;

/**
 * The registered congestion controls, path managers and packet schedulers, by kernel name.
 * {@link #load()} finds them with {@link ServiceLoader}; {@link #of} takes a fixed set (tests).
 * When two factories claim the same name, the first one found wins. Immutable.
 */
public final class Plugins {

    /** The three kinds of plug-in, with the option that selects one. */
    public enum Kind {
        CONGESTION_CONTROL("congestion control", KernelOptions.CC),
        PATH_MANAGER("path manager", KernelOptions.PATH_MANAGER),
        SCHEDULER("scheduler", KernelOptions.SCHEDULER);

        private final String what;
        private final String option;

        Kind(String what, String option) {
            this.what = what;
            this.option = option;
        }

        /** "congestion control", "path manager", "scheduler". */
        public String what() {
            return what;
        }

        /** The option that selects a plug-in of this kind. */
        public String option() {
            return option;
        }
    }

    private final Map<String, CongestionControlFactory> ccs;
    private final Map<String, PathManagerFactory> pms;
    private final Map<String, PacketSchedulerFactory> schedulers;

    private Plugins(Iterable<CongestionControlFactory> ccs, Iterable<PathManagerFactory> pms,
                    Iterable<PacketSchedulerFactory> schedulers) {
        this.ccs = byName(ccs, CongestionControlFactory::name);
        this.pms = byName(pms, PathManagerFactory::name);
        this.schedulers = byName(schedulers, PacketSchedulerFactory::name);
    }

    /** The plug-ins on the class path (ServiceLoader, using this class's loader). */
    public static Plugins load() {
        ClassLoader cl = Plugins.class.getClassLoader();
        return new Plugins(ServiceLoader.load(CongestionControlFactory.class, cl),
                ServiceLoader.load(PathManagerFactory.class, cl),
                ServiceLoader.load(PacketSchedulerFactory.class, cl));
    }

    /** A fixed set of plug-ins. */
    public static Plugins of(List<? extends CongestionControlFactory> ccs, List<? extends PathManagerFactory> pms,
                             List<? extends PacketSchedulerFactory> schedulers) {
        return new Plugins(new ArrayList<>(ccs), new ArrayList<>(pms), new ArrayList<>(schedulers));
    }

    private static <T> Map<String, T> byName(Iterable<T> items, java.util.function.Function<T, String> name) {
        Map<String, T> m = new LinkedHashMap<>();
        for (T t : items) {
            m.putIfAbsent(name.apply(t), t);
        }
        return Collections.unmodifiableMap(m);
    }

    /** Registered names of one kind, sorted. */
    public List<String> names(Kind kind) {
        return map(kind).keySet().stream().sorted().toList();
    }

    /** The module parameters (name to default) each registered plug-in of a kind declares. */
    public Map<String, Map<String, String>> parameters(Kind kind) {
        Map<String, Map<String, String>> out = new LinkedHashMap<>();
        switch (kind) {
            case CONGESTION_CONTROL -> ccs.forEach((n, f) -> out.put(n, f.parameters()));
            case PATH_MANAGER -> pms.forEach((n, f) -> out.put(n, f.parameters()));
            case SCHEDULER -> schedulers.forEach((n, f) -> out.put(n, f.parameters()));
            default -> throw new AssertionError(kind);
        }
        return out;
    }

    /**
     * Lets plug-in {@code plugin} of {@code kind} check a value of its parameter {@code name}
     * (path managers can; the others take any value their option type allows).
     *
     * @throws IllegalArgumentException from the plug-in, saying what is allowed
     */
    public void checkParameter(Kind kind, String plugin, String name, String value) {
        if (kind == Kind.PATH_MANAGER && pms.get(plugin) != null) {
            pms.get(plugin).checkParameter(name, value);
        }
    }

    private Map<String, ?> map(Kind kind) {
        return switch (kind) {
            case CONGESTION_CONTROL -> ccs;
            case PATH_MANAGER -> pms;
            case SCHEDULER -> schedulers;
        };
    }

    /** The congestion control registered as {@code name}, or {@code null}. */
    public CongestionControlFactory congestionControl(String name) {
        return ccs.get(name);
    }

    /** The path manager registered as {@code name}, or {@code null}. */
    public PathManagerFactory pathManager(String name) {
        return pms.get(name);
    }

    /** The scheduler registered as {@code name}, or {@code null}. */
    public PacketSchedulerFactory scheduler(String name) {
        return schedulers.get(name);
    }
}
