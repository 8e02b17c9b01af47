package org.mptcpsim.report;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.mptcpsim.scenario.model.Scenario;
import org.mptcpsim.scenario.parse.ScenarioLoader;
import org.mptcpsim.scenario.run.ScenarioRunner;

/**
 * Opens the report of two example runs in headless Chromium at 1280x800 and checks from the page
 * itself that the answer is on the first screen: the result table ends above the fold (800 px)
 * and no element is wider than the viewport (no sideways scrolling). A copy of report.html with
 * a small measuring script (report.html itself has none) writes the page's own measurements into
 * the DOM, which {@code --dump-dom} prints. The runs and a 1280x800 screenshot of each report stay
 * under {@code reports/target/browser/} as build artifacts. Skipped with a message when no
 * Chromium is installed ({@code apt-get install -y chromium}; .ci/run installs it).
 */
class ReportInBrowserTest {
    static final int WIDTH = 1280;
    static final int HEIGHT = 800;
    private static final Path OUT = Path.of("target", "browser");
    private static final Pattern MEASURE = Pattern.compile("<pre id=\"measure\">([^<]*)</pre>");

    /** The measuring script: results' bottom edge, viewport and document widths, widest element. */
    private static final String SCRIPT = "<pre id=\"measure\"></pre><script>\n"
            + "window.addEventListener('load', function () {\n"
            + "  var t = document.getElementById('results').getBoundingClientRect();\n"
            + "  var vw = document.documentElement.clientWidth, worst = '', right = 0;\n"
            + "  document.querySelectorAll('body *').forEach(function (e) {\n"
            + "    var r = e.getBoundingClientRect();\n"
            + "    if (e.id !== 'measure' && r.right > right) { right = r.right; worst = e.tagName + (e.id ? '#' + e.id : ''); }\n"
            + "  });\n"
            + "  document.getElementById('measure').textContent = 'resultsBottom=' + Math.ceil(t.bottom)\n"
            + "    + ' viewport=' + vw + ' scrollWidth=' + document.documentElement.scrollWidth\n"
            + "    + ' maxRight=' + Math.ceil(right) + ' widest=' + worst\n"
            + "    + ' images=' + Array.prototype.filter.call(document.images, function (i) { return i.complete && i.naturalWidth > 0; }).length\n"
            + "    + '/' + document.images.length;\n"
            + "});\n</script>\n";

    static Path chromium() {
        for (String c : new String[] {"/usr/bin/chromium", "/usr/bin/chromium-browser", "/usr/bin/google-chrome"}) {
            if (Files.isExecutable(Path.of(c))) {
                return Path.of(c);
            }
        }
        return null;
    }

    static Path example(String name) {
        Path p = Path.of("..", "scenarios", "examples", name + ".yaml");
        return Files.exists(p) ? p : Path.of("scenarios", "examples", name + ".yaml");
    }

    /** Runs example {@code name} into target/browser/NAME and writes its report; returns the directory. */
    static Path runExample(String name) throws IOException {
        Scenario sc = ScenarioLoader.loadFile(example(name), List.of());
        Path dir = OUT.resolve(name).toAbsolutePath();
        new ScenarioRunner(sc).run(dir, ScenarioRunner.Progress.NONE);
        RunReport.generate(dir);
        return dir;
    }

    /** Runs Chromium headless on {@code page} with {@code extra} flags; returns stdout. */
    static String chromium(Path browser, Path page, int height, String... extra) throws Exception {
        Path profile = Files.createTempDirectory("mptcpsim-chromium-");
        try {
            List<String> cmd = new ArrayList<>(List.of(browser.toString(), "--headless", "--no-sandbox", "--disable-gpu",
                    "--disable-background-networking", "--disable-component-update", "--disable-sync", "--no-first-run",
                    "--disable-quic", "--hide-scrollbars", "--force-device-scale-factor=1",
                    "--user-data-dir=" + profile, "--window-size=" + WIDTH + "," + height,
                    "--virtual-time-budget=5000"));
            cmd.addAll(List.of(extra));
            cmd.add(page.toUri().toString());
            Process p = new ProcessBuilder(cmd).redirectError(ProcessBuilder.Redirect.DISCARD).start();
            byte[] out = p.getInputStream().readAllBytes();
            assertTrue(p.waitFor(120, TimeUnit.SECONDS), "chromium did not finish");
            return new String(out, StandardCharsets.UTF_8);
        } finally {
            try (Stream<Path> s = Files.walk(profile)) {
                for (Path x : s.sorted(java.util.Comparator.reverseOrder()).toList()) {
                    Files.deleteIfExists(x);
                }
            }
        }
    }

    @ParameterizedTest
    @ValueSource(strings = {"two-paths", "wifi-lte-handover"})
    void resultTableIsAboveTheFoldAndNothingIsWiderThanTheWindow(String name) throws Exception {
        Path browser = chromium();
        if (browser == null) {
            System.out.println("ReportInBrowserTest: skipped, no chromium (apt-get install -y chromium)");
        }
        Assumptions.assumeTrue(browser != null, "no chromium installed (apt-get install -y chromium)");
        Path dir = runExample(name);
        String html = Files.readString(dir.resolve("report.html"), StandardCharsets.UTF_8);
        Path measured = dir.resolve("report-measure.html");
        Files.writeString(measured, html.replace("</body>", SCRIPT + "</body>"), StandardCharsets.UTF_8);

        // beside report.html for its relative links, and removed again: a run directory holding a file mptcp-sim did
        // not write is not replaced by the next run (OutputDir)
        String dom;
        try {
            dom = chromium(browser, measured, HEIGHT, "--dump-dom");
        } finally {
            Files.delete(measured);
        }
        Matcher m = MEASURE.matcher(dom);
        assertTrue(m.find(), "the measuring script wrote nothing; DOM: " + dom.substring(0, Math.min(500, dom.length())));
        String line = m.group(1);
        System.out.println("ReportInBrowserTest " + name + ": " + line);
        int bottom = field(line, "resultsBottom");
        int viewport = field(line, "viewport");
        assertEquals(WIDTH, viewport, line); // scrollbars hidden: the viewport is the window
        assertTrue(bottom <= HEIGHT, "the result table ends at " + bottom + " px, below the " + HEIGHT + " px fold: " + line);
        assertTrue(field(line, "scrollWidth") <= viewport, "the page scrolls sideways: " + line);
        assertTrue(field(line, "maxRight") <= viewport, "an element is wider than the window: " + line);
        Matcher img = Pattern.compile("images=(\\d+)/(\\d+)").matcher(line);
        assertTrue(img.find() && img.group(1).equals(img.group(2)) && !img.group(1).equals("0"),
                "every chart loads: " + line);

        Path shot = OUT.resolve(name + ".png").toAbsolutePath();
        chromium(browser, dir.resolve("report.html"), HEIGHT, "--screenshot=" + shot);
        assertTrue(Files.size(shot) > 10_000, "screenshot written: " + shot);
    }

    private static int field(String line, String key) {
        Matcher m = Pattern.compile(key + "=(-?\\d+)").matcher(line);
        assertTrue(m.find(), key + " in " + line);
        return Integer.parseInt(m.group(1));
    }
}
