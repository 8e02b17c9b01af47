package org.mptcpsim.report;

/** One row of subflows.csv (docs/outputs.md). {@code ssthresh == INFINITE_SSTHRESH} means infinite. */
public record SubflowSample(double timeS, String connection, int subflow, long cwnd, long ssthresh,
                            long srttUs, long bytesAcked, String caState) {
    /** The value subflows.csv prints while ssthresh is infinite. */
    public static final long INFINITE_SSTHRESH = 2147483647L;
}
