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
        Fields f = new Fields(file.getFileName().toString());
        List<Summary.Connection> conns = new ArrayList<>();
        JsonNode cs = f.list(root, "", "connections");
        for (int i = 0; i < cs.size(); i++) {
            conns.add(connection(f, cs.get(i), "connections[" + i + "]."));
        }
        List<Summary.Link> links = new ArrayList<>();
        JsonNode ls = f.list(root, "", "links");
        for (int i = 0; i < ls.size(); i++) {
            JsonNode l = ls.get(i);
            String at = "links[" + i + "].";
            links.add(new Summary.Link(l.path("id").asText(""), f.num(l, at, "utilization"),
                    f.lng(l, at, "drops", 0), f.num(l, at, "queueMeanPkts"),
                    f.lng(l, at, "bufferPkts", Summary.Link.NO_LIMIT)));
        }
        JsonNode e = f.object(root, "engine");
        double duration = f.num(root, "", "durationS");
        if (duration < 0) {
            throw new MalformedRunException(f.file + ": durationS: " + root.path("durationS")
                    + " is negative (a run's simulated seconds, at least 0)");
        }
        return new Summary(root.path("scenario").asText(""), f.lng(root, "", "seed", 0),
                duration, root.path("source").asText(""), kernel(root.path("kernel")),
                Collections.unmodifiableList(conns), Collections.unmodifiableList(links),
                f.num(f.object(root, "fairness"), "fairness.", "jain"),
                new Summary.Engine(f.lng(e, "engine.", "events", 0), f.lng(e, "engine.", "dataPackets", 0),
                        f.num(e, "engine.", "wallSeconds")), texts(root.path("overrides")), transfers(root));
    }

    /**
     * The fields report reads, checked as they are read: one may be absent or null (older runs and kernel runs leave
     * some out), but one that is there must have its type, so that a damaged or hand-edited file is refused with the
     * field's path ({@code file: connections[0].goodputMbps: "fast" is not a number}) instead of drawing an empty
     * table or "n/a" and exiting 0.
     */
    private record Fields(String file) {
        double num(JsonNode parent, String at, String field) {
            JsonNode n = parent.path(field);
            if (absent(n)) {
                return Double.NaN;
            }
            if (!n.isNumber()) {
                throw new MalformedRunException(file + ": " + at + field + ": " + brief(n) + " is not a number");
            }
            return n.asDouble();
        }

        long lng(JsonNode parent, String at, String field, long dflt) {
            double v = num(parent, at, field);
            return Double.isNaN(v) ? dflt : parent.path(field).asLong();
        }

        /** The list {@code field} of {@code parent} (empty when absent or null). */
        JsonNode list(JsonNode parent, String at, String field) {
            JsonNode n = parent.path(field);
            if (absent(n)) {
                return com.fasterxml.jackson.databind.node.JsonNodeFactory.instance.arrayNode();
            }
            if (!n.isArray()) {
                throw new MalformedRunException(file + ": " + at + field + ": " + brief(n) + " is not a list");
            }
            return n;
        }

        /** The object {@code field} of the top level (a missing node when absent or null). */
        JsonNode object(JsonNode root, String field) {
            JsonNode n = root.path(field);
            if (!absent(n) && !n.isObject()) {
                throw new MalformedRunException(file + ": " + field + ": " + brief(n) + " is not an object");
            }
            return n;
        }

        private static boolean absent(JsonNode n) {
            return n.isMissingNode() || n.isNull();
        }

        private static String brief(JsonNode n) {
            String s = n.toString();
            return s.length() > 40 ? s.substring(0, 37) + "..." : s;
        }
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

    private static Summary.Connection connection(Fields f, JsonNode c, String at) {
        List<Summary.Subflow> sfs = new ArrayList<>();
        JsonNode ss = f.list(c, at, "subflows");
        for (int j = 0; j < ss.size(); j++) {
            JsonNode s = ss.get(j);
            String a = at + "subflows[" + j + "].";
            List<String> path = new ArrayList<>();
            for (JsonNode p : f.list(s, a, "path")) {
                path.add(p.asText());
            }
            sfs.add(new Summary.Subflow((int) f.lng(s, a, "id", 0), Collections.unmodifiableList(path),
                    f.num(s, a, "goodputMbps"), f.lng(s, a, "retransmits", 0), f.num(s, a, "srttMeanMs"),
                    f.num(s, a, "srttP99Ms"), f.num(s, a, "cwndMean"), f.lng(s, a, "ssthreshReductions", 0),
                    f.lng(s, a, "bytesAcked", 0), f.num(s, a, "startS"), f.num(s, a, "endS"),
                    f.lng(s, a, "bytesDelivered", -1)));
        }
        return new Summary.Connection(c.path("id").asText(""), c.path("type").asText(""),
                c.path("cc").asText(""), c.path("pm").asText(""), c.path("scheduler").asText(""),
                f.num(c, at, "goodputMbps"), f.lng(c, at, "bytesDelivered", 0),
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
