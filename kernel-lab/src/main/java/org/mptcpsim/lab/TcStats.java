package org.mptcpsim.lab;

import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Parser for the lab's {@code tc.txt}: blocks of {@code @@ <sample> <link>} followed by the output of
 * {@code tc -s qdisc show dev DEV}. Only the tbf qdisc (the bottleneck) is read; a netem parent is skipped.
 */
public final class TcStats {
    /** One tbf reading: cumulative sent bytes/packets and drops, instantaneous backlog. */
    public record Sample(int index, String link, long sentBytes, long sentPkts, long drops, long backlogBytes, long backlogPkts) {
    }

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
