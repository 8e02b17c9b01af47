package org.mptcpsim.scenario.run;

import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;

import org.mptcpsim.core.Event;
import org.mptcpsim.core.Time;
import org.mptcpsim.net.Link;
import org.mptcpsim.net.Packet;
import org.mptcpsim.net.PacketSink;
import org.mptcpsim.scenario.model.AppSpec;
import org.mptcpsim.tcp.AppListener;

/**
 * The application of one connection of a run (docs/scenario-format.md, "Applications"): what it
 * writes when, and what it measures (transfers for flows.csv, request latencies, stream stalls).
 * Random draws come from the run's seeded streams, one per connection and purpose
 * ({@code app:<id>:arrivals}, {@code app:<id>:sizes}). A new transfer or request may allocate;
 * per delivered segment nothing is allocated.
 */
abstract class AppRun implements AppListener {
    /** A timer of this app: runs {@code action} at its time; named in internal-error messages. */
    final Event timer(String what, java.util.function.LongConsumer action) {
        return new Event() {
            @Override
            protected void onEvent(long now) {
                action.accept(now);
            }

            @Override
            public String describe() {
                return "connection #" + c.index + " " + what;
            }
        };
    }

    /** One completed (or, with {@code endPs} -1, unfinished) transfer: a row of flows.csv. */
    record Transfer(String connection, String kind, int n, long bytes, long startPs, long endPs, long idealPs) {
        long fctPs() {
            return endPs < 0 ? -1 : endPs - startPs;
        }

        double slowdown() {
            return endPs < 0 ? Double.NaN : (double) fctPs() / idealPs;
        }
    }

    final ScenarioRunner run;
    final ConnRun c;
    final List<Transfer> transfers = new ArrayList<>();

    AppRun(ScenarioRunner run, ConnRun c) {
        this.run = run;
        this.c = c;
    }

    /** The app for a connection: null for bulk. */
    static AppRun create(ScenarioRunner run, ConnRun c) {
        AppSpec a = c.spec.app();
        if (a instanceof AppSpec.Flows f) {
            return new Flows(run, c, f);
        }
        if (a instanceof AppSpec.RequestResponse r) {
            return new RequestResponse(run, c, r);
        }
        if (a instanceof AppSpec.Stream s) {
            return new Stream(run, c, s);
        }
        return c.spec.sizeBytes() >= 0 ? new Sized(run, c) : null;
    }

    /** Whether the app writes data over time (the connection starts with nothing to send). */
    abstract boolean appLimited();

    /** Called at the connection's start time (flows only; the others start with their connection). */
    void start() {
    }

    /** Transfers still running at the end of the run, as unfinished rows. */
    void finish(long endPs) {
    }

    long segments(long bytes) {
        return (bytes + c.cfg.mss() - 1) / c.cfg.mss();
    }

    /**
     * The ideal completion time of {@code segments} full segments on an empty path: one
     * propagation round trip for the handshake (if any), the one-way propagation delay of the
     * data path, and the segments' wire bytes serialised at the data path's slowest link
     * (docs/outputs.md, "flows.csv"). Of the initial subflow's links, at their rates at the call.
     */
    static long idealPs(ConnRun.SubflowRun sf, long segments, int wireBytes, boolean handshake, long extraBits) {
        long fwd = 0;
        long rate = Long.MAX_VALUE;
        for (Link l : sf.dataLinks) {
            fwd += l.delayPs();
            rate = Math.min(rate, l.rateBps());
        }
        long rev = 0;
        long revRate = Long.MAX_VALUE;
        for (Link l : sf.ackLinks) {
            rev += l.delayPs();
            revRate = Math.min(revRate, l.rateBps());
        }
        double ser = (double) segments * wireBytes * 8 * 1e12 / rate + (double) extraBits * 1e12 / revRate;
        return (handshake ? fwd + rev : 0) + (extraBits > 0 ? rev : 0) + fwd + Math.round(ser);
    }

    // ---------------------------------------------------------------- size: one transfer

    /** {@code size: N}: one transfer written at the start (as before), its completion timed exactly. */
    static final class Sized extends AppRun {
        private final long need;
        private long idealPs = -1;

        Sized(ScenarioRunner run, ConnRun c) {
            super(run, c);
            need = segments(c.spec.sizeBytes());
        }

        @Override
        boolean appLimited() {
            return false;
        }

