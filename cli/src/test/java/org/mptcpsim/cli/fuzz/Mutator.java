package org.mptcpsim.cli.fuzz;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.SplittableRandom;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A seeded mutator of scenario files: the same seed gives the same sequence of inputs. Each input
 * is a seed file with one to three mutations: byte flips, deletions, insertions of bytes or YAML
 * tokens (anchors, aliases, merge keys, tags, documents), line swaps and duplications (duplicate
 * keys), number swaps (0, negative, huge, NaN, infinity, fractions), unit swaps, non-UTF-8 bytes
 * (Latin-1, stray continuation bytes, NUL, the whole file as UTF-16), deep nesting, truncation.
 */
public final class Mutator {

    /** The mutation kinds, for the figures in the report. */
    public enum Kind { FLIP, DELETE, INSERT, TOKEN, SWAP_LINES, DUP_LINE, NUMBER, UNIT, NON_UTF8, DEEP, TRUNCATE }

    private static final String[] NUMBERS = {"0", "-1", "-0", "1", "2", "-99999", "99999999999999999999",
        "9223372036854775807", "9223372036854775808", "1e308", "1e-308", "NaN", ".nan", ".inf", "-.inf", "0.0000001",
        "0x1F", "1_000", "3.5", "1e3", "4294967296", "65536", "255", "256", "-2147483648"};
    private static final String[] UNITS = {"ns", "us", "ms", "s", "m", "h", "bit", "kbit", "Mbit", "Gbit", "Tbit",
        "B", "KB", "MB", "GB", "pkt", "BDP", "%", "bps", "", "Mbt", "sec"};
    private static final String[] TOKENS = {"&a ", "*a", "<<: *a\n", "<<: {x: 1}\n", "!!str ", "!!int ", "!foo ",
        "? ", "---\n", "...\n", "|\n", ">\n", "%YAML 1.2\n", "{", "}", "[", "]", ",", ":", ": ", "- ", "#", "\"",
        "'", "\t", "\r", "\n", "null", "~", "true", "id: x", "from: ", "to: ", "rate: ", "kernel:\n  ", "sweep: ",
        "\\u0000", "\u00e9", "\u200b", "\ufeff", "\ud83d\ude00"};
    private static final Pattern NUMBER = Pattern.compile("-?\\d+(\\.\\d+)?");
    private static final Pattern UNIT = Pattern.compile("(?<=\\d)(ns|us|ms|s|Mbit|Gbit|kbit|bit|pkt|BDP|B|KB|MB|%)\\b");

    private final SplittableRandom rnd;
    private final int[] counts = new int[Kind.values().length];

    public Mutator(long seed) {
        this.rnd = new SplittableRandom(seed);
    }

    /** How many mutations of each kind were applied so far. */
    public int count(Kind k) {
        return counts[k.ordinal()];
    }

    /** A mutated copy of {@code seedFile}. */
    public byte[] mutate(byte[] seedFile) {
        byte[] b = seedFile;
        int n = 1 + (rnd.nextInt(4) == 0 ? rnd.nextInt(3) : 0);
        for (int i = 0; i < n; i++) {
            b = once(b);
        }
        return b;
    }

    private byte[] once(byte[] b) {
        Kind k = Kind.values()[rnd.nextInt(Kind.values().length)];
        counts[k.ordinal()]++;
        if (b.length == 0) {
            return tokens(b);
        }
        return switch (k) {
            case FLIP -> flip(b);
            case DELETE -> delete(b);
            case INSERT -> insertBytes(b);
            case TOKEN -> tokens(b);
            case SWAP_LINES -> swapLines(b);
            case DUP_LINE -> dupLine(b);
            case NUMBER -> replace(b, NUMBER, NUMBERS);
            case UNIT -> replace(b, UNIT, UNITS);
            case NON_UTF8 -> nonUtf8(b);
            case DEEP -> deep(b);
            case TRUNCATE -> Arrays.copyOf(b, rnd.nextInt(b.length));
        };
    }

    private byte[] flip(byte[] b) {
        byte[] c = b.clone();
        int at = rnd.nextInt(c.length);
        c[at] = rnd.nextBoolean() ? (byte) (c[at] ^ (1 << rnd.nextInt(8))) : (byte) (32 + rnd.nextInt(95));
        return c;
    }

    private byte[] delete(byte[] b) {
        int at = rnd.nextInt(b.length);
        int len = Math.min(b.length - at, 1 + rnd.nextInt(rnd.nextBoolean() ? 4 : 64));
        return splice(b, at, len, new byte[0]);
    }

    private byte[] insertBytes(byte[] b) {
        byte[] ins = new byte[1 + rnd.nextInt(8)];
        for (int i = 0; i < ins.length; i++) {
            ins[i] = (byte) (rnd.nextBoolean() ? 32 + rnd.nextInt(95) : rnd.nextInt(256));
        }
        return splice(b, rnd.nextInt(b.length + 1), 0, ins);
    }

