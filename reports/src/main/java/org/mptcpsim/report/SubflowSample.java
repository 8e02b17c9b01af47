package org.mptcpsim.report;

/** One row of subflows.csv (docs/outputs.md). {@code ssthresh == INFINITE_SSTHRESH} means infinite. */
public record SubflowSample(double timeS, String connection, int subflow, long cwnd, long ssthresh,
                            long srttUs, long bytesAcked, String caState) {
    /** The value subflows.csv prints while ssthresh is infinite. */
    public static final long INFINITE_SSTHRESH = 2147483647L;
    /** The ca_state of a subflow that has been closed (sampled until the end of the run). */
    public static final String CLOSED = "Closed";

    /** True once the subflow is closed. */
    public boolean isClosed() {
        return CLOSED.equals(caState);
    }
}
