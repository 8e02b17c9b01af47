package org.mptcpsim.net;

import java.util.SplittableRandom;

import org.mptcpsim.core.EventLoop;
import org.mptcpsim.core.Time;
import org.mptcpsim.trace.TraceSink;

/**
 * One direction of a link: a drop-tail FIFO queue, a serialiser at {@code rate} and a pipe of
 * propagation delay {@code delay}, folded into one event source.
 *
 * <p>A FIFO's departure times are known when a packet is accepted (start = max(now, end of the
 * previous packet's serialisation)), so a packet goes straight into one list ordered by arrival
 * time at the far end, and only the head of that list is scheduled: one event per packet per
 * link instead of two. The queue's occupancy (packets whose serialisation has not finished) is
 * the suffix of the list from {@code qHead}, advanced lazily. The limit's accounting is the
 * {@link Qdisc}: {@link Qdisc#DROPTAIL} counts the packets waiting, not the one being serialised
 * (which has left the qdisc, as with pfifo in front of a NIC); {@link Qdisc#TBF} counts the one in
 * service too, as Linux's tbf keeps the head packet in its backlog while it waits for tokens.
 *
 * <p>Random loss (probability per packet, from this link's own random stream) is applied on
 * arrival at the queue. A link that is down drops everything it holds and everything offered.
 * Single-threaded.
 *
 * <p>A {@link LinkModel} (trace-driven delivery, Gilbert–Elliott loss, delay jitter; see
 * {@link #setModel}) switches the direction to the modelled path at the end of this class; without
 * one the fixed-rate path above runs unchanged. The queue's accounting, counters and readers are
 * {@link LinkQueue}'s.
 */
public final class Link extends LinkQueue implements PacketSink {

    /** How the buffer limit is accounted. */
    public enum Qdisc {
        /** The limit counts waiting packets only; the one being serialised has left the queue. */
        DROPTAIL,
        /**
         * Linux tbf: the head packet, waiting for tokens, counts too; departures are timed by the
         * token bucket ({@link TokenBucket}: an idle bucket passes its burst back to back).
         */
        TBF
    }

    private final PacketPool pool;
    private final TraceSink trace;
    private final SplittableRandom random;
    private final double loss;
    /** {@link Qdisc#TBF}: the token bucket that times departures, else null (a serialiser). */
    private TokenBucket bucket;
    private long jitterPs;
    private PacketTap tap;

    /** With {@link LinkModel#reorder}: every packet in the link by arrival time (else null). */
    private ArrivalHeap arrivals;

    /**
     * @param limitBytes buffer in bytes, or {@code Long.MAX_VALUE} when limited in packets
     * @param limitPkts  buffer in packets, or {@code Integer.MAX_VALUE} when limited in bytes
     */
    public Link(int index, String id, EventLoop loop, PacketPool pool, TraceSink trace, SplittableRandom random,
                long rateBps, long delayPs, long limitBytes, int limitPkts, double loss) {
        super(index, id, loop, rateBps, delayPs, limitBytes, limitPkts);
        this.pool = pool;
        this.trace = trace;
        this.random = random;
        this.loss = loss;
    }

    @Override
    public String describe() {
        return "link " + id;
    }

    @Override
    public void receive(Packet p) {
        if (model != null) {
            receiveModelled(p);
            return;
        }
        long now = loop.nowPs();
        advance(now);
        if (!up || (loss > 0 && random.nextDouble() < loss) || bufferFull(p.size)) {
            drops++;
            pool.release(p);
            return;
        }
        long start = busyUntil;
        if (start < now + jitterPs) {
            // a busy serialiser hides jitter smaller than its backlog: draw only when it can matter
            start = Math.max(now + sendJitter(), busyUntil);
        }
        long ser = serialisation(p.size);
        // tbf: the packet leaves when its tokens are there, with no serialisation after that
        p.finishPs = bucket != null ? bucket.departure(start, ser) : start + ser;
        p.arrivePs = p.finishPs + delayPs;
        busyUntil = p.finishPs;
        busyPs += ser;
        enqueue(p, now);
        appendFifo(p);
    }

    /** Host send jitter: uniform in [0, jitter) as the high half of a 63 x 64-bit product (no division). */
    private long sendJitter() {
        return jitterPs > 0 ? Math.multiplyHigh(random.nextLong() >>> 1, jitterPs << 1) : 0;
    }

