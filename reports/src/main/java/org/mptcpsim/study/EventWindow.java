package org.mptcpsim.study;

/** A time window {@code [t1S, t2S]} in seconds of simulated time, e.g. around a handover. */
public record EventWindow(double t1S, double t2S) {
    /** Requires {@code 0 <= t1S < t2S}. */
    public EventWindow {
        if (!(t1S >= 0 && t2S > t1S)) {
            throw new IllegalArgumentException("event window needs 0 <= t1 < t2, got [" + t1S + "," + t2S + "]");
        }
    }
}
