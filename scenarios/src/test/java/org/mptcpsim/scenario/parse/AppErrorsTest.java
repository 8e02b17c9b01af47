package org.mptcpsim.scenario.parse;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.mptcpsim.scenario.parse.ErrorsTest.at;
import static org.mptcpsim.scenario.parse.ErrorsTest.fail;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.mptcpsim.scenario.model.AppSpec;
import org.mptcpsim.scenario.model.ScenarioException;
import org.mptcpsim.scenario.model.SizeDist;

/** Located errors of {@code connections[].app} and of CDF files, one per kind; and what valid apps bind to. */
class AppErrorsTest {

    static final String BASE = """
            duration: 10s
            nodes:
              - {id: a, type: host}
              - {id: b, type: host}
            links:
              - {id: l1, from: a, to: b, rate: 10Mbit, delay: 5ms, buffer: 100pkt}
            connections:
              - id: m1
                type: mptcp
                from: a
                to: b
                app: APP
            """;

    static ScenarioException failApp(String app) {
        return fail("t.yaml", BASE.replace("APP", app));
    }

    static AppSpec app(String app) {
        return ErrorsTest.LOADER.parse("t.yaml", BASE.replace("APP", app), List.of()).connections().get(0).app();
    }

    @Test
    void unknownAppKind() {
        ScenarioException e = failApp("{flow: {every: 1s, size: 1KB}}");
        at(e, "t.yaml", 12, 11, "connections[m1].app.flow");
        assertTrue(e.getMessage().contains("flows"), e.getMessage());
    }

    @Test
    void unknownDistribution() {
        ScenarioException e = failApp("{flows: {every: 1s, size: {weibull: {scale: 1KB}}}}");
        at(e, "t.yaml", 12, 37, "connections[m1].app.flows.size.weibull");
        assertTrue(e.getMessage().contains("lognormal"), e.getMessage());
    }

    @Test
    void negativeRate() {
        ScenarioException e = failApp("{flows: {poisson: {rate: -5/s}, size: 1KB}}");
        at(e, "t.yaml", 12, 35, "connections[m1].app.flows.poisson.rate");
        assertTrue(e.getMessage().contains("above 0"), e.getMessage());
    }

    @Test
    void rateThatIsNotANumber() {
        ScenarioException e = failApp("{flows: {poisson: {rate: fast}, size: 1KB}}");
        at(e, "t.yaml", 12, 35, "connections[m1].app.flows.poisson.rate");
    }

    @Test
    void noArrivalProcessOrTwo() {
        at(failApp("{flows: {size: 1KB}}"), "t.yaml", 12, 18, "connections[m1].app.flows");
        at(failApp("{flows: {every: 1s, poisson: {rate: 1/s}, size: 1KB}}"), "t.yaml", 12, 18,
                "connections[m1].app.flows");
    }

    @Test
    void zeroInterval() {
        at(failApp("{flows: {every: 0s, size: 1KB}}"), "t.yaml", 12, 26, "connections[m1].app.flows.every");
    }

    @Test
    void badDistributionParameter() {
        ScenarioException e = failApp("{flows: {every: 1s, size: {lognormal: {median: 10KB, sigma: -1}}}}");
        at(e, "t.yaml", 12, 70, "connections[m1].app.flows.size.lognormal.sigma");
        at(failApp("{flows: {every: 1s, size: {pareto: {scale: 10KB}}}}"), "t.yaml", 12, 45,
                "connections[m1].app.flows.size.pareto");
        at(failApp("{flows: {every: 1s, size: {exponential: {mean: 0B}}}}"), "t.yaml", 12, 57,
                "connections[m1].app.flows.size.exponential.mean");
    }