    /** Appends {@code p} (its arrival not before the tail's) to the list; schedules it if it is the head. */
    private void appendFifo(Packet p) {
        if (tail == null) {
            head = p;
            tail = p;
            loop.schedule(this, p.arrivePs);
        } else {
            tail.next = p;
            tail = p;
        }
        if (qHead == null) {
            qHead = p;
        }
    }

    @Override
    protected void onEvent(long now) {
        if (arrivals != null) {
            deliverReordered(now);
            return;
        }
        Packet p = head;
        // The queue accounting is lazy (every reader advances it first), so a departure needs it
        // only when the departing packet still counts as queued (a zero delay); otherwise the
        // packets from qHead on are not touched here: one cache line less per packet per hop.
        if (p == qHead) {
            advance(now);
        }
        head = p.next;
        if (head == null) {
            tail = null;
        } else {
            loop.schedule(this, head.arrivePs);
        }
        p.next = null;
        if (tap != null) tap.deliver(now, this, p);
        p.route[++p.hop].receive(p);
    }

    /** Hands every packet this direction delivers to {@code t} first (a packet capture), or none ({@code null}). */
    public void setTap(PacketTap t) {
        this.tap = t;
    }

    /**
     * Changes the rate at the current time. The packet in service (the queue's head has always
     * started) finishes at its old time; the packets behind it are re-timed at the new rate.
     */
    public void setRate(long newRateBps) {
        if (model != null && model.trace != null) {
            throw new IllegalStateException("link " + id + " is driven by a delivery trace; its rate cannot be set");
        }
        long now = loop.nowPs();
        advance(now);
        long oldRate = rateBps;
        rateBps = newRateBps;
        if (bucket != null) {
            bucket.setRate(newRateBps, now);
        }
        cacheSizeA = -1;
        cacheSizeB = -1;
        trace.onLinkEvent(now, index, "rate", newRateBps);
        if (qHead == null) {
            return;
        }
        // each queued packet keeps any extra delay it drew (a model's jitter; 0 on the fixed-rate
        // path, where arrival = finish + delay) and, in FIFO order, stays behind the one before it
        long t = qHead.finishPs;
        long prevArrive = qHead.arrivePs;
        for (Packet q = qHead.next; q != null; q = q.next) {
            long ser = Time.serialisation(q.size, rateBps);
            busyPs += ser - Time.serialisation(q.size, oldRate);
            long extra = q.arrivePs - q.finishPs - delayPs;
            q.finishPs = t + ser;
            q.arrivePs = Math.max(q.finishPs + delayPs + extra, arrivals == null ? prevArrive : 0);
            prevArrive = q.arrivePs;
            t = q.finishPs;
        }
        busyUntil = t;
        if (bucket != null && qHead.next != null) {
            bucket.drain(t); // a backlog re-timed back to back leaves no tokens
        }
        if (arrivals != null) {
            arrivals.rebuild();
            loop.schedule(this, arrivals.minKey());
        }
    }

    /** Takes the link down (dropping everything it holds) or up. */
    public void setUp(boolean nowUp) {
        long now = loop.nowPs();
        advance(now);
        if (up == nowUp) {
            return;
        }
        up = nowUp;
        trace.onLinkEvent(now, index, nowUp ? "up" : "down", rateBps);
        if (!nowUp) {
            loop.cancel(this);
            if (model != null) {
                dropModelled();
            }
            for (Packet p = head; p != null; ) {
                Packet n = p.next;
                drops++;
                pool.release(p);
                p = n;
            }
            head = tail = qHead = null;
            busyPs -= Math.max(0, busyUntil - now);
            qIntegralPs += qPkts * (now - qLastChange);
            qLastChange = now;
            qPkts = 0;
            qBytes = 0;
            busyUntil = now;
        }
    }

    /** Sets how the limit is accounted (before the run starts); {@link Qdisc#DROPTAIL} by default. */
    public void setQdisc(Qdisc qdisc) {
        if (qdisc == Qdisc.TBF && model != null && model.trace != null) {
            throw new IllegalStateException("link " + id + ": a traced direction is timed by its trace, not a tbf bucket");
        }
        this.countsHead = qdisc == Qdisc.TBF;
        this.bucket = countsHead ? new TokenBucket(rateBps) : null;
    }

    public Qdisc qdisc() {
        return countsHead ? Qdisc.TBF : Qdisc.DROPTAIL;
    }

