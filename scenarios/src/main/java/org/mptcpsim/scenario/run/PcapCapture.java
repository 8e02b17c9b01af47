package org.mptcpsim.scenario.run;

import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.util.IdentityHashMap;
import java.util.Map;
import java.util.function.Function;

import org.mptcpsim.core.Time;
import org.mptcpsim.net.Link;
import org.mptcpsim.net.Packet;
import org.mptcpsim.net.PacketTap;

/**
 * A packet capture of one scenario link, both directions, as {@code tcpdump -s 128} on the receiving
 * end of each direction would write it: a classic pcap file with nanosecond timestamps (magic
 * {@code a1b23c4d}) and raw IPv4 packets ({@code LINKTYPE_RAW}), the headers only (caplen) with the
 * full IP length (len). Timestamps are simulated time, so the same scenario and seed give the same
 * bytes. The headers are synthesised from the simulated segment: IPv4 addresses
 * {@code 10.(n >> 8).(n & 255).i} (n = the host's node number + 1, i = the interface's address id),
 * the client's port from the connection's ephemeral range and port 5201 on the server, sequence and
 * acknowledgement numbers = the subflow's ISN + segment index x MSS (as the simulator numbers bytes), TCP timestamps in ms, the window in units of 128
 * bytes (window scale 7, announced in the SYN), and on MPTCP subflows a DSS option (data ACK,
 * mapping of the 8-byte data sequence number). docs/outputs.md, "Packet captures".
 */
final class PcapCapture implements PacketTap {
    /** What the capture needs to know of a subflow, for packets of either direction. */
    record Flow(int clientIp, int serverIp, int clientPort, boolean serverSends, int isn,
                java.util.function.IntSupplier mss, Mptcp mp) {
    }

    /**
     * An MPTCP subflow's options (null for plain TCP): protocol version (0: RFC 6824, the out-of-tree kernel; 1: RFC 8684,
     * upstream), whether it is a join, the connection's two keys (synthesised per connection) and the subflow's
     * address id and backup flag.
     */
    record Mptcp(int version, boolean join, long clientKey, long serverKey, int addressId, boolean backup, long idsn) {
        /** With {@code idsn} the data sender's initial data sequence number (its key's hash), computed once. */
        static Mptcp of(int version, boolean join, long clientKey, long serverKey, int addressId, boolean backup,
                        boolean serverSends) {
            return new Mptcp(version, join, clientKey, serverKey, addressId, backup,
                    PcapCapture.idsn(serverSends ? serverKey : clientKey, version));
        }
    }

    /** A flow and the direction of the packets whose route ends at a given sink. */
    record Dir(Flow flow, boolean fromSender) {
    }

    static final int SERVER_PORT = 5201;
    private static final int SNAPLEN = 128;
    private static final int LINKTYPE_RAW = 101;
    /** Offsets in {@link #buf}: the 16-byte record header, then the IPv4 header (20 bytes), then TCP's. */
    private static final int IP = 16;
    private static final int TCP = IP + 20;

    private final OutputStream out;
    private final Function<Object, Dir> resolve;
    private final Map<Object, Dir> flows = new IdentityHashMap<>();
    private final byte[] buf = new byte[IP + SNAPLEN];
    /** The MSS option of SYNs: {@code tcp_advertise_mss}, the route's MTU - 40 (IPv4 and TCP headers). */
    private final int advMss;

    /**
     * Writes the file header to {@code out} (the run writer's capture stream: it counts against the output budget
     * and is closed with the run); {@code resolve} maps a route's last sink (a subflow or its peer's receiver) to
     * its flow and direction, or null.
     */
    PcapCapture(OutputStream out, Function<Object, Dir> resolve, int mtu) throws IOException {
        this.out = out;
        this.resolve = resolve;
        this.advMss = mtu - 40;
        byte[] h = new byte[24];
        le32(h, 0, 0xa1b23c4d);      // nanosecond-resolution pcap
        le16(h, 4, 2);
        le16(h, 6, 4);
        le32(h, 16, SNAPLEN);
        le32(h, 20, LINKTYPE_RAW);
        out.write(h);
    }

