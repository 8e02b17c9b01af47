package org.mptcpsim.report;

/**
 * One row of flows.csv (docs/outputs.md): a transfer or a request and its response. An unfinished
 * one has {@code endS}, {@code fctMs} and {@code slowdown} NaN.
 */
public record TransferSample(String connection, String kind, long n, long sizeBytes, double startS, double endS,
                             double fctMs, double idealMs, double slowdown) {
    public boolean completed() {
        return !Double.isNaN(fctMs);
    }
}
