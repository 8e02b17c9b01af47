package org.mptcpsim.scenario.run;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.api.Test;
import org.mptcpsim.core.Time;

/** The stream's playout buffer on a hand-made outage (media arrival times written out below). */
class PlayoutTest {

    @Test
    void anOutageLongerThanTheBufferIsOneStallOfTheRightLength() {
        // Media arrives in real time from t = 0 (every 10 ms, 10 ms of media), stops at t = 3 s
        // (the outage), and at t = 6 s everything sent meanwhile arrives at once, then real time again.
        // Startup 1 s: playback starts at t = 1 s, position(t) = t - 1. At t = 3 s 3 s of media are in,
        // so the buffer runs dry at position 3 = t 4 s: stall 1 from 4 s. At 6 s media up to 6 s
        // arrives: 3 s buffered >= 1 s, playback resumes at 6 s: stall time 2 s. From then position
        // (t) = t - 3 and the buffer holds 3 s: no more stalls. At the end (10 s) 7 s were played.
        Playout p = new Playout(1.0, 0);
        for (long t = 10; t <= 10_000; t += 10) {
            long now = Time.ms(t);
            if (p.dryAtPs() >= 0 && p.dryAtPs() <= now) {
                p.check(p.dryAtPs());
            }
            if (t <= 3000 || t >= 6000) {
                p.arrived(t / 1000.0, now);
            }
        }
        p.finish(Time.s(10));
        assertEquals(1, p.stalls());
        assertEquals(Time.s(2), p.stallPs());
        assertEquals(Time.s(1), p.startupDelayPs());
        assertEquals(7.0, p.playedS(Time.s(10)), 1e-9);
    }

    @Test
    void aStallStillInProgressAtTheEndCountsUpToTheEnd() {
        // media up to 2 s by t = 2 s, then nothing: playback 1 s .. 3 s, stall from 3 s to the end (5 s)
        Playout p = new Playout(1.0, 0);
        for (long t = 10; t <= 2000; t += 10) {
            p.arrived(t / 1000.0, Time.ms(t));
        }
        p.finish(Time.s(5));
        assertEquals(1, p.stalls());
        assertEquals(Time.s(2), p.stallPs());
        assertEquals(2.0, p.playedS(Time.s(5)), 1e-9);
    }
}
