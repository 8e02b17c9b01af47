package org.mptcpsim.scenario.model;

/**
 * One direction of a full-duplex link: a drop-tail queue serialising at {@code rateBps} bit/s,
 * then a propagation delay of {@code delayPs} picoseconds, with random loss probability
 * {@code loss} (0 &lt;= loss &lt; 1) applied to each packet. {@code model} (null for none) makes it a
 * wireless link: a delivery trace (then {@code rateBps} is the trace's mean rate), Gilbert–Elliott
 * loss (then {@code loss} is 0) and delay jitter.
 */
public record DirectionSpec(long rateBps, long delayPs, BufferSpec buffer, double loss, Loc loc, LinkModelSpec model) {

    public DirectionSpec {
        if (model != null && model.isEmpty() && !model.reorder()) {
            model = null;
        }
    }

    /** A plain fixed-rate direction. */
    public DirectionSpec(long rateBps, long delayPs, BufferSpec buffer, double loss, Loc loc) {
        this(rateBps, delayPs, buffer, loss, loc, null);
    }

    /** Whether a delivery trace drives this direction. */
    public boolean traced() {
        return model != null && model.trace() != null;
    }
}
