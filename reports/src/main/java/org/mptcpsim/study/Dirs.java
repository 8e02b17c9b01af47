package org.mptcpsim.study;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.List;
import java.util.stream.Stream;

/** File-system helpers for run directories. */
final class Dirs {
    private Dirs() {
    }

    /**
     * Makes {@code dir} an empty directory, deleting what an interrupted earlier attempt may have
     * left there, so a {@link RunFunction} always starts from an empty run directory.
     */
    static void fresh(Path dir) throws IOException {
        if (Files.exists(dir)) {
            List<Path> all;
            try (Stream<Path> walk = Files.walk(dir)) {
                all = walk.sorted(Comparator.reverseOrder()).toList();
            }
            for (Path p : all) {
                Files.delete(p);
            }
        }
        Files.createDirectories(dir);
    }
}