        @Override
        public void onDelivered(long segments) {
            if (segments == need) {
                transfers.add(new Transfer(c.spec.id(), "size", 0, c.spec.sizeBytes(), c.startedPs, run.loop().nowPs(),
                        ideal()));
            }
        }

        private long ideal() {
            if (idealPs < 0) {
                idealPs = idealPs(c.subflows.get(0), need, c.cfg.dataWireBytes(), true, 0);
            }
            return idealPs;
        }

        @Override
        public void onEstablished() {
            ideal();
        }

        @Override
        void finish(long endPs) {
            if (transfers.isEmpty() && !c.subflows.isEmpty()) {
                transfers.add(new Transfer(c.spec.id(), "size", 0, c.spec.sizeBytes(), c.startedPs, -1, ideal()));
            }
        }
    }

    // ---------------------------------------------------------------- flows

    /** Repeated transfers on new connections, arriving by a Poisson process or periodically. */
    static final class Flows extends AppRun {
        private final AppSpec.Flows spec;
        private final SplittableRandom arrivals;
        private final SplittableRandom sizes;
        private int started;
        private final List<Open> open = new ArrayList<>();

        Flows(ScenarioRunner run, ConnRun c, AppSpec.Flows spec) {
            super(run, c);
            this.spec = spec;
            this.arrivals = run.random().stream("app:" + c.spec.id() + ":arrivals");
            this.sizes = run.random().stream("app:" + c.spec.id() + ":sizes");
        }

        @Override
        boolean appLimited() {
            return false;
        }

        @Override
        public void onDelivered(long segments) {
        }

        /** The gap to the next arrival: exponential with mean 1/rate (Poisson process), or fixed. */
        private long gapPs() {
            if (!spec.arrival().poisson()) {
                return spec.arrival().everyPs();
            }
            double u = arrivals.nextDouble();
            // inverse CDF of the exponential distribution: -ln(1 - u) / rate, in seconds
            double s = -Math.log1p(-u) / spec.arrival().ratePerS();
            return Math.max(1, Math.round(s * 1e12));
        }

        @Override
        void start() {
            long first = run.loop().nowPs() + (spec.arrival().poisson() ? gapPs() : 0);
            schedule(first);
        }

        private void schedule(long at) {
            if (at >= run.scenario().durationPs() || (spec.count() > 0 && started >= spec.count())) {
                return;
            }
            run.loop().schedule(timer("flows app arrival", this::arrive), at);
        }

        private void arrive(long now) {
            long bytes = spec.size().sample(sizes.nextDouble());
            Open o = new Open(started++, bytes, now);
            open.add(o);
            o.conn = run.startChild(c, bytes, o);
            schedule(now + gapPs());
        }

        @Override
        void finish(long endPs) {
            for (Open o : open) {
                transfers.add(new Transfer(c.spec.id(), "flow", o.n, o.bytes, o.startPs, -1, o.ideal()));
            }
            transfers.sort((a, b) -> Integer.compare(a.n(), b.n()));
        }

        /** One transfer in progress. */
        private final class Open extends Event implements AppListener {
            final int n;
            final long bytes;
            final long startPs;
            final long need;
            ConnRun conn;
            private long idealPs = -1;

            Open(int n, long bytes, long startPs) {
                this.n = n;
                this.bytes = bytes;
                this.startPs = startPs;
                this.need = segments(bytes);
            }

            long ideal() {
                if (idealPs < 0 && conn != null && !conn.subflows.isEmpty()) {
                    idealPs = idealPs(conn.subflows.get(0), need, c.cfg.dataWireBytes(), true, 0);
                }
                return idealPs;
            }

            @Override
            public void onEstablished() {
                ideal();
            }

            @Override
            public void onDelivered(long segments) {
                if (segments == need) {
                    transfers.add(new Transfer(c.spec.id(), "flow", n, bytes, startPs, run.loop().nowPs(), ideal()));
                    open.remove(this);
                    run.loop().schedule(this, run.loop().nowPs());   // close outside the receive path
                }
            }

            @Override
            protected void onEvent(long now) {
                run.closeChild(c, conn);
            }

            @Override
            public String describe() {
                return "connection #" + c.index + " flow " + n + " close";
            }
        }
    }

    // ---------------------------------------------------------------- request-response

