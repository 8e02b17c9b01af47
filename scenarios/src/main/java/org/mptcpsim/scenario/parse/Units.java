package org.mptcpsim.scenario.parse;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.util.Locale;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.mptcpsim.scenario.model.BufferSpec;
import org.mptcpsim.scenario.model.Loc;

/**
 * Parses the unit strings of scenario files. Every method throws {@link IllegalArgumentException}
 * with a message that says what was expected, with an example. Results are exact: a value that is
 * not a whole number of the base unit (picosecond, bit/s, byte) is rejected, not rounded.
 * <ul>
 *   <li>rates: {@code 100Mbit}, {@code 1Gbit}, {@code 500kbit}, {@code 12.5Mbit}, {@code 1Tbit} (SI,
 *       case-insensitive) to bit/s; {@code bps} spellings ({@code Mbps}, {@code mbps}, {@code MBps}) are refused:
 *       tc reads {@code mbps} as megabytes per second and an upper-case B means bytes</li>
 *   <li>times: {@code ps ns us µs ms s min h} to picoseconds; a bare {@code 0} is allowed</li>
 *   <li>sizes: {@code B}, {@code KB MB GB} (1000^n), {@code KiB MiB GiB} (1024^n) to bytes</li>
 *   <li>buffers: {@code 100pkt}, {@code 150KB}, {@code 1BDP}, {@code 0.5BDP}</li>
 *   <li>loss: a probability {@code 0.01} or a percentage {@code 1%}, in [0, 1)</li>
 * </ul>
 */
public final class Units {

    private static final Pattern NUM_UNIT =
            Pattern.compile("\\s*([0-9]+(?:\\.[0-9]*)?(?:[eE][+-]?[0-9]+)?|\\.[0-9]+)\\s*([^\\s0-9.]*)\\s*");

    private static final Map<String, Long> RATE = Map.of("bit", 1L, "kbit", 1_000L, "mbit", 1_000_000L,
            "gbit", 1_000_000_000L, "tbit", 1_000_000_000_000L);
    private static final Map<String, Long> TIME = Map.of("ps", 1L, "ns", 1_000L, "us", 1_000_000L,
            "µs", 1_000_000L, "ms", 1_000_000_000L, "s", 1_000_000_000_000L, "min", 60_000_000_000_000L,
            "h", 3_600_000_000_000_000L);
    private static final Map<String, Long> SIZE = Map.of("B", 1L, "KB", 1_000L, "kB", 1_000L, "MB", 1_000_000L,
            "GB", 1_000_000_000L, "KiB", 1024L, "MiB", 1024L * 1024, "GiB", 1024L * 1024 * 1024);

    private Units() {
    }

    /**
     * The fastest link rate accepted, 10 Tbit/s: above today's fastest Ethernet (800 Gbit/s)
     * with room to spare, and a 1500-byte packet still takes 1200 ps, well resolved by the
     * engine's picosecond clock (at 4 Pbit/s it would take 3 ps and the BDP overflow a buffer).
     */
    public static final long MAX_RATE_BPS = 10_000_000_000_000L;

    private static final String FASTEST_RATE = "the fastest rate allowed is 10Tbit";
    /** Long.MAX_VALUE picoseconds is 9223372.036854775807 s (106.75 days); 9223372s is the whole seconds below. */
    private static final String LONGEST_TIME = "the longest time allowed is 9223372s (about 106 days)";
    /** Long.MAX_VALUE bytes, 9.22e18 (about 9.2 EB). */
    private static final String LARGEST_SIZE = "the largest size allowed is " + Long.MAX_VALUE + "B (about 9.2 EB)";

    /** A rate in bit/s, in (0, {@link #MAX_RATE_BPS}]. */
    public static long rate(String text) {
        String use = "use a number with bit, kbit, Mbit or Gbit (e.g. 10Mbit)";
        Matcher m = match(text, "a rate", use);
        String unit = m.group(2);
        Long mult = RATE.get(unit.toLowerCase(Locale.ROOT));
        if (mult == null && unit.toLowerCase(Locale.ROOT).endsWith("bps")) {
            throw ambiguousRate(text, m.group(1), unit);
        }
        if (mult == null) {
            throw new IllegalArgumentException(quote(text) + " is not a rate; " + use);
        }
        long v = exact(new BigDecimal(m.group(1)).multiply(BigDecimal.valueOf(mult)), text, "bit/s", FASTEST_RATE);
        if (v <= 0) {
            throw new IllegalArgumentException(quote(text) + ": a rate must be above 0 (to cut a link, schedule"
                    + " {at: ..., action: down})");
        }
        if (v > MAX_RATE_BPS) {
            throw new IllegalArgumentException(quote(text) + " is too large: " + FASTEST_RATE);
        }
        return v;
    }

    /**
     * A {@code bps} rate: tc reads {@code bps}, {@code kbps}, {@code mbps} (any case) as bytes per second, and
     * an upper-case B means bytes in sizes here, so either reading would be a silent factor of 8 for somebody.
     */
    private static IllegalArgumentException ambiguousRate(String text, String number, String unit) {
        String prefix = unit.substring(0, unit.length() - 3);
        String bits = new BigDecimal(number).toPlainString() + prefix + "bit";
        String bytesAsBits = new BigDecimal(number).multiply(BigDecimal.valueOf(8)).stripTrailingZeros()
                .toPlainString() + prefix + "bit";
        return new IllegalArgumentException(quote(text) + " is ambiguous: use Mbit or Gbit (bits per second); tc's"
                + " mbps means megabytes per second (write " + bits + " for bits, " + bytesAsBits + " for bytes per"
                + " second); allowed rate units: bit, kbit, Mbit, Gbit, Tbit");
    }

