package org.mptcpsim.net;

import org.mptcpsim.core.Event;
import org.mptcpsim.core.EventLoop;
import org.mptcpsim.core.Time;

/**
 * The queue accounting of one link direction, which {@link Link} moves packets through: its
 * configuration, the in-flight list ({@code head} .. {@code tail} by arrival at the far end, the
 * queue the suffix from {@code qHead}), the occupancy and its time integral, the counters, the
 * buffer test of its {@link Link.Qdisc} and the serialisation cache — and the readers the outputs
 * and samplers use, each advancing the lazy accounting to now first. Kept apart from the movement
 * (arrival, departure, rate and up/down changes, the modelled path) so each reads on its own; the
 * fields are the link's own, in one object, so the split costs the hot path nothing.
 */
abstract class LinkQueue extends Event {
    public final int index;
    public final String id;
    final EventLoop loop;

    long rateBps;
    final long delayPs;
    long limitBytes;
    int limitPkts;
    boolean up = true;
    /** {@link Link.Qdisc#TBF}: the packet in service counts against the limit. */
    boolean countsHead;
    int cacheSizeA = -1;
    long cacheSerA;
    int cacheSizeB = -1;
    long cacheSerB;

    /** All packets in this link, ordered by arrival time at the far end. */
    Packet head;
    Packet tail;
    /** First packet whose serialisation has not finished (start of the queue), or null. */
    Packet qHead;
    int qPkts;
    long qBytes;
    long busyUntil;

    // statistics
    long drops;
    long txBytes;
    long txPackets;
    long busyPs;
    long qIntegralPs;
    long qLastChange;

    /** Wireless delivery model, or null: the fixed-rate path. */
    LinkModel model;

    LinkQueue(int index, String id, EventLoop loop, long rateBps, long delayPs, long limitBytes, int limitPkts) {
        if (rateBps <= 0) {
            throw new IllegalArgumentException("link " + id + ": rate must be positive");
        }
        this.index = index;
        this.id = id;
        this.loop = loop;
        this.rateBps = rateBps;
        this.delayPs = delayPs;
        this.limitBytes = limitBytes;
        this.limitPkts = limitPkts;
    }

    /** Counts an accepted packet into the queue (occupancy and its time integral). */
    final void enqueue(Packet p, long now) {
        qIntegralPs += qPkts * (now - qLastChange);
        qLastChange = now;
        qPkts++;
        qBytes += p.size;
        p.next = null;
    }

    /**
     * Whether a packet of {@code size} bytes finds the buffer full (the queue advanced to now).
     * Drop-tail: the packet in service has left the qdisc, only waiting ones count; tbf: the head
     * waits in the qdisc for its tokens (its serialisation here), so it counts too.
     */
    final boolean bufferFull(int size) {
        int waiting = qPkts;
        long waitingBytes = qBytes;
        if (qPkts > 0 && !countsHead) {
            waiting--;
            waitingBytes -= qHead.size;
        }
        return waiting + 1 > limitPkts || waitingBytes + size > limitBytes;
    }

    /** Serialisation time at the current rate, through a two-entry cache (data and ACK sizes). */
    final long serialisation(int size) {
        if (size == cacheSizeA) {
            return cacheSerA;
        }
        if (size == cacheSizeB) {
            return cacheSerB;
        }
        long ser = Time.serialisation(size, rateBps);
        cacheSizeB = cacheSizeA;
        cacheSerB = cacheSerA;
        cacheSizeA = size;
        cacheSerA = ser;
        return ser;
    }

    /** Moves the queue start past packets whose serialisation has finished by {@code now}. */
    final void advance(long now) {
        Packet q = qHead;
        while (q != null && q.finishPs <= now) {
            qIntegralPs += qPkts * (q.finishPs - qLastChange);
            qLastChange = q.finishPs;
            qPkts--;
            qBytes -= q.size;
            txBytes += q.size;
            txPackets++;
            q = q.next;
        }
        qHead = q;
    }

    public long limitBytes() {
        return limitBytes;
    }

    /** The drop-tail limit in packets, {@code Integer.MAX_VALUE} when limited in bytes. */
    public int limitPkts() {
        return limitPkts;
    }

    public boolean isUp() {
        return up;
    }

    public long rateBps() {
        return rateBps;
    }

    public long delayPs() {
        return delayPs;
    }

    /** Queue length in packets at the current time (including the one in service). */
    public int queuePackets() {
        advance(loop.nowPs());
        return qPkts;
    }

    /** Queue length in bytes at the current time. */
    public long queueBytes() {
        advance(loop.nowPs());
        return qBytes;
    }

    public long drops() {
        return drops;
    }

    /** Bytes whose serialisation finished by now. */
    public long txBytes() {
        advance(loop.nowPs());
        return txBytes;
    }

    public long txPackets() {
        advance(loop.nowPs());
        return txPackets;
    }

    /** Fraction of time from 0 to now spent serialising. */
    public double utilization() {
        long now = loop.nowPs();
        advance(now);
        if (model != null && model.trace != null) {
            // no fixed serialisation time: the share of the trace's mean capacity used
            return now == 0 ? 0 : Math.min(1.0, txBytes * 8.0 * Time.PS_PER_S / ((double) rateBps * now));
        }
        long busy = busyPs - Math.max(0, busyUntil - now);
        return now == 0 ? 0 : Math.min(1.0, busy / (double) now);
    }

    /** Time-weighted mean queue length in packets from time 0 to now. */
    public double queueMeanPackets() {
        long now = loop.nowPs();
        advance(now);
        long integral = qIntegralPs + qPkts * (now - qLastChange);
        return now == 0 ? 0 : integral / (double) now;
    }

    public LinkModel model() {
        return model;
    }
}
