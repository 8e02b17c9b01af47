package org.mptcpsim.scenario.run;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.mptcpsim.scenario.model.Scenario;
import org.mptcpsim.scenario.model.ScenarioException;
import org.mptcpsim.scenario.output.OutputDir;
import org.mptcpsim.scenario.parse.ScenarioLoader;

/** The resource guards (docs/scenario-format.md, "Limits"): output size, sample interval, parser limits. */
class ResourceGuardsTest {
    static final String TWO_PATHS = """
            name: g
            duration: 2s
            paths:
              - {id: wifi, rate: 20Mbit, delay: 10ms, buffer: 1BDP}
              - {id: lte,  rate: 10Mbit, delay: 30ms, buffer: 1BDP}
            """;

    @TempDir
    Path tmp;

    @Test
    void aSampleBelowOneMillisecondIsRefusedWithTheSmallestAllowed() {
        ScenarioException e = assertThrows(ScenarioException.class, () -> Sim.parse(TWO_PATHS + "sample: 999us\n"));
        assertTrue(e.getMessage().contains("test.yaml:6:9: sample: sample 999us is below the smallest allowed sample interval, 1ms"),
                e.getMessage());
        assertEquals(1_000_000_000L, Sim.parse(TWO_PATHS + "sample: 1ms\n").samplePs(), "1 ms itself is allowed");
    }

    @Test
    void theEstimateIsALowerBoundOfWhatARunWrites() throws IOException {
        Scenario sc = Sim.parse(TWO_PATHS + "sample: 1ms\n");
        RunResult r = Sim.run(sc);
        try {
            long written = 0;
            for (String f : List.of("subflows.csv", "connections.csv", "queues.csv")) {
                List<String> lines = Files.readAllLines(r.dir().resolve(f));
                for (String l : lines.subList(1, lines.size())) {   // the header is not counted
                    written += l.length() + 1;
                }
            }
            long estimate = OutputBudget.estimateBytes(sc);
            assertEquals(2000, OutputBudget.samples(sc), "2 s every 1 ms");
            assertTrue(estimate <= written, estimate + " > " + written);
            assertTrue(estimate > written / 3, "and not a useless one: " + estimate + " vs " + written);
        } finally {
            Sim.deleteRun(r);
        }
    }

    @Test
    void aRunWhoseSamplesWouldExceedTheLimitIsRefusedBeforeItStarts() {
        // 1e8 samples (100000 s every 1 ms) x at least (26 for one subflow + 13 for the connection + 4 link
        // directions x 19) = 115 bytes = 11.5 GB = 10.7 GiB > 1 GiB
        Scenario sc = Sim.parse(TWO_PATHS + "sample: 1ms\n", "duration=100000s");
        Path out = tmp.resolve("big");
        ScenarioException e = assertThrows(ScenarioException.class,
                () -> new ScenarioRunner(sc).run(out, ScenarioRunner.Progress.NONE));
        assertTrue(e.getMessage().contains("more than the largest allowed output of 1.0 GiB"), e.getMessage());
        assertTrue(e.getMessage().contains("--allow-large-output"), e.getMessage());
        assertTrue(e.getMessage().contains("at least 10.7 GiB"), e.getMessage());
        assertFalse(Files.exists(out), "nothing at all was written");
    }

    @Test
    void aRunThatWritesMoreThanItsBudgetIsStoppedAndLeavesNothing() throws IOException {
        Scenario sc = Sim.parse(TWO_PATHS + "sample: 1ms\n");
        Path out = tmp.resolve("capped");
        // a budget equal to the estimate passes the check before the run, but the run writes more (two
        // subflows, longer numbers: the estimate is a lower bound, see the test above), so it is stopped
        long estimate = OutputBudget.estimateBytes(sc);
        ScenarioException e = assertThrows(ScenarioException.class, () -> new ScenarioRunner(sc)
                .budget(OutputBudget.of(estimate)).run(out, ScenarioRunner.Progress.NONE));
        assertTrue(e.getMessage().contains("the run was stopped after writing"), e.getMessage());
        assertFalse(Files.exists(out));
        try (Stream<Path> s = Files.list(tmp)) {
            assertEquals(List.of(), s.toList(), "the temporary directory was removed");
        }
    }

