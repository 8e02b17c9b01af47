package org.mptcpsim.core;

import java.util.Locale;

/**
 * An internal error: the run stopped making progress in simulated time (a component keeps the
 * loop busy at one instant). Carries the instant and the component, so the message locates it.
 */
public final class SimulationStalledException extends IllegalStateException {
    private static final long serialVersionUID = 1L;

    private final long timePs;
    private final String component;

    private final String what;

    public SimulationStalledException(long timePs, String component, String what) {
        this(null, timePs, component, what);
    }

    /** The same stall located in {@code where} (the scenario file), or unlocated if null. */
    public SimulationStalledException(String where, long timePs, String component, String what) {
        super(String.format(Locale.ROOT, "%ssimulation stalled at t = %.6f s in %s: %s",
                where != null ? where + ": " : "", timePs / 1e12, component, what));
        this.timePs = timePs;
        this.component = component;
        this.what = what;
    }

    /** What the component did. */
    public String what() {
        return what;
    }

    /** The simulated instant it stalled at, picoseconds. */
    public long timePs() {
        return timePs;
    }

    /** The component whose event was running. */
    public String component() {
        return component;
    }
}
