package org.mptcpsim.scenario.parse;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.AccessDeniedException;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import org.mptcpsim.net.DeliveryTrace;
import org.mptcpsim.scenario.model.Loc;
import org.mptcpsim.scenario.model.ScenarioException;

/**
 * Reads a Mahimahi packet-delivery trace ({@code trace:} of a link direction): one delivery
 * opportunity per line, a whole number of milliseconds, non-decreasing, the last above 0. The rules
 * are mm-link's ({@code LinkQueue}'s constructor refuses an empty line, a decreasing timestamp, a
 * file without timestamps and one whose last timestamp is 0); spaces or tabs around the number and a
 * CR before the newline are allowed. Every problem is a {@link ScenarioException} located in the
 * trace file (its line and column) with the scenario field that names it.
 */
final class TraceFiles {

    /** The largest trace file: 64 MiB, checked before reading (about 8 million opportunities). */
    static final long MAX_BYTES = 64L << 20;
    /** What a line may hold, for messages. */
    static final String LINE_RULE = "each line of a Mahimahi trace is one delivery opportunity: a whole number of"
            + " milliseconds from 0 to " + Integer.MAX_VALUE + ", not below the line before";

    private TraceFiles() {
    }

    /**
     * @param file  the resolved path
     * @param at    the {@code trace:} field's location (for a missing or unreadable file)
     * @param field the field path, e.g. {@code links[lte].trace}, named in errors inside the file
     */
    static DeliveryTrace read(Path file, Loc at, String field) {
        try {
            return readFile(file, at, field);
        } catch (ScenarioException e) {
            throw e.anchoredAt(at);   // a line of the trace: listed where the scenario names the file
        }
    }

    private static DeliveryTrace readFile(Path file, Loc at, String field) {
        String name = file.toString();
        byte[] bytes;
        try {
            bytes = DataFiles.read(file, "trace file " + name, "trace file", at, MAX_BYTES, "64 MiB");
        } catch (NoSuchFileException e) {
            throw new ScenarioException(at, "trace file " + name + " does not exist (a relative path is resolved"
                    + " against the scenario file's directory)");
        } catch (AccessDeniedException e) {
            throw new ScenarioException(at, "cannot read trace file " + name + ": permission denied");
        } catch (IOException e) {
            throw new ScenarioException(at, "cannot read trace file " + name + ": " + e.getMessage());
        }
        // ISO-8859-1 maps every byte to one char, so a stray byte is reported as a bad line, not a decoding error
        String text = new String(bytes, StandardCharsets.ISO_8859_1);
        int[] ms = new int[Math.max(16, Math.min(bytes.length / 2 + 1, 1 << 20))];
        int n = 0;
        int line = 0;
        int pos = 0;
        int len = text.length();
        while (pos < len) {
            line++;
            int end = text.indexOf('\n', pos);
            if (end < 0) {
                end = len;
            }
            int stop = end > pos && text.charAt(end - 1) == '\r' ? end - 1 : end;
            int v = parseLine(text, pos, stop, name, line, field);
            if (n > 0 && v < ms[n - 1]) {
                throw new ScenarioException(new Loc(name, line, 1, field), "timestamp " + v + " is below the line"
                        + " before (" + ms[n - 1] + "); " + LINE_RULE);
            }
            if (n == ms.length) {
                ms = java.util.Arrays.copyOf(ms, n * 2);
            }
            ms[n++] = v;
            pos = end + 1;
        }
        if (n == 0) {
            throw new ScenarioException(new Loc(name, 1, 1, field), "the trace file is empty; " + LINE_RULE);
        }
        if (ms[n - 1] == 0) {
            throw new ScenarioException(new Loc(name, line, 1, field), "the trace must last for a nonzero amount of"
                    + " time: its last timestamp is 0 (the trace repeats with its last timestamp as period)");
        }
        return new DeliveryTrace(java.util.Arrays.copyOf(ms, n));
    }

    private static int parseLine(String text, int from, int to, String name, int line, String field) {
        int i = from;
        while (i < to && (text.charAt(i) == ' ' || text.charAt(i) == '\t')) {
            i++;
        }
        int j = to;
        while (j > i && (text.charAt(j - 1) == ' ' || text.charAt(j - 1) == '\t')) {
            j--;
        }
        if (i == j) {
            throw new ScenarioException(new Loc(name, line, 1, field), "empty line; " + LINE_RULE);
        }
        long v = 0;
        for (int k = i; k < j; k++) {
            char c = text.charAt(k);
            if (c < '0' || c > '9') {
                String shown = text.substring(i, Math.min(j, i + 40));
                throw new ScenarioException(new Loc(name, line, k - from + 1, field), "\"" + printable(shown)
                        + "\" is not a timestamp; " + LINE_RULE);
            }
            v = v * 10 + (c - '0');
            if (v > Integer.MAX_VALUE) {
                throw new ScenarioException(new Loc(name, line, i - from + 1, field), "timestamp "
                        + text.substring(i, Math.min(j, i + 40)) + " is too large; " + LINE_RULE);
            }
        }
        return (int) v;
    }

    private static String printable(String s) {
        StringBuilder b = new StringBuilder();
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            if (c >= 0x20 && c < 0x7f) {
                b.append(c);
            } else {
                b.append(String.format("\\x%02X", (int) c));
            }
        }
        return b.toString();
    }
}
