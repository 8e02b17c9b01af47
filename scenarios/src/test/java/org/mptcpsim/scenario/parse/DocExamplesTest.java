package org.mptcpsim.scenario.parse;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.mptcpsim.scenario.TestPlugins;
import org.mptcpsim.scenario.model.Scenario;

/** The YAML examples in docs/scenario-format.md are valid scenarios. */
class DocExamplesTest {

    static final ScenarioLoader LOADER = new ScenarioLoader(TestPlugins.REGISTRY);

    @Test
    void docExamplesParse() throws IOException {
        String doc = Files.readString(Path.of("../docs/scenario-format.md"));
        List<String> blocks = new ArrayList<>();
        int i = 0;
        while ((i = doc.indexOf("```yaml\n", i)) >= 0) {
            int end = doc.indexOf("```", i + 8);
            blocks.add(doc.substring(i + 8, end));
            i = end + 3;
        }
        assertEquals(4, blocks.size());
        Scenario small = LOADER.parse("doc-1.yaml", blocks.get(0), List.of());
        assertEquals(2, small.links().size());
        Scenario general = LOADER.parse("doc-2.yaml", blocks.get(1), List.of());
        assertEquals("olia", general.connection("m1").kernel().congestionControl());
        assertEquals("reno", general.connection("t1").kernel().congestionControl());
        assertEquals(3, general.link("bottleneck").schedule().size());
        assertTrue(general.hosts().get("client").iface("lte").backup());
        assertEquals(9, general.sweep().points().size());
        assertEquals(9, LOADER.sweepText("doc-2.yaml", blocks.get(1), List.of()).size());
        // the generated fat tree: 16 + 1 hosts, 20 switches, 48 + 1 links, 1 + 17 connections (storage takes part)
        Scenario generated = LOADER.parse("doc-3.yaml", blocks.get(2), List.of());
        assertEquals(37, generated.nodes().size());
        assertEquals(49, generated.links().size());
        assertEquals(18, generated.connections().size());
        assertEquals("backup", generated.connections().get(0).id());
        // the applications
        Scenario apps = LOADER.parse("doc-4.yaml", blocks.get(3), List.of());
        assertEquals(null, apps.connection("bulk1").app());
        assertEquals(64_000, apps.connection("one").sizeBytes());
        assertEquals("flows", apps.connection("short").app().kind());
        assertEquals("request-response", apps.connection("web").app().kind());
        assertEquals("stream", apps.connection("video").app().kind());
    }

    /**
     * The stream example's comment offers a second form of the bitrate; it read "steps: [...]", a field the parser
     * refuses (stream takes bitrate and startup). The alternative, written in place of the line, must parse.
     */
    @Test
    void theStreamBitrateAlternativeInTheCommentParses() throws IOException {
        String doc = Files.readString(Path.of("../docs/scenario-format.md"));
        String line = doc.lines().filter(l -> l.trim().startsWith("bitrate: 5Mbit") && l.contains("# or "))
                .findFirst().orElseThrow();
        String alternative = line.substring(line.indexOf("# or ") + 5).trim();
        String indent = line.substring(0, line.indexOf("bitrate"));
        String block = doc.substring(doc.lastIndexOf("```yaml\n", doc.indexOf(line)) + 8,
                doc.indexOf("```", doc.indexOf(line)));
        Scenario apps = LOADER.parse("doc-4.yaml", block.replace(line, indent + alternative), List.of());
        assertEquals("stream", apps.connection("video").app().kind());
    }
}
