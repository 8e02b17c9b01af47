package org.mptcpsim.tcp;

import org.mptcpsim.core.Event;

/** RACK's reordering timer of one subflow ({@code ICSK_TIME_REO_TIMEOUT}); {@link Recovery} schedules it. */
final class ReoTimer extends Event {
    private final Subflow sf;

    ReoTimer(Subflow sf) {
        this.sf = sf;
    }

    @Override
    public String describe() {
        return "connection #" + sf.connIndex + " subflow " + sf.sk.id + " RACK reordering timer";
    }

    @Override
    protected void onEvent(long now) {
        sf.reoTimeout(now);
    }
}
