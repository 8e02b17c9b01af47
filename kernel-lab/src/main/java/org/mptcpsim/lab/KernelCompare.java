package org.mptcpsim.lab;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;

/**
 * Validates a simulator run directory against one or more kernel run directories of the same scenario.
 *
 * <p>Per subflow (matched by connection position and subflow id) it compares: goodput, srtt median and
 * p90, cwnd median (from subflows.csv), loss events (ssthreshReductions) and the subflow's share of its
 * connection's goodput. The reference is the mean over the kernel runs. A metric passes when
 * {@code |sim - ref| <= max(rel * |ref|, abs, K * sd)}, where sd is the sample standard deviation over
 * the kernel runs (0 with one run) and {@link #K} = 2: the kernel's own run-to-run spread widens the band.
 *
 * <p>Writes {@code verdict.txt} (table), {@code verdict.csv} and {@code overlay.csv}
 * ({@code time_s,source,subflow,cwnd,srtt_us,goodput_mbps}, subflow as {@code connection/id}) for charts.
 * Usage: {@code KernelCompare --sim DIR --kernel DIR [--kernel DIR ...] [--out DIR]}; exit 0 = all within
 * tolerance, 3 = not, 1 = error.
 */
public final class KernelCompare {
    /** Spread multiplier for several kernel runs. */
    public static final double K = 2.0;

    /** A tolerance: relative to the reference and an absolute floor. */
    public record Tolerance(String metric, double rel, double abs) {
    }

    /** The fixed tolerances (also in docs/kernel-lab.md). */
    public static final List<Tolerance> TOLERANCES = List.of(
            new Tolerance("goodputMbps", 0.10, 0.1),
            new Tolerance("srttMedianMs", 0.15, 2.0),
            new Tolerance("srttP90Ms", 0.20, 2.0),
            new Tolerance("cwndMedian", 0.25, 2.0),
            new Tolerance("lossEvents", 0.50, 3.0),
            new Tolerance("share", 0.0, 0.10));

    /**
     * Connection-level tolerances, compared only when the reference declares a measurement window (the out-of-tree
     * references, {@link OotReference}): the application's goodput (connections.csv, iperf3's receiver on the kernel side)
     * as a subflow's goodput; the MPTCP/TCP ratio of the first connection's subflow goodput to the second's, a quotient of
     * two goodputs each held to 10 %, hence 20 %.
     */
    public static final List<Tolerance> CONNECTION_TOLERANCES = List.of(
            new Tolerance("appGoodputMbps", 0.10, 0.1),
            new Tolerance("mptcpTcpRatio", 0.20, 0.1));

    /** A measurement window in seconds, from a reference's summary.json {@code "window": {"fromS", "toS"}}. */
    public record Window(double fromS, double toS) {
        /** The out-of-tree references' window ({@link OotReference}, the data set's README §4): [5,30] s. */
        public static final Window OOT_REFERENCES = new Window(OotReference.FROM_S, OotReference.TO_S);

        static Window of(JsonNode summary) {
            JsonNode w = summary.path("window");
            return w.has("fromS") ? new Window(w.path("fromS").asDouble(), w.path("toS").asDouble()) : null;
        }

        boolean contains(double t) {
            return t >= fromS - 1e-9 && t <= toS + 1e-9;
        }
    }

    /** One verdict row. */
    public record Row(String subflow, String metric, double sim, double kernel, double spread, double tolerance, boolean pass) {
    }

    private KernelCompare() {
    }

    public static void main(String[] args) throws IOException {
        Path sim = null, out = null;
        List<Path> kernels = new ArrayList<>();
        for (int i = 0; i < args.length; i++) {
            switch (args[i]) {
                case "--sim" -> sim = Path.of(args[++i]);
                case "--kernel" -> kernels.add(Path.of(args[++i]));
                case "--out" -> out = Path.of(args[++i]);
                default -> {
                    System.err.println("usage: KernelCompare --sim DIR --kernel DIR [--kernel DIR ...] [--out DIR]");
                    System.exit(1);
                }
            }
        }
        if (sim == null || kernels.isEmpty()) {
            System.err.println("usage: KernelCompare --sim DIR --kernel DIR [--kernel DIR ...] [--out DIR]");
            System.exit(1);
        }
        System.exit(run(sim, kernels, out == null ? sim.resolve("validate") : out, System.out));
    }

