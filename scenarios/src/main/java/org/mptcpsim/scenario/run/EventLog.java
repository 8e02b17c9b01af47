package org.mptcpsim.scenario.run;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

import org.mptcpsim.core.Time;
import org.mptcpsim.trace.TraceSink;

/**
 * Records the run's rare events (RTOs with their backoff, recovery episodes, subflows opening
 * and closing, link changes) for {@code events.csv}:
 * {@code time_s,connection,subflow,event,detail}.
 */
final class EventLog implements TraceSink {
    private final List<String> rows = new ArrayList<>();
    private final List<String> connIds;
    private final List<String> linkIds;

    EventLog(List<String> connIds, List<String> linkIds) {
        this.connIds = connIds;
        this.linkIds = linkIds;
    }

    List<String> rows() {
        return rows;
    }

    private void add(long t, String conn, String sub, String event, String detail) {
        rows.add(String.format(Locale.ROOT, "%.6f,%s,%s,%s,%s", Time.toSeconds(t), conn, sub, event, detail));
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
