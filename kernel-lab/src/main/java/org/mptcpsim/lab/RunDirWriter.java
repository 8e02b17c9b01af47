package org.mptcpsim.lab;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.mptcpsim.core.Flavour;
import org.mptcpsim.scenario.output.OutputDir;

/**
 * Converts the raw captures of one lab run ({@code RUN_DIR/raw/}: trace.txt, tc.txt, client/server JSON of
 * iperf3, mptcp-monitor.txt, cpu-*.txt, delayline-*.log, links-*.txt) into the run-directory format of
 * docs/outputs.md. Pure file-to-file: it runs anywhere, which is how the unit tests exercise it.
 *
 * <p>Time 0 is the "KLAB start" marker written just before the iperf3 client starts. Subflows are
 * resampled from per-ACK tcp_probe records: each sample holds the last record at or before its time.
 */
public final class RunDirWriter {
    /**
     * Payload per 1514 B wire frame: 1448 B for TCP with timestamps (1500 - 20 IP - 20 TCP - 12 timestamps); an MPTCP
     * subflow's data segment carries its DSS option too: upstream 24 B (a 32-bit data ACK and mapping, 22 B + 2 of
     * padding: 1424 B payloads in a {@code kernel --pcap} capture of the 6.18 host), the out-of-tree v0.95 20 B
     * ({@code MPTCP_SUB_LEN_DSM_ALIGN}; its {@code ss} reports mss 1428). The simulator's {@code sim.dss_bytes} defaults
     * are the same two values.
     */
    static final double TCP_PAYLOAD = 1448.0, UPSTREAM_MPTCP_PAYLOAD = 1424.0, OOT_MPTCP_PAYLOAD = 1428.0, WIRE = 1514.0;

    /** The payload per full data segment of the run's main connection under {@code flavour} (TCP: no DSS option). */
    static double payload(LabSpec spec, Flavour flavour) {
        if (!spec.mptcp()) return TCP_PAYLOAD;
        return flavour == Flavour.UPSTREAM ? UPSTREAM_MPTCP_PAYLOAD : OOT_MPTCP_PAYLOAD;
    }

