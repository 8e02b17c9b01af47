package org.mptcpsim.scenario.run;

import java.io.BufferedOutputStream;
import java.io.BufferedWriter;
import java.io.FilterOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

import org.mptcpsim.core.Time;
import org.mptcpsim.net.Link;
import org.mptcpsim.scenario.model.Scenario;
import org.mptcpsim.scenario.options.OptionDef;
import org.mptcpsim.scenario.options.OptionRegistry;
import org.mptcpsim.scenario.output.OutputDir;

/**
 * Writes one run directory (docs/outputs.md): {@code summary.json}, {@code subflows.csv},
 * {@code connections.csv}, {@code queues.csv}, {@code events.csv}, {@code engine.json} (wall-clock
 * figures, kept out of summary.json so that it is byte-identical for the same scenario and seed)
 * a copy of the scenario file and the {@link OutputDir#MARKER} marker. Everything goes to a temporary
 * sibling directory that replaces the target only when the run completed, following {@link OutputDir}'s
 * rules (an earlier run of ours is replaced, anything else refused).
 */
final class RunWriter {
    private static final ObjectMapper JSON = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);

    private final OutputDir target;
    private final Path out;
    private final Path tmp;
    private final Scenario sc;
    private final OutputBudget budget;
    private long written;
    private final BufferedWriter subflows;
    private final BufferedWriter connections;
    private final BufferedWriter queues;
    private final BufferedWriter events;
    private final List<OutputStream> captures = new ArrayList<>();

    private RunWriter(OutputDir target, Path tmp, Scenario sc, OutputBudget budget) throws IOException {
        this.budget = budget;
        this.target = target;
        this.out = target.path();
        this.tmp = tmp;
        this.sc = sc;
        subflows = Files.newBufferedWriter(tmp.resolve("subflows.csv"), StandardCharsets.UTF_8);
        connections = Files.newBufferedWriter(tmp.resolve("connections.csv"), StandardCharsets.UTF_8);
        queues = Files.newBufferedWriter(tmp.resolve("queues.csv"), StandardCharsets.UTF_8);
        events = Files.newBufferedWriter(tmp.resolve("events.csv"), StandardCharsets.UTF_8);
        events.write(EventLog.HEADER + "\n");
        subflows.write("time_s,connection,subflow,cwnd,ssthresh,srtt_us,bytes_acked,ca_state\n");
        connections.write("time_s,connection,bytes_delivered\n");
        queues.write("time_s,link,qlen_pkts,qlen_bytes,drops,tx_bytes\n");
    }

    /** Opens a temporary sibling of {@code target} (with the marker; stale ones of killed runs removed). */
    static RunWriter open(OutputDir target, Scenario sc, OutputBudget budget) throws IOException {
        Path tmp = target.newTemp("run", sc.name());
        try {
            return new RunWriter(target, tmp, sc, budget);
        } catch (IOException | RuntimeException e) {
            OutputDir.discard(tmp);
            throw e;
        }
    }

    static String seconds(long ps) {
        return String.format(Locale.ROOT, "%.6f", Time.toSeconds(ps));
    }

    void subflowRow(CharSequence row) throws IOException {
        count(row);
        subflows.append(row).append('\n');
    }

    void connectionRow(CharSequence row) throws IOException {
        count(row);
        connections.append(row).append('\n');
    }

    void queueRow(CharSequence row) throws IOException {
        count(row);
        queues.append(row).append('\n');
    }

    /** Counts a row against the budget (rows are ASCII: one byte per char, plus the newline). */
    private void count(CharSequence row) {
        written += row.length() + 1;
        if (written > budget.limitBytes()) {
            throw budget.exceeded(sc, written);
        }
    }

    /**
     * One row of events.csv, written as the event happens ({@link EventLog}). It counts against the
     * same budget as the sampled rows: a run whose event rate explodes (an RTO storm) is stopped at
     * the limit instead of filling the disk.
     */
    void eventRow(CharSequence row) throws IOException {
        count(row);
        events.append(row).append('\n');
    }

    /**
     * Opens {@code pcap/LINK.pcap} of the run directory for a packet capture: what is written counts against the same
     * budget, and the stream is closed (flushed) by {@link #finish} before the directory is committed, or by
     * {@link #abort} with the rest.
     */
    OutputStream capture(String linkId) throws IOException {
        Path file = Files.createDirectories(tmp.resolve("pcap")).resolve(linkId + ".pcap");
        OutputStream s = new FilterOutputStream(new BufferedOutputStream(Files.newOutputStream(file), 1 << 16)) {
            @Override
            public void write(byte[] b, int off, int len) throws IOException {
                count(len);
                out.write(b, off, len);
            }

            @Override
            public void write(int b) throws IOException {
                count(1);
                out.write(b);
            }
        };
        captures.add(s);
        return s;
    }

    /** Counts {@code n} bytes a capture wrote against the run's budget. */
    private void count(int n) {
        written += n;
        if (written > budget.limitBytes()) {
            throw budget.captureExceeded(sc, written);
        }
    }

    private void closeAll() throws IOException {
        subflows.close();
        connections.close();
        queues.close();
        events.close();
        for (OutputStream s : captures) {
            s.close();
        }
    }

    /** Deletes the temporary directory of a failed run. */
    void abort() {
        try {
            closeAll();
        } catch (IOException ignored) {
            // best effort: the run already failed
        }
        OutputDir.discard(tmp);
    }

    RunResult finish(ScenarioRunner run, double wallSeconds) throws IOException {
        boolean apps = false;
        for (ConnRun c : run.conns) {
            if (c.app != null) {
                c.app.finish(sc.durationPs());
                apps = true;
            }
        }
        if (apps || sc.connections().stream().anyMatch(c -> c.app() != null || c.sizeBytes() >= 0)) {
            writeFlows(run);
        }
        closeAll();
        RunResult result = summarize(run, wallSeconds);
        ObjectNode summary = summaryJson(run, result);
        JSON.writeValue(tmp.resolve("summary.json").toFile(), summary);
        ObjectNode engine = JSON.createObjectNode();
        engine.put("events", result.events());
        engine.put("dataPackets", result.dataPackets());
        engine.put("wallSeconds", round(wallSeconds));
        engine.put("dataPacketsPerWallSecond", Math.round(result.dataPackets() / Math.max(wallSeconds, 1e-9)));
        JSON.writeValue(tmp.resolve("engine.json").toFile(), engine);
        if (sc.sourceFile() != null) {
            Path src = Path.of(sc.sourceFile());
            if (Files.isRegularFile(src)) {
                String name = src.getFileName().toString();
                Files.copy(src, tmp.resolve("scenario" + name.substring(Math.max(0, name.lastIndexOf('.')))));
            }
        }
        target.commit(tmp);
        return new RunResult(out, result.connections(), result.links(), result.jain(), result.events(),
                result.dataPackets(), wallSeconds);
    }

    /**
     * flows.csv: one row per transfer (a flows transfer, a sized connection, a request and its
     * response), by connection then transfer number; unfinished ones with empty end, FCT and slowdown.
     */
    private void writeFlows(ScenarioRunner run) throws IOException {
        StringBuilder b = new StringBuilder("connection,kind,n,size_bytes,start_s,end_s,fct_ms,ideal_ms,slowdown\n");
        for (ConnRun c : run.conns) {
            if (c.app == null) {
                continue;
            }
            for (AppRun.Transfer t : c.app.transfers) {
                b.append(c.spec.id()).append(',').append(t.kind()).append(',').append(t.n()).append(',')
                        .append(t.bytes()).append(',');
                fixed(b, t.startPs(), 1_000_000, 6).append(',');
                if (t.endPs() >= 0) {
                    fixed(b, t.endPs(), 1_000_000, 6).append(',');
                    fixed(b, t.fctPs(), 1_000_000, 3);
                } else {
                    b.append(',');
                }
                b.append(',');
                if (t.idealPs() >= 0) {
                    fixed(b, t.idealPs(), 1_000_000, 3);
                }
                b.append(',');
                if (t.endPs() >= 0 && t.idealPs() > 0) {
                    // slowdown with 4 decimals: round(fct / ideal x 10^4), in exact integer arithmetic
                    long q = Math.round(t.slowdown() * 10_000);
                    b.append(q / 10_000).append('.');
                    pad(b, q % 10_000, 4);
                }
                b.append('\n');
                if (b.length() > 1 << 16) {
                    flowsChunk(b);
                }
            }
        }
        flowsChunk(b);
    }

    private boolean flowsOpen;

    /**
     * {@code ps} picoseconds rounded to units of {@code unitPs} (half up) and written with
     * {@code decimals} decimals of the next larger unit: (1 000 000, 6) = seconds, (1 000 000, 3) =
     * milliseconds, both to the microsecond. No String.format: flows.csv has a row per transfer.
     */
    static StringBuilder fixed(StringBuilder b, long ps, long unitPs, int decimals) {
        long u = (ps + unitPs / 2) / unitPs;
        long scale = 1;
        for (int i = 0; i < decimals; i++) {
            scale *= 10;
        }
        b.append(u / scale).append('.');
        pad(b, u % scale, decimals);
        return b;
    }

    private static void pad(StringBuilder b, long v, int digits) {
        String s = Long.toString(v);
        for (int i = s.length(); i < digits; i++) {
            b.append('0');
        }
        b.append(s);
    }

    private void flowsChunk(StringBuilder b) throws IOException {
        written += b.length();
        if (written > budget.limitBytes()) {
            throw budget.exceeded(sc, written);
        }
        Path f = tmp.resolve("flows.csv");
        if (!flowsOpen) {
            Files.writeString(f, b, StandardCharsets.UTF_8);
            flowsOpen = true;
        } else {
            Files.writeString(f, b, StandardCharsets.UTF_8, java.nio.file.StandardOpenOption.APPEND);
        }
        b.setLength(0);
    }

    private RunResult summarize(ScenarioRunner run, double wall) {
        long dur = sc.durationPs();
        List<RunResult.Connection> conns = new ArrayList<>();
        double sum = 0;
        double sumSq = 0;
        for (ConnRun c : run.conns) {
            long active = c.startedPs < 0 ? 0 : (c.completedPs > 0 ? c.completedPs : dur) - c.startedPs;
            double activeS = Math.max(Time.toSeconds(active), 1e-9);
            double gp = c.bytesDelivered() * 8 / activeS / 1e6;
            List<RunResult.SubflowStats> subs = new ArrayList<>();
            for (ConnRun.SubflowRun s : c.subflows) {
                long acked = s.subflow.sk.bytesAcked;
                double mean = s.srtt.meanMs();
                double p99 = s.srtt.percentileMs(0.99);
                // the subflow's own active time: handshake to close, or to the connection's end (issue 10)
                long from = s.subflow.establishedPs();
                long to = s.subflow.closedPs() >= 0 ? s.subflow.closedPs() : c.completedPs > 0 ? c.completedPs : dur;
                double startS = from < 0 ? Double.NaN : Math.round(Time.toSeconds(from) * 1e6) / 1e6;
                double endS = from < 0 ? Double.NaN : Math.round(Time.toSeconds(Math.max(from, to)) * 1e6) / 1e6;
                double sfGp = from < 0 || endS <= startS ? 0 : acked * 8 / (endS - startS) / 1e6;
                subs.add(new RunResult.SubflowStats(s.subflow.sk.id, s.path, round(sfGp),
                        s.subflow.retransmits(), round(mean), round(p99),
                        round(s.cwndSamples == 0 ? 0 : s.cwndSum / s.cwndSamples), s.subflow.ssthreshReductions(), acked,
                        startS, endS));
            }
            conns.add(new RunResult.Connection(c.spec.id(), c.isMptcp() ? "mptcp" : "tcp", c.cc, round(gp),
                    c.bytesDelivered(), subs));
            sum += gp;
            sumSq += gp * gp;
        }
        double jain = sumSq == 0 ? 1 : sum * sum / (run.conns.size() * sumSq);
        List<RunResult.LinkStats> links = new ArrayList<>();
        for (Link l : run.topo.directions) {
            links.add(new RunResult.LinkStats(l.id, round(l.utilization()), l.drops(), round(l.queueMeanPackets())));
        }
        return new RunResult(out, conns, links, round(jain), run.loop.executedEvents(), run.dataPackets(), wall);
    }

    private ObjectNode summaryJson(ScenarioRunner run, RunResult r) {
        ObjectNode root = JSON.createObjectNode();
        root.put("scenario", sc.name());
        root.put("seed", sc.seed());
        root.put("durationS", Time.toSeconds(sc.durationPs()));
        root.put("source", "sim");
        ObjectNode kernel = root.putObject("kernel");
        OptionRegistry registry = OptionRegistry.standard();
        for (Map.Entry<String, String> e : sc.kernel().effective().entrySet()) {
            OptionDef def = registry.option(e.getKey());
            putTyped(kernel, e.getKey(), def == null ? e.getValue() : def.type().typed(e.getValue()));
        }
        if (!sc.overrides().isEmpty()) {
            ObjectNode ov = root.putObject("overrides");
            sc.overrides().forEach(ov::put);
        }
        ArrayNode conns = root.putArray("connections");
        for (int i = 0; i < r.connections().size(); i++) {
            connectionJson(conns.addObject(), r.connections().get(i), run.conns.get(i));
        }
        ArrayNode links = root.putArray("links");
        for (int i = 0; i < r.links().size(); i++) {
            linkJson(links.addObject(), r.links().get(i), run.topo.directions.get(i));
        }
        List<AppRun.Transfer> transfers = new ArrayList<>();
        for (ConnRun c : run.conns) {
            if (c.app != null && !(c.app instanceof AppRun.Stream)) {
                transfers.addAll(c.app.transfers);
            }
        }
        if (!transfers.isEmpty()) {
            AppStats.put(root.putObject("transfers"), transfers);
        }
        root.putObject("fairness").put("jain", r.jain());
        ObjectNode engine = root.putObject("engine");
        engine.put("events", r.events());
        engine.put("dataPackets", r.dataPackets());
        return root;
    }

    /** One entry of summary.json's connections (docs/outputs.md). */
    private void connectionJson(ObjectNode o, RunResult.Connection c, ConnRun cr) {
        o.put("id", c.id());
        o.put("type", c.type());
        o.put("cc", c.cc());
        o.put("pm", cr.pm);
        o.put("scheduler", cr.scheduler);
        o.put("startS", Time.toSeconds(cr.spec.startPs()));
        o.put("goodputMbps", c.goodputMbps());
        o.put("bytesDelivered", c.bytesDelivered());
        if (cr.completedPs > 0) {
            o.put("completionS", round(Time.toSeconds(cr.completedPs - cr.startedPs)));
        }
        if (cr.meta != null) {
            o.put("reinjections", cr.meta.reinjections());
        }
        if (cr.app != null) {
            appJson(o.putObject("app"), cr);
        }
        ArrayNode subs = o.putArray("subflows");
        for (RunResult.SubflowStats s : c.subflows()) {
            subflowJson(subs.addObject(), s, cr.subflows.get(s.id()));
        }
    }

    private static void subflowJson(ObjectNode so, RunResult.SubflowStats s, ConnRun.SubflowRun sr) {
        so.put("id", s.id());
        ArrayNode path = so.putArray("path");
        s.path().forEach(path::add);
        so.put("local", sr.local.toString());
        so.put("remote", sr.remote.toString());
        so.put("backup", sr.subflow.sk.lowPrio);
        if (!Double.isNaN(s.startS())) {
            so.put("startS", s.startS());
            so.put("endS", s.endS());
        } else {
            so.putNull("startS");
            so.putNull("endS");
        }
        so.put("goodputMbps", s.goodputMbps());
        so.put("retransmits", s.retransmits());
        so.put("srttMeanMs", s.srttMeanMs());
        so.put("srttP99Ms", s.srttP99Ms());
        so.put("cwndMean", s.cwndMean());
        so.put("ssthreshReductions", s.ssthreshReductions());
        so.put("bytesAcked", s.bytesAcked());
        so.put("bytesDelivered", s.bytesAcked());
    }

    private static void linkJson(ObjectNode o, RunResult.LinkStats l, Link d) {
        o.put("id", l.id());
        o.put("utilization", l.utilization());
        o.put("drops", l.drops());
        o.put("queueMeanPkts", l.queueMeanPkts());
        if (d.limitPkts() != Integer.MAX_VALUE) {
            o.put("bufferPkts", d.limitPkts());
        }
        if (d.limitBytes() != Long.MAX_VALUE) {
            o.put("bufferBytes", d.limitBytes());
        }
    }

    /** The app block of a connection (docs/outputs.md, "Transfers"). */
    private void appJson(ObjectNode o, ConnRun c) {
        AppRun a = c.app;
        o.put("kind", c.spec.app() == null ? "size" : c.spec.app().kind());
        if (a instanceof AppRun.Stream s) {
            o.put("stalls", s.stalls());
            o.put("stallTimeS", round(Time.toSeconds(s.stallPs())));
            if (s.startupDelayPs() >= 0) {
                o.put("startupDelayS", round(Time.toSeconds(s.startupDelayPs())));
            } else {
                o.putNull("startupDelayS");
            }
            o.put("playedS", round(s.playedS(sc.durationPs())));
            return;
        }
        AppStats.put(o, a.transfers);
    }

    /** A kernel option's typed value ({@link org.mptcpsim.scenario.options.OptionType#typed}) as JSON. */
    private static void putTyped(ObjectNode o, String key, Object v) {
        if (v instanceof Long n) {
            o.put(key, n);
        } else if (v instanceof Boolean b) {
            o.put(key, b);
        } else if (v instanceof long[] a) {
            ArrayNode arr = o.putArray(key);
            for (long x : a) {
                arr.add(x);
            }
        } else {
            o.put(key, String.valueOf(v));
        }
    }

    static double round(double v) {
        return Math.round(v * 1e4) / 1e4;
    }
}
