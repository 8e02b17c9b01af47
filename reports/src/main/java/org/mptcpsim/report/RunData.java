package org.mptcpsim.report;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;

/**
 * Everything a run directory holds (docs/outputs.md), loaded into plain immutable lists. Charts
 * and reports are drawn only from this, so any old run can be redrawn. A missing CSV reads as
 * empty (its charts are then skipped); a missing summary.json is an error.
 */
public record RunData(Path dir, Summary summary, List<SubflowSample> subflows,
                      List<ConnectionSample> connections, List<QueueSample> queues, List<RunEvent> events,
                      List<TransferSample> transfers) {

    public RunData(Path dir, Summary summary, List<SubflowSample> subflows, List<ConnectionSample> connections,
                   List<QueueSample> queues, List<RunEvent> events) {
        this(dir, summary, subflows, connections, queues, events, List.of());
    }

    /** Loads {@code dir}; throws {@link MalformedRunException} naming file and line on bad input. */
    public static RunData load(Path dir) throws IOException {
        Path summary = dir.resolve("summary.json");
        if (!Files.isRegularFile(summary)) {
            throw new NoSuchFileException(summary.toString(), null, "no summary.json in run directory");
        }
        Summary s = SummaryReader.read(summary);
        double wall = SummaryReader.wallSeconds(dir.resolve("engine.json"));
        if (!Double.isNaN(wall)) {
            s = s.withWallSeconds(wall);
        }
        return new RunData(dir, s, subflows(dir.resolve("subflows.csv")),
                connections(dir.resolve("connections.csv")), queues(dir.resolve("queues.csv")),
                events(dir.resolve("events.csv")), transfers(dir.resolve("flows.csv")));
    }

    /** The transfers of the run directory {@code dir} (its flows.csv; empty when there is none). */
    public static List<TransferSample> transfersOf(Path dir) throws IOException {
        return transfers(dir.resolve("flows.csv"));
    }

    /** flows.csv (absent in runs without applications: empty). */
    static List<TransferSample> transfers(Path file) throws IOException {
        if (!Files.isRegularFile(file)) {
            return List.of();
        }
        Csv t = Csv.read(file, "connection", "kind", "n", "size_bytes", "start_s", "end_s", "fct_ms", "ideal_ms",
                "slowdown");
        List<TransferSample> out = new ArrayList<>(t.size());
        for (int r = 0; r < t.size(); r++) {
            out.add(new TransferSample(t.text(r, "connection"), t.text(r, "kind"), t.integer(r, "n"),
                    t.integer(r, "size_bytes"), t.decimal(r, "start_s"), opt(t, r, "end_s"), opt(t, r, "fct_ms"),
                    opt(t, r, "ideal_ms"), opt(t, r, "slowdown")));
        }
        return Collections.unmodifiableList(out);
    }

    private static double opt(Csv t, int r, String column) {
        return t.text(r, column).isEmpty() ? Double.NaN : t.decimal(r, column);
    }

    /**
     * events.csv; the link of a link event comes from the {@code link} column, or in runs written
     * before it existed from the first word of {@code detail}.
     */
    private static List<RunEvent> events(Path file) throws IOException {
        if (!Files.isRegularFile(file)) {
            return List.of();
        }
        Csv t = Csv.read(file, "time_s", "connection", "subflow", "event");
        List<RunEvent> out = new ArrayList<>(t.size());
        for (int r = 0; r < t.size(); r++) {
            String sub = t.text(r, "subflow");
            String event = t.text(r, "event");
            String link = t.has("link") ? t.text(r, "link") : "";
            if (link.isEmpty() && event.startsWith("link_") && t.has("detail")) {
                link = t.text(r, "detail").split(" ")[0];
            }
            out.add(new RunEvent(t.decimal(r, "time_s"), t.text(r, "connection"),
                    sub.isEmpty() ? -1 : (int) t.integer(r, "subflow"), event, link,
                    t.has("direction") ? t.text(r, "direction") : ""));
        }
        return Collections.unmodifiableList(out);
    }

    private static List<SubflowSample> subflows(Path file) throws IOException {
        if (!Files.isRegularFile(file)) {
            return List.of();
        }
        Csv t = Csv.read(file, "time_s", "connection", "subflow", "cwnd", "ssthresh", "srtt_us",
                "bytes_acked", "ca_state");
        List<SubflowSample> out = new ArrayList<>(t.size());
        for (int r = 0; r < t.size(); r++) {
            out.add(new SubflowSample(t.decimal(r, "time_s"), t.text(r, "connection"),
                    (int) t.integer(r, "subflow"), t.integer(r, "cwnd"), ssthresh(t, r),
                    t.integer(r, "srtt_us"), t.integer(r, "bytes_acked"), t.text(r, "ca_state")));
        }
        return Collections.unmodifiableList(out);
    }

    /** Empty (or the kernel's 2147483647 in older runs) is an infinite ssthresh. */
    private static long ssthresh(Csv t, int r) {
        return t.text(r, "ssthresh").isEmpty() ? SubflowSample.INFINITE_SSTHRESH : t.integer(r, "ssthresh");
    }

    private static List<ConnectionSample> connections(Path file) throws IOException {
        if (!Files.isRegularFile(file)) {
            return List.of();
        }
        Csv t = Csv.read(file, "time_s", "connection", "bytes_delivered");
        List<ConnectionSample> out = new ArrayList<>(t.size());
        for (int r = 0; r < t.size(); r++) {
            out.add(new ConnectionSample(t.decimal(r, "time_s"), t.text(r, "connection"),
                    t.integer(r, "bytes_delivered")));
        }
        return Collections.unmodifiableList(out);
    }

    private static List<QueueSample> queues(Path file) throws IOException {
        if (!Files.isRegularFile(file)) {
            return List.of();
        }
        Csv t = Csv.read(file, "time_s", "link", "qlen_pkts", "qlen_bytes", "drops", "tx_bytes");
        List<QueueSample> out = new ArrayList<>(t.size());
        for (int r = 0; r < t.size(); r++) {
            out.add(new QueueSample(t.decimal(r, "time_s"), t.text(r, "link"), t.integer(r, "qlen_pkts"),
                    t.integer(r, "qlen_bytes"), t.integer(r, "drops"), t.integer(r, "tx_bytes")));
        }
        return Collections.unmodifiableList(out);
    }
}
