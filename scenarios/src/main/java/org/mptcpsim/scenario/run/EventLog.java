package org.mptcpsim.scenario.run;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.List;
import java.util.Locale;

import org.mptcpsim.core.Time;
import org.mptcpsim.trace.TraceSink;

/**
 * Records the run's rare events (RTOs with their backoff, recovery episodes, subflows opening
 * and closing, link changes) for {@code events.csv}, one typed column per known field
 * (docs/outputs.md): {@value #HEADER}. A field an event does not have is empty. Rows go straight
 * to the run's file as they happen (nothing accumulates in memory over the run), counted against
 * the run's {@link OutputBudget} like the sampled rows.
 */
final class EventLog implements TraceSink {
    /** The header line of events.csv. */
    static final String HEADER = "time_s,connection,subflow,event,link,direction,rate_bps,backoff,rto_ms,cwnd,ssthresh,reason";

    /** Where rows go: one events.csv row (without its newline) at a time. */
    interface Rows {
        void row(CharSequence row) throws IOException;
    }

    private Rows out;
    private final List<String> connIds;
    private final List<String> linkIds;

    /**
     * @param connIds connection ids in scenario order
     * @param linkIds the scenario's link ids in order; link direction {@code 2i} is link i forward
     *                ({@code from} to {@code to}), {@code 2i+1} reverse (as BuiltTopology numbers them)
     */
    EventLog(List<String> connIds, List<String> linkIds) {
        this.connIds = connIds;
        this.linkIds = linkIds;
    }

    /** Where rows go from now on (the run directory's events.csv); events before it are not recorded. */
    void attach(Rows w) {
        this.out = w;
    }

    private void add(long t, String conn, String sub, String event, String link, String direction, String rateBps,
                     String backoff, String rtoMs, String cwnd, String ssthresh, String reason) {
        if (out == null) {
            return;
        }
        try {
            out.row(String.format(Locale.ROOT, "%.6f,%s,%s,%s,%s,%s,%s,%s,%s,%s,%s,%s", Time.toSeconds(t), conn, sub,
                    event, link, direction, rateBps, backoff, rtoMs, cwnd, ssthresh, reason));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private void subflowEvent(long t, int connection, int subflow, String event, String backoff, String rtoMs,
                              String cwnd, String ssthresh, String reason) {
        add(t, connIds.get(connection), Integer.toString(subflow), event, "", "", "", backoff, rtoMs, cwnd, ssthresh,
                reason);
    }

    @Override
    public void onRto(long t, int connection, int subflow, int backoff, long rtoUs) {
        subflowEvent(t, connection, subflow, "rto", Integer.toString(backoff), Long.toString(rtoUs / 1000), "", "", "");
    }

    @Override
    public void onRecovery(long t, int connection, int subflow, int cwnd, int ssthresh) {
        subflowEvent(t, connection, subflow, "recovery", "", "", Integer.toString(cwnd), Integer.toString(ssthresh),
                "");
    }

    @Override
    public void onSubflowEstablished(long t, int connection, int subflow) {
        subflowEvent(t, connection, subflow, "established", "", "", "", "", "");
    }

    @Override
    public void onSubflowClosed(long t, int connection, int subflow, String reason) {
        // the reason is a short phrase; a comma would break the row, so it never carries one
        subflowEvent(t, connection, subflow, "closed", "", "", "", "", reason.replace(',', ';'));
    }

    @Override
    public void onLinkEvent(long t, int link, String what, long rateBps) {
        add(t, "", "", "link_" + what, linkIds.get(link / 2), link % 2 == 0 ? "forward" : "reverse",
                Long.toString(rateBps), "", "", "", "", "");
    }
}
