package org.mptcpsim.report;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.jfree.data.category.DefaultCategoryDataset;
import org.jfree.data.statistics.DefaultStatisticalCategoryDataset;
import org.jfree.data.xy.DefaultTableXYDataset;
import org.jfree.data.xy.XYSeriesCollection;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ChartsTest {
    private static final double EPS = 1e-9;

    @TempDir
    Path dir;
    RunData run;

    @BeforeEach
    void setUp() throws Exception {
        SyntheticRun.write(dir, SyntheticRun.Params.defaults());
        run = RunData.load(dir);
    }

    @Test
    void everyRunChartRendersAsPngAndSvg() throws Exception {
        List<Charts.ChartFile> files = Charts.writeAll(run);
        assertEquals(List.of(Charts.GOODPUT_SUBFLOWS, Charts.GOODPUT_CONNECTIONS, Charts.CWND,
                Charts.SRTT, Charts.QUEUES, Charts.SUMMARY), files.stream().map(Charts.ChartFile::name).toList());
        for (Charts.ChartFile f : files) {
            ChartImages.assertChart(dir.resolve("charts"), f.name());
        }
    }

    @Test
    void aRunWithTransfersGetsTheFctCdfAndSlowdownChartsFromFlowsCsv() throws Exception {
        Files.writeString(dir.resolve("flows.csv"), """
                connection,kind,n,size_bytes,start_s,end_s,fct_ms,ideal_ms,slowdown
                m1,flow,0,1000,0.000000,0.030000,30.000,15.000,2.0000
                m1,flow,1,50000,0.100000,0.160000,60.000,20.000,3.0000
                m1,flow,2,2000000,0.200000,,,200.000,
                t1,request,0,20000,0.000000,0.040000,40.000,40.000,1.0000
                """);
        RunData r = RunData.load(dir);
        assertEquals(4, r.transfers().size());
        assertTrue(Double.isNaN(r.transfers().get(2).fctMs()), "unfinished");
        List<Charts.ChartFile> files = Charts.writeAll(r);
        List<String> names = files.stream().map(Charts.ChartFile::name).toList();
        assertTrue(names.containsAll(List.of(Charts.FCT_CDF, Charts.SLOWDOWN)), names.toString());
        ChartImages.assertChart(dir.resolve("charts"), Charts.FCT_CDF);
        ChartImages.assertChart(dir.resolve("charts"), Charts.SLOWDOWN);
        // the CDF: per connection, completed transfers only, the i-th of n at i / n
        Map<String, List<TransferSample>> g = FctCharts.byConnection(r.transfers());
        assertEquals(List.of("m1", "t1"), List.copyOf(g.keySet()));
        XYSeriesCollection cdf = (XYSeriesCollection) FctCharts.cdf("t", g).getXYPlot().getDataset();
        assertEquals(2, cdf.getItemCount(0));
        assertEquals(60.0, cdf.getXValue(0, 1), EPS);
        assertEquals(1.0, cdf.getYValue(0, 1), EPS);
        assertEquals(0.5, cdf.getYValue(0, 0), EPS);
    }

    @Test
    void comparisonChartsRender() throws Exception {
        Path charts = dir.resolve("charts");
        ChartWriter.write(CompareBarChart.chart("MPTCP goodput", "goodput (Mbit/s)", List.of("lia", "olia", "balia"),
                List.of(10.0, 12.0, 11.0), List.of(0.5, Double.NaN, 1.0)), charts, "bar");
        ChartImages.assertChart(charts, "bar");
        Map<String, List<double[]>> lines = new LinkedHashMap<>();
        lines.put("lia", List.of(new double[] {5, 4.5}, new double[] {10, 9}));
        lines.put("olia", List.of(new double[] {5, 4.8}, new double[] {10, 9.6}));
        ChartWriter.write(MetricLineChart.chart("goodput vs rate", "links.wifi.rate (Mbit)", "goodput (Mbit/s)", lines),
                charts, "line");
        ChartImages.assertChart(charts, "line");
        DefaultStatisticalCategoryDataset d = CompareBarChart.dataset(List.of("lia", "olia"), List.of(10.0, 12.0),
                List.of(0.5, Double.NaN));
        assertEquals(10.0, d.getMeanValue("mean", "lia").doubleValue(), EPS);
        assertEquals(0.5, d.getStdDevValue("mean", "lia").doubleValue(), EPS);
        assertEquals(null, d.getStdDevValue("mean", "olia"), "one seed: no error bar");
        XYSeriesCollection x = MetricLineChart.dataset(lines);
        assertEquals(9.6, x.getYValue(1, 1), EPS);
    }

    @Test
    void sameInputGivesByteIdenticalFiles() throws Exception {
        Charts.writeAll(run);
        Path charts = dir.resolve("charts");
        byte[] png = Files.readAllBytes(charts.resolve("cwnd.png"));
        byte[] svg = Files.readAllBytes(charts.resolve("queues.svg"));
        Charts.writeAll(RunData.load(dir));
        assertArrayEquals(png, Files.readAllBytes(charts.resolve("cwnd.png")));
        assertArrayEquals(svg, Files.readAllBytes(charts.resolve("queues.svg")));
    }

    @Test
    void cwndSeriesEqualCsvAndSkipInfiniteSsthresh() {
        XYSeriesCollection d = CwndChart.dataset(run);
        // 3 subflows x (cwnd, ssthresh)
        assertEquals(6, d.getSeriesCount());
        assertEquals("m1 sf0 (wifi) cwnd", d.getSeriesKey(0));
        assertEquals("m1 sf1 (lte) ssthresh", d.getSeriesKey(3));
        assertEquals("t1 sf0 (wifi) cwnd", d.getSeriesKey(4));
        for (int i = 1; i <= 10; i++) {
            assertEquals(0.1 * i, d.getXValue(0, i - 1), EPS);
            assertEquals(10 + i, d.getYValue(0, i - 1), EPS); // cwnd = 10 + i
            // ssthresh is 2147483647 (infinite) for i < 4: a gap, else 20
            if (i < 4) {
                assertTrue(Double.isNaN(d.getYValue(1, i - 1)));
            } else {
                assertEquals(20, d.getYValue(1, i - 1), EPS);
            }
        }
        assertTrue(d.getRangeBounds(false).getUpperBound() < 100, "infinite ssthresh never plotted");
    }

    @Test
    void goodputSeriesAreByteDeltas() {
        DefaultTableXYDataset sf = SubflowGoodputChart.dataset(run);
        assertEquals(3, sf.getSeriesCount());
        // t = 0.1 is every subflow's first sample (baseline only): 9 points, t = 0.2 .. 1.0
        assertEquals(9, sf.getItemCount());
        assertEquals(0.2, sf.getXValue(0, 0), EPS);
        for (int i = 0; i < 9; i++) {
            assertEquals(10.0, sf.getYValue(0, i), EPS); // 125000 B x 8 / 0.1 s / 1e6
            assertEquals(5.0, sf.getYValue(1, i), EPS);  // 62500 B x 8 / 0.1 s / 1e6
            assertEquals(8.0, sf.getYValue(2, i), EPS);  // 100000 B x 8 / 0.1 s / 1e6
        }
        XYSeriesCollection c = ConnectionGoodputChart.dataset(run);
        assertEquals("m1 (mptcp, lia)", c.getSeriesKey(0));
        assertEquals(9, c.getItemCount(0)); // 10 samples, first is the baseline
        for (int i = 0; i < 9; i++) {
            assertEquals(0.2 + 0.1 * i, c.getXValue(0, i), EPS);
            assertEquals(15.0, c.getYValue(0, i), EPS); // 187500 B (15 x 12500) x 8 / 0.1 / 1e6
            assertEquals(8.0, c.getYValue(1, i), EPS);
        }
    }

    @Test
    void srttQueueAndSummarySeriesEqualInputs() {
        XYSeriesCollection s = SrttChart.dataset(run);
        assertEquals(21.0, s.getYValue(0, 0), EPS); // (20000 + 1000 x 1) us / 1000
        assertEquals(40.0, s.getYValue(1, 5), EPS);
        XYSeriesCollection q = QueueChart.occupancy(run);
        XYSeriesCollection drops = QueueChart.drops(run);
        assertEquals("wifi", q.getSeriesKey(0));
        for (int i = 1; i <= 10; i++) {
            assertEquals(i % 4, q.getYValue(0, i - 1), EPS);
            assertEquals(i / 3, drops.getYValue(0, i - 1), EPS);
            assertEquals(2, q.getYValue(1, i - 1), EPS);
        }
        DefaultCategoryDataset bars = SummaryBarChart.dataset(run.summary());
        assertEquals(15.0, bars.getValue(SummaryBarChart.CONNECTION, "m1 (mptcp, lia)").doubleValue(), EPS);
        assertEquals(10.0, bars.getValue(SummaryBarChart.SUBFLOW, "m1 sf0 (wifi)").doubleValue(), EPS);
        assertEquals(5.0, bars.getValue(SummaryBarChart.SUBFLOW, "m1 sf1 (lte)").doubleValue(), EPS);
        assertEquals(8.0, bars.getValue(SummaryBarChart.CONNECTION, "t1 (tcp, reno)").doubleValue(), EPS);
        // m1, its 2 subflows, t1 (plain TCP: no subflow bar)
        assertEquals(4, bars.getColumnCount());
    }

    /** A fabric-sized run: 30 MPTCP connections of 2 subflows are 90 bars, above SummaryBarChart.MAX_BARS. */
    @Test
    void aFabricSizedSummaryIsDrawnAsGoodputByRank() throws Exception {
        List<Summary.Connection> conns = new java.util.ArrayList<>();
        for (int i = 0; i < 30; i++) {
            // connection i: (i * 7) mod 30 Mbit/s, a permutation of 0..29 (7 and 30 are coprime); subflows split 2:1
            double g = (i * 7) % 30;
            conns.add(new Summary.Connection("m" + i, "mptcp", "lia", "ndiffports", "default", g, 0, List.of(
                    new Summary.Subflow(0, List.of("a"), g * 2 / 3, 0, 1, 1, 10, 0, 0, 0, 1, 0),
                    new Summary.Subflow(1, List.of("b"), g / 3, 0, 1, 1, 10, 0, 0, 0, 1, 0))));
        }
        Summary s = new Summary("fabric", 1, 1.0, "sim", Map.of(), conns, List.of(), 1.0,
                new Summary.Engine(0, 0, 0), Map.of());
        assertEquals(90, SummaryBarChart.dataset(s).getColumnCount());
        XYSeriesCollection ranked = SummaryBarChart.ranked(s);
        assertEquals("connections (30)", ranked.getSeriesKey(0));
        assertEquals("subflows (60)", ranked.getSeriesKey(1));
        for (int r = 0; r < 30; r++) {
            assertEquals(r + 1, ranked.getXValue(0, r), EPS);
            assertEquals(29 - r, ranked.getYValue(0, r), EPS); // the permutation sorted high to low
        }
        assertEquals(29.0 * 2 / 3, ranked.getYValue(1, 0), EPS); // the largest subflow: 2/3 of the largest connection
        assertEquals(0.0, ranked.getYValue(1, 59), EPS);
        RunData fabric = new RunData(dir, s, run.subflows(), run.connections(), run.queues(), run.events());
        org.jfree.chart.JFreeChart chart = SummaryBarChart.chart(fabric);
        assertTrue(chart.getPlot() instanceof org.jfree.chart.plot.XYPlot, chart.getPlot().getClass().getName());
        // and a small run keeps its labelled bars
        assertTrue(SummaryBarChart.chart(run).getPlot() instanceof org.jfree.chart.plot.CategoryPlot);
    }
}