    /** max: 1B under a 10 KB median or mean was accepted: every sample cut to 1 byte. */
    @Test
    void maxBelowTheMedianOrMean() {
        // "    app: " (9) + "{flows: {every: 1s, size: {lognormal: {median: 10KB, sigma: 1, max: " (68): the value at 78
        ScenarioException e = failApp("{flows: {every: 1s, size: {lognormal: {median: 10KB, sigma: 1, max: 1B}}}}");
        at(e, "t.yaml", 12, 78, "connections[m1].app.flows.size.lognormal.max");
        assertTrue(e.problem().contains("max 1B (1 B) is below the median (10000 B)"), e.getMessage());
        ScenarioException x = failApp("{flows: {every: 1s, size: {exponential: {mean: 10KB, max: 9999B}}}}");
        assertEquals("connections[m1].app.flows.size.exponential.max", x.path());
        assertTrue(x.problem().contains("is below the mean (10000 B)"), x.getMessage());
        ScenarioException p = failApp("{flows: {every: 1s, size: {pareto: {scale: 10KB, shape: 1.2, max: 1KB}}}}");
        assertTrue(p.problem().contains("is below the scale (10000 B)"), p.getMessage());
        // a max equal to the median is allowed (half the samples at max, the user's choice)
        assertEquals("flows", app("{flows: {every: 1s, size: {lognormal: {median: 10KB, sigma: 1, max: 10KB}}}}").kind());
    }

    @Test
    void sizeAndAppTogether() {
        ScenarioException e = fail("t.yaml", BASE.replace("app: APP", "size: 1MB\n    app: bulk"));
        at(e, "t.yaml", 12, 11, "connections[m1].size");
    }

    @Test
    void streamStepsOutOfOrder() {
        ScenarioException e = failApp("{stream: {bitrate: [{at: 0s, rate: 5Mbit}, {at: 0s, rate: 2Mbit}]}}");
        at(e, "t.yaml", 12, 58, "connections[m1].app.stream.bitrate[1].at");
        at(failApp("{stream: {bitrate: 0Mbit}}"), "t.yaml", 12, 29, "connections[m1].app.stream.bitrate");
    }

    @Test
    void requestResponseNeedsARequest() {
        at(failApp("{request-response: {response: 10KB}}"), "t.yaml", 12, 29, "connections[m1].app.request-response");
    }

    @Test
    void tooManyTransfers() {
        // 10 s at 200 000/s: 2 000 000 expected arrivals, above the limit of 1 000 000
        ScenarioException e = failApp("{flows: {poisson: {rate: 200000/s}, size: 1KB}}");
        assertEquals("connections[m1].app.flows", e.path());
        assertTrue(e.getMessage().contains("at most 1000000"), e.getMessage());
        // with a count the limit is the count
        app("{flows: {poisson: {rate: 200000/s}, size: 1KB, count: 1000}}");
    }

    @Test
    void missingCdfFile() {
        ScenarioException e = failApp("{flows: {every: 1s, size: {cdf: no-such.txt}}}");
        at(e, "t.yaml", 12, 42, "connections[m1].app.flows.size.cdf");
    }

    /** A device or a pipe is refused at the field before it is read (/dev/zero never ends, a FIFO blocks). */
    @Test
    void cdfFileThatIsADeviceOrAPipe(@TempDir Path dir) throws Exception {
        Path fifo = dir.resolve("cdf.fifo");
        assertEquals(0, new ProcessBuilder("mkfifo", fifo.toString()).inheritIO().start().waitFor());
        for (String cdf : List.of("/dev/zero", fifo.toString())) {
            ScenarioException e = org.junit.jupiter.api.Assertions.assertTimeoutPreemptively(java.time.Duration
                    .ofSeconds(20), () -> failApp("{flows: {every: 1s, size: {cdf: '" + cdf + "'}}}"));
            at(e, "t.yaml", 12, 42, "connections[m1].app.flows.size.cdf");
            assertTrue(e.getMessage().contains("CDF file " + cdf + " is not a regular file (a pipe or device)"),
                    e.getMessage());
        }
    }

    @Test
    void cdfFileThatIsNotMonotoneIsLocatedAtItsLine(@TempDir Path dir) throws IOException {
        Path cdf = dir.resolve("bad.txt");
        Files.writeString(cdf, "# size prob\n1000 0\n5000 0.5\n\n3000 0.7\n9000 1\n");
        ScenarioException e = failApp("{flows: {every: 1s, size: {cdf: '" + cdf + "'}}}");
        assertEquals(cdf.toString(), e.file(), e.getMessage());
        assertEquals(5, e.line(), e.getMessage());
        assertEquals("connections[m1].app.flows.size.cdf", e.path());
        assertTrue(e.getMessage().contains("not monotone"), e.getMessage());
    }

