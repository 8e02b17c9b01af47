package org.mptcpsim.core;

/** Simulated time source. The core never reads the wall clock. */
@FunctionalInterface
public interface Clock {
    /** Current simulated time in picoseconds. */
    long nowPs();
}