    /** Compares and writes the outputs; returns the exit code (0 within tolerance, 3 not). */
    public static int run(Path sim, List<Path> kernels, Path out, Appendable console) throws IOException {
        return run(List.of(sim), kernels, out, console);
    }

    /**
     * As {@link #run(Path, List, Path, Appendable)} with several simulator runs (e.g. seeds of a scenario with
     * {@code sim.tx_jitter_us}): the simulator value of each metric is their mean; tolerances are unchanged.
     * overlay.csv carries the first simulator run.
     */
    public static int run(List<Path> sims, List<Path> kernels, Path out, Appendable console) throws IOException {
        return run(sims, kernels, null, out, console);
    }

    /** As {@link #run(List, List, Path, Appendable)} measured over {@code window} (null: the first kernel run's, if any). */
    public static int run(List<Path> sims, List<Path> kernels, Window window, Path out, Appendable console) throws IOException {
        Path sim = sims.get(0);
        Window w = window != null ? window : Window.of(RunDirWriter.readJson(kernels.get(0).resolve("summary.json")));
        List<Row> rows = compare(sims, kernels, w);
        Files.createDirectories(out);
        StringBuilder txt = new StringBuilder();
        // which congestion control each connection index ran (the rows are keyed connectionIndex/subflowId)
        int ci = 0;
        for (JsonNode c : RunDirWriter.readJson(sim.resolve("summary.json")).path("connections")) {
            txt.append(String.format(Locale.ROOT, "connection %d = %s: %s, cc %s%s%n", ci++, c.path("id").asText(), c.path("type").asText(),
                    c.path("cc").asText(), c.path("type").asText().equals("mptcp") ? ", pm " + c.path("pm").asText() + ", scheduler " + c.path("scheduler").asText() : ""));
        }
        if (w != null) txt.append(String.format(Locale.ROOT, "measured over [%s, %s] s%n", num(w.fromS()), num(w.toS())));
        txt.append(String.format(Locale.ROOT, "%-8s %-13s %10s %10s %9s %9s  %s%n", "subflow", "metric", "sim", "kernel", "spread", "tol", "verdict"));
        try (PrintWriter csv = new PrintWriter(Files.newBufferedWriter(out.resolve("verdict.csv")))) {
            csv.print("subflow,metric,sim,kernel,kernel_sd,tolerance,verdict\n");
            for (Row r : rows) {
                String v = r.pass() ? "PASS" : "FAIL";
                txt.append(String.format(Locale.ROOT, "%-8s %-13s %10.3f %10.3f %9.3f %9.3f  %s%n", r.subflow(), r.metric(), r.sim(), r.kernel(), r.spread(), r.tolerance(), v));
                csv.printf(Locale.ROOT, "%s,%s,%.6f,%.6f,%.6f,%.6f,%s\n", r.subflow(), r.metric(), r.sim(), r.kernel(), r.spread(), r.tolerance(), v);
            }
        }
        boolean ok = !rows.isEmpty() && rows.stream().allMatch(Row::pass);
        txt.append(rows.isEmpty() ? "no comparable subflows\n" : ok ? "VERDICT: within tolerance\n" : "VERDICT: outside tolerance\n");
        Files.writeString(out.resolve("verdict.txt"), txt);
        writeOverlay(sim, kernels, out.resolve("overlay.csv"));
        console.append(txt);
        return ok ? 0 : 3;
    }

    /** The verdict rows, ordered by subflow then metric. */
    public static List<Row> compare(Path sim, List<Path> kernels) throws IOException {
        return compare(List.of(sim), kernels);
    }

