package org.mptcpsim.scenario.options;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.ServiceLoader;
import java.util.TreeSet;
import org.mptcpsim.core.Flavour;
import org.mptcpsim.core.ModuleParam;
import org.mptcpsim.core.PluginFactory;
import org.mptcpsim.mptcp.PacketSchedulerFactory;
import org.mptcpsim.mptcp.PathManagerFactory;
import org.mptcpsim.tcp.CongestionControlFactory;

/**
 * The registered congestion controls, path managers and packet schedulers, by kernel flavour and
 * name: each factory declares the flavours that offer it ({@link PluginFactory#flavours()}), so
 * one name may stand for a different implementation per flavour (the {@code default} scheduler).
 * {@link #load()} finds them with {@link ServiceLoader}; {@link #of} takes a fixed set (tests).
 * When two factories claim the same name in one flavour, the first one found wins. Immutable;
 * the loader and the runner share one instance ({@link OptionRegistry#standard()}).
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

    private final Map<Kind, List<PluginFactory>> factories = new LinkedHashMap<>();

    private Plugins(Iterable<? extends CongestionControlFactory> ccs, Iterable<? extends PathManagerFactory> pms,
                    Iterable<? extends PacketSchedulerFactory> schedulers) {
        factories.put(Kind.CONGESTION_CONTROL, copy(ccs));
        factories.put(Kind.PATH_MANAGER, copy(pms));
        factories.put(Kind.SCHEDULER, copy(schedulers));
    }

    private static List<PluginFactory> copy(Iterable<? extends PluginFactory> items) {
        List<PluginFactory> out = new ArrayList<>();
        items.forEach(out::add);
        return List.copyOf(out);
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
        return new Plugins(ccs, pms, schedulers);
    }

    /** Registered names of one kind in any flavour, sorted. */
    public List<String> names(Kind kind) {
        TreeSet<String> n = new TreeSet<>();
        factories.get(kind).forEach(f -> n.add(f.name()));
        return List.copyOf(n);
    }

    /** Names of one kind that {@code flavour} offers, sorted. */
    public List<String> names(Kind kind, Flavour flavour) {
        TreeSet<String> n = new TreeSet<>();
        factories.get(kind).stream().filter(f -> f.flavours().contains(flavour)).forEach(f -> n.add(f.name()));
        return List.copyOf(n);
    }

    /**
     * The module parameters the plug-ins of a kind declare, by plug-in name (the parameters of
     * every implementation registered under that name, in registration order).
     */
    public Map<String, List<ModuleParam>> parameters(Kind kind) {
        Map<String, List<ModuleParam>> out = new LinkedHashMap<>();
        for (PluginFactory f : factories.get(kind)) {
            out.computeIfAbsent(f.name(), k -> new ArrayList<>()).addAll(f.parameters());
        }
        return out;
    }

    /** The plug-in of {@code kind} that {@code flavour} offers as {@code name}, or {@code null}. */
    public PluginFactory find(Kind kind, Flavour flavour, String name) {
        for (PluginFactory f : factories.get(kind)) {
            if (f.name().equals(name) && f.flavours().contains(flavour)) {
                return f;
            }
        }
        return null;
    }

    /** The congestion control {@code flavour} offers as {@code name}, or {@code null}. */
    public CongestionControlFactory congestionControl(Flavour flavour, String name) {
        return (CongestionControlFactory) find(Kind.CONGESTION_CONTROL, flavour, name);
    }

    /** The path manager {@code flavour} offers as {@code name}, or {@code null}. */
    public PathManagerFactory pathManager(Flavour flavour, String name) {
        return (PathManagerFactory) find(Kind.PATH_MANAGER, flavour, name);
    }

    /** The scheduler {@code flavour} offers as {@code name}, or {@code null}. */
    public PacketSchedulerFactory scheduler(Flavour flavour, String name) {
        return (PacketSchedulerFactory) find(Kind.SCHEDULER, flavour, name);
    }
}