    @Test
    void eventRowsCountAgainstTheBudgetToo() throws IOException {
        // events.csv streams as events happen; an event storm (an RTO re-armed without end) must hit the
        // same budget as the sampled rows instead of filling the disk. Measure one unlimited run: the
        // budget that lets it through is exactly its sampled rows plus its event rows (headers are not
        // counted, each row is its characters plus the newline); one byte less stops it. Without event
        // rows in the count, sampled + events - 1 >= sampled would let the run finish.
        Scenario sc = Sim.parse(TWO_PATHS);
        Path full = tmp.resolve("full");
        new ScenarioRunner(sc).budget(OutputBudget.UNLIMITED).run(full, ScenarioRunner.Progress.NONE);
        long sampled = rowBytes(full.resolve("subflows.csv")) + rowBytes(full.resolve("connections.csv"))
                + rowBytes(full.resolve("queues.csv"));
        long events = rowBytes(full.resolve("events.csv"));
        assertTrue(events > 0, "the run records its subflows opening");
        Path exact = tmp.resolve("exact");
        new ScenarioRunner(sc).budget(OutputBudget.of(sampled + events)).run(exact, ScenarioRunner.Progress.NONE);
        assertEquals(Files.readString(full.resolve("events.csv")), Files.readString(exact.resolve("events.csv")));
        Path capped = tmp.resolve("capped");
        ScenarioException e = assertThrows(ScenarioException.class, () -> new ScenarioRunner(sc)
                .budget(OutputBudget.of(sampled + events - 1)).run(capped, ScenarioRunner.Progress.NONE));
        assertTrue(e.getMessage().contains("the run was stopped after writing"), e.getMessage());
        assertFalse(Files.exists(capped));
    }

    /** The bytes of a CSV's rows as RunWriter counts them: every line after the header, plus its newline. */
    private static long rowBytes(Path csv) throws IOException {
        List<String> lines = Files.readAllLines(csv);
        long n = 0;
        for (String l : lines.subList(1, lines.size())) {
            n += l.length() + 1;
        }
        return n;
    }

    @Test
    void aNameWithDotsAndSlashesStaysUnderRuns() {
        Scenario sc = Sim.parse(TWO_PATHS.replace("name: g", "name: ../../victim2"));
        Path d = tmp.resolve(OutputDir.defaultDir("", sc.name(), "")).normalize();
        assertEquals(tmp.resolve("runs"), d.getParent());
    }

    @Test
    void aScenarioFileAboveOneMebibyteIsRefusedBeforeItIsRead() throws IOException {
        Path f = tmp.resolve("huge.yaml");
        Files.writeString(f, "name: " + "x".repeat(10_000_000) + "\n");   // the 10 MB single-line reproducer
        ScenarioException e = assertThrows(ScenarioException.class, () -> ScenarioLoader.loadFile(f, List.of()));
        assertTrue(e.getMessage().contains("the file is 10000007 bytes; the largest allowed scenario file is 1048576 bytes"),
                e.getMessage());
    }

    @Test
    void scenarioTextAboveTheDocumentLimitIsRefused() {
        ScenarioException e = assertThrows(ScenarioException.class,
                () -> new ScenarioLoader().parse("t.yaml", "name: " + "x".repeat(2 << 20), List.of()));
        assertTrue(e.getMessage().contains("the largest allowed scenario is 1048576 characters"), e.getMessage());
    }

    @Test
    void aStringAboveTheStringLimitIsALocatedError() {
        for (String file : List.of("t.yaml", "t.json")) {
            String text = file.endsWith(".json") ? "{\"name\": \"" + "x".repeat(70_000) + "\"}" : "name: " + "x".repeat(70_000) + "\n";
            ScenarioException e = assertThrows(ScenarioException.class, () -> new ScenarioLoader().parse(file, text, List.of()));
            assertTrue(e.getMessage().startsWith(file + ":1:"), e.getMessage());
        }
    }
}