    @Test
    void cdfFileBadLines(@TempDir Path dir) throws IOException {
        Path cdf = dir.resolve("c.txt");
        Files.writeString(cdf, "1000 0\n2000 x\n");
        assertEquals(2, failApp("{flows: {every: 1s, size: {cdf: '" + cdf + "'}}}").line());
        Files.writeString(cdf, "1000 0\n2000 0.5 7\n");
        assertEquals(2, failApp("{flows: {every: 1s, size: {cdf: '" + cdf + "'}}}").line());
        Files.writeString(cdf, "1000 0\n2000 1.5\n");
        assertEquals(2, failApp("{flows: {every: 1s, size: {cdf: '" + cdf + "'}}}").line());
        Files.writeString(cdf, "1000 0\n2000 0.9\n");
        ScenarioException e = failApp("{flows: {every: 1s, size: {cdf: '" + cdf + "'}}}");
        assertEquals(2, e.line());
        assertTrue(e.getMessage().contains("ends at cumulative probability 1"), e.getMessage());
        Files.writeString(cdf, "# nothing\n");
        e = failApp("{flows: {every: 1s, size: {cdf: '" + cdf + "'}}}");
        assertEquals("t.yaml", e.file());
    }

    @Test
    void validAppsBind() {
        AppSpec.Flows f = (AppSpec.Flows) app("{flows: {poisson: {rate: 50/s}, size: {pareto: {scale: 10KB, shape: 1.2}}, count: 7}}");
        assertEquals(50.0, f.arrival().ratePerS());
        assertEquals(7, f.count());
        assertEquals(SizeDist.Kind.PARETO, f.size().kind());
        AppSpec.RequestResponse r = (AppSpec.RequestResponse) app("{request-response: {request: 1KB, response: 20KB}}");
        assertEquals(1000, r.requestBytes());
        assertEquals(20_000, r.response().sample(0.3));
        AppSpec.Stream s = (AppSpec.Stream) app("{stream: {bitrate: [{at: 0s, rate: 5Mbit}, {at: 3s, rate: 1Mbit}]}}");
        assertEquals(2, s.steps().size());
        assertEquals(null, app("bulk"));
    }

    @Test
    void checkPrintsAppsThatLoadAgainTheSame() {
        for (String a : List.of("{flows: {poisson: {rate: 50/s}, size: {pareto: {scale: 10KB, shape: 1.2}}, count: 7}}",
                "{flows: {every: 250ms, size: {lognormal: {median: 20KB, sigma: 1.5, max: 2MB}}}}",
                "{request-response: {request: 1KB, response: {exponential: {mean: 30KB}}, think: 1s}}",
                "{stream: {bitrate: [{at: 0s, rate: 5Mbit}, {at: 3s, rate: 1Mbit}], startup: 2s}}")) {
            var sc = ErrorsTest.LOADER.parse("t.yaml", BASE.replace("APP", a), List.of());
            String printed = ScenarioPrinter.yaml(sc);
            assertTrue(printed.contains("app: {"), printed);
            var again = ErrorsTest.LOADER.parse("t.yaml", printed, List.of());
            assertEquals(printed, ScenarioPrinter.yaml(again), a);
        }
    }

    @Test
    void shippedCdfsParseAndInterpolate() {
        Path dir = Path.of("examples", "cdf");
        if (!Files.isDirectory(dir)) {
            dir = Path.of("scenarios", "examples", "cdf");
        }
        AppSpec.Flows f = (AppSpec.Flows) app("{flows: {every: 1s, size: {cdf: '" + dir.resolve("web-search.txt").toAbsolutePath() + "'}}}");
        // the web-search CDF: 15 % at 8760 B (6 packets), 20 % at 18 980 B; u = 0.175 is half-way
        assertEquals(8760, f.size().sample(0.1));
        assertEquals(13_870, f.size().sample(0.175));
        // and 97 % at 9 734 820 B, 100 % at 29 200 000 B: u = 0.985 is half-way, 19 467 410 B
        assertEquals(19_467_410, f.size().sample(0.985));
        AppSpec.Flows d = (AppSpec.Flows) app("{flows: {every: 1s, size: {cdf: '" + dir.resolve("data-mining.txt").toAbsolutePath() + "'}}}");
        assertEquals(1460, d.size().sample(0.4));
    }
}
