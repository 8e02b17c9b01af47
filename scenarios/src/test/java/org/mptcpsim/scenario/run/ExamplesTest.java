package org.mptcpsim.scenario.run;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;

import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.TestFactory;

/** Every shipped example scenario runs to completion and moves data on every connection. */
class ExamplesTest {
    @TestFactory
    Stream<DynamicTest> everyExampleRuns() throws IOException {
        List<Path> files;
        try (Stream<Path> s = Files.list(Sim.examples())) {
            files = s.filter(p -> p.toString().endsWith(".yaml") || p.toString().endsWith(".json")).sorted().toList();
        }
        assertFalse(files.isEmpty());
        return files.stream().map(f -> DynamicTest.dynamicTest(f.getFileName().toString(), () -> {
            RunResult r = Sim.runFile(f);
            for (RunResult.Connection c : r.connections()) {
                assertTrue(c.bytesDelivered() > 0, f + ": connection " + c.id() + " delivered nothing");
            }
            assertTrue(Files.isRegularFile(r.dir().resolve("summary.json")));
        }));
    }
}
