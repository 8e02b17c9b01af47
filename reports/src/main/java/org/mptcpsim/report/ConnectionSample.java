package org.mptcpsim.report;

/** One row of connections.csv: cumulative in-order bytes delivered at {@code timeS}. */
public record ConnectionSample(double timeS, String connection, long bytesDelivered) {
}
