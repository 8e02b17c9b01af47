package org.mptcpsim.scenario.parse;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import org.mptcpsim.scenario.model.Loc;
import org.mptcpsim.scenario.model.ScenarioException;

/**
 * The one guard of the files a scenario run reads: the scenario file itself and the files it names for data (a link's
 * {@code trace:}, a size distribution's {@code cdf:}): a regular file (not a directory, pipe or device, which could block or never
 * end), at most a given size, checked before it is read and again while reading (a file that grows, or a regular file
 * that reports size 0 as those under /proc do, cannot get past the limit). Errors are located at the naming field.
 */
final class DataFiles {
    private DataFiles() {
    }

    /**
     * The bytes of {@code file}, at most {@code max} of them.
     *
     * @param subject the file in messages (e.g. "trace file wifi.csv", "the file")
     * @param what    the kind of file, for the limit (e.g. "trace file")
     * @param at    the naming field's location
     * @param limit the limit as the message says it (e.g. "64 MiB")
     * @throws IOException as {@link Files#size} and reading throw it (the caller words a missing or unreadable file)
     */
    static byte[] read(Path file, String subject, String what, Loc at, long max, String limit) throws IOException {
        if (Files.isDirectory(file)) {
            throw new ScenarioException(at, subject + " is a directory");
        }
        if (Files.exists(file) && !Files.isRegularFile(file)) {
            throw new ScenarioException(at, subject + " is not a regular file (a pipe or device); save it to a"
                    + " file first");
        }
        long size = Files.size(file);
        if (size > max) {
            throw new ScenarioException(at, subject + " is " + size + " bytes; the largest allowed " + what
                    + " is " + max + " bytes (" + limit + ")");
        }
        try (InputStream in = Files.newInputStream(file)) {
            byte[] bytes = in.readNBytes((int) Math.min(Integer.MAX_VALUE - 8, max + 1));
            if (bytes.length > max) {
                throw new ScenarioException(at, subject + " holds more than " + max + " bytes; the largest"
                        + " allowed " + what + " is " + max + " bytes (" + limit + ")");
            }
            return bytes;
        }
    }
}
