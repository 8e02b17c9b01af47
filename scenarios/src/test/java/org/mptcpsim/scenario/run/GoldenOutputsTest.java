package org.mptcpsim.scenario.run;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;

import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.TestFactory;

/**
 * Golden outputs: every example scenario (including {@code examples/lab/}) is run at seed 1 and its
 * {@code summary.json} and the first {@value #SUBFLOW_LINES} lines of {@code subflows.csv} are compared
 * byte for byte with the files committed under {@code src/test/resources/golden/<example>/}. A change
 * of behaviour therefore shows up as a diff of those files in review.
 *
 * <p>To accept a deliberate change, rewrite them and commit the diff:
 * {@code mvn -B -pl scenarios -am test -Dtest=GoldenOutputsTest -Dsurefire.failIfNoSpecifiedTests=false
 * -Dgolden.update=true}. engine.json (wall-clock figures) is not part of the golden set.
 */
class GoldenOutputsTest {
    static final int SUBFLOW_LINES = 40;
    static final Path GOLDEN = Path.of("src", "test", "resources", "golden");

    @TestFactory
    Stream<DynamicTest> examplesMatchTheirGoldenOutputs() throws IOException {
        Path root = Sim.examples();
        List<Path> files;
        try (Stream<Path> s = Files.walk(root)) {
            files = s.filter(p -> p.toString().endsWith(".yaml") || p.toString().endsWith(".json")).sorted().toList();
        }
        assertFalse(files.isEmpty());
        boolean update = Boolean.getBoolean("golden.update");
        return files.stream().map(f -> {
            String rel = root.relativize(f).toString().replace('\\', '/');
            String key = rel.substring(0, rel.lastIndexOf('.'));
            return DynamicTest.dynamicTest(rel, () -> {
                RunResult r = Sim.runFile(f, "seed=1");
                try {
                    String summary = Files.readString(r.dir().resolve("summary.json"), StandardCharsets.UTF_8);
                    String subflows = head(r.dir().resolve("subflows.csv"));
                    Path dir = GOLDEN.resolve(key);
                    if (update) {
                        Files.createDirectories(dir);
                        Files.writeString(dir.resolve("summary.json"), summary, StandardCharsets.UTF_8);
                        Files.writeString(dir.resolve("subflows-head.csv"), subflows, StandardCharsets.UTF_8);
                        return;
                    }
                    assertTrue(Files.isRegularFile(dir.resolve("summary.json")),
                            "no golden output for " + rel + " in " + dir.toAbsolutePath()
                                    + "; create it with -Dgolden.update=true and commit it");
                    assertEquals(Files.readString(dir.resolve("summary.json"), StandardCharsets.UTF_8), summary,
                            rel + ": summary.json differs from the golden output (a behaviour change: if deliberate, "
                                    + "rerun with -Dgolden.update=true and commit the diff)");
                    assertEquals(Files.readString(dir.resolve("subflows-head.csv"), StandardCharsets.UTF_8), subflows,
                            rel + ": subflows.csv differs from the golden output");
                } finally {
                    Sim.deleteRun(r);
                }
            });
        });
    }

    private static String head(Path csv) throws IOException {
        try (Stream<String> lines = Files.lines(csv, StandardCharsets.UTF_8)) {
            StringBuilder sb = new StringBuilder();
            lines.limit(SUBFLOW_LINES).forEach(l -> sb.append(l).append('\n'));
            return sb.toString();
        }
    }
}
