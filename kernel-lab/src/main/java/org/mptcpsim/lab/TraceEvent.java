package org.mptcpsim.lab;

import java.util.HashMap;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * One line of the lab's private tracefs instance ({@code trace_pipe} text). The timestamp {@code t} is in
 * seconds on the instance's clock ({@code mono} on the host). Lines of other events or malformed lines
 * parse to {@code null}.
 */
public sealed interface TraceEvent {
    double t();

    /**
     * {@code tcp:tcp_probe}: fired in tcp_rcv_established, i.e. once per ACK at the data sender.
     * {@code sndUna}/{@code sndNxt} are raw u32 sequence numbers; {@code srttUs} is srtt_us >> 3 (µs).
     */
    record Probe(double t, String src, int sport, String dst, int dport, long sndNxt, long sndUna,
                 int cwnd, long ssthresh, long srttUs, String cookie) implements TraceEvent {
        /** The subflow key: source address and port of the data sender. */
        public String key() {
            return src + ":" + sport;
        }
    }

    /**
     * A {@code tcp_info} sample of one data-sender socket (tcpinfo.c, through sock_diag), for kernels without tcp_probe:
     * fields of tcp_get_info() (net/ipv4/tcp.c): {@code tcpi_snd_cwnd}, {@code tcpi_snd_ssthresh} (= snd_ssthresh, not
     * tcp_current_ssthresh), {@code tcpi_rtt} (srtt_us >> 3, µs), {@code tcpi_bytes_acked} (u64), {@code tcpi_total_retrans},
     * {@code tcpi_ca_state}. Sampled at a fixed period, not per ACK.
     */
    record Info(double t, String src, int sport, String dst, int dport, int cwnd, long ssthresh, long srttUs,
                long bytesAcked, int totalRetrans, int caState) implements TraceEvent {
        public String key() {
            return src + ":" + sport;
        }

        /** As a probe record: snd_una = bytes_acked mod 2^32 (the writer only uses its differences, modulo 2^32). */
        public Probe asProbe() {
            return new Probe(t, src, sport, dst, dport, 0, bytesAcked & 0xffff_ffffL, cwnd, ssthresh, srttUs, null);
        }
    }

    /** {@code tcp:tcp_retransmit_skb}: one retransmitted segment. */
    record Retransmit(double t, String saddr, int sport, int dport) implements TraceEvent {
        public String key() {
            return saddr + ":" + sport;
        }
    }

    /** {@code tcp:tcp_cong_state_set}: ca_state change (0 Open, 1 Disorder, 2 CWR, 3 Recovery, 4 Loss). */
    record CongState(double t, String saddr, int sport, int dport, int state) implements TraceEvent {
        public String key() {
            return saddr + ":" + sport;
        }
    }

    /** {@code tracing_mark_write}: a line the lab wrote into trace_marker ("KLAB start", "KLAB tc 7", ...). */
    record Marker(double t, String text) implements TraceEvent {
    }

    /** Names of ca_state values, indexed by the kernel's enum tcp_ca_state. */
    String[] CA_STATES = {"Open", "Disorder", "CWR", "Recovery", "Loss"};

    Pattern HEAD = Pattern.compile("\\s(\\d+\\.\\d+): ([a-z_]+): (.*)$");
    Pattern KV = Pattern.compile("([a-z_0-9]+)=(\\S+)");

    /** Parses one trace line; null if it is not one of the events above. */
    static TraceEvent parse(String line) {
        Matcher h = HEAD.matcher(line);
        if (!h.find()) return null;
        double t = Double.parseDouble(h.group(1));
        String ev = h.group(2);
        String body = h.group(3);
        try {
            switch (ev) {
                case "tracing_mark_write":
                    return new Marker(t, body.trim());
                case "tcp_probe": {
                    Map<String, String> kv = fields(body);
                    String[] src = hostPort(kv.get("src"));
                    String[] dst = hostPort(kv.get("dest"));
                    return new Probe(t, src[0], Integer.parseInt(src[1]), dst[0], Integer.parseInt(dst[1]),
                            hex(kv.get("snd_nxt")), hex(kv.get("snd_una")), Integer.parseInt(kv.get("snd_cwnd")),
                            Long.parseLong(kv.get("ssthresh")), Long.parseLong(kv.get("srtt")), kv.get("sock_cookie"));
                }
                case "tcp_info": {
                    Map<String, String> kv = fields(body);
                    String[] src = hostPort(kv.get("src"));
                    String[] dst = hostPort(kv.get("dest"));
                    return new Info(t, src[0], Integer.parseInt(src[1]), dst[0], Integer.parseInt(dst[1]), Integer.parseInt(kv.get("snd_cwnd")),
                            Long.parseLong(kv.get("ssthresh")), Long.parseLong(kv.get("srtt")), Long.parseUnsignedLong(kv.get("bytes_acked")),
                            Integer.parseInt(kv.get("total_retrans")), Integer.parseInt(kv.get("ca_state")));
                }
                case "tcp_retransmit_skb": {
                    Map<String, String> kv = fields(body);
                    return new Retransmit(t, kv.get("saddr"), Integer.parseInt(kv.get("sport")), Integer.parseInt(kv.get("dport")));
                }
                case "tcp_cong_state_set": {
                    Map<String, String> kv = fields(body);
                    return new CongState(t, kv.get("saddr"), Integer.parseInt(kv.get("sport")), Integer.parseInt(kv.get("dport")),
                            Integer.parseInt(kv.get("cong_state")));
                }
                default:
                    return null;
            }
        } catch (RuntimeException e) {   // truncated line (ring overrun) or unknown layout
            return null;
        }
    }

    private static Map<String, String> fields(String body) {
        Map<String, String> kv = new HashMap<>();
        Matcher m = KV.matcher(body);
        while (m.find()) kv.putIfAbsent(m.group(1), m.group(2));
        return kv;
    }

    private static String[] hostPort(String s) {
        int i = s.lastIndexOf(':');
        String host = s.substring(0, i);
        if (host.startsWith("[")) host = host.substring(1, host.length() - 1);
        return new String[] {host, s.substring(i + 1)};
    }

    private static long hex(String s) {
        return Long.parseLong(s.startsWith("0x") ? s.substring(2) : s, 16);
    }

    /** Bytes newly acknowledged between two snd_una values, modulo 2^32 (sequence numbers wrap). */
    static long ackedDelta(long prevUna, long una) {
        return (una - prevUna) & 0xffff_ffffL;
    }
}