    /** A time in picoseconds, &gt;= 0. */
    public static long time(String text) {
        String use = "use a number with ps, ns, us, ms, s, min or h (e.g. 20ms, 1.5s)";
        Matcher m = match(text, "a time", use);
        String unit = m.group(2);
        if (unit.isEmpty() && new BigDecimal(m.group(1)).signum() == 0) {
            return 0;
        }
        Long mult = TIME.get(unit.equals("sec") ? "s" : unit);
        if (mult == null) {
            String hint = unit.isEmpty() ? "; a time needs a unit" : "";
            throw new IllegalArgumentException(quote(text) + " is not a time" + hint + "; " + use);
        }
        return exact(new BigDecimal(m.group(1)).multiply(BigDecimal.valueOf(mult)), text, "picoseconds", LONGEST_TIME);
    }

    /** A size in bytes, &gt;= 0. */
    public static long size(String text) {
        String use = "use a number with B, KB, MB, GB (powers of 1000) or KiB, MiB, GiB (powers of 1024),"
                + " e.g. 64KB";
        Matcher m = match(text, "a size", use);
        String unit = m.group(2);
        if (unit.isEmpty() && new BigDecimal(m.group(1)).signum() == 0) {
            return 0;
        }
        Long mult = SIZE.get(unit.equals("bytes") ? "B" : unit);
        if (mult == null) {
            String hint = unit.toLowerCase(Locale.ROOT).endsWith("b") && !unit.endsWith("B")
                    ? " (sizes are in bytes: write B, not b)" : "";
            throw new IllegalArgumentException(quote(text) + " is not a size" + hint + "; " + use);
        }
        return exact(new BigDecimal(m.group(1)).multiply(BigDecimal.valueOf(mult)), text, "bytes", LARGEST_SIZE);
    }

    /** A drop-tail buffer: packets, bytes or a multiple of the bandwidth-delay product. */
    public static BufferSpec buffer(String text, Loc loc) {
        String use = "use packets (100pkt), bytes (150KB) or a multiple of the bandwidth-delay product (1BDP)";
        Matcher m = match(text, "a buffer size", use);
        String unit = m.group(2);
        BigDecimal n = new BigDecimal(m.group(1));
        String lower = unit.toLowerCase(Locale.ROOT);
        if (lower.equals("pkt") || lower.equals("pkts") || lower.equals("packets") || lower.equals("p")) {
            long pkts = exact(n, text, "packets", "the largest buffer allowed is "
                    + Long.MAX_VALUE + "pkt");
            if (pkts < 1) {
                throw new IllegalArgumentException(quote(text) + ": a buffer holds at least 1 packet");
            }
            return new BufferSpec(BufferSpec.Kind.PACKETS, pkts, loc);
        }
        if (lower.equals("bdp")) {
            if (n.signum() <= 0) {
                throw new IllegalArgumentException(quote(text) + ": a BDP multiple must be above 0");
            }
            return new BufferSpec(BufferSpec.Kind.BDP, n.doubleValue(), loc);
        }
        if (!SIZE.containsKey(unit) && !unit.equals("bytes")) {
            throw new IllegalArgumentException(quote(text) + " is not a buffer size; " + use);
        }
        long bytes = size(text);
        if (bytes < 1) {
            throw new IllegalArgumentException(quote(text) + ": a buffer must hold at least 1 byte");
        }
        return new BufferSpec(BufferSpec.Kind.BYTES, bytes, loc);
    }

    /** A loss probability in [0, 1): {@code 0.01} or {@code 1%}. */
    public static double loss(String text) {
        String use = "use a probability (0.01) or a percentage (1%) below 100%";
        Matcher m = match(text, "a loss probability", use);
        String unit = m.group(2);
        BigDecimal v = new BigDecimal(m.group(1));
        if (unit.equals("%")) {
            v = v.movePointLeft(2);
        } else if (!unit.isEmpty()) {
            throw new IllegalArgumentException(quote(text) + " is not a loss probability; " + use);
        }
        if (v.compareTo(BigDecimal.ONE) >= 0) {
            throw new IllegalArgumentException(quote(text) + " is out of range; " + use);
        }
        return v.doubleValue();
    }

    /** A whole number in [min, max]. */
    public static long integer(String text, long min, long max) {
        long v;
        try {
            v = Long.parseLong(text.trim());
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException(quote(text) + " is not a whole number");
        }
        if (v < min || v > max) {
            throw new IllegalArgumentException(v + " is out of range " + min + ".." + max);
        }
        return v;
    }

    private static Matcher match(String text, String what, String use) {
        Matcher m = NUM_UNIT.matcher(text);
        if (!m.matches()) {
            String hint = text.trim().startsWith("-") ? " (negative values make no sense here)" : "";
            throw new IllegalArgumentException(quote(text) + " is not " + what + hint + "; " + use);
        }
        return m;
    }

    /** {@code largest} names the limit in the error of a value beyond a long ("... is too large: largest"). */
    private static long exact(BigDecimal v, String text, String base, String largest) {
        BigDecimal s = v.stripTrailingZeros();
        if (s.scale() > 0) {
            throw new IllegalArgumentException(quote(text) + " is not a whole number of " + base
                    + " (nearest: " + v.setScale(0, RoundingMode.HALF_UP).toPlainString() + ")");
        }
        try {
            return s.longValueExact();
        } catch (ArithmeticException e) {
            throw new IllegalArgumentException(quote(text) + " is too large: " + largest);
        }
    }

    private static String quote(String text) {
        return "\"" + text + "\"";
    }
}
