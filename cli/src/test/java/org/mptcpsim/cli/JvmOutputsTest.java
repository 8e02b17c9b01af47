package org.mptcpsim.cli;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * The launcher runs the jar on the newest JDK it finds (25 or newer, for its AOT cache) while the
 * test suite and the golden outputs run on the build's JDK (17). Same scenario and seed must give
 * byte-identical data files on both: this runs each example once in this JVM and once in a child
 * JVM of the newest JDK under /usr/lib/jvm, with the options the launcher gives it (compact object
 * headers included), and compares every data file. The charts are not compared: their PNG pixels
 * follow each JVM's font rasteriser. Skipped when no JDK newer than this one is installed.
 */
class JvmOutputsTest {
    @TempDir
    static Path tmp;

    static Path newer;

    /** The data files of a run; engine.json holds wall-clock figures and is left out. */
    static final List<String> DATA = List.of("summary.json", "subflows.csv", "connections.csv", "events.csv",
            "queues.csv", "scenario.yaml");

    @BeforeAll
    static void findNewerJdk() throws IOException {
        newer = newestJdk(Path.of("/usr/lib/jvm")).orElse(null);
    }

    /** The java binary of the JDK with the highest feature version above this JVM's, if any. */
    static Optional<Path> newestJdk(Path root) throws IOException {
        if (!Files.isDirectory(root)) {
            return Optional.empty();
        }
        int best = Runtime.version().feature();
        Path found = null;
        Pattern v = Pattern.compile("^JAVA_VERSION=\"(\\d+)", Pattern.MULTILINE);
        try (Stream<Path> s = Files.list(root)) {
            for (Path home : s.sorted().toList()) {
                Path release = home.resolve("release");
                Path java = home.resolve("bin/java");
                if (!Files.isRegularFile(release) || !Files.isExecutable(java)) {
                    continue;
                }
                Matcher m = v.matcher(Files.readString(release, StandardCharsets.UTF_8));
                if (m.find() && Integer.parseInt(m.group(1)) > best) {
                    best = Integer.parseInt(m.group(1));
                    found = java;
                }
            }
        }
        return Optional.ofNullable(found);
    }

    @ParameterizedTest
    @ValueSource(strings = {"two-paths.yaml", "shared-bottleneck.yaml", "lte-trace.yaml", "web-over-wifi-lte.yaml",
            "video-handover.yaml", "datacenter-ndiffports.yaml"})
    void dataFilesAreByteIdenticalOnTheNewestJdk(String example) throws Exception {
        assumeTrue(newer != null, "no JDK newer than " + Runtime.version().feature() + " under /usr/lib/jvm");
        Path scenario = CliTest.example(example);
        String name = example.replace(".yaml", "");
        Path here = tmp.resolve(name + "-this");
        Path there = tmp.resolve(name + "-newer");
        Object[] r = CliTest.exec("run", scenario.toString(), "--quiet", "--no-report", "--out", here.toString());
        assertEquals(0, r[0], (String) r[1]);

        List<String> cmd = new ArrayList<>(List.of(newer.toString(), "-Xmx512m", "-XX:+UseSerialGC",
                "-XX:+UseCompactObjectHeaders", "-cp", System.getProperty("java.class.path"), Main.class.getName(),
                "run", scenario.toString(), "--quiet", "--no-report", "--out", there.toString()));
        Process p = new ProcessBuilder(cmd).redirectErrorStream(true).start();
        String log = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertTrue(p.waitFor(300, TimeUnit.SECONDS), "child JVM did not finish");
        assertEquals(0, p.exitValue(), newer + ": " + log);

        for (String f : DATA) {
            Path a = here.resolve(f);
            Path b = there.resolve(f);
            assertEquals(Files.exists(a), Files.exists(b), f + " written by one JVM only");
            if (Files.exists(a)) {
                assertArrayEquals(Files.readAllBytes(a), Files.readAllBytes(b),
                        example + ": " + f + " differs between Java " + Runtime.version().feature() + " and " + newer);
            }
        }
        assertTrue(Files.exists(here.resolve("summary.json")));
    }
}
