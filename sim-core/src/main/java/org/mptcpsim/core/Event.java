package org.mptcpsim.core;

/**
 * Something the event loop wakes up. Components are their own events (a link, a subflow's
 * timer): scheduling an event never allocates, and an event is pending at most once.
 * The scheduling fields are intrusive and owned by {@link EventLoop}.
 */
public abstract class Event {
    long time;
    long seq;
    int heapIndex = -1;

    /** Called by the loop when the event's time has come. {@code now} equals its scheduled time. */
    protected abstract void onEvent(long now);

    /** Names the component this event belongs to, for internal-error messages. */
    public String describe() {
        return getClass().isAnonymousClass() ? getClass().getName() : getClass().getSimpleName();
    }

    /** Whether the event is pending in a loop. */
    public final boolean isScheduled() {
        return heapIndex >= 0;
    }

    /** The time it is scheduled for (meaningful only while {@link #isScheduled()}). */
    public final long scheduledTime() {
        return time;
    }
}
