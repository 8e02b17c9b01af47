package org.mptcpsim.core;

import java.util.Arrays;

/**
 * The discrete-event loop of one run: a binary heap of intrusive {@link Event}s ordered by
 * (time, insertion sequence), so simultaneous events run in the order they were scheduled and
 * every run is deterministic. Single-threaded; no static state; nothing allocates per event
 * (the heap array grows only when more events are pending than ever before).
 */
public final class EventLoop implements Clock {
    /**
     * Default for {@link #setStallLimit}: events in a row at one simulated instant before the run
     * is declared stalled. The densest legitimate burst is every packet of every queue at one
     * instant plus their ACKs (a few hundred thousand at most with 1000-packet buffers), so
     * 20 million is far from any real run and reached in a few seconds of wall time by a spin.
     */
    public static final long DEFAULT_STALL_EVENTS = 20_000_000L;
    /**
     * Times in a row one event may reschedule itself, from its own callback, for the instant it is
     * running at. A link re-arms itself at the same instant once per packet arriving then (bounded
     * by its buffer); a timer doing it repeatedly has a zero period and would spin forever.
     */
    public static final int SELF_RESCHEDULE_LIMIT = 100_000;

    private Event[] heap = new Event[64];
    private int size;
    private long now;
    private long nextSeq;
    private long executed;
    private boolean stopped;
    private long stallLimit = DEFAULT_STALL_EVENTS;
    private long sameInstant;
    private Event running;
    private Event lastSelf;
    private int selfAtNow;

    @Override
    public long nowPs() {
        return now;
    }

    /** Number of events executed so far. */
    public long executedEvents() {
        return executed;
    }

    /** Number of pending events. */
    public int pending() {
        return size;
    }

    /**
     * Schedules {@code e} at absolute time {@code time} (&ge; now). If it is already pending it is
     * moved, and it then orders after events already scheduled for the same time.
     */
    public void schedule(Event e, long time) {
        if (time < now) {
            throw new IllegalArgumentException("event in the past: " + time + " < " + now);
        }
        if (e == running && time == now) {
            selfAtNow = e == lastSelf ? selfAtNow + 1 : 1;
            lastSelf = e;
            if (selfAtNow > SELF_RESCHEDULE_LIMIT) {
                throw new SimulationStalledException(now, e.describe(), "rescheduled itself for the instant it runs at "
                        + selfAtNow + " times in a row (a timer with a period of 0)");
            }
        }
        e.time = time;
        e.seq = nextSeq++;
        if (e.heapIndex >= 0) {
            int i = e.heapIndex;
            siftUp(i);
            siftDown(e.heapIndex);
        } else {
            if (size == heap.length) {
                heap = Arrays.copyOf(heap, size * 2);
            }
            heap[size] = e;
            e.heapIndex = size;
            size++;
            siftUp(size - 1);
        }
    }

    /** Schedules {@code e} after {@code delay} picoseconds. */
    public void scheduleIn(Event e, long delay) {
        schedule(e, now + delay);
    }

    /** Removes {@code e} if pending; a no-op otherwise. */
    public void cancel(Event e) {
        int i = e.heapIndex;
        if (i < 0) {
            return;
        }
        e.heapIndex = -1;
        size--;
        if (i == size) {
            heap[size] = null;
            return;
        }
        Event last = heap[size];
        heap[size] = null;
        heap[i] = last;
        last.heapIndex = i;
        siftUp(i);
        siftDown(last.heapIndex);
    }

    /**
     * Sets how many events may run in a row without the clock advancing before {@link #run} throws
     * {@link SimulationStalledException} (default {@link #DEFAULT_STALL_EVENTS}).
     */
    public void setStallLimit(long events) {
        if (events <= 0) {
            throw new IllegalArgumentException("stall limit must be positive: " + events);
        }
        stallLimit = events;
    }

    /** Stops {@link #run} after the current event. */
    public void stop() {
        stopped = true;
    }

    /**
     * Runs events in order until none is left, {@link #stop()} is called, or the next event is
     * after {@code until}; the clock then reads {@code until} (or the stop time).
     */
    public void run(long until) {
        run(until, Long.MAX_VALUE);
    }

    /** As {@link #run(long)}, executing at most {@code maxEvents} events. */
    public void run(long until, long maxEvents) {
        stopped = false;
        long budget = maxEvents;
        while (size > 0 && !stopped && budget > 0) {
            Event e = heap[0];
            if (e.time > until) {
                break;
            }
            removeTop();
            if (e.time != now) {
                now = e.time;
                sameInstant = 0;
                lastSelf = null;
            } else if (++sameInstant > stallLimit) {
                throw new SimulationStalledException(now, e.describe(), "no event advanced the clock for "
                        + sameInstant + " events");
            }
            executed++;
            budget--;
            running = e;
            try {
                e.onEvent(now);
            } finally {
                running = null;
            }
        }
        if (!stopped && budget > 0 && until > now) {
            now = until;
        }
    }

    private void removeTop() {
        Event top = heap[0];
        top.heapIndex = -1;
        size--;
        if (size > 0) {
            Event last = heap[size];
            heap[0] = last;
            last.heapIndex = 0;
            siftDown(0);
        }
        heap[size] = null;
    }

    private static boolean less(Event a, Event b) {
        return a.time < b.time || (a.time == b.time && a.seq < b.seq);
    }

    private void siftUp(int i) {
        Event e = heap[i];
        while (i > 0) {
            int parent = (i - 1) >>> 1;
            Event p = heap[parent];
            if (!less(e, p)) {
                break;
            }
            heap[i] = p;
            p.heapIndex = i;
            i = parent;
        }
        heap[i] = e;
        e.heapIndex = i;
    }

    private void siftDown(int i) {
        Event e = heap[i];
        int half = size >>> 1;
        while (i < half) {
            int child = 2 * i + 1;
            Event c = heap[child];
            int right = child + 1;
            if (right < size && less(heap[right], c)) {
                child = right;
                c = heap[child];
            }
            if (!less(c, e)) {
                break;
            }
            heap[i] = c;
            c.heapIndex = i;
            i = child;
        }
        heap[i] = e;
        e.heapIndex = i;
    }
}
