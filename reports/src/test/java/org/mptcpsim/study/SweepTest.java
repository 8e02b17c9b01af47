package org.mptcpsim.study;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.mptcpsim.scenario.output.OutputDir;
import org.mptcpsim.report.SyntheticRun;

class SweepTest {
    private static final String CC = SweepChart.CC_KEY;
    private static final String RATE = "links.wifi.rate";
    private static final double EPS = 1e-9;

    @TempDir
    Path tmp;

    /** cc x rate: lia/olia x 5, 10, 20 Mbit = 6 points, index = 3 x cc + rate. */
    private static List<LinkedHashMap<String, String>> grid() {
        List<LinkedHashMap<String, String>> points = new ArrayList<>();
        for (String cc : List.of("lia", "olia")) {
            for (String rate : List.of("5Mbit", "10Mbit", "20Mbit")) {
                LinkedHashMap<String, String> p = new LinkedHashMap<>();
                p.put(CC, cc);
                p.put(RATE, rate);
                points.add(p);
            }
        }
        return points;
    }

    /** goodput = rate x (lia 0.8, olia 0.9); srtt p99 = 40 + rate ms. */
    private static SyntheticRun.Params model(long seed, Map<String, String> o) {
        double rate = Double.parseDouble(o.get(RATE).replace("Mbit", ""));
        double f = o.get(CC).equals("lia") ? 0.8 : 0.9;
        return new SyntheticRun.Params("s", seed, rate * f, 0.9, 40 + rate, 10);
    }

    private static SweepRunner sweep(Path out, FakeRunner fake) {
        return new SweepRunner(Path.of("s.yaml"), grid(), out, fake).threads(2).progress(null)
                .metrics(List.of(Metric.GOODPUT, Metric.SRTT_P99));
    }

    private static int rows(Path csv) throws IOException {
        return Files.readAllLines(csv).size() - 1;
    }

    @Test
    void uninterruptedSweepWritesSortedRows() throws Exception {
        FakeRunner fake = new FakeRunner(SweepTest::model);
        ByteArrayOutputStream bar = new ByteArrayOutputStream();
        Path csv = sweep(tmp, fake).progress(new PrintStream(bar, true, StandardCharsets.UTF_8)).chart(RATE, Metric.GOODPUT)
                .run();
        assertEquals(6, fake.calls.get());
        // goodput = rate x factor: lia 4, 8, 16; olia 4.5, 9, 18; srtt p99 = max(40 + rate, 40 of sf1)
        assertEquals("point," + CC + "," + RATE + ",goodput_mbps,srtt_p99_ms\n"
                + "0,lia,5Mbit,4,45\n1,lia,10Mbit,8,50\n2,lia,20Mbit,16,60\n"
                + "3,olia,5Mbit,4.5,45\n4,olia,10Mbit,9,50\n5,olia,20Mbit,18,60\n", Files.readString(csv));
        assertTrue(bar.toString(StandardCharsets.UTF_8).contains("] 6/6 "), bar.toString(StandardCharsets.UTF_8));
        assertTrue(Files.isRegularFile(tmp.resolve("charts/sweep-goodput_mbps-vs-links.wifi.rate.png")));
        assertTrue(Files.isRegularFile(tmp.resolve("charts/sweep-goodput_mbps-vs-links.wifi.rate.svg")));
        Map<String, List<double[]>> lines = SweepChart.lines(csv, RATE, Metric.GOODPUT);
        assertEquals(List.of("lia", "olia"), List.copyOf(lines.keySet()));
        // (x, mean, CI half-width): one run per point, so no interval
        assertArrayEquals(new double[] {20, 18, Double.NaN}, lines.get("olia").get(2), EPS);
        assertArrayEquals(new double[] {5, 4, Double.NaN}, lines.get("lia").get(0), EPS);
    }

    @Test
    void interruptedThenResumedEqualsUninterruptedAndSkipsFinishedPoints() throws Exception {
        Path reference = sweep(tmp.resolve("ref"), new FakeRunner(SweepTest::model)).run();

        Path out = tmp.resolve("int");
        FakeRunner first = new FakeRunner(SweepTest::model);
        first.failOnCall = 4; // call 4 crashes; calls 1..3 may or may not finish
        Exception e = assertThrows(Exception.class, () -> sweep(out, first).run());
        assertTrue(e.getMessage().contains("simulated crash"), e.getMessage());
        Path csv = out.resolve(SweepRunner.CSV);
        int done = rows(csv);
        // every successful call left exactly one row, and the crash stopped the sweep early
        assertEquals(first.successes.size(), done);
        // 2 threads: call 4 starts only after two calls finished; calls still running may be interrupted
        assertTrue(done >= 2 && done < 6, "rows after crash: " + done);

        FakeRunner second = new FakeRunner(SweepTest::model);
        sweep(out, second).run();
        assertEquals(6 - done, second.calls.get(), "finished points are not rerun");
        for (int i = 0; i < 6; i++) {
            int runs = count(first, i) + count(second, i);
            assertEquals(1, runs, "point " + i + " ran successfully exactly once");
        }
        assertArrayEquals(Files.readAllBytes(reference), Files.readAllBytes(csv));
    }

