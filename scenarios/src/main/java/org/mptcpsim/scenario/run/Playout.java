package org.mptcpsim.scenario.run;

/**
 * The playout buffer of a stream's receiver: media arrives (in media seconds available so far),
 * playback starts once {@code startup} seconds are buffered, stalls when the playback position
 * reaches the end of what has arrived and resumes once {@code startup} seconds are buffered again.
 * Counts stalls and stall time; the startup wait is not a stall. Times in picoseconds, media in
 * seconds. No allocation.
 */
final class Playout {
    private final double startupS;
    private final long openPs;
    private boolean playing;
    private boolean stalled;
    private long t0;
    private double pos0S;
    private double availS;
    private long stallStartPs;
    private int stalls;
    private long stallPs;
    private long startupDelayPs = -1;

    /** @param openPs when the stream started (the startup delay counts from here) */
    Playout(double startupS, long openPs) {
        this.startupS = startupS;
        this.openPs = openPs;
    }

    /** Media up to {@code availS} has arrived at {@code now}. */
    void arrived(double availS, long now) {
        this.availS = availS;
        if (!playing && availS - pos0S >= startupS - 1e-12) {
            playing = true;
            t0 = now;
            if (stalled) {
                stalled = false;
                stallPs += now - stallStartPs;
            } else {
                startupDelayPs = now - openPs;
            }
        }
    }

    /** When playback reaches the end of what has arrived (while playing), else -1. */
    long dryAtPs() {
        return playing ? t0 + Math.round((availS - pos0S) * 1e12) : -1;
    }

    /** At {@code now} (a {@link #dryAtPs()} that passed): stalls unless more media arrived since. */
    void check(long now) {
        if (!playing || now < dryAtPs()) {
            return;
        }
        playing = false;
        stalled = true;
        stalls++;
        stallStartPs = now;
        pos0S = availS;
    }

    /** Closes the accounts at the end of the run: a stall in progress counts up to {@code endPs}. */
    void finish(long endPs) {
        if (playing && endPs >= dryAtPs()) {
            check(dryAtPs());
        }
        if (stalled) {
            stallPs += endPs - stallStartPs;
            stallStartPs = endPs;
        }
    }

    double playedS(long nowPs) {
        return playing ? pos0S + (nowPs - t0) / 1e12 : pos0S;
    }

    int stalls() {
        return stalls;
    }

    long stallPs() {
        return stallPs;
    }

    /** From the stream's start to the first playback, or -1 if it never started. */
    long startupDelayPs() {
        return startupDelayPs;
    }

    boolean playing() {
        return playing;
    }
}
