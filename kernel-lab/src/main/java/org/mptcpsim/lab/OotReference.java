package org.mptcpsim.lab;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.zip.GZIPInputStream;
import org.mptcpsim.core.Flavour;

/**
 * Converts the out-of-tree kernel measurements ({@code kernel-refs/oot-v0.95.2/}: MPTCP v0.95.2 on Linux 4.19.234 in
 * User-Mode Linux, see its README) into the lab's reference format, one directory per run as {@link Reference} writes
 * for the host kernel: {@code OUT/lab-oot-<case>/run-R/} with
 * <ul>
 * <li>{@code subflows.csv} ({@code time_s,connection,subflow,cwnd,ssthresh,srtt_us,bytes_acked,ca_state}) from
 * {@code timeseries-100ms/<case>-runR.csv} at {@link Reference#STEP_S} (the data set's sample-and-hold grid of the tcp_probe
 * records; subflow k of the data set becomes id k-1, the initial subflow 0; {@code ca_state} is {@code -}: tcp_probe does
 * not report it);</li>
 * <li>{@code connections.csv} from iperf3's receiver intervals ({@code runs/<case>-runR/iperf-*.json.gz},
 * {@code server_output_text}; the lab's own runs take connections.csv from the same source);</li>
 * <li>{@code summary.json} with the data set's per-subflow numbers ({@code summary.csv}, {@code subflows-detail.csv}:
 * goodput over [5,30] s, whole-run ssthresh reductions as loss events) and the measurement window
 * ({@code "window": {"fromS": 5, "toS": 30}}) that {@link KernelCompare} applies to both sides.</li>
 * </ul>
 * Usage: {@code OotReference --data ../shared/kernel-refs/oot-v0.95.2 --out kernel-lab/src/test/resources/reference-oot}.
 * With {@code --chart CASE} it instead writes {@code overlay-{cwnd,srtt,goodput}.png/.svg} of that case into {@code --out}:
 * every kernel run from the data set's 100 ms series (solid) and the simulator's seed 1 (dashed).
 * It writes only below {@code --out}.
 */
