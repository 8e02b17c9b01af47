package org.mptcpsim.core;

/** Simulated time is a {@code long} of picoseconds (~106 days of range). Conversions only. */
public final class Time {
    public static final long PS_PER_NS = 1_000L;
    public static final long PS_PER_US = 1_000_000L;
    public static final long PS_PER_MS = 1_000_000_000L;
    public static final long PS_PER_S = 1_000_000_000_000L;
    /** A time after every event: "never". */
    public static final long NEVER = Long.MAX_VALUE;

    private Time() {
    }

    public static long ns(long ns) {
        return ns * PS_PER_NS;
    }

    public static long us(long us) {
        return us * PS_PER_US;
    }

    public static long ms(long ms) {
        return ms * PS_PER_MS;
    }

    public static long s(long s) {
        return s * PS_PER_S;
    }

    public static double toSeconds(long ps) {
        return ps / (double) PS_PER_S;
    }

    public static double toMillis(long ps) {
        return ps / (double) PS_PER_MS;
    }

    /** Serialisation time of {@code bytes} at {@code bitsPerSecond}, rounded up to a whole picosecond. */
    public static long serialisation(int bytes, long bitsPerSecond) {
        // bits * 1e12 fits a long for any packet below ~1.1 MB
        return (bytes * 8L * PS_PER_S + bitsPerSecond - 1) / bitsPerSecond;
    }
}