    /**
     * The verdict rows with the simulator value = the mean over {@code sims} (subflows present in the first run). When the
     * first kernel run's summary.json declares a {@link Window}, both sides are measured over it (goodput from bytes_acked,
     * medians over the samples inside it) and connection rows ({@link #CONNECTION_TOLERANCES}) follow the subflow rows.
     */
    public static List<Row> compare(List<Path> sims, List<Path> kernels) throws IOException {
        return compare(sims, kernels, null);
    }

    /** As {@link #compare(List, List)} measured over {@code window}; null = the first kernel run's window, if it declares one. */
    public static List<Row> compare(List<Path> sims, List<Path> kernels, Window window) throws IOException {
        return compare(sims, kernels, window, v -> K * Stats.stddev(v));
    }

    /**
     * One new run (e.g. a live kernel run) held to reference runs: as {@link #compare(List, List)} with {@code run} on the
     * simulator side, but the spread term of each tolerance is the prediction interval of one new observation,
     * {@link Stats#predictionHalfWidth} at level {@code alpha}, instead of the mean's K·sd: a single run varies by the
     * references' own sd, not by the sd of their mean.
     */
    public static List<Row> compareOneRun(Path run, List<Path> refs, double alpha) throws IOException {
        return compare(List.of(run), refs, null, v -> Stats.predictionHalfWidth(v, alpha));
    }

    private static List<Row> compare(List<Path> sims, List<Path> kernels, Window window, Spread spread) throws IOException {
        Window w = window != null ? window : Window.of(RunDirWriter.readJson(kernels.get(0).resolve("summary.json")));
        List<Row> rows = rows(sims, kernels, d -> metrics(d, w), TOLERANCES, spread);
        if (w != null) rows.addAll(rows(sims, kernels, d -> connectionMetrics(d, w), CONNECTION_TOLERANCES, spread));
        return rows;
    }

    private interface Metrics {
        Map<String, double[]> of(Path dir) throws IOException;
    }

    /** The run-to-run allowance from the kernel side's values of one metric. */
    private interface Spread {
        double of(double[] kernelValues);
    }

    private static String num(double x) {
        return x == Math.rint(x) ? Long.toString((long) x) : Double.toString(x);
    }

    private static List<Row> rows(List<Path> sims, List<Path> kernels, Metrics metrics, List<Tolerance> tolerances, Spread spread) throws IOException {
        Map<String, double[]> s = metrics.of(sims.get(0));
        if (sims.size() > 1) {
            List<Map<String, double[]>> all = new ArrayList<>();
            for (Path p : sims) all.add(metrics.of(p));
            for (Map.Entry<String, double[]> e : s.entrySet()) {
                double[] mean = new double[e.getValue().length];
                for (int m = 0; m < mean.length; m++) {
                    double sum = 0;
                    int n = 0;
                    for (Map<String, double[]> r : all) {
                        if (r.containsKey(e.getKey()) && !Double.isNaN(r.get(e.getKey())[m])) {
                            sum += r.get(e.getKey())[m];
                            n++;
                        }
                    }
                    mean[m] = n == 0 ? Double.NaN : sum / n;
                }
                e.setValue(mean);
            }
        }
        List<Map<String, double[]>> ks = new ArrayList<>();
        for (Path k : kernels) ks.add(metrics.of(k));
        List<Row> rows = new ArrayList<>();
        for (Map.Entry<String, double[]> e : s.entrySet()) {
            for (int m = 0; m < tolerances.size(); m++) {
                List<Double> vals = new ArrayList<>();
                for (Map<String, double[]> k : ks) if (k.containsKey(e.getKey()) && !Double.isNaN(k.get(e.getKey())[m])) vals.add(k.get(e.getKey())[m]);
                if (vals.isEmpty() || Double.isNaN(e.getValue()[m])) continue;
                double[] v = vals.stream().mapToDouble(Double::doubleValue).toArray();
                double ref = Stats.mean(v), sd = Stats.stddev(v);
                Tolerance t = tolerances.get(m);
                double tol = Math.max(Math.max(t.rel() * Math.abs(ref), t.abs()), spread.of(v));
                double x = e.getValue()[m];
                rows.add(new Row(e.getKey(), t.metric(), x, ref, sd, tol, Math.abs(x - ref) <= tol));
            }
        }
        for (Map<String, double[]> k : ks) {
            for (String key : k.keySet()) {
                if (!s.containsKey(key)) rows.add(new Row(key, "present", 0, 1, 0, 0, false));
            }
        }
        return rows;
    }

