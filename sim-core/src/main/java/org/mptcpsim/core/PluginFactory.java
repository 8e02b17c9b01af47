package org.mptcpsim.core;

import java.util.List;
import java.util.Set;

/**
 * What every plug-in factory (congestion control, path manager, packet scheduler) declares once:
 * the kernel's registered name, the kernel flavours that have it, and the module parameters it
 * reads. Found with {@link java.util.ServiceLoader}; selected by name within a flavour, so two
 * flavours may register different implementations under one name (each its {@code default}
 * scheduler).
 */
public interface PluginFactory {

    /** The kernel's registered name. */
    String name();

    /** The kernel flavours that offer this plug-in. */
    Set<Flavour> flavours();

    /** The module parameters this plug-in reads, with the kernel's defaults. */
    default List<ModuleParam> parameters() {
        return List.of();
    }
}
