package org.mptcpsim.report;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class RunReportTest {
    private static final Pattern REF = Pattern.compile("(?:src|href)=\"([^\"]*)\"");

    @TempDir
    Path dir;

    /** Every src/href of {@code html}. */
    static List<String> references(String html) {
        List<String> out = new ArrayList<>();
        Matcher m = REF.matcher(html);
        while (m.find()) {
            out.add(m.group(1));
        }
        return out;
    }

    /** Asserts every reference is relative, local and names an existing file under {@code base}. */
    static void assertReferencesExist(Path base, String html) {
        List<String> refs = references(html);
        assertFalse(refs.isEmpty());
        for (String ref : refs) {
            assertFalse(ref.contains(":") || ref.startsWith("/") || ref.contains(".."), "not local: " + ref);
            assertTrue(Files.isRegularFile(base.resolve(ref)), "missing: " + ref);
        }
        assertFalse(html.contains("<script"), "no scripts");
        assertFalse(html.contains("http://") || html.contains("https://"), "no network");
    }

    @Test
    void reportReferencesOnlyExistingFilesAndShowsTheSummary() throws Exception {
        SyntheticRun.write(dir, new SyntheticRun.Params("a<b>&\"c\"", 7, 15.0, 0.95, 31.5, 120));
        Files.writeString(dir.resolve("scenario.yaml"), "name: demo\nlinks: [<wifi>]\n", StandardCharsets.UTF_8);
        Files.writeString(dir.resolve("engine.json"), "{\"events\": 123456, \"wallSeconds\": 2.5}", StandardCharsets.UTF_8);
        Path out = RunReport.generate(dir);
        assertEquals(dir.resolve("report.html"), out);
        String html = Files.readString(out, StandardCharsets.UTF_8);
        assertReferencesExist(dir, html);
        // 6 charts, each shown as PNG and linked as SVG
        assertEquals(12, references(html).size());
        assertTrue(html.contains("<title>mptcp-sim run: a&lt;b&gt;&amp;&quot;c&quot;</title>"), "escaped scenario");
        assertFalse(html.contains("a<b>"));
        assertTrue(html.contains("links: [&lt;wifi&gt;]"), "scenario file included, escaped");
        assertTrue(html.contains("net.ipv4.tcp_congestion_control"), "kernel options");
        assertTrue(html.contains("<td class=\"n\">15.000</td>"), "m1 goodput 15.0 Mbit/s (3 decimals)");
        assertTrue(html.contains("<td class=\"n\">31.5</td>"), "m1 sf0 srtt p99 31.5 ms (1 decimal)");
        // m1 sf0 srtt samples 21..30 ms (SyntheticRun: 20000 + 1000 i us, i = 1..10): lower median 25 ms
        assertTrue(html.contains("<td class=\"n\">25.0</td>"), "m1 sf0 srtt p50");
        // m1 carries 1250000 + 625000 B over its subflows: sf0 has 2/3 of them
        assertTrue(html.contains("<td class=\"n\">66.7 %</td>"), "sf0 share");
        assertTrue(html.contains("Jain index 0.9500"), "Jain 0.95 (4 decimals)");
        assertTrue(html.contains("123456 events"), "engine events");
        assertFalse(html.contains("wall time"), "no wall-clock figure: the page of two runs of one seed is the same");
        // answer first: the sentence and the result table come before the charts, kernel options last and folded
        int results = html.indexOf("<table id=\"results\">");
        assertTrue(html.indexOf("id=\"scenario\"") < results && results < html.indexOf("<h2>Charts</h2>"));
        assertTrue(html.indexOf("<details id=\"kernel\">") > html.indexOf("<h2>Links</h2>"));
        // lia differs from the out-of-tree default (cubic) and is highlighted; flavour is the default
        assertTrue(html.contains("<tr class=\"diff\"><td>net.ipv4.tcp_congestion_control</td><td>lia</td><td>cubic</td>"),
                html);
        assertTrue(html.contains("<tr><td>flavour</td><td>mptcp-v0.95</td>"), "a default is not highlighted");
        assertTrue(html.contains("<td class=\"n\">0.970</td>"), "wifi utilization");
    }

    @Test
    void reportIsDeterministic() throws Exception {
        SyntheticRun.write(dir, SyntheticRun.Params.defaults());
        String first = Files.readString(RunReport.generate(dir));
        assertEquals(first, Files.readString(RunReport.generate(dir)));
        byte[] svg = Files.readAllBytes(dir.resolve("charts/srtt.svg"));
        // a second run of the same scenario and seed differs only in engine.json's wall-clock figures
        Files.writeString(dir.resolve("engine.json"), "{\"events\": 123456, \"wallSeconds\": 2.5}", StandardCharsets.UTF_8);
        String third = Files.readString(RunReport.generate(dir));
        Files.writeString(dir.resolve("engine.json"), "{\"events\": 123456, \"wallSeconds\": 0.07}", StandardCharsets.UTF_8);
        String second = Files.readString(RunReport.generate(dir));
        assertEquals(third, second, "report.html does not depend on the wall time");
        assertEquals(new String(svg, StandardCharsets.UTF_8),
                Files.readString(dir.resolve("charts/srtt.svg"), StandardCharsets.UTF_8));
    }

    @Test
    void runWithoutCsvsStillReports() throws Exception {
        SyntheticRun.write(dir, SyntheticRun.Params.defaults());
        Files.delete(dir.resolve("subflows.csv"));
        Files.delete(dir.resolve("queues.csv"));
        String html = Files.readString(RunReport.generate(dir));
        assertReferencesExist(dir, html);
        // summary bar + connection goodput only
        assertEquals(4, references(html).size());
    }
}
