package org.mptcpsim.testnet;

import java.util.SplittableRandom;

import org.mptcpsim.mptcp.MptcpConnection;
import org.mptcpsim.net.Link;
import org.mptcpsim.net.LinkConfig;
import org.mptcpsim.net.Route;
import org.mptcpsim.net.SimContext;
import org.mptcpsim.tcp.Subflow;

/**
 * Paths and subflows wired by hand onto an {@link MptcpConnection}, without a path manager
 * context (unlike {@link MiniNet}, which routes through a recorder and its own link numbering,
 * seeds and ISNs). Path {@code i} is links {@code 2i} (forward, named "p<i>") and {@code 2i+1}
 * (reverse, "p<i>:rev", 10 000-packet buffer so ACKs are never dropped); subflow {@code id} gets
 * ISN {@code 1000 * id} and Reno.
 */
public final class HandWired {
    private HandWired() {
    }

    /** Forward and reverse link of path {@code i}: rate, one-way delay, forward buffer in packets. */
    public static Link[] path(SimContext sim, int i, long rateBps, long owdPs, int bufferPkts) {
        Link f = LinkConfig.of(rateBps, owdPs, bufferPkts).build(sim, 2 * i, "p" + i, new SplittableRandom(i));
        Link r = LinkConfig.of(rateBps, owdPs, 10_000).build(sim, 2 * i + 1, "p" + i + ":rev",
                new SplittableRandom(i + 9));
        return new Link[] {f, r};
    }

    /** Opens (non-backup) subflow {@code id} of {@code meta} over path {@code p} and connects it. */
    public static Subflow add(SimContext sim, MptcpConnection meta, int id, Link[] p) {
        Subflow s = meta.openSubflow(sim, new MiniNet.Reno(), 1000 * id, false, Route.of(p[0]), Route.of(p[1]));
        s.connect();
        return s;
    }
}