    /**
     * A client sends a request; the server answers; the client thinks, then asks again, over one
     * persistent connection. The connection's data (the answers) flows server to client; requests
     * travel the reverse path of the first usable subflow as their own packets (queued and lost
     * like ACKs), sent again at the subflow's RTO until the server has them all.
     */
    static final class RequestResponse extends AppRun implements PacketSink {
        private final AppSpec.RequestResponse spec;
        private final SplittableRandom sizes;
        private final int reqPackets;
        private int n;
        private long reqStartPs;
        private ConnRun.SubflowRun reqCarrier;
        private boolean[] got;
        private int gotCount;
        private boolean awaiting;
        private long responseEnd;
        private long responseBytes;
        private long written;
        private long idealPs;
        private long retryUs;
        private final Event retry;
        private final Event next = timer("next request", this::request);

        RequestResponse(ScenarioRunner run, ConnRun c, AppSpec.RequestResponse spec) {
            super(run, c);
            this.spec = spec;
            this.sizes = run.random().stream("app:" + c.spec.id() + ":sizes");
            this.reqPackets = (int) Math.min(Integer.MAX_VALUE, segments(spec.requestBytes()));
            this.retry = timer("request retry timer", now -> {
                if (got != null && gotCount < reqPackets) {
                    retryUs = Math.min(retryUs * 2, 120_000_000L);
                    sendRequestPackets(now);
                }
            });
        }

        @Override
        boolean appLimited() {
            return true;
        }

        @Override
        public void onEstablished() {
            if (n == 0 && !awaiting) {
                request(run.loop().nowPs());
            }
        }

        private void request(long now) {
            if (now >= run.scenario().durationPs() || (spec.count() > 0 && n >= spec.count())) {
                return;
            }
            reqStartPs = now;
            reqCarrier = null;
            got = new boolean[reqPackets];
            gotCount = 0;
            awaiting = true;
            ConnRun.SubflowRun sf = carrier();
            retryUs = sf == null ? 1_000_000L : sf.subflow.sk.icskRtoUs;
            sendRequestPackets(now);
        }

        /** The first open, established subflow: its ACK path carries the request. */
        private ConnRun.SubflowRun carrier() {
            for (ConnRun.SubflowRun r : c.subflows) {
                if (!r.subflow.isClosed() && r.subflow.sk.canSend()) {
                    return r;
                }
            }
            return null;
        }

        private void sendRequestPackets(long now) {
            ConnRun.SubflowRun sf = carrier();
            if (sf != null) {
                PacketSink[] route = sf.ackLinks.toArray(new PacketSink[sf.ackLinks.size() + 1]);
                route[route.length - 1] = this;
                int mss = c.cfg.mss();
                int header = c.cfg.dataWireBytes() - mss;
                for (int i = 0; i < reqPackets; i++) {
                    if (got[i]) {
                        continue;
                    }
                    Packet p = run.pool().take();
                    p.type = Packet.REQUEST;
                    long payload = Math.min(mss, spec.requestBytes() - (long) i * mss);
                    p.payload = (int) payload;
                    p.size = (int) payload + header;
                    p.seq = i;
                    p.dsn = n;
                    p.tsVal = now;
                    p.route = route;
                    p.hop = 0;
                    route[0].receive(p);
                }
                if (reqCarrier == null) {
                    reqCarrier = sf;
                }
            }
            run.loop().schedule(retry, now + Time.us(retryUs));
        }

        /** A request packet arrives at the server. */
        @Override
        public void receive(Packet p) {
            long id = p.dsn;
            int i = p.seq;
            run.pool().release(p);
            if (id != n || got == null || got[i]) {
                return;
            }
            got[i] = true;
            if (++gotCount == reqPackets) {
                run.loop().cancel(retry);
                responseBytes = spec.response().sample(sizes.nextDouble());
                long seg = segments(responseBytes);
                responseEnd = written + seg;
                written += seg;
                // ideal: the request's one-way delay and serialisation on the path it took, then the
                // response's on the reverse of it (docs/outputs.md)
                int header = c.cfg.dataWireBytes() - c.cfg.mss();
                idealPs = idealPs(reqCarrier, seg, c.cfg.dataWireBytes(), false,
                        (spec.requestBytes() + (long) reqPackets * header) * 8);
                if (c.meta != null) {
                    c.meta.appWrite(seg);
                } else {
                    c.tcp.appWrite(seg);
                }
            }
        }

        @Override
        public void onDelivered(long segments) {
            if (awaiting && gotCount == reqPackets && segments >= responseEnd) {
                long now = run.loop().nowPs();
                awaiting = false;
                transfers.add(new Transfer(c.spec.id(), "request", n, responseBytes, reqStartPs, now, idealPs));
                n++;
                got = null;
                run.loop().schedule(next, now + spec.thinkPs());
            }
        }

