package org.mptcpsim.report;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class RunDataTest {
    @TempDir
    Path dir;

    @Test
    void loadsEverythingAndToleratesExtraFields() throws Exception {
        SyntheticRun.write(dir, SyntheticRun.Params.defaults());
        RunData run = RunData.load(dir);
        Summary s = run.summary();
        assertEquals("two-paths", s.scenario());
        assertEquals(1.0, s.durationS());
        assertEquals(List.of("flavour", "net.ipv4.tcp_congestion_control", "mptcp_fullmesh.num_subflows"),
                List.copyOf(s.kernel().keySet()), "kernel options keep file order");
        assertEquals("2", s.kernel().get("mptcp_fullmesh.num_subflows"));
        assertEquals(2, s.connections().size());
        assertEquals(List.of("lte"), s.connections().get(0).subflows().get(1).path());
        assertEquals(0.95, s.jain());
        assertEquals(123456, s.engine().events());
        // 10 samples x 3 subflows = 30 rows; 10 x 2 connections = 20; 10 x 2 links = 20
        assertEquals(30, run.subflows().size());
        assertEquals(20, run.connections().size());
        assertEquals(20, run.queues().size());
        SubflowSample first = run.subflows().get(0);
        // m1 sf0 at i=1: cwnd 10+1, ssthresh infinite (1 < 4), srtt 20000+1000, acked 125000
        assertEquals(new SubflowSample(0.1, "m1", 0, 11, 2147483647L, 21000, 125000, "Open"), first);
    }

    @Test
    void malformedCsvNamesFileAndLine() throws Exception {
        SyntheticRun.write(dir, SyntheticRun.Params.defaults());
        Path f = dir.resolve("subflows.csv");
        List<String> lines = Files.readAllLines(f, StandardCharsets.UTF_8);
        lines.set(4, lines.get(4).replace(",Open,", ",Open")); // line 5 of the file loses one field
        Files.write(f, lines, StandardCharsets.UTF_8);
        MalformedRunException e = assertThrows(MalformedRunException.class, () -> RunData.load(dir));
        assertTrue(e.getMessage().startsWith("subflows.csv:5: expected 9 fields, found 8"), e.getMessage());

        SyntheticRun.write(dir, SyntheticRun.Params.defaults());
        Path q = dir.resolve("queues.csv");
        lines = Files.readAllLines(q, StandardCharsets.UTF_8);
        lines.set(3, "0.200000,wifi,two,3000,0,300000");
        Files.write(q, lines, StandardCharsets.UTF_8);
        e = assertThrows(MalformedRunException.class, () -> RunData.load(dir));
        assertTrue(e.getMessage().startsWith("queues.csv:4: column 'qlen_pkts': not a number: 'two'"), e.getMessage());
    }

    @Test
    void missingColumnAndMissingSummaryAreClear() throws Exception {
        SyntheticRun.write(dir, SyntheticRun.Params.defaults());
        Files.writeString(dir.resolve("connections.csv"), "time_s,connection\n0.1,m1\n");
        MalformedRunException e = assertThrows(MalformedRunException.class, () -> RunData.load(dir));
        assertTrue(e.getMessage().startsWith("connections.csv:1: missing column 'bytes_delivered'"), e.getMessage());

        Files.writeString(dir.resolve("summary.json"), "{\n  \"scenario\": \"x\",\n  oops\n}");
        e = assertThrows(MalformedRunException.class, () -> RunData.load(dir));
        assertTrue(e.getMessage().startsWith("summary.json:3:"), e.getMessage());

        Files.delete(dir.resolve("summary.json"));
        assertThrows(NoSuchFileException.class, () -> RunData.load(dir));
    }

    /** A cut-off summary.json said "[Source: REDACTED (StreamReadFeature.INCLUDE_SOURCE_IN_LOCATION disabled)...". */
    @Test
    void malformedSummaryIsDescribedInPlainWords() throws Exception {
        SyntheticRun.write(dir, SyntheticRun.Params.defaults());
        Files.writeString(dir.resolve("summary.json"), "{\n  \"scenario\": \"x\",\n  \"links\": [");
        MalformedRunException e = assertThrows(MalformedRunException.class, () -> RunData.load(dir));
        // the list opens at line 3, column 12 ("  \"links\": " is 11 characters)
        assertTrue(e.getMessage().contains("not valid JSON: the file ends in the middle of a value (the list opened"
                + " at line 3, column 12 is not closed by ])"), e.getMessage());
        assertFalse(e.getMessage().contains("Source"), e.getMessage());
        Files.writeString(dir.resolve("summary.json"), "{\n  // note\n  \"scenario\": \"x\"\n}");
        e = assertThrows(MalformedRunException.class, () -> RunData.load(dir));
        assertTrue(e.getMessage().startsWith("summary.json:2:3: not valid JSON: comments are not allowed in"
                + " summary.json"), e.getMessage());
        assertFalse(e.getMessage().contains("ALLOW_COMMENTS"), e.getMessage());
    }

    /**
     * A field that is there must have its type: "connections": "oops" drew an empty table, a goodput of "fast" showed
     * n/a, a negative duration "-5 s", all with exit 0. Absent and null fields stay allowed (kernel runs leave startS
     * null), so the synthetic run loads first.
     */
    @Test
    void aSummaryFieldOfTheWrongTypeIsRefusedWithItsPath() throws Exception {
        SyntheticRun.write(dir, SyntheticRun.Params.defaults());
        String good = Files.readString(dir.resolve("summary.json"));
        RunData.load(dir);
        String[][] cases = {
            {"{\"connections\": \"oops\"}", "summary.json: connections: \"oops\" is not a list"},
            {"{\"durationS\": -5}", "summary.json: durationS: -5 is negative"},
            {"{\"connections\": [{\"id\": \"m1\", \"subflows\": [{\"id\": 0, \"goodputMbps\": \"fast\"}]}]}",
                "summary.json: connections[0].subflows[0].goodputMbps: \"fast\" is not a number"},
            {"{\"links\": [{\"id\": \"wifi\", \"drops\": true}]}", "summary.json: links[0].drops: true is not a number"},
            {"{\"engine\": [1]}", "summary.json: engine: [1] is not an object"},
        };
        for (String[] c : cases) {
            Files.writeString(dir.resolve("summary.json"), c[0]);
            MalformedRunException e = assertThrows(MalformedRunException.class, () -> RunData.load(dir), c[0]);
            assertTrue(e.getMessage().startsWith(c[1]), e.getMessage());
        }
        Files.writeString(dir.resolve("summary.json"), good.replace("\"durationS\": 1.0", "\"durationS\": null"));
        RunData.load(dir);
    }

    @Test
    void missingCsvReadsAsEmpty() throws Exception {
        SyntheticRun.write(dir, SyntheticRun.Params.defaults());
        Files.delete(dir.resolve("queues.csv"));
        assertEquals(0, RunData.load(dir).queues().size());
    }
}