    /** Connection key "connectionIndex/conn" → {appGoodputMbps, mptcpTcpRatio (NaN unless connection 0 of 2+)} over {@code w}. */
    static Map<String, double[]> connectionMetrics(Path dir, Window w) throws IOException {
        JsonNode sum = RunDirWriter.readJson(dir.resolve("summary.json"));
        Map<String, TreeMap<Double, Long>> delivered = new LinkedHashMap<>();
        List<String> lines = RunDirWriter.readLines(dir.resolve("connections.csv"));
        for (int i = 1; i < lines.size(); i++) {
            String[] f = lines.get(i).split(",");
            if (f.length < 3) continue;
            delivered.computeIfAbsent(f[1], k -> new TreeMap<>()).put(Double.parseDouble(f[0]), Long.parseLong(f[2]));
        }
        Map<String, double[]> sf = metrics(dir, w);
        List<Double> connGoodput = new ArrayList<>();
        int ci = 0;
        for (JsonNode c : sum.path("connections")) {
            double g = 0;
            for (JsonNode s : c.path("subflows")) g += sf.getOrDefault(ci + "/" + s.path("id").asInt(), new double[] {0})[0];
            connGoodput.add(g);
            ci++;
        }
        Map<String, double[]> m = new LinkedHashMap<>();
        ci = 0;
        for (JsonNode c : sum.path("connections")) {
            TreeMap<Double, Long> d = delivered.getOrDefault(c.path("id").asText(), new TreeMap<>());
            // no series reaching the window's end (a kernel run without receiver intervals): not compared
            double app = d.isEmpty() || d.lastKey() < w.toS() - 1e-9 ? Double.NaN : (at(d, w.toS()) - at(d, w.fromS())) * 8 / (w.toS() - w.fromS()) / 1e6;
            double ratio = ci == 0 && connGoodput.size() > 1 && connGoodput.get(1) > 0 ? connGoodput.get(0) / connGoodput.get(1) : Double.NaN;
            m.put(ci + "/conn", new double[] {app, ratio});
            ci++;
        }
        return m;
    }

    /** Sample-and-hold: the value of the last sample at or before {@code t}, 0 before the first. */
    private static double at(TreeMap<Double, ? extends Number> series, double t) {
        Map.Entry<Double, ? extends Number> e = series.floorEntry(t + 1e-9);
        return e == null ? 0 : e.getValue().doubleValue();
    }

    /** subflow key "connectionIndex/subflowId" → metrics in {@link #TOLERANCES} order. */
    static Map<String, double[]> metrics(Path dir) throws IOException {
        return metrics(dir, null);
    }

