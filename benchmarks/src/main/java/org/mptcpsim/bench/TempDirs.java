package org.mptcpsim.bench;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.stream.Stream;

/** The benchmarks' temporary run directories: made per trial, removed after it. */
final class TempDirs {
    private TempDirs() {
    }

    /** Deletes {@code dir} and everything in it (only directories a benchmark made with createTempDirectory). */
    static void delete(Path dir) throws IOException {
        if (!Files.exists(dir)) {
            return;
        }
        try (Stream<Path> w = Files.walk(dir)) {
            for (Path q : w.sorted(Comparator.reverseOrder()).toList()) {
                Files.deleteIfExists(q);
            }
        }
    }
}
