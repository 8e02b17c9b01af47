package org.mptcpsim.net;

import org.mptcpsim.core.EventLoop;
import org.mptcpsim.trace.TraceSink;

/**
 * The machinery every component of one run is built with: its event loop, its packet pool and
 * its trace sink. One per run; components keep the parts they use in final fields.
 */
public record SimContext(EventLoop loop, PacketPool pool, TraceSink trace) {
    /** A fresh loop and pool, no tracing (tests, benchmarks). */
    public static SimContext fresh() {
        return new SimContext(new EventLoop(), new PacketPool(), TraceSink.NONE);
    }

    /** The same loop and pool with another trace sink. */
    public SimContext withTrace(TraceSink t) {
        return new SimContext(loop, pool, t);
    }
}