    @Override
    public void deliver(long nowPs, Link link, Packet p) {
        if (p.type == Packet.REQUEST) {
            return; // an application request has no TCP segment of its own in the simulator
        }
        Object end = p.route[p.route.length - 1];
        Dir d = flows.computeIfAbsent(end, resolve);
        if (d == null) {
            return;
        }
        Flow f = d.flow();
        boolean fromSender = d.fromSender();
        boolean fromClient = fromSender != f.serverSends();
        int mss = f.mss().getAsInt();
        int tcpLen = tcpHeader(p, f, fromSender, mss);
        int payload = p.type == Packet.DATA ? p.payload : 0;
        int ipLen = 20 + tcpLen + payload;
        buf[IP] = 0x45;
        buf[IP + 1] = 0;
        be16(buf, IP + 2, ipLen);
        be16(buf, IP + 4, ipId(f, fromClient, p));
        be16(buf, IP + 6, 0x4000);  // DF
        buf[IP + 8] = 64;
        buf[IP + 9] = 6;
        be16(buf, IP + 10, 0);
        be32(buf, IP + 12, fromClient ? f.clientIp() : f.serverIp());
        be32(buf, IP + 16, fromClient ? f.serverIp() : f.clientIp());
        be16(buf, IP + 10, checksum(buf, IP, 20));
        be16(buf, TCP, fromClient ? f.clientPort() : SERVER_PORT);
        be16(buf, TCP + 2, fromClient ? SERVER_PORT : f.clientPort());
        be16(buf, TCP + 16, tcpChecksum(tcpLen, payload));
        int cap = 20 + tcpLen;
        le32(buf, 0, (int) (nowPs / Time.PS_PER_S));
        le32(buf, 4, (int) (nowPs % Time.PS_PER_S / Time.PS_PER_NS));
        le32(buf, 8, cap);
        le32(buf, 12, ipLen);
        try {
            out.write(buf, 0, IP + cap);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /**
     * The IPv4 identification: a 16-bit mix of the flow, the direction, the segment's send time (its timestamp value)
     * and its sequence or ACK number, so one packet has the same id in every capture it crosses (to match a capture
     * at a link's input with one at its output) and a retransmission another one. Linux counts ids per socket from a
     * random start instead; the simulator's packets carry no counter.
     */
    static int ipId(Flow f, boolean fromClient, Packet p) {
        long x = ((long) f.clientPort() << 33) ^ (fromClient ? 1L << 32 : 0) ^ p.tsVal * 0x9e3779b97f4a7c15L
                ^ ((long) (p.type == Packet.DATA ? p.seq : p.ack) << 8) ^ p.type;
        x = (x ^ (x >>> 30)) * 0xbf58476d1ce4e5b9L;
        x = (x ^ (x >>> 27)) * 0x94d049bb133111ebL;
        return (int) (x ^ (x >>> 31)) & 0xffff;
    }

    /** Writes the TCP header after the IP header (ports already there or set by the caller); returns its length. */
    private int tcpHeader(Packet p, Flow f, boolean fromSender, int mss) {
        int t = TCP;
        // the receiver's own sequence space: fixed, it sends no data (its ISN from the client port)
        int peerSeq = f.clientPort() * 0x9e3779b1;
        int seq;
        int ack;
        int flags;
        switch (p.type) {
            case Packet.SYN -> {
                seq = f.isn() - 1;
                ack = 0;
                flags = 0x02;
            }
            case Packet.SYN_ACK -> {
                seq = peerSeq - 1;
                ack = f.isn();
                flags = 0x12;
            }
            case Packet.DATA -> {
                seq = f.isn() + p.seq * mss;
                ack = peerSeq;
                flags = 0x18;
            }
            default -> {  // ACK: from the receiver, or the sender's third ACK (of the handshake or of a join)
                seq = fromSender ? f.isn() : peerSeq;
                ack = fromSender ? peerSeq : f.isn() + p.ack * mss;
                flags = 0x10;
            }
        }
        be32(buf, t + 4, seq);
        be32(buf, t + 8, ack);
        buf[t + 13] = (byte) flags;
        be16(buf, t + 14, window(p, fromSender, mss));
        be16(buf, t + 16, 0);
        be16(buf, t + 18, 0);
        int o = t + 20;
        if (p.type == Packet.SYN || p.type == Packet.SYN_ACK) {
            o = synOptions(p, o, advMss);
            if (f.mp() != null) {
                o = mptcpHandshake(p.type == Packet.SYN, f, o);
            }
        } else {
            buf[o++] = 1;
            buf[o++] = 1;
            o = timestamps(p, o, true);
            if (!fromSender && p.sackStart != p.sackEnd) {
                o = sack(p, o, f.isn(), mss);
            }
            if (f.mp() != null && p.type == Packet.ACK && p.seq == -1 && fromSender) {
                o = thirdAck(f, o);
            } else if (f.mp() != null) {
                o = firstDataWithKeys(p, f, fromSender) ? capableWithData(f.mp(), p.payload, o) : dss(p, o, f.mp().idsn(), mss);
            }
        }
        int len = o - t;
        buf[t + 12] = (byte) ((len / 4) << 4);
        return len;
    }

    /** The window field: in units of 128 bytes, but unscaled on a SYN or SYN/ACK (RFC 7323 2.2: the scale is being announced). */
    private static int window(Packet p, boolean fromSender, int mss) {
        long window = fromSender ? 65535L * 128 : (long) p.rwnd * mss;
        boolean syn = p.type == Packet.SYN || p.type == Packet.SYN_ACK;
        return (int) Math.min(65535, syn ? window : window >> 7);
    }

    /** NOP NOP SACK with the one block the simulator's ACK carries. */
    private int sack(Packet p, int o, int isn, int mss) {
        buf[o] = 1;
        buf[o + 1] = 1;
        buf[o + 2] = 5;
        buf[o + 3] = 10;
        be32(buf, o + 4, isn + p.sackStart * mss);
        be32(buf, o + 8, isn + p.sackEnd * mss);
        return o + 12;
    }

    /** MSS, SACK permitted, timestamps, window scale 7: 20 bytes, as Linux's SYN. */
    private int synOptions(Packet p, int o, int mss) {
        buf[o] = 2;
        buf[o + 1] = 4;
        be16(buf, o + 2, mss);
        buf[o + 4] = 4;
        buf[o + 5] = 2;
        int n = timestamps(p, o + 6, p.type == Packet.SYN_ACK);
        buf[n] = 1;
        buf[n + 1] = 3;
        buf[n + 2] = 3;
        buf[n + 3] = 7;
        return n + 4;
    }

    /**
     * MP_CAPABLE on the initial subflow's SYN and SYN/ACK (version 0: the sender's key on both; version 1: no key on
     * the SYN, the server's on the SYN/ACK), MP_JOIN on a join's (SYN: the server's token, top 32 bits of SHA-1 or
     * SHA-256 of its key, and a nonce; SYN/ACK: a 64-bit truncated HMAC, synthesised, and a nonce).
     */
    private int mptcpHandshake(boolean syn, Flow f, int o) {
        Mptcp m = f.mp();
        int start = o;
        buf[o] = 30;
        if (!m.join()) {
            buf[o + 2] = (byte) m.version();          // subtype 0 (MP_CAPABLE) | version
            buf[o + 3] = 0x01;                          // H: HMAC-SHA1 (v0) / HMAC-SHA256 (v1)
            o += 4;
            if (m.version() == 0 || !syn) {
                be64(buf, o, syn ? m.clientKey() : m.serverKey());
                o += 8;
            }
        } else {
            buf[o + 2] = (byte) (0x10 | (m.backup() ? 1 : 0));
            buf[o + 3] = (byte) m.addressId();
            o += 4;
            long nonce = (m.clientKey() ^ (long) f.clientPort() * 0x9e3779b97f4a7c15L) * (syn ? 1 : 31);
            if (syn) {
                be32(buf, o, token(m.serverKey(), m.version()));
                be32(buf, o + 4, (int) nonce);
                o += 8;
            } else {
                be64(buf, o, nonce * 0xbf58476d1ce4e5b9L);
                be32(buf, o + 8, (int) (nonce >>> 32));
                o += 12;
            }
        }
        buf[start + 1] = (byte) (o - start);
        return pad(o);
    }

    /** NOPs up to the next 4-byte word of the TCP header. */
    private int pad(int o) {
        while ((o - TCP) % 4 != 0) {
            buf[o++] = 1;
        }
        return o;
    }

    /** The MPTCP token of a key: the most significant 32 bits of its SHA-1 (version 0) or SHA-256 (version 1). */
    static int token(long key, int version) {
        return java.nio.ByteBuffer.wrap(keyHash(key, version)).getInt();
    }

    /** The initial data sequence number of a key: the least significant 64 bits of its SHA-1 / SHA-256 (RFC 8684 3.1). */
    static long idsn(long key, int version) {
        byte[] h = keyHash(key, version);
        return java.nio.ByteBuffer.wrap(h, h.length - 8, 8).getLong();
    }

    private static byte[] keyHash(long key, int version) {
        try {
            byte[] k = new byte[8];
            be64(k, 0, key);
            return java.security.MessageDigest.getInstance(version == 0 ? "SHA-1" : "SHA-256").digest(k);
        } catch (java.security.NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    /**
     * The third ACK's option: on the initial subflow MP_CAPABLE with both keys, sender's first (RFC 6824 and RFC 8684
     * 3.1, 20 bytes, both versions); on a join MP_JOIN with the sender's 160-bit HMAC (RFC 8684 3.2, 24 bytes),
     * synthesised from the keys and the subflow's port as the SYN/ACK's is.
     */
    private int thirdAck(Flow f, int o) {
        Mptcp m = f.mp();
        buf[o] = 30;
        if (!m.join()) {
            buf[o + 1] = 20;
            buf[o + 2] = (byte) m.version();        // subtype 0 (MP_CAPABLE) | version
            buf[o + 3] = 0x01;                        // H: HMAC-SHA1 (v0) / HMAC-SHA256 (v1)
            be64(buf, o + 4, m.clientKey());
            be64(buf, o + 12, m.serverKey());
            return pad(o + 20);
        }
        buf[o + 1] = 24;
        buf[o + 2] = 0x10;                            // subtype 1 (MP_JOIN), no flags on the third ACK
        buf[o + 3] = 0;
        long h = (m.clientKey() ^ m.serverKey() ^ (long) f.clientPort() * 0x9e3779b97f4a7c15L) * 0xbf58476d1ce4e5b9L;
        be64(buf, o + 4, h);
        be64(buf, o + 12, h * 0x94d049bb133111ebL);
        be32(buf, o + 20, (int) (h >>> 17));
        return pad(o + 24);
    }

    /**
     * Version 1 (RFC 8684 3.1): the client's first data segment on the initial subflow also carries MP_CAPABLE with
     * both keys and the data-level length in place of a DSS option (the third ACK that carried the keys before it is
     * not delivered reliably), so a reader learns the client's key and from it the data sequence numbers' origin.
     */
    private static boolean firstDataWithKeys(Packet p, Flow f, boolean fromSender) {
        return p.type == Packet.DATA && p.seq == 0 && fromSender && !f.serverSends() && f.mp().version() == 1 && !f.mp().join();
    }

    /** MP_CAPABLE v1 with data: sender's key, receiver's key, data-level length (22 bytes, no checksum), padded. */
    private int capableWithData(Mptcp m, int payload, int o) {
        buf[o] = 30;
        buf[o + 1] = 22;
        buf[o + 2] = 1;            // subtype 0 (MP_CAPABLE) | version 1
        buf[o + 3] = 0x01;         // H: HMAC-SHA256
        be64(buf, o + 4, m.clientKey());
        be64(buf, o + 12, m.serverKey());
        be16(buf, o + 20, payload);
        return pad(o + 22);
    }

    private int timestamps(Packet p, int o, boolean echo) {
        buf[o++] = 8;
        buf[o++] = 10;
        be32(buf, o, (int) (p.tsVal / Time.PS_PER_MS));
        be32(buf, o + 4, echo ? (int) (p.tsEcr / Time.PS_PER_MS) : 0);
        return o + 8;
    }

    /**
     * MPTCP DSS (RFC 8684 3.3): data ACK (8 bytes) when present, a mapping on data; padded to 4-byte words. Data
     * sequence numbers count from the data sender's IDSN + 1, as on the wire, so Wireshark's relative ones start at 1.
     */
    private int dss(Packet p, int o, long idsn, int mss) {
        int start = o;
        boolean hasAck = p.dataAck >= 0;
        boolean map = p.type == Packet.DATA;
        if (!hasAck && !map) {
            return o;
        }
        buf[o++] = 30;
        int lenAt = o++;
        buf[o++] = 0x20;                 // subtype DSS
        buf[o++] = (byte) ((hasAck ? 0x03 : 0) | (map ? 0x0c : 0));
        if (hasAck) {
            be64(buf, o, idsn + 1 + p.dataAck * mss);
            o += 8;
        }
        if (map) {
            be64(buf, o, idsn + 1 + p.dsn * mss);
            be32(buf, o + 8, p.seq * mss + 1);   // relative to the subflow's ISN
            be16(buf, o + 12, p.payload);
            o += 14;
        }
        buf[lenAt] = (byte) (o - start);
        return pad(o);
    }

    /**
     * The TCP checksum (RFC 793: the pseudo-header of addresses, protocol and TCP length, then the segment), the
     * payload taken as zeros (the simulator carries none; zeros add nothing to the sum): header-only segments
     * (SYNs, ACKs) verify in tcpdump -vv and Wireshark, data segments are cut at the snap length anyway.
     */
    private int tcpChecksum(int tcpLen, int payload) {
        int sum = sum16(buf, IP + 12, 8) + 6 + tcpLen + payload;
        sum += sum16(buf, TCP, tcpLen);
        while ((sum >>> 16) != 0) {
            sum = (sum & 0xffff) + (sum >>> 16);
        }
        return ~sum & 0xffff;
    }

    /** The 16-bit words of {@code b[off, off + len)} (len even) summed, not folded. */
    private static int sum16(byte[] b, int off, int len) {
        int sum = 0;
        for (int i = 0; i < len; i += 2) {
            sum += ((b[off + i] & 0xff) << 8) | (b[off + i + 1] & 0xff);
        }
        return sum;
    }

    private static int checksum(byte[] b, int off, int len) {
        int sum = 0;
        for (int i = 0; i < len; i += 2) {
            sum += ((b[off + i] & 0xff) << 8) | (b[off + i + 1] & 0xff);
        }
        while ((sum >>> 16) != 0) {
            sum = (sum & 0xffff) + (sum >>> 16);
        }
        return ~sum & 0xffff;
    }

    private static void be16(byte[] b, int o, int v) {
        b[o] = (byte) (v >>> 8);
        b[o + 1] = (byte) v;
    }

    private static void be32(byte[] b, int o, int v) {
        be16(b, o, v >>> 16);
        be16(b, o + 2, v);
    }

    private static void be64(byte[] b, int o, long v) {
        be32(b, o, (int) (v >>> 32));
        be32(b, o + 4, (int) v);
    }

    private static void le16(byte[] b, int o, int v) {
        b[o] = (byte) v;
        b[o + 1] = (byte) (v >>> 8);
    }

    private static void le32(byte[] b, int o, int v) {
        le16(b, o, v);
        le16(b, o + 2, v >>> 16);
    }

    /** The capture address of a host's interface: 10.(n >> 8).(n & 255).id, n = node number + 1. */
    static int address(int nodeIndex, int addressId) {
        int n = nodeIndex + 1;
        return (10 << 24) | ((n >>> 8) & 0xff) << 16 | (n & 0xff) << 8 | Math.max(1, Math.min(255, addressId));
    }
}
