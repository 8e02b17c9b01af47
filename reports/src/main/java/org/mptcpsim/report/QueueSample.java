package org.mptcpsim.report;

/** One row of queues.csv; {@code drops} and {@code txBytes} are cumulative. */
public record QueueSample(double timeS, String link, long qlenPkts, long qlenBytes, long drops, long txBytes) {
}