    @Test
    void halfWrittenLastLineIsDiscardedAndRerun() throws Exception {
        Path reference = sweep(tmp.resolve("ref"), new FakeRunner(SweepTest::model)).run();
        Path out = tmp.resolve("cut");
        Files.createDirectories(out);
        OutputDir.writeMarker(out, "sweep", "s.yaml");   // the earlier session's sweep directory
        // a previous session finished points 4 and 1, then died while writing point 2's row
        String header = "point," + CC + "," + RATE + ",goodput_mbps,srtt_p99_ms\n";
        Files.writeString(out.resolve(SweepRunner.CSV), header + "4,olia,10Mbit,9,50\n1,lia,10Mbit,8,50\n2,lia,20M");
        FakeRunner fake = new FakeRunner(SweepTest::model);
        sweep(out, fake).run();
        assertEquals(4, fake.calls.get()); // points 0, 2, 3, 5
        assertEquals(null, fake.successes.get("p1"));
        assertEquals(null, fake.successes.get("p4"));
        assertEquals(1, fake.successes.get("p2").get());
        assertArrayEquals(Files.readAllBytes(reference), Files.readAllBytes(out.resolve(SweepRunner.CSV)));
    }

    @Test
    void aFileWithoutAnyCompleteLineStartsAfresh() throws Exception {
        Path reference = sweep(tmp.resolve("ref"), new FakeRunner(SweepTest::model)).run();
        Path out = tmp.resolve("empty");
        Files.createDirectories(out);
        OutputDir.writeMarker(out, "sweep", "s.yaml");
        Files.writeString(out.resolve(SweepRunner.CSV), "point,net.ipv4");
        FakeRunner fake = new FakeRunner(SweepTest::model);
        sweep(out, fake).run();
        assertEquals(6, fake.calls.get());
        assertArrayEquals(Files.readAllBytes(reference), Files.readAllBytes(out.resolve(SweepRunner.CSV)));
    }

    @Test
    void aSweepCsvOfAnotherGridIsRefused() throws Exception {
        OutputDir.writeMarker(tmp, "sweep", "s.yaml");
        Files.writeString(tmp.resolve(SweepRunner.CSV), "point,other,goodput_mbps\n0,x,1\n");
        IOException e = assertThrows(SweepRunner.Refused.class, () -> sweep(tmp, new FakeRunner(SweepTest::model)).run());
        assertTrue(e.getMessage().contains("sweep.csv:1: header 'point,other,goodput_mbps' does not match"), e.getMessage());
        String header = "point," + CC + "," + RATE + ",goodput_mbps,srtt_p99_ms\n";
        Files.writeString(tmp.resolve(SweepRunner.CSV), header + "0,olia,5Mbit,4,45\n");
        e = assertThrows(SweepRunner.Refused.class, () -> sweep(tmp, new FakeRunner(SweepTest::model)).run());
        assertTrue(e.getMessage().contains("sweep.csv:2: point 0 has other override values"), e.getMessage());
    }

    /**
     * Every line of an earlier session's sweep.csv that the sweep did not write itself is refused, located, before
     * any point runs and without rewriting the file; only a last line without its newline is a half-written row.
     */
    @Test
    void aDamagedOrEditedSweepCsvIsRefusedBeforeAnyPointRuns() throws Exception {
        String header = "point," + CC + "," + RATE + ",goodput_mbps,srtt_p99_ms\n";
        // model(): lia at 5 Mbit/s gives goodput 5 x 0.8 = 4 and srtt p99 40 + 5 = 45
        String row0 = "0,lia,5Mbit,4,45\n";
        String[][] cases = {
            {header + row0 + "garbage line,,,\n", "sweep.csv:3: 'garbage line,,,' does not start with a point"},
            {header + row0 + "1,lia,10Mbit,8\n", "sweep.csv:3: '1,lia,10Mbit,8' has 4 fields, the header 5"},
            {header + "0,NaN,5Mbit,4,45\n", "sweep.csv:2: point 0 has other override values"},
            {header + "0,lia,5Mbit,fast,45\n", "sweep.csv:2: point 0: goodput_mbps 'fast' is not a number"},
            {header + row0 + row0, "sweep.csv:3: point 0 again (also on line 2)"},
            {header + "6,olia,5Mbit,4,45\n", "sweep.csv:2: '6,olia,5Mbit,4,45' does not start with a point of this"
                    + " sweep (0 to 5)"},
        };
        for (String[] c : cases) {
            Path out = tmp.resolve("d" + Math.abs(c[1].hashCode()));
            Files.createDirectories(out);
            OutputDir.writeMarker(out, "sweep", "s.yaml");
            Files.writeString(out.resolve(SweepRunner.CSV), c[0]);
            FakeRunner fake = new FakeRunner(SweepTest::model);
            SweepRunner.Refused e = assertThrows(SweepRunner.Refused.class, () -> sweep(out, fake).run());
            assertTrue(e.getMessage().contains(c[1]), e.getMessage());
            assertTrue(e.getMessage().contains("move it (or the whole directory) away"), e.getMessage());
            assertEquals(0, fake.calls.get(), "no point ran");
            assertEquals(c[0], Files.readString(out.resolve(SweepRunner.CSV)), "the file is left as it was");
        }
    }

    private static int count(FakeRunner f, int point) {
        AtomicInteger n = f.successes.get("p" + point);
        return n == null ? 0 : n.get();
    }
}