    /**
     * As {@link #metrics(Path)}; with a window, goodput = bytes_acked(to) − bytes_acked(from) over its length (sample-and-hold
     * on subflows.csv) and the srtt/cwnd percentiles over the samples inside it; loss events stay whole-run.
     */
    static Map<String, double[]> metrics(Path dir, Window w) throws IOException {
        JsonNode sum = RunDirWriter.readJson(dir.resolve("summary.json"));
        if (!sum.has("connections")) throw new IOException("not a run directory (no summary.json with connections): " + dir);
        Map<String, List<double[]>> series = subflowSeries(dir);   // connId/sf -> {srtt_us, cwnd}
        Map<String, double[]> m = new LinkedHashMap<>();
        int ci = 0;
        for (JsonNode c : sum.path("connections")) {
            // shares from bytes: a subflow's goodput is over its own active time, so goodputs do not add up
            double total = 0;
            for (JsonNode sf : c.path("subflows")) total += goodput(sf, series.getOrDefault(c.path("id").asText() + "/" + sf.path("id").asInt(), List.of()), w);
            double totalBytes = 0;
            for (JsonNode sf : c.path("subflows")) totalBytes += sf.path("bytesAcked").asDouble();
            for (JsonNode sf : c.path("subflows")) {
                String id = c.path("id").asText() + "/" + sf.path("id").asInt();
                List<double[]> ser = series.getOrDefault(id, List.of());
                if (w != null) ser = ser.stream().filter(r -> w.contains(r[3])).toList();
                double[] srtt = ser.stream().mapToDouble(r -> r[0] / 1000).toArray();
                double[] cwnd = ser.stream().mapToDouble(r -> r[1]).toArray();
                double g = goodput(sf, series.getOrDefault(id, List.of()), w);
                m.put(ci + "/" + sf.path("id").asInt(), new double[] {g, Stats.percentile(srtt, 0.5), Stats.percentile(srtt, 0.9),
                        Stats.percentile(cwnd, 0.5), sf.path("ssthreshReductions").asDouble(),
                        w != null ? (total > 0 ? g / total : 0)
                                : (totalBytes > 0 ? sf.path("bytesAcked").asDouble() / totalBytes : 0)});
            }
            ci++;
        }
        return m;
    }

    /** A subflow's goodput: summary.json's, or over the window from its {srtt, cwnd, bytes_acked, t} samples. */
    private static double goodput(JsonNode sf, List<double[]> ser, Window w) {
        if (w == null) return sf.path("goodputMbps").asDouble();
        double from = 0, to = 0;
        for (double[] r : ser) {
            if (r[3] <= w.fromS() + 1e-9) from = r[2];
            if (r[3] <= w.toS() + 1e-9) to = r[2];
        }
        return (to - from) * 8 / (w.toS() - w.fromS()) / 1e6;
    }

    private static Map<String, List<double[]>> subflowSeries(Path dir) throws IOException {
        Map<String, List<double[]>> m = new LinkedHashMap<>();
        List<String> lines = RunDirWriter.readLines(dir.resolve("subflows.csv"));
        for (int i = 1; i < lines.size(); i++) {
            String[] f = lines.get(i).split(",");
            if (f.length < 7) continue;
            m.computeIfAbsent(f[1] + "/" + f[2], k -> new ArrayList<>()).add(new double[] {Double.parseDouble(f[5]), Double.parseDouble(f[3]), Double.parseDouble(f[6]), Double.parseDouble(f[0])});
        }
        return m;
    }

    /** overlay.csv: every sample of every input, goodput from bytes_acked deltas between samples. */
    static void writeOverlay(Path sim, List<Path> kernels, Path file) throws IOException {
        try (PrintWriter w = new PrintWriter(Files.newBufferedWriter(file))) {
            w.print("time_s,source,subflow,cwnd,srtt_us,goodput_mbps\n");
            List<Path> all = new ArrayList<>();
            all.add(sim);
            all.addAll(kernels);
            for (int i = 0; i < all.size(); i++) {
                JsonNode sum = RunDirWriter.readJson(all.get(i).resolve("summary.json"));
                String src = sum.path("source").asText(i == 0 ? "sim" : "kernel") + (i == 0 ? "" : "#" + i);
                for (Map.Entry<String, List<double[]>> e : subflowSeries(all.get(i)).entrySet()) {
                    double[] prev = null;
                    for (double[] r : e.getValue()) {
                        double g = prev == null || r[3] <= prev[3] ? 0 : (r[2] - prev[2]) * 8 / (r[3] - prev[3]) / 1e6;
                        w.printf(Locale.ROOT, "%.6f,%s,%s,%d,%d,%.4f\n", r[3], src, e.getKey(), (long) r[1], (long) r[0], g);
                        prev = r;
                    }
                }
            }
        }
    }
}
