package org.mptcpsim.report;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.mptcpsim.scenario.parse.JsonSyntax;

/** Reads summary.json with Jackson's tree model; unknown fields are ignored. */
final class SummaryReader {
    private SummaryReader() {
    }

    static Summary read(Path file) throws IOException {
        JsonNode root;
        try {
            root = new ObjectMapper().readTree(file.toFile());
        } catch (JsonProcessingException e) {
            throw new MalformedRunException(file.getFileName() + ":" + e.getLocation().getLineNr() + ":"
                    + e.getLocation().getColumnNr() + ": not valid JSON: "
                    + JsonSyntax.problem(e.getOriginalMessage(), "summary.json"));
        }
        if (root == null || !root.isObject()) {
            throw new MalformedRunException(file.getFileName() + ":1: expected a JSON object");
        }
        SummaryTypes.check(root, file.getFileName().toString());
        List<Summary.Connection> conns = new ArrayList<>();
        for (JsonNode c : root.path("connections")) {
            conns.add(connection(c));
        }
        List<Summary.Link> links = new ArrayList<>();
        for (JsonNode l : root.path("links")) {
            links.add(new Summary.Link(l.path("id").asText(""), num(l, "utilization"),
                    l.path("drops").asLong(0), num(l, "queueMeanPkts"),
                    l.path("bufferPkts").asLong(Summary.Link.NO_LIMIT)));
        }
        JsonNode e = root.path("engine");
        return new Summary(root.path("scenario").asText(""), root.path("seed").asLong(0),
                num(root, "durationS"), root.path("source").asText(""), kernel(root.path("kernel")),
                Collections.unmodifiableList(conns), Collections.unmodifiableList(links),
                num(root.path("fairness"), "jain"),
                new Summary.Engine(e.path("events").asLong(0), e.path("dataPackets").asLong(0),
                        num(e, "wallSeconds")), texts(root.path("overrides")), transfers(root));
    }

    private static Summary.Transfers transfers(JsonNode root) {
        JsonNode t = root.path("transfers");
        long stalls = 0;
        double stallTime = 0;
        boolean streams = false;
        for (JsonNode c : root.path("connections")) {
            JsonNode a = c.path("app");
            if ("stream".equals(a.path("kind").asText())) {
                streams = true;
                stalls += a.path("stalls").asLong(0);
                stallTime += a.path("stallTimeS").asDouble(0);
            }
        }
        if (t.isMissingNode() && !streams) {
            return Summary.Transfers.NONE;
        }
        JsonNode f = t.path("fctMs");
        JsonNode s = t.path("slowdown");
        return new Summary.Transfers(t.path("count").asLong(0), t.path("completed").asLong(0), num(f, "p50"),
                num(f, "p95"), num(f, "p99"), num(s, "p50"), num(s, "p99"), stalls, streams ? stallTime : Double.NaN,
                streams);
    }

    /** engine.json's {@code wallSeconds}, NaN when the file or the field is missing or unreadable. */
    static double wallSeconds(Path file) {
        if (!Files.isRegularFile(file)) {
            return Double.NaN;
        }
        try {
            return num(new ObjectMapper().readTree(file.toFile()), "wallSeconds");
        } catch (IOException e) {
            return Double.NaN;
        }
    }

    private static Map<String, String> texts(JsonNode o) {
        Map<String, String> out = new LinkedHashMap<>();
        for (Iterator<Map.Entry<String, JsonNode>> it = o.fields(); it.hasNext(); ) {
            Map.Entry<String, JsonNode> f = it.next();
            out.put(f.getKey(), f.getValue().asText());
        }
        return Collections.unmodifiableMap(out);
    }

    private static Summary.Connection connection(JsonNode c) {
        List<Summary.Subflow> sfs = new ArrayList<>();
        for (JsonNode s : c.path("subflows")) {
            List<String> path = new ArrayList<>();
            for (JsonNode p : s.path("path")) {
                path.add(p.asText());
            }
            sfs.add(new Summary.Subflow(s.path("id").asInt(0), Collections.unmodifiableList(path),
                    num(s, "goodputMbps"), s.path("retransmits").asLong(0), num(s, "srttMeanMs"),
                    num(s, "srttP99Ms"), num(s, "cwndMean"), s.path("ssthreshReductions").asLong(0),
                    s.path("bytesAcked").asLong(0), num(s, "startS"), num(s, "endS"),
                    s.path("bytesDelivered").asLong(-1)));
        }
        return new Summary.Connection(c.path("id").asText(""), c.path("type").asText(""),
                c.path("cc").asText(""), c.path("pm").asText(""), c.path("scheduler").asText(""),
                num(c, "goodputMbps"), c.path("bytesDelivered").asLong(0),
                Collections.unmodifiableList(sfs));
    }

    private static Map<String, String> kernel(JsonNode k) {
        Map<String, String> out = new LinkedHashMap<>();
        for (Iterator<Map.Entry<String, JsonNode>> it = k.fields(); it.hasNext(); ) {
            Map.Entry<String, JsonNode> f = it.next();
            JsonNode v = f.getValue();
            out.put(f.getKey(), text(v));
        }
        return Collections.unmodifiableMap(out);
    }

    /** A kernel value as text: scalars as written, an array's items joined by spaces. */
    static String text(JsonNode v) {
        if (v.isArray()) {
            StringBuilder b = new StringBuilder();
            for (JsonNode x : v) {
                b.append(b.length() == 0 ? "" : " ").append(text(x));
            }
            return b.toString();
        }
        return v.isValueNode() ? v.asText() : v.toString();
    }

    private static double num(JsonNode parent, String field) {
        JsonNode n = parent.path(field);
        return n.isNumber() ? n.asDouble() : Double.NaN;
    }
}
