package org.mptcpsim.scenario.run;

import java.io.BufferedWriter;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.stream.Stream;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

import org.mptcpsim.core.Time;
import org.mptcpsim.net.Link;
import org.mptcpsim.scenario.model.Scenario;

/**
 * Writes one run directory (docs/outputs.md): {@code summary.json}, {@code subflows.csv},
 * {@code connections.csv}, {@code queues.csv}, {@code events.csv}, {@code engine.json} (wall-clock
 * figures, kept out of summary.json so that it is byte-identical for the same scenario and seed)
 * and a copy of the scenario file. Everything goes to a temporary sibling directory that replaces
 * the target only when the run completed.
 */
final class RunWriter {
    private static final ObjectMapper JSON = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);

    private final Path out;
    private final Path tmp;
    private final Scenario sc;
    private final BufferedWriter subflows;
    private final BufferedWriter connections;
    private final BufferedWriter queues;

    private RunWriter(Path out, Path tmp, Scenario sc) throws IOException {
        this.out = out;
        this.tmp = tmp;
        this.sc = sc;
        subflows = Files.newBufferedWriter(tmp.resolve("subflows.csv"), StandardCharsets.UTF_8);
        connections = Files.newBufferedWriter(tmp.resolve("connections.csv"), StandardCharsets.UTF_8);
        queues = Files.newBufferedWriter(tmp.resolve("queues.csv"), StandardCharsets.UTF_8);
        subflows.write("time_s,connection,subflow,cwnd,ssthresh,srtt_us,bytes_acked,ca_state\n");
        connections.write("time_s,connection,bytes_delivered\n");
        queues.write("time_s,link,qlen_pkts,qlen_bytes,drops,tx_bytes\n");
    }

    static RunWriter open(Path out, Scenario sc) throws IOException {
        Path abs = out.toAbsolutePath().normalize();
        if (abs.getParent() == null) {
            throw new org.mptcpsim.scenario.model.ScenarioException(org.mptcpsim.scenario.model.Loc.of(out.toString(),
                    ""), "the file-system root cannot be a run directory; give a new directory, e.g. --out runs/new");
        }
        Files.createDirectories(abs.getParent());
        Path tmp = Files.createTempDirectory(abs.getParent(), "." + abs.getFileName() + ".tmp-");
        return new RunWriter(abs, tmp, sc);
    }

    static String seconds(long ps) {
        return String.format(Locale.ROOT, "%.6f", Time.toSeconds(ps));
    }

    void subflowRow(CharSequence row) throws IOException {
        subflows.append(row).append('\n');
    }

    void connectionRow(CharSequence row) throws IOException {
        connections.append(row).append('\n');
    }

    void queueRow(CharSequence row) throws IOException {
        queues.append(row).append('\n');
    }

    /** Deletes the temporary directory of a failed run. */
    void abort() {
        try {
            subflows.close();
            connections.close();
            queues.close();
            deleteTree(tmp);
        } catch (IOException ignored) {
            // best effort: the run already failed
        }
    }

    RunResult finish(ScenarioRunner run, double wallSeconds) throws IOException {
        subflows.close();
        connections.close();
        queues.close();
        Files.write(tmp.resolve("events.csv"), eventsCsv(run), StandardCharsets.UTF_8);
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
        if (Files.exists(out)) {
            deleteTree(out);
        }
        Files.move(tmp, out, StandardCopyOption.ATOMIC_MOVE);
        return new RunResult(out, result.connections(), result.links(), result.jain(), result.events(),
                result.dataPackets(), wallSeconds);
    }

    private static List<String> eventsCsv(ScenarioRunner run) {
        List<String> lines = new ArrayList<>();
        lines.add("time_s,connection,subflow,event,detail");
        lines.addAll(run.events.rows());
        return lines;
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
                List<Double> sr = new ArrayList<>(s.srttMs);
                sr.sort(Comparator.naturalOrder());
                double mean = sr.stream().mapToDouble(Double::doubleValue).average().orElse(0);
                double p99 = sr.isEmpty() ? 0 : sr.get((int) Math.min(sr.size() - 1, Math.ceil(0.99 * sr.size()) - 1));
                subs.add(new RunResult.SubflowStats(s.subflow.sk.id, s.path, round(acked * 8 / activeS / 1e6),
                        s.subflow.retransmits(), round(mean), round(p99),
                        round(s.cwndSamples == 0 ? 0 : s.cwndSum / s.cwndSamples), s.subflow.ssthreshReductions(), acked));
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
        for (Map.Entry<String, String> e : sc.kernel().effective().entrySet()) {
            kernel.put(e.getKey(), e.getValue());
        }
        if (!sc.overrides().isEmpty()) {
            ObjectNode ov = root.putObject("overrides");
            sc.overrides().forEach(ov::put);
        }
        ArrayNode conns = root.putArray("connections");
        for (int i = 0; i < r.connections().size(); i++) {
            RunResult.Connection c = r.connections().get(i);
            ConnRun cr = run.conns.get(i);
            ObjectNode o = conns.addObject();
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
            ArrayNode subs = o.putArray("subflows");
            for (RunResult.SubflowStats s : c.subflows()) {
                ObjectNode so = subs.addObject();
                so.put("id", s.id());
                ArrayNode path = so.putArray("path");
                s.path().forEach(path::add);
                ConnRun.SubflowRun sr = cr.subflows.get(s.id());
                so.put("local", sr.local.toString());
                so.put("remote", sr.remote.toString());
                so.put("backup", sr.subflow.sk.lowPrio);
                so.put("goodputMbps", s.goodputMbps());
                so.put("retransmits", s.retransmits());
                so.put("srttMeanMs", s.srttMeanMs());
                so.put("srttP99Ms", s.srttP99Ms());
                so.put("cwndMean", s.cwndMean());
                so.put("ssthreshReductions", s.ssthreshReductions());
                so.put("bytesAcked", s.bytesAcked());
            }
        }
        ArrayNode links = root.putArray("links");
        for (RunResult.LinkStats l : r.links()) {
            ObjectNode o = links.addObject();
            o.put("id", l.id());
            o.put("utilization", l.utilization());
            o.put("drops", l.drops());
            o.put("queueMeanPkts", l.queueMeanPkts());
        }
        root.putObject("fairness").put("jain", r.jain());
        ObjectNode engine = root.putObject("engine");
        engine.put("events", r.events());
        engine.put("dataPackets", r.dataPackets());
        return root;
    }

    static double round(double v) {
        return Math.round(v * 1e4) / 1e4;
    }

    static void deleteTree(Path p) throws IOException {
        if (!Files.exists(p)) {
            return;
        }
        try (Stream<Path> s = Files.walk(p)) {
            for (Path x : s.sorted(Comparator.reverseOrder()).toList()) {
                Files.delete(x);
            }
        }
    }
}