    /** The kernel flavour a run's raw files show: out-of-tree when the guest read its knobs back (UML, OotClient). */
    static Flavour flavour(Map<String, String> knobs) {
        return knobs.isEmpty() ? Flavour.UPSTREAM : Flavour.MPTCP_V095;
    }
    /** The iperf3 control connection's subflows carry a few kB; data subflows are above this (fallback only). */
    static final long MIN_DATA_BYTES = 100_000;
    private static final Pattern MONITOR = Pattern.compile("\\[\\s*(CREATED|SF_ESTABLISHED)\\] token=(\\S+) .*?saddr4=(\\S+) .*?sport=(\\d+)");
    private static final ObjectMapper JSON = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);

    /** Per-ACK history of one subflow (data sender side). */
    static final class SubflowTrace {
        final String key;
        final int dport;
        final String src;
        double[] t = new double[256];
        int[] cwnd = new int[256];
        long[] ssthresh = new long[256], srtt = new long[256], acked = new long[256];
        int n;
        long lastUna = -1, cum;
        int ssthreshReductions, retransmits;
        final List<double[]> caStates = new ArrayList<>();   // {t, state}

        SubflowTrace(String key, String src, int dport) {
            this.key = key;
            this.src = src;
            this.dport = dport;
        }

        void add(TraceEvent.Probe p) {
            if (n == t.length) {
                int m = n * 2;
                t = Arrays.copyOf(t, m);
                cwnd = Arrays.copyOf(cwnd, m);
                ssthresh = Arrays.copyOf(ssthresh, m);
                srtt = Arrays.copyOf(srtt, m);
                acked = Arrays.copyOf(acked, m);
            }
            if (lastUna >= 0) cum += TraceEvent.ackedDelta(lastUna, p.sndUna());
            lastUna = p.sndUna();
            if (n > 0 && p.ssthresh() < ssthresh[n - 1]) ssthreshReductions++;
            t[n] = p.t();
            cwnd[n] = p.cwnd();
            ssthresh[n] = p.ssthresh();
            srtt[n] = p.srttUs();
            acked[n] = cum;
            n++;
        }

        /** Index of the last record at or before time x, or -1. */
        int at(double x) {
            int lo = 0, hi = n - 1, r = -1;
            while (lo <= hi) {
                int mid = (lo + hi) >>> 1;
                if (t[mid] <= x) {
                    r = mid;
                    lo = mid + 1;
                } else {
                    hi = mid - 1;
                }
            }
            return r;
        }

        String caState(double x, boolean known) {
            if (!known) return "-";
            String s = "Open";
            for (double[] c : caStates) {
                if (c[0] > x) break;
                int st = (int) c[1];
                s = st >= 0 && st < TraceEvent.CA_STATES.length ? TraceEvent.CA_STATES[st] : Integer.toString(st);
            }
            return s;
        }
    }

    /**
     * One connection of the run: its id (the scenario's, {@link LabSpec#flowId}), type, flow number (0 the main connection,
     * j the competing flow j) and subflows (id = index, in order of first appearance).
     */
    record Conn(String id, String type, int flow, List<SubflowTrace> subflows, Path serverJson) {
    }

    private RunDirWriter() {
    }

    /**
     * Writes summary.json, subflows.csv, connections.csv and queues.csv into {@code out} from {@code raw}.
     *
     * @param wallSeconds wall time of the whole lab run, reported as engine.wallSeconds
     * @return the summary that was written
     */
    public static ObjectNode write(LabSpec spec, Backend backend, Path raw, Path out, double wallSeconds) throws IOException {
        Files.createDirectories(out);
        if (!OutputDir.isOurs(out)) {
            OutputDir.writeMarker(out, "kernel", spec.name());   // a run directory of ours, like the simulator's
        }
        TraceCapture cap = TraceCapture.read(raw);
        List<Conn> conns = connections(spec, raw, cap.traces);
        Map<String, String> knobs = knobs(raw);   // the out-of-tree kernel's knobs as the guest read them back (UML, OotClient)
        double dt = spec.sampleIntervalS(), dur = spec.durationS();
        int samples = (int) Math.floor(dur / dt + 1e-9);
        List<String> warnings = new ArrayList<>();
        ObjectNode sum = header(spec, backend, raw, knobs);
        Map<SubflowTrace, double[][]> series = writeSubflows(out.resolve("subflows.csv"), conns, cap, dt, samples);
        ArrayNode cj = sum.putArray("connections");
        writeConnections(out.resolve("connections.csv"), conns, cap.t0, dt, samples);
        List<Double> goodputs = new ArrayList<>();
        List<double[]> volumes = new ArrayList<>();   // per connection {bytes, seconds, first traced record}
        for (Conn c : conns) {
            double[] v = connectionJson(cj.addObject(), spec, c, knobs, series, dur, cap.t0, warnings);
            goodputs.add(v[0] * 8 / v[1] / 1e6);
            volumes.add(v);
        }
        QueueSeries q = QueueSeries.read(spec, raw, cap);
        q.writeCsv(out.resolve("queues.csv"), dt, samples);
        q.writeJson(sum.putArray("links"), dur, warnings);
        sum.putObject("fairness").put("jain", round(Stats.jain(goodputs.stream().mapToDouble(Double::doubleValue).toArray())));
        ObjectNode eng = sum.putObject("engine");
        eng.put("events", 0);
        eng.put("dataPackets", 0);
        eng.put("wallSeconds", round(wallSeconds));
        Checks ch = checks(sum, spec, backend, raw, conns, cap, aggregateMbps(volumes), flavour(knobs), warnings);
        sum.put("valid", ch.invalidReason() == null);
        if (ch.invalidReason() != null) sum.put("invalidReason", ch.invalidReason());
        warnings.addAll(ch.warnings());
        if (!cap.caKnown) warnings.add("ca_state unknown: the kernel has no tcp:tcp_cong_state_set tracepoint; subflows.csv writes '-'");
        if (!Double.isNaN(cap.tEnd) && cap.tEnd - cap.t0 < dur * 0.9) {
            warnings.add(String.format(Locale.ROOT, "transfer ended early (%.1f s of %.1f s)", cap.tEnd - cap.t0, dur));
        }
        ArrayNode wj = sum.putArray("warnings");
        warnings.forEach(wj::add);
        JSON.writeValue(out.resolve("summary.json").toFile(), sum);
        return sum;
    }

    /** summary.json's head: scenario, source and the kernel under test (release, CC, MPTCP or the out-of-tree knobs). */
    private static ObjectNode header(LabSpec spec, Backend backend, Path raw, Map<String, String> knobs) throws IOException {
        ObjectNode sum = JSON.createObjectNode();
        sum.put("scenario", spec.name());
        sum.put("seed", 0);
        sum.put("durationS", spec.durationS());
        sum.put("source", backend.source());
        ObjectNode kernel = sum.putObject("kernel");
        kernel.put("flavour", flavour(knobs).key());
        kernel.put("release", firstLine(raw.resolve("kernel.txt"), "unknown"));
        kernel.put("net.ipv4.tcp_congestion_control", spec.cc());
        if (knobs.isEmpty()) {
            kernel.put("net.mptcp.enabled", spec.mptcp() ? 1 : 0);
            kernel.put("net.mptcp.pm_type", 0);
        } else {
            knobs.forEach(kernel::put);
        }
        return sum;
    }

    /**
     * subflows.csv: the per-ACK histories resampled on the run's grid (each sample the last record at or before it);
     * returns each subflow's resampled {srtt, cwnd} series for the summary's statistics.
     */
    private static Map<SubflowTrace, double[][]> writeSubflows(Path file, List<Conn> conns, TraceCapture cap, double dt, int samples)
            throws IOException {
        Map<SubflowTrace, double[][]> series = new LinkedHashMap<>();
        for (Conn c : conns) for (SubflowTrace s : c.subflows()) series.put(s, new double[][] {new double[samples + 1], new double[samples + 1]});
        Map<SubflowTrace, Integer> filled = new HashMap<>();
        try (PrintWriter w = new PrintWriter(Files.newBufferedWriter(file))) {
            w.print("time_s,connection,subflow,cwnd,ssthresh,srtt_us,bytes_acked,ca_state\n");
            for (int k = 0; k <= samples; k++) {
                double x = k * dt;
                for (Conn c : conns) {
                    for (int id = 0; id < c.subflows().size(); id++) {
                        SubflowTrace s = c.subflows().get(id);
                        int i = s.at(cap.t0 + x);
                        if (i < 0) continue;
                        // TCP_INFINITE_SSTHRESH (0x7fffffff) is written empty, as the simulator does (docs/outputs.md)
                        w.printf(Locale.ROOT, "%.6f,%s,%d,%d,%s,%d,%d,%s\n", x, c.id(), id, s.cwnd[i],
                                s.ssthresh[i] == 0x7fffffffL ? "" : Long.toString(s.ssthresh[i]), s.srtt[i], s.acked[i],
                                s.caState(cap.t0 + x, cap.caKnown));
                        int f = filled.merge(s, 1, Integer::sum) - 1;
                        series.get(s)[0][f] = s.srtt[i];
                        series.get(s)[1][f] = s.cwnd[i];
                    }
                }
            }
        }
        series.replaceAll((s, v) -> new double[][] {Arrays.copyOf(v[0], filled.getOrDefault(s, 0)), Arrays.copyOf(v[1], filled.getOrDefault(s, 0))});
        return series;
    }

    /** connections.csv from the receiver's iperf3 intervals (fallback: sum of subflows' bytes_acked). */
    private static void writeConnections(Path file, List<Conn> conns, double t0, double dt, int samples) throws IOException {
        Map<Conn, TreeMap<Double, Long>> delivered = new LinkedHashMap<>();
        for (Conn c : conns) delivered.put(c, deliveredSeries(c, t0));
        try (PrintWriter w = new PrintWriter(Files.newBufferedWriter(file))) {
            w.print("time_s,connection,bytes_delivered\n");
            for (int k = 0; k <= samples; k++) {
                double x = k * dt;
                for (Conn c : conns) {
                    Map.Entry<Double, Long> e = delivered.get(c).floorEntry(x + 1e-9);
                    w.printf(Locale.ROOT, "%.6f,%s,%d\n", x, c.id(), e == null ? 0 : e.getValue());
                }
            }
        }
    }

    /**
     * What all connections together delivered per second: Σ bytes over the time from the first one's start to the last
     * one's end ({@code {bytes, seconds, start}} per connection; start = its first traced record, NaN if none). With one
     * connection, or all starting together, this is Σ goodput. Connections that start apart (UML: a competing iperf3
     * started 0.1-1.2 s after the MPTCP one, lab-oot-a2-balia) each measure their own 30 s, so Σ goodput counts the
     * seconds in which one ran alone at the full rate twice and exceeded the bottleneck's ceiling (19.53 against
     * 18.76 Mbit/s: judged "shaper not in effect") while the bottleneck carried 18.8.
     */
    static double aggregateMbps(List<double[]> volumes) {
        if (volumes.isEmpty()) return 0;
        double bytes = 0, first = Double.POSITIVE_INFINITY, last = Double.NEGATIVE_INFINITY, sumG = 0;
        for (double[] v : volumes) {
            bytes += v[0];
            sumG += v[1] > 0 ? v[0] * 8 / v[1] / 1e6 : 0;
            if (Double.isNaN(v[2])) return sumG;   // a connection without records: no common time base
            first = Math.min(first, v[2]);
            last = Math.max(last, v[2] + v[1]);
        }
        double span = last - first;
        double longest = volumes.stream().mapToDouble(v -> v[1]).max().orElse(0);
        // starting together (within 1 ms), the connections' own intervals are the common one: Σ goodput as before
        if (volumes.size() < 2 || span <= longest + 1e-3) return sumG;
        return bytes * 8 / span / 1e6;
    }

    /**
     * One connection of the summary (goodput from iperf3's receiver report, else the subflows' acks); returns
     * {bytes, seconds, first traced record of its subflows (NaN if none)}.
     */
    private static double[] connectionJson(ObjectNode o, LabSpec spec, Conn c, Map<String, String> knobs, Map<SubflowTrace, double[][]> series,
                                         double dur, double t0, List<String> warnings) {
        o.put("id", c.id());
        o.put("type", c.type());
        o.put("cc", c.flow() > 0 ? spec.flowCc(c.flow()) : spec.cc());
        o.put("pm", c.type().equals("mptcp") ? knobs.getOrDefault("net.mptcp.mptcp_path_manager", "in-kernel") : "none");
        o.put("scheduler", c.type().equals("mptcp") ? knobs.getOrDefault("net.mptcp.mptcp_scheduler", "default") : "none");
        long bytes;
        double secs;
        JsonNode sr = readJson(c.serverJson()).path("end").path("sum_received");
        if (sr.has("bytes") && sr.path("seconds").asDouble() > 0) {
            bytes = sr.path("bytes").asLong();
            secs = sr.path("seconds").asDouble();
        } else {
            bytes = c.subflows().stream().mapToLong(s -> s.cum).sum();
            secs = dur;
            warnings.add("connection " + c.id() + ": no receiver report from iperf3; goodput from subflow acks");
        }
        double g = bytes * 8 / secs / 1e6;
        o.put("goodputMbps", round(g));
        double start = c.subflows().stream().filter(sf -> sf.n > 0).mapToDouble(sf -> sf.t[0]).min().orElse(Double.NaN);
        o.put("bytesDelivered", bytes);
        ArrayNode sfs = o.putArray("subflows");
        for (int id = 0; id < c.subflows().size(); id++) subflowJson(sfs.addObject(), spec, id, c.subflows().get(id), series.get(c.subflows().get(id)), t0);
        return new double[] {bytes, secs, start};
    }

    /**
     * One subflow of the summary: its path (by client address), active time (seconds since the run's first traced
     * record {@code t0}, as the simulator's since its start), goodput, retransmits, srtt/cwnd statistics.
     */
    private static void subflowJson(ObjectNode so, LabSpec spec, int id, SubflowTrace s, double[][] v, double t0) {
        double active = s.n > 1 ? s.t[s.n - 1] - s.t[0] : 0;
        so.put("id", id);
        ArrayNode path = so.putArray("path");
        int pi = pathIndex(s.src);
        if (pi >= 1 && pi <= spec.paths().size()) {
            LabSpec.Path p = spec.paths().get(pi - 1);
            path.add(p.link() != null ? p.link().id() : p.id());
            if (spec.topology() == LabSpec.Topology.SHARED) path.add(spec.shared().id());
        } else if (pi > spec.paths().size() && pi <= spec.paths().size() + spec.competingHosts().size()) {
            LabSpec.OtherHost h = spec.competingHosts().get(pi - spec.paths().size() - 1);
            path.add(h.linkId() != null ? h.linkId() : h.id());   // another host's access link
            path.add(spec.shared().id());
        }
        so.put("address", s.key);
        if (s.n > 1) {   // the subflow's active time: its first to its last traced sample, as docs/outputs.md
            so.put("startS", round(s.t[0] - t0));
            so.put("endS", round(s.t[s.n - 1] - t0));
        } else {
            so.putNull("startS");
            so.putNull("endS");
        }
        so.put("goodputMbps", round(active > 0 ? s.cum * 8 / active / 1e6 : 0));
        so.put("retransmits", s.retransmits);
        so.put("srttMeanMs", round(Stats.mean(v[0]) / 1000));
        so.put("srttP99Ms", round(Stats.percentile(v[0], 0.99) / 1000));
        so.put("cwndMean", round(Stats.mean(v[1])));
        so.put("ssthreshReductions", s.ssthreshReductions);
        so.put("bytesAcked", s.cum);
        so.put("bytesDelivered", s.cum);
    }

    /** The self-check (was the lab, not TCP, the limit?) into summary.checks, with the VM's accelerator and UML's stalls. */
    private static Checks checks(ObjectNode sum, LabSpec spec, Backend backend, Path raw, List<Conn> conns, TraceCapture cap,
                                 double achievedMbps, Flavour flavour, List<String> warnings) throws IOException {
        double dur = spec.durationS();
        Checks ch = Checks.of(spec, payload(spec, flavour), raw, achievedMbps, conns.isEmpty(),
                conns.isEmpty() ? -1 : conns.get(0).subflows().size());
        ObjectNode checks = sum.putObject("checks");
        ch.write(checks);
        JsonNode accel = readJson(raw.resolve("accel.json"));   // VM backend: accelerator choice and KVM probe
        if (accel.size() > 0) checks.set("accel", accel);
        if (backend == Backend.UML) {
            Stalls st = Stalls.of(conns.stream().flatMap(c -> c.subflows().stream()).toList(), cap.t0 + 1, cap.t0 + dur - 0.5,
                    cap.sampled ? UmlLab.PROBE_US / 1e6 : 0);
            st.write(checks.putObject("stalls"), cap.sampled);
            if (st.count() > 0) warnings.add(String.format(Locale.ROOT, "%d guest stall(s): gaps of >= 10 ms without a subflow record (longest %.1f ms)",
                    st.count(), st.maxMs()));
        }
        return ch;
    }

    /**
     * Guest stalls, as the out-of-tree references count them ({@code ack_gaps_ge10ms}): gaps of at least 10 ms with no
     * record of any data subflow between {@code from} and {@code to} (the run's 1 s to its end − 0.5 s). With per-ACK
     * tcp_probe records a saturated bottleneck gives one every 1–2.5 ms, so such a gap is the guest not running; with
     * tcp_info samples the sampling period {@code periodS} is added to the threshold.
     */
    record Stalls(int count, double maxMs, double thresholdMs) {
        static Stalls of(List<SubflowTrace> subflows, double from, double to, double periodS) {
            int total = 0;
            for (SubflowTrace s : subflows) total += s.n;
            double[] t = new double[total];
            int n = 0;
            for (SubflowTrace s : subflows) for (int i = 0; i < s.n; i++) if (s.t[i] >= from && s.t[i] <= to) t[n++] = s.t[i];
            Arrays.sort(t, 0, n);
            double threshold = 0.010 + periodS;
            int count = 0;
            double max = 0;
            for (int i = 1; i < n; i++) {
                double g = t[i] - t[i - 1];
                if (g >= threshold - 1e-9) count++;
                max = Math.max(max, g);
            }
            return new Stalls(count, max * 1000, threshold * 1000);
        }

        void write(ObjectNode o, boolean sampled) {
            o.put("count", count);
            o.put("maxGapMs", round(maxMs));
            o.put("thresholdMs", round(thresholdMs));
            o.put("records", sampled ? "tcp_info samples" : "tcp_probe (per ACK)");
        }
    }

    /** raw/knobs.txt ("sysctl KEY = VALUE" / "param FILE = VALUE", written by uml-init.sh): option name → value; empty if none. */
    static Map<String, String> knobs(Path raw) throws IOException {
        Map<String, String> m = new LinkedHashMap<>();
        for (String line : readLines(raw.resolve("knobs.txt"))) {
            int eq = line.indexOf(" = ");
            if (eq < 0) continue;
            String[] head = line.substring(0, eq).split(" ", 2);
            if (head.length < 2) continue;
            String key = head[1];
            if (head[0].equals("param")) {   // /sys/module/M/parameters/P -> M.P, the scenario's name
                String[] p = key.split("/");
                if (p.length >= 6) key = p[3] + "." + p[5];
            }
            m.put(key, line.substring(eq + 3).trim());
        }
        return m;
    }

    /** Identifies the connections: MPTCP via ip mptcp monitor tokens, TCP via iperf3's local port. */
    static List<Conn> connections(LabSpec spec, Path raw, Map<String, SubflowTrace> traces) throws IOException {
        List<Conn> conns = new ArrayList<>();
        int port = LabEnv.PORT;
        int localPort = readJson(raw.resolve("client.json")).path("start").path("connected").path(0).path("local_port").asInt(-1);
        List<SubflowTrace> main = new ArrayList<>();
        if (spec.mptcp()) {
            Map<String, List<String>> byToken = new LinkedHashMap<>();
            String mainToken = null;
            for (String line : readLines(raw.resolve("mptcp-monitor.txt"))) {
                Matcher m = MONITOR.matcher(line);
                if (!m.find()) continue;
                String key = m.group(3) + ":" + m.group(4);
                List<String> keys = byToken.computeIfAbsent(m.group(2), k -> new ArrayList<>());
                if (!keys.contains(key)) keys.add(key);
                if (m.group(1).equals("CREATED") && Integer.parseInt(m.group(4)) == localPort) mainToken = m.group(2);
            }
            if (mainToken != null) {
                for (String k : byToken.get(mainToken)) if (traces.containsKey(k)) main.add(traces.get(k));
            } else {   // fallback: every subflow to the port that carried data
                for (SubflowTrace s : traces.values()) if (s.dport == port && s.cum >= MIN_DATA_BYTES) main.add(s);
            }
        } else {
            for (SubflowTrace s : traces.values()) if (s.dport == port && Integer.parseInt(s.key.substring(s.key.lastIndexOf(':') + 1)) == localPort) main.add(s);
            if (main.isEmpty()) largest(traces, port).ifPresent(main::add);
        }
        main.sort((a, b) -> Double.compare(a.t[0], b.t[0]));
        conns.add(new Conn(spec.flowId(0), spec.mptcp() ? "mptcp" : "tcp", 0, main, raw.resolve("server.json")));
        for (int j = 1; j <= spec.competingFlows(); j++) {
            List<SubflowTrace> one = new ArrayList<>();
            largest(traces, port + j).ifPresent(one::add);
            conns.add(new Conn(spec.flowId(j), "tcp", j, one, raw.resolve("compete" + j + "-server.json")));
        }
        return conns;
    }

    private static java.util.Optional<SubflowTrace> largest(Map<String, SubflowTrace> traces, int dport) {
        return traces.values().stream().filter(s -> s.dport == dport).max((a, b) -> Long.compare(a.cum, b.cum));
    }

    /** Cumulative delivered bytes over time: iperf3 server intervals, else the subflows' acked bytes. */
    private static TreeMap<Double, Long> deliveredSeries(Conn c, double t0) throws IOException {
        TreeMap<Double, Long> m = new TreeMap<>();
        JsonNode iv = readJson(c.serverJson()).path("intervals");
        long cum = 0;
        for (JsonNode i : iv) {
            cum += i.path("sum").path("bytes").asLong();
            m.put(i.path("sum").path("end").asDouble(), cum);
        }
        if (!m.isEmpty()) return m;
        TreeMap<Double, Long> events = new TreeMap<>();
        for (SubflowTrace s : c.subflows()) {
            for (int i = 0; i < s.n; i++) events.merge(s.t[i] - t0, i == 0 ? s.acked[0] : s.acked[i] - s.acked[i - 1], Long::sum);
        }
        for (Map.Entry<Double, Long> e : events.entrySet()) {
            cum += e.getValue();
            m.put(e.getKey(), cum);
        }
        return m;
    }

    /** Path index i from a client address 10.1.i.x; -1 if not a lab address. */
    static int pathIndex(String addr) {
        String[] p = addr.split("\\.");
        if (p.length == 4 && p[0].equals("10") && p[1].equals("1")) return Integer.parseInt(p[2]);
        return -1;
    }

    static double round(double v) {
        if (Double.isNaN(v) || Double.isInfinite(v)) return 0;
        return Math.round(v * 1e4) / 1e4;
    }

    static List<String> readLines(Path p) throws IOException {
        return Files.exists(p) ? Files.readAllLines(p, StandardCharsets.ISO_8859_1) : List.of();
    }

    static String firstLine(Path p, String dflt) throws IOException {
        List<String> l = readLines(p);
        return l.isEmpty() ? dflt : l.get(0).trim();
    }

    static JsonNode readJson(Path p) {
        try {
            return Files.exists(p) ? JSON.readTree(p.toFile()) : JSON.createObjectNode();
        } catch (IOException e) {
            return JSON.createObjectNode();
        }
    }
}
