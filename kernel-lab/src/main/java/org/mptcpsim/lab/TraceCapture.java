package org.mptcpsim.lab;

import java.io.BufferedReader;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.mptcpsim.lab.RunDirWriter.SubflowTrace;

/**
 * The parsed {@code raw/trace.txt} of one lab run: per-subflow histories from tcp_probe (per ACK) or tcp_info (sampled)
 * records, the "KLAB" markers (start, end, tc sample times), retransmits and ca_state changes. Time is the trace clock;
 * {@link #t0} is the "KLAB start" marker (else the first record).
 */
final class TraceCapture {
    /** Subflow histories by key {@code src:sport}, in order of first appearance. */
    final Map<String, SubflowTrace> traces = new LinkedHashMap<>();
    /** Trace time of each "KLAB tc N" marker: when tc sample N was taken. */
    final Map<Integer, Double> tcTimes = new HashMap<>();
    double t0 = Double.NaN, tEnd = Double.NaN;
    /** Whether ca_state is known (a tcp_cong_state_set tracepoint or tcp_info samples); else subflows.csv writes '-'. */
    boolean caKnown;
    /** Whether the records are tcp_info samples (UML's sampler) rather than per-ACK tcp_probe records. */
    boolean sampled;
    private final List<TraceEvent.CongState> states = new ArrayList<>();
    private final Map<String, Integer> retrans = new HashMap<>();
    private final Map<String, Integer> lastCa = new HashMap<>();

    private TraceCapture() {
    }

    /** Reads {@code raw/trace.txt} (missing: no subflows) and {@code raw/events.txt} (the tracepoints the kernel has). */
    static TraceCapture read(Path raw) throws IOException {
        TraceCapture c = new TraceCapture();
        Path trace = raw.resolve("trace.txt");
        if (Files.exists(trace)) {
            try (BufferedReader r = Files.newBufferedReader(trace, StandardCharsets.ISO_8859_1)) {
                for (String line; (line = r.readLine()) != null; ) c.add(TraceEvent.parse(line));
            }
            c.caKnown = c.sampled || !c.states.isEmpty() || RunDirWriter.readLines(raw.resolve("events.txt")).contains("tcp_cong_state_set");
        }
        if (Double.isNaN(c.t0)) c.t0 = c.traces.values().stream().mapToDouble(s -> s.t[0]).min().orElse(0);
        c.attach();
        return c;
    }

    private void add(TraceEvent e) {
        if (e instanceof TraceEvent.Probe p) {
            probe(p);
        } else if (e instanceof TraceEvent.Marker m) {
            marker(m);
        } else if (e instanceof TraceEvent.Retransmit x) {
            retrans.merge(x.key(), 1, Integer::sum);
        } else if (e instanceof TraceEvent.CongState c) {
            states.add(c);
        } else if (e instanceof TraceEvent.Info i) {
            info(i);
        }
    }

    private void probe(TraceEvent.Probe p) {
        traces.computeIfAbsent(p.key(), k -> new SubflowTrace(k, p.src(), p.dport())).add(p);
    }

    private void marker(TraceEvent.Marker m) {
        if (m.text().equals("KLAB start")) t0 = m.t();
        else if (m.text().equals("KLAB end")) tEnd = m.t();
        else if (m.text().startsWith("KLAB tc ")) tcTimes.put(Integer.parseInt(m.text().substring(8).trim()), m.t());
    }

    /** A tcp_info sample: a probe record, the retransmit total so far, a ca_state change when it differs from the last. */
    private void info(TraceEvent.Info i) {
        sampled = true;
        probe(i.asProbe());
        retrans.merge(i.key(), i.totalRetrans(), Math::max);
        Integer prev = lastCa.put(i.key(), i.caState());
        if (prev == null ? i.caState() != 0 : prev != i.caState()) {
            states.add(new TraceEvent.CongState(i.t(), i.src(), i.sport(), i.dport(), i.caState()));
        }
    }

    /** Hands the ca_state changes and retransmit counts to their subflows. */
    private void attach() {
        for (TraceEvent.CongState c : states) {
            SubflowTrace s = traces.get(c.key());
            if (s != null) s.caStates.add(new double[] {c.t(), c.state()});
        }
        retrans.forEach((k, v) -> {
            SubflowTrace s = traces.get(k);
            if (s != null) s.retransmits = v;
        });
    }
}
