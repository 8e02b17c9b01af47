package org.mptcpsim.study;

import java.util.Locale;

/** Human axis labels for swept keys: {@code links.wifi.rate} with unit {@code Mbit} reads "wifi rate (Mbit/s)". */
final class SweepLabels {
    private SweepLabels() {
    }

    /** The label of swept {@code key} whose values carry {@code unit} (may be empty). */
    static String label(String key, String unit) {
        String name = human(key);
        String u = unit(unit);
        return u.isEmpty() ? name : name + " (" + u + ")";
    }

    static String human(String key) {
        String[] p = key.split("\\.");
        if (p.length == 3 && (p[0].equals("links") || p[0].equals("paths"))) {
            return p[1] + " " + field(p[2]);
        }
        if (p.length == 3 && p[0].equals("connections")) {
            return p[1] + " " + field(p[2]);
        }
        return switch (key) {
            case "net.ipv4.tcp_congestion_control" -> "congestion control";
            case "net.mptcp.mptcp_path_manager" -> "path manager";
            case "net.mptcp.mptcp_scheduler" -> "scheduler";
            case "duration" -> "duration";
            default -> key;
        };
    }

    private static String field(String f) {
        return switch (f) {
            case "rate" -> "rate";
            case "delay" -> "one-way delay";
            case "loss" -> "loss rate";
            case "buffer" -> "buffer";
            case "start" -> "start time";
            default -> f;
        };
    }

    /** A rate unit as a rate ({@code Mbit} to {@code Mbit/s}); other units unchanged. */
    static String unit(String u) {
        return switch (u.toLowerCase(Locale.ROOT)) {
            case "bit", "kbit", "mbit", "gbit" -> u + "/s";
            default -> u;
        };
    }
}
