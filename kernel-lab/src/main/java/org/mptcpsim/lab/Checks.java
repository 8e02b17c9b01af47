package org.mptcpsim.lab;

import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

/**
 * The run's self-check: was the lab, not TCP, the limit? A run is invalid when the delay line or its TUN
 * queue dropped packets, when the achieved total exceeds the configured ceiling (shaper not in effect),
 * when the CPU was saturated while the links were under-used, when iperf3 failed, or when no data
 * subflow was traced, or when the MPTCP connection ran on fewer subflows than configured (e.g. it fell back to
 * plain TCP, or an endpoint never joined). Low utilization alone is TCP's business and only a warning.
 *
 * @param ceilingMbps  Σ tbf rate × payload/wire ({@link RunDirWriter#payload}: 1448/1514 for TCP, 1424/1514 for upstream
 *                     MPTCP, 1428/1514 for the out-of-tree kernel's)
 * @param payloadBytes the payload per full data segment the ceiling assumes
 * @param achievedMbps what the connections delivered together per second ({@link RunDirWriter#aggregateMbps}: Σ goodput, or Σ bytes over
 *                     their common span when they started apart)
 * @param cpuBusy      fraction of CPU time not idle during the run (all CPUs of the kernel under test)
 */
public record Checks(double ceilingMbps, double payloadBytes, double achievedMbps, double cpuBusy, long delayLineDrops, long tunDrops,
                     int configuredSubflows, int seenSubflows, String invalidReason, List<String> warnings) {
    private static final Pattern DL = Pattern.compile("dropped=(\\d+)");

    /**
     * @param seenSubflows subflows of the data connection that were traced (tcp_probe records), or -1 when unknown
     */
    static Checks of(LabSpec spec, double payloadBytes, Path raw, double achievedMbps, boolean noConnections, int seenSubflows) throws IOException {
        int configured = configuredSubflows(spec);
        double ratio = payloadBytes / RunDirWriter.WIRE;
        double ceiling = spec.totalRateBps() * ratio / 1e6;
        double cpu = cpuBusy(RunDirWriter.readLines(raw.resolve("cpu-start.txt")), RunDirWriter.readLines(raw.resolve("cpu-end.txt")));
        long dl = 0, tun = 0;
        try (Stream<Path> files = Files.list(raw)) {
            for (Path f : files.sorted().toList()) {
                String n = f.getFileName().toString();
                if (n.startsWith("delayline-") && n.endsWith(".log")) {
                    Matcher m = DL.matcher(Files.readString(f));
                    if (m.find()) dl += Long.parseLong(m.group(1));
                } else if (n.startsWith("links-") && n.endsWith(".txt")) {
                    tun += tunTxDropped(RunDirWriter.readLines(f));
                }
            }
        }
        List<String> warn = new ArrayList<>();
        String invalid = null;
        String clientErr = RunDirWriter.readJson(raw.resolve("client.json")).path("error").asText("");
        if (!clientErr.isEmpty()) invalid = "iperf3 client failed: " + clientErr;
        else if (noConnections || achievedMbps <= 0) invalid = "no data was transferred";
        else if (seenSubflows >= 0 && seenSubflows < configured) invalid = subflowShortfall(spec, configured, seenSubflows);
        else if (dl > 0 || tun > 0) invalid = "the delay line dropped packets (delayline " + dl + ", tun queue " + tun + "): the lab, not TCP, lost them";
        else if (achievedMbps > ceiling * 1.03) invalid = String.format(Locale.ROOT, "achieved %.2f Mbit/s is above the ceiling %.2f: the shaper was not in effect", achievedMbps, ceiling);
        else if (cpu > 0.9 && achievedMbps < 0.9 * ceiling) invalid = String.format(Locale.ROOT, "CPU-bound: %.0f %% busy at %.0f %% of the ceiling", cpu * 100, 100 * achievedMbps / ceiling);
        if (invalid == null && achievedMbps < 0.9 * ceiling) warn.add(String.format(Locale.ROOT, "achieved %.1f %% of the ceiling (TCP did not fill the links)", 100 * achievedMbps / ceiling));
        return new Checks(ceiling, payloadBytes, achievedMbps, cpu, dl, tun, configured, seenSubflows, invalid, warn);
    }

    /** Subflows the scenario configured for the data connection: Σ per-path subflows (MPTCP), 1 (plain TCP). */
    static int configuredSubflows(LabSpec spec) {
        return spec.mptcp() ? spec.paths().stream().mapToInt(LabSpec.Path::subflows).sum() : 1;
    }

    static String subflowShortfall(LabSpec spec, int configured, int seen) {
        String what = spec.mptcp() && seen <= 1
                ? " (MPTCP fell back to plain TCP or no join succeeded: check mptcp-monitor.txt, nstat.txt)"
                : " (some subflows never carried data: check mptcp-monitor.txt for failed joins)";
        return "the " + (spec.mptcp() ? "MPTCP" : "TCP") + " connection ran on fewer subflows than configured: configured "
                + configured + ", seen " + seen + what;
    }

    void write(ObjectNode o) {
        o.put("ceilingMbps", RunDirWriter.round(ceilingMbps));
        o.put("payloadBytes", (long) payloadBytes);
        o.put("achievedMbps", RunDirWriter.round(achievedMbps));
        o.put("achievedFraction", RunDirWriter.round(ceilingMbps > 0 ? achievedMbps / ceilingMbps : 0));
        o.put("cpuBusy", RunDirWriter.round(cpuBusy));
        o.put("delayLineDrops", delayLineDrops);
        o.put("tunDrops", tunDrops);
        o.put("configuredSubflows", configuredSubflows);
        if (seenSubflows >= 0) o.put("seenSubflows", seenSubflows);
    }

    /** Busy fraction between two "cpu ..." lines of /proc/stat (idle + iowait count as idle). */
    static double cpuBusy(List<String> start, List<String> end) {
        if (start.isEmpty() || end.isEmpty()) return 0;
        long[] a = cpu(start.get(0)), b = cpu(end.get(0));
        long total = 0, idle = 0;
        for (int i = 0; i < Math.min(a.length, b.length); i++) {
            long d = b[i] - a[i];
            total += d;
            if (i == 3 || i == 4) idle += d;
        }
        return total <= 0 ? 0 : (total - idle) / (double) total;
    }

    private static long[] cpu(String line) {
        String[] p = line.trim().split("\\s+");
        long[] v = new long[Math.min(p.length - 1, 8)];   // user nice system idle iowait irq softirq steal
        for (int i = 0; i < v.length; i++) v[i] = Long.parseLong(p[i + 1]);
        return v;
    }

    /** TX "dropped" of the dl0 device in {@code ip -s link show} output. */
    static long tunTxDropped(List<String> lines) {
        boolean inDl = false;
        for (int i = 0; i < lines.size(); i++) {
            String l = lines.get(i);
            if (l.matches("^\\d+: .*")) inDl = l.matches("^\\d+: dl0[:@].*");
            if (inDl && l.trim().startsWith("TX:") && i + 1 < lines.size()) {
                String[] v = lines.get(i + 1).trim().split("\\s+");
                return v.length > 3 ? Long.parseLong(v[3]) : 0;
            }
        }
        return 0;
    }
}