    private byte[] tokens(byte[] b) {
        String t = TOKENS[rnd.nextInt(TOKENS.length)];
        return splice(b, rnd.nextInt(b.length + 1), 0, t.getBytes(StandardCharsets.UTF_8));
    }

    private List<byte[]> lines(byte[] b) {
        List<byte[]> out = new ArrayList<>();
        int s = 0;
        for (int i = 0; i < b.length; i++) {
            if (b[i] == '\n') {
                out.add(Arrays.copyOfRange(b, s, i + 1));
                s = i + 1;
            }
        }
        if (s < b.length) {
            out.add(Arrays.copyOfRange(b, s, b.length));
        }
        return out;
    }

    private static byte[] join(List<byte[]> lines) {
        ByteArrayOutputStream o = new ByteArrayOutputStream();
        for (byte[] l : lines) {
            o.writeBytes(l);
        }
        return o.toByteArray();
    }

    private byte[] swapLines(byte[] b) {
        List<byte[]> l = lines(b);
        if (l.size() < 2) {
            return b;
        }
        int i = rnd.nextInt(l.size());
        int j = rnd.nextInt(l.size());
        byte[] t = l.get(i);
        l.set(i, l.get(j));
        l.set(j, t);
        return join(l);
    }

    private byte[] dupLine(byte[] b) {
        List<byte[]> l = lines(b);
        int i = rnd.nextInt(l.size());
        // next to itself (a duplicate key in the same map) or anywhere else
        l.add(rnd.nextBoolean() ? i : rnd.nextInt(l.size() + 1), l.get(i));
        return join(l);
    }

    private byte[] replace(byte[] b, Pattern p, String[] choices) {
        String s = new String(b, StandardCharsets.UTF_8);
        Matcher m = p.matcher(s);
        List<int[]> hits = new ArrayList<>();
        while (m.find()) {
            hits.add(new int[] {m.start(), m.end()});
        }
        if (hits.isEmpty()) {
            return flip(b);
        }
        int[] h = hits.get(rnd.nextInt(hits.size()));
        return (s.substring(0, h[0]) + choices[rnd.nextInt(choices.length)] + s.substring(h[1]))
                .getBytes(StandardCharsets.UTF_8);
    }

    private byte[] nonUtf8(byte[] b) {
        switch (rnd.nextInt(5)) {
            case 0: // the whole file as UTF-16, with or without a byte-order mark
                String s = new String(b, StandardCharsets.UTF_8);
                return rnd.nextBoolean() ? s.getBytes(StandardCharsets.UTF_16) : s.getBytes(StandardCharsets.UTF_16LE);
            case 1: // a Latin-1 letter
                return splice(b, rnd.nextInt(b.length + 1), 0, new byte[] {(byte) 0xe9});
            case 2: // NUL
                return splice(b, rnd.nextInt(b.length + 1), 0, new byte[] {0});
            case 3: // a truncated multi-byte sequence or a stray continuation byte
                return splice(b, rnd.nextInt(b.length + 1), 0, rnd.nextBoolean() ? new byte[] {(byte) 0xe2, (byte) 0x82}
                        : new byte[] {(byte) 0x80});
            default: // over-long encodings and bytes never valid in UTF-8
                return splice(b, rnd.nextInt(b.length + 1), 0, new byte[] {(byte) (rnd.nextBoolean() ? 0xc0 : 0xff),
                    (byte) 0xaf});
        }
    }

    private byte[] deep(byte[] b) {
        int depth = rnd.nextBoolean() ? 20 + rnd.nextInt(20) : 50 + rnd.nextInt(3000);
        String ins;
        switch (rnd.nextInt(3)) {
            case 0:
                ins = "[".repeat(depth) + "]".repeat(depth);
                break;
            case 1:
                ins = "{a: ".repeat(depth) + "1" + "}".repeat(depth);
                break;
            default:
                StringBuilder sb = new StringBuilder("\n");
                for (int i = 0; i < Math.min(depth, 200); i++) {
                    sb.append("  ".repeat(i)).append("k").append(i).append(":\n");
                }
                ins = sb.toString();
        }
        // after a "key: " when there is one, else anywhere
        String s = new String(b, StandardCharsets.UTF_8);
        int colon = s.indexOf(": ", rnd.nextInt(s.length()));
        int at = colon >= 0 ? colon + 2 : rnd.nextInt(s.length() + 1);
        return (s.substring(0, at) + ins + s.substring(at)).getBytes(StandardCharsets.UTF_8);
    }

    private static byte[] splice(byte[] b, int at, int len, byte[] ins) {
        byte[] c = new byte[b.length - len + ins.length];
        System.arraycopy(b, 0, c, 0, at);
        System.arraycopy(ins, 0, c, at, ins.length);
        System.arraycopy(b, at + len, c, at + ins.length, b.length - at - len);
        return c;
    }
}
