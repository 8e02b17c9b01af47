package org.mptcpsim.lab;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.mptcpsim.scenario.model.Scenario;
import org.mptcpsim.scenario.model.ScenarioException;
import org.mptcpsim.scenario.parse.ScenarioLoader;

/**
 * Locks {@link ScenarioToLab}'s mapping byte for byte: every scenario file of the repository (the examples, the lab
 * scenarios, the fuzz and sweep inputs of the cli tests) mapped for each backend, without and with a custom kernel,
 * rendered as text (the spec without its per-run prefix, the refusals, the notes, the out-of-tree knobs) and compared with
 * {@code scenario-to-lab.golden.txt}. Regenerate (only for an intended change, in its own commit) with
 * {@code -Dmapping.update=true}.
 */
class ScenarioToLabGoldenTest {
    static final Path GOLDEN = Path.of("src/test/resources/org/mptcpsim/lab/scenario-to-lab.golden.txt");

    @Test
    void everyScenarioMapsAsBefore() throws IOException {
        List<Path> files;
        try (Stream<Path> s = Stream.of("../scenarios/examples", "../cli/src/test/resources", "../benchmarks/scenarios", "src/test/resources/org")
                .map(Path::of).flatMap(ScenarioToLabGoldenTest::walk)) {
            files = s.filter(p -> p.toString().endsWith(".yaml")).sorted().toList();
        }
        StringBuilder b = new StringBuilder();
        for (Path f : files) {
            Scenario sc;
            try {
                sc = ScenarioLoader.loadFile(f, List.of());
            } catch (ScenarioException | IllegalArgumentException e) {
                continue;   // inputs that are meant not to load
            }
            for (Backend be : Backend.values()) {
                for (boolean custom : new boolean[] {false, true}) {
                    ScenarioToLab.Result r = ScenarioToLab.map(sc, be, custom);
                    b.append("== ").append(f.toString().replace('\\', '/')).append(' ').append(be).append(custom ? " custom" : "").append('\n');
                    if (r.spec() != null) b.append("spec ").append(r.spec().toString().replaceAll(", prefix=[^,\\]]*", "")).append('\n');
                    for (String x : r.refusals()) b.append("refuse ").append(x).append('\n');
                    for (String x : r.notes()) b.append("note ").append(x).append('\n');
                    if (r.oot() != null) b.append("oot ").append(r.oot()).append('\n');
                }
            }
        }
        if (Boolean.getBoolean("mapping.update")) Files.writeString(GOLDEN, b, StandardCharsets.UTF_8);
        assertEquals(Files.readString(GOLDEN, StandardCharsets.UTF_8), b.toString());
    }

    private static Stream<Path> walk(Path p) {
        try {
            return Files.isDirectory(p) ? Files.walk(p).toList().stream() : Stream.empty();
        } catch (IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }
}
