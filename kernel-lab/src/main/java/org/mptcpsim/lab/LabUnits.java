package org.mptcpsim.lab;

import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** Parsing of the unit strings used on the command line ({@code 10Mbit}, {@code 20ms}, {@code 150KB}). */
public final class LabUnits {
    private static final Pattern NUM_UNIT = Pattern.compile("\\s*([0-9]+(?:\\.[0-9]+)?)\\s*([a-zA-Z/]*)\\s*");

    private LabUnits() {
    }

    /**
     * bit/s from {@code 10Mbit}, {@code 500kbit}, {@code 1Gbit} or a plain number of bit/s. The bps spellings are refused,
     * as in scenario files: {@code tc} reads {@code mbps} as megabytes per second, a network engineer often as megabits.
     */
    public static long rateBps(String s) {
        Matcher m = match(s);
        double v = Double.parseDouble(m.group(1));
        String u = m.group(2).toLowerCase(Locale.ROOT);
        double f = switch (u) {
            case "", "bit", "bit/s" -> 1;
            case "kbit", "kbit/s" -> 1e3;
            case "mbit", "mbit/s" -> 1e6;
            case "gbit", "gbit/s" -> 1e9;
            case "bps", "kbps", "mbps", "gbps" -> throw new IllegalArgumentException("ambiguous rate unit '" + m.group(2) + "' in '" + s
                    + "': use bit, kbit, Mbit or Gbit (bits per second); tc's " + u + " means bytes per second");
            default -> throw new IllegalArgumentException("unknown rate unit '" + m.group(2) + "' in '" + s + "' (use bit, kbit, Mbit, Gbit)");
        };
        return Math.round(v * f);
    }

    /** Microseconds from {@code 20ms}, {@code 500us}, {@code 1s}. */
    public static long micros(String s) {
        Matcher m = match(s);
        double v = Double.parseDouble(m.group(1));
        double f = switch (m.group(2).toLowerCase(Locale.ROOT)) {
            case "us" -> 1;
            case "ms" -> 1e3;
            case "s" -> 1e6;
            default -> throw new IllegalArgumentException("unknown time unit '" + m.group(2) + "' in '" + s + "' (use us, ms, s)");
        };
        return Math.round(v * f);
    }

    /** Bytes from {@code 150KB} (1000), {@code 64KiB} (1024), {@code 1MB}, {@code 1500B} or a plain number. */
    public static int bytes(String s) {
        Matcher m = match(s);
        double v = Double.parseDouble(m.group(1));
        double f = switch (m.group(2)) {
            case "", "B", "b" -> 1;
            case "KB", "kB", "kb", "Kb" -> 1e3;
            case "KiB" -> 1024;
            case "MB", "mb", "Mb" -> 1e6;
            case "MiB" -> 1024 * 1024;
            default -> throw new IllegalArgumentException("unknown size unit '" + m.group(2) + "' in '" + s + "' (use B, KB, KiB, MB, MiB)");
        };
        return Math.toIntExact(Math.round(v * f));
    }

    private static Matcher match(String s) {
        Matcher m = NUM_UNIT.matcher(s);
        if (!m.matches()) throw new IllegalArgumentException("not a number with a unit: '" + s + "'");
        return m;
    }
}