    /** Sets the drop-tail limits (before the run starts): bytes, or packets (the other unbounded). */
    public void setLimits(long bytes, int packets) {
        this.limitBytes = bytes;
        this.limitPkts = packets;
    }

    /**
     * Random send-time jitter: each packet becomes ready up to {@code maxPs} after it is offered
     * (uniform, from this link's stream; FIFO order is kept). Set on hosts' outgoing links, it stands
     * for the host's processing and interrupt timing and breaks the drop-tail phase effects that
     * perfectly periodic senders show in a deterministic simulator.
     */
    public void setJitter(long maxPs) {
        this.jitterPs = maxPs;
    }

    // ---------------------------------------------------------------------------------------------
    // Modelled path (LinkModel): trace-driven delivery, Gilbert–Elliott loss, delay jitter. Kept
    // apart from the fixed-rate path above, which a link without a model never leaves.

    /**
     * Attaches a wireless delivery model (before the run starts). With a trace the link's
     * {@link #rateBps()} should be the trace's {@link DeliveryTrace#meanRateBps()} (what BDP buffers
     * and utilisation refer to); a traced link cannot change rate.
     */
    public void setModel(LinkModel m) {
        if (m != null && m.trace != null && bucket != null) {
            throw new IllegalStateException("link " + id + ": a traced direction is timed by its trace, not a tbf bucket");
        }
        this.model = m;
        this.arrivals = m != null && m.reorder ? new ArrivalHeap() : null;
    }

    /**
     * {@link #receive} with a model: the same queue accounting and host send jitter; loss from the
     * model's Gilbert–Elliott chain when it has one; departure from the trace or the fixed rate;
     * arrival = departure + delay + jitter, held behind the previous packet's arrival unless the
     * model reorders (then the packet joins {@link #arrivals} and the list keeps only the queue).
     */
    private void receiveModelled(Packet p) {
        long now = loop.nowPs();
        advance(now);
        // as on the fixed-rate path the loss draw (or the chain's step) happens only while the link is up
        if (!up || (model.gilbert != null ? model.gilbert.drop(random) : loss > 0 && random.nextDouble() < loss)
                || bufferFull(p.size)) {
            drops++;
            pool.release(p);
            return;
        }
        long ready = now;
        if (busyUntil < now + jitterPs) {
            // host send jitter as on the fixed-rate path; a departure at or after busyUntil (the
            // previous packet's) hides a smaller one on the trace too
            ready = now + sendJitter();
        }
        long finish;
        if (model.trace != null) {
            finish = model.traceFinish(ready, p.size);
        } else {
            long ser = serialisation(p.size);
            long start = Math.max(ready, busyUntil);
            finish = bucket != null ? bucket.departure(start, ser) : start + ser;
            busyPs += ser;
        }
        long arrive = finish + delayPs;
        if (model.jitter != null) {
            arrive += model.jitter.draw(model.jitterRandom);
        }
        p.finishPs = finish;
        busyUntil = finish;
        enqueue(p, now);
        if (arrivals == null) {
            p.arrivePs = tail != null ? Math.max(arrive, tail.arrivePs) : arrive;   // FIFO: not before the one ahead
            appendFifo(p);
            return;
        }
        // reorder: the list holds the queue only (qHead .. tail, in departure order); once a packet
        // has departed nothing follows its next again, as it may be delivered at any time after
        p.arrivePs = arrive;
        if (qHead == null) {
            qHead = p;
        } else {
            tail.next = p;
        }
        tail = p;
        arrivals.push(p);
        if (arrivals.peek() == p) {
            loop.schedule(this, arrive);
        }
    }

    /** {@link #onEvent} with a reordering model: delivers the earliest arrival. */
    private void deliverReordered(long now) {
        advance(now);
        Packet p = arrivals.pop();
        if (arrivals.size() > 0) {
            loop.schedule(this, arrivals.minKey());
        }
        p.next = null;
        if (tap != null) tap.deliver(now, this, p);
        p.route[++p.hop].receive(p);
    }

    /** {@link #setUp}(false) with a model: the reorder heap's packets are dropped, the trace cursor forgotten. */
    private void dropModelled() {
        if (arrivals != null) {
            drops += arrivals.drain(pool);
            head = null;
            tail = null;
            qHead = null;
        }
        model.resetCursor();
    }
}
