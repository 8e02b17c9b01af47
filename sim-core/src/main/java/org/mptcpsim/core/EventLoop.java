package org.mptcpsim.core;

import java.util.Arrays;

/**
 * The discrete-event loop of one run: a priority queue of intrusive {@link Event}s ordered by
 * (time, insertion sequence), so simultaneous events run in the order they were scheduled and
 * every run is deterministic. Single-threaded; no static state; nothing allocates per event
 * (the arrays grow only when more events are pending than ever before).
 *
 * <p>The queue is a 4-ary heap whose keys (time, sequence) are held in arrays beside the events:
 * sifting compares array entries instead of loading each event object, and a 4-ary heap is half
 * as deep as a binary one, so a fabric with thousands of pending events takes fewer cache misses
 * per event. Any correct heap pops the same sequence (the keys are unique), so the order of
 * events does not depend on this choice.
 *
 * <p>The event that runs keeps the root slot until its callback returns: nearly every event is a link
 * or timer re-arming itself from its own callback, and that re-arm is then one sift-down from the root
 * instead of a removal (a sift-down of the last element) and an insertion (a sift-up). While it runs
 * the event is not pending ({@link Event#isScheduled()} false); its key, the smallest in the heap,
 * keeps everything scheduled meanwhile below it. benchmark-2x1g in JMH: +7 % periodic, +5-8 %
 * jittered (README, Performance).
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
    private long[] times = new long[64];
    private long[] seqs = new long[64];
    private int size;
    private long now;
    private long nextSeq;
    private long executed;
    private boolean stopped;
    private long stallLimit = DEFAULT_STALL_EVENTS;
    private long sameInstant;
    private Event running;
    /** The running event still occupies the root slot (its removal deferred until it returns or re-arms). */
    private boolean runningAtRoot;
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
        return runningAtRoot ? size - 1 : size;
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
        long seq = nextSeq++;
        e.time = time;
        e.seq = seq;
        if (e == running && runningAtRoot) {
            // the running event re-arms: it still holds the root slot, so one sift-down from the root replaces
            // the removal and re-insertion (time >= now, the root's key, so it can only move down)
            runningAtRoot = false;
            siftDown(0, e, time, seq);
            return;
        }
        int i = e.heapIndex;
        if (i >= 0) {
            // the new key is later than the old one unless the time moved earlier
            if (time < times[i]) {
                siftUp(i, e, time, seq);
            } else {
                siftDown(i, e, time, seq);
            }
        } else {
            if (size == heap.length) {
                heap = Arrays.copyOf(heap, size * 2);
                times = Arrays.copyOf(times, size * 2);
                seqs = Arrays.copyOf(seqs, size * 2);
            }
            siftUp(size++, e, time, seq);
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
        Event last = heap[size];
        heap[size] = null;
        if (i == size) {
            return;
        }
        long t = times[size];
        long q = seqs[size];
        if (less(t, q, times[i], seqs[i])) {
            siftUp(i, last, t, q);
        } else {
            siftDown(i, last, t, q);
        }
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
            long t = times[0];
            if (t > until) {
                break;
            }
            Event e = heap[0];
            if (t != now) {
                now = t;
                sameInstant = 0;
                lastSelf = null;
            } else if (++sameInstant > stallLimit) {
                throw new SimulationStalledException(now, e.describe(), "no event advanced the clock for "
                        + sameInstant + " events");
            }
            executed++;
            budget--;
            running = e;
            // the event keeps the root slot while it runs (not pending: heapIndex -1); see schedule
            e.heapIndex = -1;
            runningAtRoot = true;
            try {
                e.onEvent(now);
            } finally {
                running = null;
                if (runningAtRoot) {
                    runningAtRoot = false;
                    removeTop();
                }
            }
        }
        if (!stopped && budget > 0 && until > now) {
            now = until;
        }
    }

    /** Removes the root slot, which the event that just ran still holds (its heapIndex is already -1). */
    private void removeTop() {
        size--;
        Event last = heap[size];
        heap[size] = null;
        if (size > 0) {
            siftDown(0, last, times[size], seqs[size]);
        }
    }

    private static boolean less(long ta, long qa, long tb, long qb) {
        return ta < tb || (ta == tb && qa < qb);
    }

    /** Places {@code e} with key (t, q) at slot {@code i} or above it. */
    private void siftUp(int i, Event e, long t, long q) {
        while (i > 0) {
            int parent = (i - 1) >>> 2;
            long pt = times[parent];
            if (!less(t, q, pt, seqs[parent])) {
                break;
            }
            Event p = heap[parent];
            heap[i] = p;
            times[i] = pt;
            seqs[i] = seqs[parent];
            p.heapIndex = i;
            i = parent;
        }
        heap[i] = e;
        times[i] = t;
        seqs[i] = q;
        e.heapIndex = i;
    }

    /** Places {@code e} with key (t, q) at slot {@code i} or below it. */
    private void siftDown(int i, Event e, long t, long q) {
        int n = size;
        while (true) {
            int first = 4 * i + 1;
            if (first >= n) {
                break;
            }
            int best = first;
            long bt = times[first];
            long bq = seqs[first];
            int last = Math.min(first + 4, n);
            for (int c = first + 1; c < last; c++) {
                long ct = times[c];
                if (ct < bt || (ct == bt && seqs[c] < bq)) {
                    best = c;
                    bt = ct;
                    bq = seqs[c];
                }
            }
            if (!less(bt, bq, t, q)) {
                break;
            }
            Event c = heap[best];
            heap[i] = c;
            times[i] = bt;
            seqs[i] = bq;
            c.heapIndex = i;
            i = best;
        }
        heap[i] = e;
        times[i] = t;
        seqs[i] = q;
        e.heapIndex = i;
    }
}
