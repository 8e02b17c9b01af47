package org.mptcpsim.scenario.run;

import java.util.List;
import java.util.Locale;

import org.mptcpsim.core.Time;
import org.mptcpsim.scenario.model.ConnectionSpec;
import org.mptcpsim.scenario.model.Scenario;
import org.mptcpsim.scenario.model.ScenarioException;

/**
 * The disk guard of a run (docs/scenario-format.md, "Limits"): the sampled CSVs (subflows.csv,
 * connections.csv, queues.csv) grow with duration / sample, so a run is refused before it starts
 * when their size would exceed {@link #DEFAULT_LIMIT_BYTES} (1 GiB), and stopped when what it has
 * written passes the limit (the estimate cannot know how many subflows a path manager opens). The
 * rows of events.csv count against the same limit while the run writes them (they are not in the
 * estimate: a healthy run has few, but an event storm could otherwise fill the disk).
 * {@code --allow-large-output} lifts the limit. Immutable.
 */
public final class OutputBudget {
    /** The default limit of one run's sampled output: 1 GiB. */
    public static final long DEFAULT_LIMIT_BYTES = 1L << 30;
    /** No limit ({@code --allow-large-output}). */
    public static final OutputBudget UNLIMITED = new OutputBudget(Long.MAX_VALUE);
    /** The default: {@link #DEFAULT_LIMIT_BYTES}. */
    public static final OutputBudget DEFAULT = new OutputBudget(DEFAULT_LIMIT_BYTES);

    /*
     * Smallest bytes per row, from the columns RunWriter writes: the time "%.6f" is at least 8
     * characters ("0.100000"), every other value at least 1, the CA state at least 4 ("Open"), plus
     * the commas and the newline. subflows.csv: 8 + 6 x 1 + 4 + 7 commas + 1 = 26; connections.csv:
     * 8 + 1 + 1 + 2 + 1 = 13; queues.csv: 8 + 5 x 1 + 5 + 1 = 19. The estimate is a lower bound: a
     * refused run would certainly have been too large.
     */
    static final int SUBFLOW_ROW_BYTES = 26;
    static final int CONNECTION_ROW_BYTES = 13;
    static final int QUEUE_ROW_BYTES = 19;

    private final long limitBytes;

    private OutputBudget(long limitBytes) {
        this.limitBytes = limitBytes;
    }

    /** A budget of {@code bytes} for one run. */
    public static OutputBudget of(long bytes) {
        return new OutputBudget(bytes);
    }

    /** The limit in bytes. */
    public long limitBytes() {
        return limitBytes;
    }

    /** Sampler rows: the first at one sample interval (or the end of a shorter run), then every interval up to the end. */
    public static long samples(Scenario sc) {
        return Math.max(1, sc.durationPs() / sc.samplePs());
    }

    /**
     * A lower bound of the sampled output of one run in bytes: samples x (one row per subflow, at
     * least one subflow per connection or its explicit subflows, plus one per connection and one per
     * link direction).
     */
    public static long estimateBytes(Scenario sc) {
        long perSample = 0;
        for (ConnectionSpec c : sc.connections()) {
            perSample += (long) Math.max(1, c.subflows().size()) * SUBFLOW_ROW_BYTES + CONNECTION_ROW_BYTES;
        }
        perSample += 2L * sc.links().size() * QUEUE_ROW_BYTES;
        long n = samples(sc);
        return perSample > 0 && n > Long.MAX_VALUE / perSample ? Long.MAX_VALUE : n * perSample;
    }

    /**
     * Refuses {@code runs} runs of {@code sc} whose sampled output would exceed the limit (in total,
     * e.g. a compare of 5 alternatives x 5 seeds is 25 runs).
     *
     * @throws ScenarioException located at the scenario's {@code sample} field
     */
    public void check(Scenario sc, long runs) {
        long one = estimateBytes(sc);
        long total = runs > 0 && one > Long.MAX_VALUE / runs ? Long.MAX_VALUE : one * runs;
        refuseAbove(sc, runs, total);
    }

    /** Refuses the runs of a sweep grid (one run per scenario) whose sampled outputs add up above the limit. */
    public void checkAll(List<Scenario> runs) {
        long total = 0;
        for (Scenario sc : runs) {
            long one = estimateBytes(sc);
            total = one > Long.MAX_VALUE - total ? Long.MAX_VALUE : total + one;
        }
        if (!runs.isEmpty()) {
            refuseAbove(runs.get(0), runs.size(), total);
        }
    }

    private void refuseAbove(Scenario sc, long runs, long total) {
        if (total > limitBytes) {
            throw new ScenarioException(sc.loc().withPath("sample"), String.format(Locale.ROOT,
                    "the run%s would write at least %s of samples (%d samples every %s over %s%s), more than the largest"
                    + " allowed output of %s; raise sample, shorten duration, or pass --allow-large-output",
                    runs > 1 ? "s" : "", human(total), samples(sc), time(sc.samplePs()), time(sc.durationPs()),
                    runs > 1 ? ", " + runs + " runs" : "", human(limitBytes)));
        }
    }

    /** The error of a run stopped after writing {@code written} bytes. */
    ScenarioException exceeded(Scenario sc, long written) {
        return new ScenarioException(sc.loc().withPath("sample"), String.format(Locale.ROOT,
                "the run was stopped after writing %s of samples and events, more than the largest allowed output of"
                + " %s (the path managers opened more subflows than estimated, or events.csv grew with an event"
                + " storm such as repeated RTOs); nothing was kept; raise sample, shorten duration, or pass"
                + " --allow-large-output", human(written), human(limitBytes)));
    }

    /** The run was stopped because its packet captures ({@code run --pcap}) took the output past the limit. */
    ScenarioException captureExceeded(Scenario sc, long written) {
        return new ScenarioException(sc.loc(), String.format(Locale.ROOT,
                "the run was stopped after writing %s with its packet captures (--pcap), more than the largest allowed"
                + " output of %s (a capture takes about 70 bytes per packet and direction); nothing was kept; capture"
                + " fewer links, shorten duration (-D duration=...), or pass --allow-large-output", human(written), human(limitBytes)));
    }

    /** A time in picoseconds in the largest unit that keeps it whole: {@code 30s}, {@code 100ms}, {@code 1ns}. */
    static String time(long ps) {
        long[] per = {Time.PS_PER_S, Time.PS_PER_MS, Time.PS_PER_US, Time.PS_PER_NS, 1};
        String[] unit = {"s", "ms", "us", "ns", "ps"};
        for (int i = 0; i < per.length; i++) {
            if (ps % per[i] == 0) {
                return ps / per[i] + unit[i];
            }
        }
        return ps + "ps";
    }

    /** {@code 1.0 GiB}, {@code 12.3 MiB}, {@code 512 B}. */
    public static String human(long bytes) {
        if (bytes == Long.MAX_VALUE) {
            return "more than 8 EiB";
        }
        String[] units = {"B", "KiB", "MiB", "GiB", "TiB", "PiB", "EiB"};
        double v = bytes;
        int u = 0;
        while (v >= 1024 && u < units.length - 1) {
            v /= 1024;
            u++;
        }
        return u == 0 ? bytes + " B" : String.format(Locale.ROOT, "%.1f %s", v, units[u]);
    }
}
