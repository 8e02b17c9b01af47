package org.mptcpsim.lab;

import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Parser for the lab's {@code tc.txt}, in either of its two formats:
 * <ul>
 * <li>the fork-free sampler's ({@code qstat.c}): one line per tbf reading, stamped with CLOCK_MONOTONIC (the trace clock),
 * {@code " 12.345678: qdisc: id=path1 kind=tbf sent_bytes=N sent_pkts=N drops=N backlog_bytes=N backlog_pkts=N"};</li>
 * <li>the older {@code tc} loop's (committed captures and references): blocks of {@code @@ <sample> <link>} followed by
 * the output of {@code tc -s qdisc show dev DEV}, the sample's time in the trace's "KLAB tc N" marker. Only the tbf
 * qdisc (the bottleneck) is read; a netem parent is skipped.</li>
 * </ul>
 */
public final class TcStats {
    /**
     * One tbf reading: cumulative sent bytes/packets and drops, instantaneous backlog; {@code timeS} = its trace-clock
     * time (qstat's lines), or NaN when the time is the "KLAB tc {@code index}" marker's (tc blocks; index -1 for qstat).
     */
    public record Sample(int index, String link, long sentBytes, long sentPkts, long drops, long backlogBytes, long backlogPkts, double timeS) {
        /** A reading of the tc loop, timed by its marker. */
        public Sample(int index, String link, long sentBytes, long sentPkts, long drops, long backlogBytes, long backlogPkts) {
            this(index, link, sentBytes, sentPkts, drops, backlogBytes, backlogPkts, Double.NaN);
        }
    }

    private static final Pattern QSTAT = Pattern.compile("^\\s*(\\d+\\.\\d+): qdisc: (.*)$");
    private static final Pattern KV = Pattern.compile("([a-z_]+)=(\\S+)");

    private static final Pattern SENT = Pattern.compile("Sent (\\d+) bytes (\\d+) pkt \\(dropped (\\d+)");
    private static final Pattern BACKLOG = Pattern.compile("backlog (\\d+(?:\\.\\d+)?)([KMG]?)b (\\d+)p");

    private TcStats() {
    }

    public static List<Sample> parse(List<String> lines) {
        List<Sample> out = new ArrayList<>();
        int index = -1;
        String link = null;
        boolean inTbf = false;
        long sb = -1, sp = 0, dr = 0;
        for (String line : lines) {
            Matcher q = QSTAT.matcher(line);
            if (q.matches()) {
                java.util.Map<String, String> kv = new java.util.HashMap<>();
                for (Matcher m = KV.matcher(q.group(2)); m.find(); ) kv.put(m.group(1), m.group(2));
                if (!"tbf".equals(kv.get("kind")) || !kv.containsKey("id")) continue;
                out.add(new Sample(-1, kv.get("id"), num(kv, "sent_bytes"), num(kv, "sent_pkts"), num(kv, "drops"), num(kv, "backlog_bytes"),
                        num(kv, "backlog_pkts"), Double.parseDouble(q.group(1))));
                continue;
            }
            if (line.startsWith("@@ ")) {
                String[] p = line.trim().split("\\s+");
                index = Integer.parseInt(p[1]);
                link = p[2];
                inTbf = false;
                continue;
            }
            if (line.startsWith("qdisc ")) {
                inTbf = line.startsWith("qdisc tbf ");
                sb = -1;
                continue;
            }
            if (!inTbf || link == null) continue;
            Matcher s = SENT.matcher(line);
            if (s.find()) {
                sb = Long.parseLong(s.group(1));
                sp = Long.parseLong(s.group(2));
                dr = Long.parseLong(s.group(3));
                continue;
            }
            Matcher b = BACKLOG.matcher(line);
            if (b.find() && sb >= 0) {
                out.add(new Sample(index, link, sb, sp, dr, size(b.group(1), b.group(2)), Long.parseLong(b.group(3))));
                inTbf = false;
            }
        }
        return out;
    }

    private static long num(java.util.Map<String, String> kv, String key) {
        String v = kv.get(key);
        if (v == null) throw new IllegalArgumentException("qstat line without " + key + "=: " + kv);
        return Long.parseLong(v);
    }

    /** iproute2's sprint_size: plain bytes, or rounded Kb/Mb (1024-based) when close to a multiple. */
    static long size(String num, String suffix) {
        double v = Double.parseDouble(num);
        return switch (suffix) {
            case "K" -> Math.round(v * 1024);
            case "M" -> Math.round(v * 1024 * 1024);
            case "G" -> Math.round(v * 1024 * 1024 * 1024);
            default -> Math.round(v);
        };
    }
}
