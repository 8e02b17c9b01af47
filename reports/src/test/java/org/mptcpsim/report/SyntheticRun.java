package org.mptcpsim.report;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;

/**
 * Writes a small, fully known run directory for tests.
 *
 * <p>Connections: {@code m1} (mptcp, subflow 0 on "wifi", subflow 1 on "lte") and {@code t1}
 * (tcp, subflow 0 on "wifi"). Ten samples at t = 0.1 i s, i = 1..10:
 * <ul>
 * <li>m1 sf0: cwnd 10+i, ssthresh infinite (2147483647) for i < 4 else 20, srtt 20000+1000 i us,
 *     bytes_acked 125000 i (so 125000 B x 8 / 0.1 s = 10 Mbit/s per interval);</li>
 * <li>m1 sf1: cwnd 5+i, ssthresh 8, srtt 40000 us, bytes_acked 62500 i (5 Mbit/s);</li>
 * <li>t1 sf0: cwnd 12, ssthresh 30, srtt 25000 us, bytes_acked 100000 i (8 Mbit/s);</li>
 * <li>connections.csv: m1 delivers {@code round(m1Mbps x 12500)} bytes per 0.1 s (m1Mbps x 1e6 / 8 x
 *     0.1), t1 100000 B per 0.1 s (8 Mbit/s);</li>
 * <li>queues.csv: link wifi qlen i mod 4 packets (x1500 bytes), drops i / 3 (integer division),
 *     tx 150000 i; link lte qlen 2, drops 0.</li>
 * </ul>
 * summary.json carries the numbers of {@link Params}; it also has fields outside the contract
 * ("extra") and the CSVs carry an extra column, which readers must tolerate.
 */
public final class SyntheticRun {
    /** The summary numbers a test controls. */
    public record Params(String scenario, long seed, double m1Mbps, double jain, double srttP99Ms, long retransmits) {
        /** The defaults used by chart and report tests. */
        public static Params defaults() {
            return new Params("two-paths", 1, 15.0, 0.95, 31.5, 120);
        }
    }

    private SyntheticRun() {
    }

    /** Writes the run into {@code dir} (created if needed). */
    public static void write(Path dir, Params p) throws IOException {
        Files.createDirectories(dir);
        StringBuilder sf = new StringBuilder("time_s,connection,subflow,cwnd,ssthresh,srtt_us,bytes_acked,ca_state,extra\n");
        StringBuilder cn = new StringBuilder("time_s,connection,bytes_delivered\n");
        StringBuilder q = new StringBuilder("time_s,link,qlen_pkts,qlen_bytes,drops,tx_bytes\n");
        long m1Step = Math.round(p.m1Mbps() * 12500);
        for (int i = 1; i <= 10; i++) {
            String t = String.format(Locale.ROOT, "%.6f", 0.1 * i);
            sf.append(t).append(",m1,0,").append(10 + i).append(',').append(i < 4 ? 2147483647L : 20)
                    .append(',').append(20000 + 1000 * i).append(',').append(125000L * i).append(",Open,x\n");
            sf.append(t).append(",m1,1,").append(5 + i).append(",8,40000,").append(62500L * i).append(",Open,x\n");
            sf.append(t).append(",t1,0,12,30,25000,").append(100000L * i).append(",Recovery,x\n");
            cn.append(t).append(",m1,").append(m1Step * i).append('\n');
            cn.append(t).append(",t1,").append(100000L * i).append('\n');
            q.append(t).append(",wifi,").append(i % 4).append(',').append(1500 * (i % 4)).append(',')
                    .append(i / 3).append(',').append(150000L * i).append('\n');
            q.append(t).append(",lte,2,3000,0,").append(75000L * i).append('\n');
        }
        Files.writeString(dir.resolve("subflows.csv"), sf, StandardCharsets.UTF_8);
        Files.writeString(dir.resolve("connections.csv"), cn, StandardCharsets.UTF_8);
        Files.writeString(dir.resolve("queues.csv"), q, StandardCharsets.UTF_8);
        String json = "{\n"
                + "  \"scenario\": \"" + p.scenario().replace("\\", "\\\\").replace("\"", "\\\"") + "\",\n"
                + "  \"seed\": " + p.seed() + ", \"durationS\": 1.0, \"source\": \"sim\", \"extra\": {\"a\": [1, 2]},\n"
                + "  \"kernel\": {\"flavour\": \"mptcp-v0.95\", \"net.ipv4.tcp_congestion_control\": \"lia\","
                + " \"mptcp_fullmesh.num_subflows\": 2},\n"
                + "  \"connections\": [\n"
                + "    {\"id\": \"m1\", \"type\": \"mptcp\", \"cc\": \"lia\", \"pm\": \"fullmesh\", \"scheduler\": \"default\","
                + " \"goodputMbps\": " + p.m1Mbps() + ", \"bytesDelivered\": " + m1Step * 10 + ", \"subflows\": [\n"
                + "      {\"id\": 0, \"path\": [\"wifi\"], \"goodputMbps\": 10.0, \"retransmits\": " + p.retransmits()
                + ", \"srttMeanMs\": 25.5, \"srttP99Ms\": " + p.srttP99Ms() + ", \"cwndMean\": 15.5,"
                + " \"ssthreshReductions\": 3, \"bytesAcked\": 1250000},\n"
                + "      {\"id\": 1, \"path\": [\"lte\"], \"goodputMbps\": 5.0, \"retransmits\": 7,"
                + " \"srttMeanMs\": 40.0, \"srttP99Ms\": 40.0, \"cwndMean\": 10.5, \"ssthreshReductions\": 1,"
                + " \"bytesAcked\": 625000, \"future\": true}]},\n"
                + "    {\"id\": \"t1\", \"type\": \"tcp\", \"cc\": \"reno\", \"pm\": \"\", \"scheduler\": \"\","
                + " \"goodputMbps\": 8.0, \"bytesDelivered\": 1000000, \"subflows\": [\n"
                + "      {\"id\": 0, \"path\": [\"wifi\"], \"goodputMbps\": 8.0, \"retransmits\": 50,"
                + " \"srttMeanMs\": 25.0, \"srttP99Ms\": 99.0, \"cwndMean\": 12.0, \"ssthreshReductions\": 2,"
                + " \"bytesAcked\": 1000000}]}\n"
                + "  ],\n"
                + "  \"links\": [{\"id\": \"wifi\", \"utilization\": 0.97, \"drops\": 3, \"queueMeanPkts\": 1.5},"
                + " {\"id\": \"lte\", \"utilization\": 0.5, \"drops\": 0, \"queueMeanPkts\": 2.0}],\n"
                + "  \"fairness\": {\"jain\": " + p.jain() + "},\n"
                + "  \"engine\": {\"events\": 123456, \"dataPackets\": 100000, \"wallSeconds\": 1.25}\n"
                + "}\n";
        Files.writeString(dir.resolve("summary.json"), json, StandardCharsets.UTF_8);
    }
}
