package org.mptcpsim.scenario.run;

import java.io.IOException;
import java.io.UncheckedIOException;

import org.mptcpsim.core.Event;
import org.mptcpsim.net.Link;
import org.mptcpsim.tcp.CaState;
import org.mptcpsim.tcp.TcpSock;

/**
 * The sampling probe: an event on its own timer that writes one row per subflow, connection and
 * link direction every sample interval (design §5), and accumulates the per-subflow statistics
 * of summary.json (cwnd mean, srtt mean and p99 over samples of established subflows).
 */
final class Sampler extends Event {
    private final ScenarioRunner run;
    private final RunWriter out;
    private final StringBuilder sb = new StringBuilder(256);

    Sampler(ScenarioRunner run, RunWriter out) {
        this.run = run;
        this.out = out;
    }

    @Override
    public String describe() {
        return "the output sampler";
    }

    @Override
    protected void onEvent(long now) {
        try {
            sample(now);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        long next = now + run.scenario().samplePs();
        if (next <= run.scenario().durationPs()) {
            run.loop.schedule(this, next);
        }
    }

    private void sample(long now) throws IOException {
        String t = RunWriter.seconds(now);
        for (ConnRun c : run.conns) {
            if (c.startedPs < 0) {
                continue;
            }
            for (ConnRun.SubflowRun s : c.subflows) {
                TcpSock sk = s.subflow.sk;
                sb.setLength(0);
                sb.append(t).append(',').append(c.spec.id()).append(',').append(sk.id).append(',')
                        .append(sk.sndCwnd).append(',');
                if (sk.sndSsthresh != TcpSock.INFINITE_SSTHRESH) {
                    sb.append(sk.sndSsthresh); // TCP_INFINITE_SSTHRESH (slow start, no loss yet) is empty
                }
                sb.append(',').append(sk.srttUs >>> 3).append(',').append(sk.bytesAcked).append(',')
                        .append(s.subflow.isClosed() ? "Closed" : CaState.name(sk.caState));
                out.subflowRow(sb);
                if (s.subflow.establishedPs() >= 0 && !s.subflow.isClosed()) {
                    s.cwndSum += sk.sndCwnd;
                    s.cwndSamples++;
                    s.srtt.add(sk.srttUs >>> 3);
                }
            }
            if (c.completedPs < 0 && c.complete()) {
                c.completedPs = now;
            }
            sb.setLength(0);
            sb.append(t).append(',').append(c.spec.id()).append(',').append(c.bytesDelivered());
            out.connectionRow(sb);
        }
        for (Link l : run.topo.directions) {
            sb.setLength(0);
            sb.append(t).append(',').append(l.id).append(',').append(l.queuePackets()).append(',')
                    .append(l.queueBytes()).append(',').append(l.drops()).append(',').append(l.txBytes());
            out.queueRow(sb);
        }
    }
}
