package org.mptcpsim.scenario.run;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.stream.Stream;

import org.mptcpsim.scenario.model.Scenario;
import org.mptcpsim.scenario.parse.ScenarioLoader;

/** Test helper: parse a scenario text or file and run it into a temporary directory. */
public final class Sim {
    private Sim() {
    }

    public static Scenario parse(String yaml, String... sets) {
        return new ScenarioLoader().parse("test.yaml", yaml, List.of(sets));
    }

    public static RunResult run(String yaml, String... sets) {
        return run(parse(yaml, sets));
    }

    public static RunResult runFile(Path file, String... sets) {
        return run(ScenarioLoader.loadFile(file, List.of(sets)));
    }

    public static RunResult run(Scenario sc) {
        try {
            Path dir = Files.createTempDirectory(tempRoot(), "run-").resolve("run");
            return new ScenarioRunner(sc).run(dir, ScenarioRunner.Progress.NONE);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static Path root;

    /** One temporary directory per test JVM for every run; removed when the JVM exits. */
    static synchronized Path tempRoot() throws IOException {
        if (root == null) {
            Path r = Files.createTempDirectory("mptcp-sim-test-");
            Runtime.getRuntime().addShutdownHook(new Thread(() -> deleteTree(r)));
            root = r;
        }
        return root;
    }

    /** Deletes a run's directory (and the temporary directory holding it) once a test is done with it. */
    public static void deleteRun(RunResult r) {
        deleteTree(r.dir().getParent());
    }

    static void deleteTree(Path p) {
        if (!Files.exists(p)) {
            return;
        }
        try (Stream<Path> s = Files.walk(p)) {
            for (Path q : s.sorted(Comparator.reverseOrder()).toList()) {
                Files.deleteIfExists(q);
            }
        } catch (IOException e) {
            // best effort: a temporary directory
        }
    }

    /** Rows of a CSV file of the run directory, header removed, split on commas. */
    public static List<String[]> csv(RunResult r, String name) {
        try {
            List<String> lines = Files.readAllLines(r.dir().resolve(name));
            List<String[]> out = new ArrayList<>();
            for (String l : lines.subList(1, lines.size())) {
                out.add(l.split(",", -1));
            }
            return out;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** The repository's example directory (tests run with the module directory as working directory). */
    public static Path examples() {
        Path p = Path.of("examples");
        return Files.isDirectory(p) ? p : Path.of("scenarios", "examples");
    }

    /** Link utilisation from tx_bytes deltas of queues.csv between two times (s), for a link direction. */
    public static double utilization(RunResult r, String link, double fromS, double toS, long rateBps) {
        long a = -1;
        long b = -1;
        double ta = 0;
        double tb = 0;
        for (String[] row : csv(r, "queues.csv")) {
            if (!row[1].equals(link)) {
                continue;
            }
            double t = Double.parseDouble(row[0]);
            if (a < 0 && t >= fromS - 1e-9) {
                a = Long.parseLong(row[5]);
                ta = t;
            }
            if (t <= toS + 1e-9) {
                b = Long.parseLong(row[5]);
                tb = t;
            }
        }
        return (b - a) * 8.0 / ((tb - ta) * rateBps);
    }
}