        @Override
        void finish(long endPs) {
            if (awaiting) {
                transfers.add(new Transfer(c.spec.id(), "request", n, gotCount == reqPackets ? responseBytes : 0,
                        reqStartPs, -1, idealPs));
            }
        }
    }

    // ---------------------------------------------------------------- stream

    /**
     * The server writes media at the stream's bitrate in 10 ms chunks (application-limited); the
     * client plays it out from a playout buffer: playback starts once {@code startup} of media has
     * arrived, stalls when the buffer is empty and resumes once {@code startup} is buffered again.
     */
    static final class Stream extends AppRun {
        static final long CHUNK_PS = Time.ms(10);
        private final AppSpec.Stream spec;
        private final double[] stepAtS;
        private final double[] stepBytesPerS;
        private final double[] stepStartBytes;
        private long streamStartPs = -1;
        private long written;
        private Playout player;
        private final Event writer = timer("stream writer", this::write);
        private final Event dry = timer("stream playout", this::checkDry);

        Stream(ScenarioRunner run, ConnRun c, AppSpec.Stream spec) {
            super(run, c);
            this.spec = spec;
            int k = spec.steps().size();
            stepAtS = new double[k];
            stepBytesPerS = new double[k];
            stepStartBytes = new double[k];
            for (int i = 0; i < k; i++) {
                stepAtS[i] = Time.toSeconds(spec.steps().get(i).atPs());
                stepBytesPerS[i] = spec.steps().get(i).rateBps() / 8.0;
                if (i > 0) {
                    stepStartBytes[i] = stepStartBytes[i - 1] + stepBytesPerS[i - 1] * (stepAtS[i] - stepAtS[i - 1]);
                }
            }
        }

        @Override
        boolean appLimited() {
            return true;
        }

        /** Media bytes up to media time {@code m} seconds. */
        private double bytesAt(double m) {
            int i = stepAtS.length - 1;
            while (i > 0 && stepAtS[i] > m) {
                i--;
            }
            return stepStartBytes[i] + stepBytesPerS[i] * (m - stepAtS[i]);
        }

        /** Media seconds in the first {@code b} bytes. */
        private double mediaAt(double b) {
            int i = stepAtS.length - 1;
            while (i > 0 && stepStartBytes[i] > b) {
                i--;
            }
            return stepAtS[i] + (b - stepStartBytes[i]) / stepBytesPerS[i];
        }

        @Override
        public void onEstablished() {
            if (streamStartPs < 0) {
                streamStartPs = run.loop().nowPs();
                player = new Playout(Time.toSeconds(spec.startupPs()), streamStartPs);
                write(streamStartPs);
            }
        }

        private void write(long now) {
            double m = Time.toSeconds(now - streamStartPs + CHUNK_PS);
            long due = (long) Math.floor(bytesAt(m) / c.cfg.mss());
            if (due > written) {
                long add = due - written;
                written = due;
                if (c.meta != null) {
                    c.meta.appWrite(add);
                } else {
                    c.tcp.appWrite(add);
                }
            }
            if (now + CHUNK_PS < run.scenario().durationPs()) {
                run.loop().schedule(writer, now + CHUNK_PS);
            }
        }

        @Override
        public void onDelivered(long segments) {
            if (player == null) {
                return;
            }
            boolean was = player.playing();
            player.arrived(mediaAt((double) segments * c.cfg.mss()), run.loop().nowPs());
            if (player.playing() && !was) {
                run.loop().schedule(dry, Math.max(run.loop().nowPs(), player.dryAtPs()));
            }
        }

        private void checkDry(long now) {
            if (player.playing() && now < player.dryAtPs()) {
                run.loop().schedule(dry, player.dryAtPs());   // more arrived since: lazily re-armed
                return;
            }
            player.check(now);
        }

        @Override
        void finish(long endPs) {
            if (player != null) {
                player.finish(endPs);
            }
        }

        int stalls() {
            return player == null ? 0 : player.stalls();
        }

        long stallPs() {
            return player == null ? 0 : player.stallPs();
        }

        long startupDelayPs() {
            return player == null ? -1 : player.startupDelayPs();
        }

        double playedS(long endPs) {
            return player == null ? 0 : player.playedS(endPs);
        }
    }
}
