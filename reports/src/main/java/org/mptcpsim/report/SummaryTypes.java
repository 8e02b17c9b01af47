package org.mptcpsim.report;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.List;

/**
 * The types of the summary.json fields {@code report} reads (docs/outputs.md): a field may be absent or null (older
 * runs and kernel runs leave some out), but one that is present must have its type, so that a damaged or hand-edited
 * file is refused with the field's path instead of drawing an empty table or "n/a" and exiting 0.
 */
final class SummaryTypes {
    private static final List<String> ROOT_NUMBERS = List.of("seed", "durationS");
    private static final List<String> ENGINE_NUMBERS = List.of("events", "dataPackets", "wallSeconds");
    private static final List<String> CONNECTION_NUMBERS = List.of("goodputMbps", "bytesDelivered", "startS", "completionS",
            "reinjections");
    private static final List<String> SUBFLOW_NUMBERS = List.of("id", "goodputMbps", "retransmits", "srttMeanMs", "srttP99Ms",
            "cwndMean", "ssthreshReductions", "bytesAcked", "startS", "endS", "bytesDelivered");
    private static final List<String> LINK_NUMBERS = List.of("utilization", "drops", "queueMeanPkts", "bufferPkts");

    private SummaryTypes() {
    }

    /** Throws {@link MalformedRunException} ({@code file}: the field's path: what it is and should be) on the first misfit. */
    static void check(JsonNode root, String file) throws MalformedRunException {
        numbers(root, ROOT_NUMBERS, "", file);
        JsonNode d = root.path("durationS");
        if (d.isNumber() && !(d.asDouble() >= 0)) {
            throw new MalformedRunException(file + ": durationS: " + d + " is negative (a run's simulated seconds, at least 0)");
        }
        numbers(root.path("engine"), ENGINE_NUMBERS, "engine.", file);
        numbers(root.path("fairness"), List.of("jain"), "fairness.", file);
        JsonNode conns = list(root, "connections", "", file);
        for (int i = 0; i < conns.size(); i++) {
            String at = "connections[" + i + "].";
            numbers(conns.get(i), CONNECTION_NUMBERS, at, file);
            JsonNode sfs = list(conns.get(i), "subflows", at, file);
            for (int j = 0; j < sfs.size(); j++) {
                numbers(sfs.get(j), SUBFLOW_NUMBERS, at + "subflows[" + j + "].", file);
                list(sfs.get(j), "path", at + "subflows[" + j + "].", file);
            }
        }
        JsonNode links = list(root, "links", "", file);
        for (int k = 0; k < links.size(); k++) {
            numbers(links.get(k), LINK_NUMBERS, "links[" + k + "].", file);
        }
    }

    private static void numbers(JsonNode parent, List<String> fields, String at, String file) throws MalformedRunException {
        if (parent.isMissingNode() || parent.isNull()) {
            return;
        }
        if (!parent.isObject()) {
            throw new MalformedRunException(file + ": " + (at.isEmpty() ? "the top level" : at.substring(0, at.length() - 1))
                    + ": " + brief(parent) + " is not an object");
        }
        for (String f : fields) {
            JsonNode n = parent.path(f);
            if (!n.isMissingNode() && !n.isNull() && !n.isNumber()) {
                throw new MalformedRunException(file + ": " + at + f + ": " + brief(n) + " is not a number");
            }
        }
    }

    /** The list {@code field} of {@code parent} (empty when absent or null). */
    private static JsonNode list(JsonNode parent, String field, String at, String file) throws MalformedRunException {
        JsonNode n = parent.path(field);
        if (n.isMissingNode() || n.isNull()) {
            return com.fasterxml.jackson.databind.node.JsonNodeFactory.instance.arrayNode();
        }
        if (!n.isArray()) {
            throw new MalformedRunException(file + ": " + at + field + ": " + brief(n) + " is not a list");
        }
        return n;
    }

    private static String brief(JsonNode n) {
        String s = n.toString();
        return s.length() > 40 ? s.substring(0, 37) + "..." : s;
    }
}