public final class OotReference {
    /** The data set's measurement window (README §4). */
    public static final double FROM_S = 5, TO_S = 30;
    private static final ObjectMapper JSON = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);
    private static final Pattern INTERVAL = Pattern.compile("\\[\\s*\\d+\\]\\s+([0-9.]+)-([0-9.]+)\\s+sec\\s+([0-9.]+)\\s+(Bytes|KBytes|MBytes|GBytes)\\s+[0-9.]+\\s+\\S+/sec\\s*$");

    private OotReference() {
    }

    /** The scenario name of a data-set case: {@code A2_lia} → {@code lab-oot-a2-lia}. */
    public static String scenarioName(String dataCase) {
        return "lab-oot-" + dataCase.toLowerCase(Locale.ROOT).replace('_', '-');
    }

    public static void main(String[] args) throws IOException {
        Path data = null, out = null;
        String chart = null;
        for (int i = 0; i < args.length; i++) {
            switch (args[i]) {
                case "--data" -> data = Path.of(args[++i]);
                case "--out" -> out = Path.of(args[++i]);
                case "--chart" -> chart = args[++i];
                default -> {
                    System.err.println("usage: OotReference --data DIR --out DIR");
                    System.exit(2);
                }
            }
        }
        if (data == null || out == null) {
            System.err.println("usage: OotReference --data DIR --out DIR");
            System.exit(2);
        }
        if (chart != null) chart(data, chart, out);
        else convert(data, out);
    }

    /** The overlay charts of one case: kernel runs at 100 ms (solid), the simulator's seed 1 (dashed), into {@code out}. */
    public static void chart(Path data, String dataCase, Path out) throws IOException {
        JsonNode scenarios = JSON.readTree(data.resolve("scenarios.json").toFile()).path("scenarios");
        if (!scenarios.has(dataCase)) throw new IllegalArgumentException("no case " + dataCase + " in " + data.resolve("scenarios.json"));
        Map<String, Map<String, String>> runs = csvByKey(data.resolve("runs.csv"), "scenario", "run");
        Map<String, Map<String, String>> detail = csvByKey(data.resolve("subflows-detail.csv"), "scenario", "run", "flow", "subflow");
        Path tmp = Files.createTempDirectory("oot-chart");
        try {
            List<Path> kernels = new ArrayList<>();
            for (int r = 1; Files.exists(data.resolve("timeseries-100ms").resolve(dataCase + "-run" + r + ".csv")); r++) {
                Path dst = tmp.resolve("kernel-" + r);
                Files.createDirectories(dst);
                writeRun(data, dataCase, r, scenarios.path(dataCase), runs.get(dataCase + "," + r), detail, dst, 0.1);
                kernels.add(dst);
            }
            Path sim = tmp.resolve("sim");
            new org.mptcpsim.scenario.run.ScenarioRunner(LabScenarios.load(scenarioName(dataCase), "seed=1"))
                    .run(sim, org.mptcpsim.scenario.run.ScenarioRunner.Progress.NONE);
            Files.createDirectories(out);
            Validation.writeOverlayCharts(sim, kernels, out, scenarioName(dataCase));
        } finally {
            try (var w = Files.walk(tmp)) {
                for (Path p : w.sorted(java.util.Comparator.reverseOrder()).toList()) Files.delete(p);
            }
        }
    }

    /** Converts every case and run of the data set. */
    public static void convert(Path data, Path out) throws IOException {
        JsonNode scenarios = JSON.readTree(data.resolve("scenarios.json").toFile()).path("scenarios");
        Map<String, Map<String, String>> runs = csvByKey(data.resolve("runs.csv"), "scenario", "run");
        Map<String, Map<String, String>> detail = csvByKey(data.resolve("subflows-detail.csv"), "scenario", "run", "flow", "subflow");
        for (var it = scenarios.fields(); it.hasNext(); ) {
            var e = it.next();
            String c = e.getKey();
            for (int r = 1; Files.exists(data.resolve("timeseries-100ms").resolve(c + "-run" + r + ".csv")); r++) {
                Path dst = out.resolve(scenarioName(c)).resolve("run-" + r);
                Files.createDirectories(dst);
                writeRun(data, c, r, e.getValue(), runs.get(c + "," + r), detail, dst, Reference.STEP_S);
                System.out.println("wrote " + dst);
            }
        }
    }

    private static void writeRun(Path data, String c, int r, JsonNode sc, Map<String, String> run,
                                 Map<String, Map<String, String>> detail, Path dst, double step) throws IOException {
        List<String> ts = Files.readAllLines(data.resolve("timeseries-100ms").resolve(c + "-run" + r + ".csv"));
        StringBuilder sub = new StringBuilder("time_s,connection,subflow,cwnd,ssthresh,srtt_us,bytes_acked,ca_state\n");
        for (int i = 1; i < ts.size(); i++) {
            String[] f = ts.get(i).split(",");   // t_s,flow,subflow,cwnd,ssthresh,srtt_us,bytes_acked_cum,src
            double t = Double.parseDouble(f[0]);
            if (Math.abs(t / step - Math.rint(t / step)) > 1e-6) continue;
            sub.append(String.format(Locale.ROOT, "%.6f,%s,%d,%s,%s,%s,%s,-%n", t, connId(f[1]), Integer.parseInt(f[2]) - 1, f[3], f[4], f[5], f[6]));
        }
        Files.writeString(dst.resolve("subflows.csv"), sub);
        boolean tcp = Files.exists(data.resolve("runs").resolve(c + "-run" + r).resolve("iperf-tcp.json.gz"));
        Map<String, TreeMap<Double, Long>> delivered = writeConnections(data, c, r, tcp, dst);
        writeSummary(c, r, sc, run, detail, tcp, delivered, dst);
    }

    /** connections.csv from iperf3's receiver intervals; returns the series by connection id (runs without intervals left out). */
    private static Map<String, TreeMap<Double, Long>> writeConnections(Path data, String c, int r, boolean tcp, Path dst) throws IOException {
        Map<String, TreeMap<Double, Long>> delivered = new LinkedHashMap<>();
        delivered.put("m1", receiverSeries(data.resolve("runs").resolve(c + "-run" + r).resolve("iperf-main.json.gz")));
        if (tcp) delivered.put("t1", receiverSeries(data.resolve("runs").resolve(c + "-run" + r).resolve("iperf-tcp.json.gz")));
        StringBuilder conn = new StringBuilder("time_s,connection,bytes_delivered\n");
        TreeMap<Double, List<String>> rows = new TreeMap<>();
        delivered.values().removeIf(s -> s.size() < 2);   // the first runs of the campaign have no receiver intervals (data-set README §8)
        delivered.forEach((id, s) -> s.forEach((t, b) -> rows.computeIfAbsent(t, k -> new ArrayList<>()).add(id + "," + b)));
        rows.forEach((t, l) -> l.forEach(x -> conn.append(String.format(Locale.ROOT, "%.6f,%s%n", t, x))));
        Files.writeString(dst.resolve("connections.csv"), conn);
        return delivered;
    }

    /** summary.json: the kernel's knobs, the window, per connection and subflow the data set's numbers, tbf counters, stalls. */
    private static void writeSummary(String c, int r, JsonNode sc, Map<String, String> run, Map<String, Map<String, String>> detail, boolean tcp,
                                     Map<String, TreeMap<Double, Long>> delivered, Path dst) throws IOException {
        ObjectNode sum = JSON.createObjectNode();
        sum.put("scenario", scenarioName(c));
        sum.put("seed", 0);
        sum.put("durationS", TO_S);
        sum.put("source", "kernel-uml-oot");
        sum.put("dataSet", "kernel-refs/oot-v0.95.2 " + c + " run " + r);
        ObjectNode k = sum.putObject("kernel");
        k.put("flavour", Flavour.MPTCP_V095.key());
        k.put("release", "4.19.234 MPTCP v0.95.2 (User-Mode Linux)");
        k.put("net.ipv4.tcp_congestion_control", sc.path("cc").asText());
        k.put("net.mptcp.mptcp_path_manager", sc.path("path_manager").asText());
        k.put("net.mptcp.mptcp_scheduler", sc.path("scheduler").asText());
        k.put("net.mptcp.mptcp_checksum", 1);
        ObjectNode w = sum.putObject("window");
        w.put("fromS", FROM_S);
        w.put("toS", TO_S);
        ArrayNode conns = sum.putArray("connections");
        for (String flow : tcp ? List.of("mptcp", "tcp") : List.of("mptcp")) {
            ObjectNode o = conns.addObject();
            o.put("id", connId(flow));
            o.put("type", flow);
            o.put("cc", flow.equals("tcp") ? "reno" : sc.path("cc").asText());
            String rx = run.get(flow.equals("tcp") ? "iperf_tcp_rx_5_30_mbps" : "iperf_main_rx_5_30_mbps");
            if (rx != null && !rx.isEmpty()) o.put("goodputMbps", Double.parseDouble(rx));
            else if (delivered.containsKey(connId(flow))) o.put("goodputMbps", windowRate(delivered.get(connId(flow))));
            ArrayNode sfs = o.putArray("subflows");
            for (int s = 1; detail.containsKey(c + "," + r + "," + flow + "," + s); s++) subflowJson(sfs.addObject(), s, detail.get(c + "," + r + "," + flow + "," + s));
        }
        ObjectNode links = JSON.createObjectNode();
        links.put("tbfDrops", run.get("bottleneck_drops"));
        links.put("tbfPackets", run.get("bottleneck_pkts"));
        sum.set("tbf", links);
        sum.put("valid", true);
        ArrayNode warn = sum.putArray("warnings");
        if (!run.get("ack_gaps_ge10ms").equals("0")) warn.add("guest stalls: " + run.get("ack_gaps_ge10ms") + " ACK gaps >= 10 ms (max " + run.get("ack_gap_max_ms") + " ms)");
        JSON.writeValue(dst.resolve("summary.json").toFile(), sum);
    }

    /** Subflow {@code s} (1-based in the data set, id s-1 here) of subflows-detail.csv. */
    private static void subflowJson(ObjectNode so, int s, Map<String, String> d) {
        so.put("id", s - 1);
        so.put("address", d.get("src"));
        so.put("goodputMbps", Double.parseDouble(d.get("goodput_mbps")));
        so.put("srttMedianMs", Double.parseDouble(d.get("srtt_med_ms")));
        so.put("cwndMedian", Double.parseDouble(d.get("cwnd_med")));
        so.put("ssthreshReductions", Integer.parseInt(d.get("ssthresh_reductions")));
        so.put("ssthreshReductions5to30", Integer.parseInt(d.get("ssthresh_reductions_5_30")));
        so.put("bytesAcked", Long.parseLong(d.get("bytes_acked_total")));
    }

    private static String connId(String flow) {
        return flow.equals("tcp") ? "t1" : "m1";
    }

    private static double windowRate(TreeMap<Double, Long> s) {
        var a = s.floorEntry(FROM_S + 1e-9);
        var b = s.floorEntry(TO_S + 1e-9);
        return Math.round((b.getValue() - (a == null ? 0 : a.getValue())) * 8 / (TO_S - FROM_S) / 1e6 * 1000) / 1000.0;
    }

    /** Cumulative bytes received at the end of each of iperf3's receiver intervals (0 at t = 0). */
    static TreeMap<Double, Long> receiverSeries(Path iperfJsonGz) throws IOException {
        JsonNode j;
        try (InputStream in = new GZIPInputStream(Files.newInputStream(iperfJsonGz))) {
            j = JSON.readTree(in);
        }
        TreeMap<Double, Long> s = new TreeMap<>();
        s.put(0.0, 0L);
        double cum = 0;
        for (String line : j.path("server_output_text").asText().split("\n")) {
            if (line.contains("receiver") || line.contains("sender")) continue;
            Matcher m = INTERVAL.matcher(line);
            if (!m.find()) continue;
            double unit = switch (m.group(4)) {
                case "KBytes" -> 1024;
                case "MBytes" -> 1024 * 1024;
                case "GBytes" -> 1024.0 * 1024 * 1024;
                default -> 1;
            };
            cum += Double.parseDouble(m.group(3)) * unit;
            s.put(Double.parseDouble(m.group(2)), Math.round(cum));
        }
        return s;
    }

    private static Map<String, Map<String, String>> csvByKey(Path csv, String... keys) throws IOException {
        List<String> lines = Files.readAllLines(csv, StandardCharsets.UTF_8);
        String[] h = lines.get(0).split(",", -1);
        Map<String, Map<String, String>> m = new LinkedHashMap<>();
        for (int i = 1; i < lines.size(); i++) {
            String[] f = lines.get(i).split(",", -1);
            Map<String, String> row = new LinkedHashMap<>();
            for (int c = 0; c < h.length; c++) row.put(h[c], c < f.length ? f[c] : "");
            StringBuilder key = new StringBuilder();
            for (String k : keys) key.append(key.length() == 0 ? "" : ",").append(row.get(k));
            m.put(key.toString(), row);
        }
        return m;
    }
}
