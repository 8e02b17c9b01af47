package org.mptcpsim.scenario.model;

/**
 * One direction of a full-duplex link: a drop-tail queue serialising at {@code rateBps} bit/s,
 * then a propagation delay of {@code delayPs} picoseconds, with random loss probability
 * {@code loss} (0 &lt;= loss &lt; 1) applied to each packet.
 */
public record DirectionSpec(long rateBps, long delayPs, BufferSpec buffer, double loss, Loc loc) {
}
