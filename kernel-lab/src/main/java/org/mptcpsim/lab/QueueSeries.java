package org.mptcpsim.lab;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * The bottlenecks' tbf counters of one lab run ({@code raw/tc.txt}: qstat's time-stamped lines, or the tc loop's blocks
 * timed by the trace's "KLAB tc N" markers; {@link TcStats})
 * as per-link rows {@code {t, qlen_pkts, qlen_bytes, drops, tx_bytes}} (t relative to the run's start), written as
 * queues.csv (sample-and-hold on the run's grid) and the summary's {@code links[]}.
 */
final class QueueSeries {
    private final List<LabSpec.Link> links;
    /** link id → rows {t, qpkts, qbytes, drops, tx}, in sample order. */
    private final Map<String, List<double[]>> rows = new LinkedHashMap<>();

    private QueueSeries(List<LabSpec.Link> links) {
        this.links = links;
        for (LabSpec.Link l : links) rows.put(l.id(), new ArrayList<>());
    }

    /** Reads {@code raw/tc.txt}; samples without a time marker or of a queue the spec does not shape are skipped. */
    static QueueSeries read(LabSpec spec, Path raw, TraceCapture cap) throws IOException {
        QueueSeries q = new QueueSeries(spec.bottlenecks());
        for (TcStats.Sample s : TcStats.parse(RunDirWriter.readLines(raw.resolve("tc.txt")))) {
            Double t = Double.isNaN(s.timeS()) ? cap.tcTimes.get(s.index()) : Double.valueOf(s.timeS());
            String id = linkId(spec, s.link());
            if (t == null || id == null) continue;
            q.rows.get(id).add(new double[] {t - cap.t0, s.backlogPkts(), s.backlogBytes(), s.drops(), s.sentBytes()});
        }
        return q;
    }

    /** queues.csv: at each of the {@code samples + 1} grid times, every link's last reading at or before it. */
    void writeCsv(Path file, double dt, int samples) throws IOException {
        try (PrintWriter w = new PrintWriter(Files.newBufferedWriter(file))) {
            w.print("time_s,link,qlen_pkts,qlen_bytes,drops,tx_bytes\n");
            for (int k = 0; k <= samples; k++) {
                double x = k * dt;
                for (Map.Entry<String, List<double[]>> e : rows.entrySet()) {
                    double[] r = floor(e.getValue(), x);
                    if (r == null) continue;
                    w.printf(Locale.ROOT, "%.6f,%s,%d,%d,%d,%d\n", x, e.getKey(), (long) r[1], (long) r[2], (long) r[3], (long) r[4]);
                }
            }
        }
    }

    /** The summary's links[]: utilization and drops over [0, dur] from the cumulative counters, mean queue. */
    void writeJson(ArrayNode lj, double dur, List<String> warnings) {
        for (LabSpec.Link l : links) {
            List<double[]> r = rows.get(l.id());
            double[] base = floor(r, 0), end = floor(r, dur);
            if (base == null && !r.isEmpty()) base = r.get(0);
            ObjectNode o = lj.addObject();
            o.put("id", l.id());
            o.put("utilization", RunDirWriter.round(base == null || end == null ? 0 : (end[4] - base[4]) * 8 / (l.rateBps() * dur)));
            o.put("drops", base == null || end == null ? 0 : (long) (end[3] - base[3]));
            o.put("queueMeanPkts", RunDirWriter.round(Stats.mean(r.stream().filter(x -> x[0] >= 0 && x[0] <= dur).mapToDouble(x -> x[1]).toArray())));
            if (r.isEmpty()) warnings.add("link " + l.id() + ": no queue samples");
        }
    }

    /** Maps the lab's queue ids (path1.., shared) to the spec's link ids. */
    private static String linkId(LabSpec spec, String labId) {
        if (labId.equals("shared")) return spec.topology() == LabSpec.Topology.SHARED ? spec.shared().id() : null;
        if (labId.startsWith("path")) {
            int i = Integer.parseInt(labId.substring(4));
            if (i >= 1 && i <= spec.paths().size() && spec.paths().get(i - 1).link() != null) return spec.paths().get(i - 1).link().id();
        }
        return null;
    }

    private static double[] floor(List<double[]> rows, double x) {
        double[] r = null;
        for (double[] row : rows) {
            if (row[0] <= x + 1e-9) r = row;
            else break;
        }
        return r;
    }
}
