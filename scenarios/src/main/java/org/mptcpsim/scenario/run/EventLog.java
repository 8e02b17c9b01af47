package org.mptcpsim.scenario.run;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.io.Writer;
import java.util.List;
import java.util.Locale;

import org.mptcpsim.core.Time;
import org.mptcpsim.trace.TraceSink;

/**
 * Records the run's rare events (RTOs with their backoff, recovery episodes, subflows opening
 * and closing, link changes) for {@code events.csv}:
 * {@code time_s,connection,subflow,event,detail}. Rows go straight to the run's file as they
 * happen (nothing accumulates in memory over the run).
 */
final class EventLog implements TraceSink {
    private Writer out;
    private final List<String> connIds;
    private final List<String> linkIds;

    EventLog(List<String> connIds, List<String> linkIds) {
        this.connIds = connIds;
        this.linkIds = linkIds;
    }

    /** Where rows go from now on (the run directory's events.csv); events before it are not recorded. */
    void attach(Writer w) {
        this.out = w;
    }

    private void add(long t, String conn, String sub, String event, String detail) {
        if (out == null) {
            return;
        }
        try {
            out.append(String.format(Locale.ROOT, "%.6f,%s,%s,%s,%s", Time.toSeconds(t), conn, sub, event, detail))
                    .append('\n');
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    @Override
    public void onRto(long t, int connection, int subflow, int backoff, long rtoUs) {
        add(t, connIds.get(connection), Integer.toString(subflow), "rto",
                "backoff=" + backoff + " rto_ms=" + rtoUs / 1000);
    }

    @Override
    public void onRecovery(long t, int connection, int subflow, int cwnd, int ssthresh) {
        add(t, connIds.get(connection), Integer.toString(subflow), "recovery", "cwnd=" + cwnd + " ssthresh=" + ssthresh);
    }

    @Override
    public void onSubflowEstablished(long t, int connection, int subflow) {
        add(t, connIds.get(connection), Integer.toString(subflow), "established", "");
    }

    @Override
    public void onSubflowClosed(long t, int connection, int subflow, String reason) {
        add(t, connIds.get(connection), Integer.toString(subflow), "closed", reason);
    }

    @Override
    public void onLinkEvent(long t, int link, String what, long rateBps) {
        add(t, "", "", "link_" + what, linkIds.get(link) + " rate_bps=" + rateBps);
    }
}
