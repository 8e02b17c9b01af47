package org.mptcpsim.scenario.run;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;

import java.io.IOException;
import java.nio.file.Files;

import org.junit.jupiter.api.Test;

class DeterminismTest {
    @Test
    void sameScenarioAndSeedGiveByteIdenticalOutputs() throws IOException {
        // random loss on a path exercises the per-link random streams too
        RunResult a = Sim.runFile(Sim.examples().resolve("two-paths.yaml"), "duration=10s", "paths.lte.loss=0.5%");
        RunResult b = Sim.runFile(Sim.examples().resolve("two-paths.yaml"), "duration=10s", "paths.lte.loss=0.5%");
        for (String f : new String[] {"summary.json", "subflows.csv", "connections.csv", "queues.csv", "events.csv"}) {
            assertArrayEquals(Files.readAllBytes(a.dir().resolve(f)), Files.readAllBytes(b.dir().resolve(f)), f);
        }
    }
}
