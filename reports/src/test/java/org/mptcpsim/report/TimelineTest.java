package org.mptcpsim.report;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import org.jfree.chart.JFreeChart;
import org.jfree.chart.plot.XYPlot;
import org.jfree.data.xy.XYSeries;
import org.jfree.data.xy.XYSeriesCollection;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Event markers, the time axis, closed subflows and queues that never queued. */
class TimelineTest {
    @TempDir
    Path dir;

    private RunData run() throws Exception {
        SyntheticRun.write(dir, SyntheticRun.Params.defaults());
        // t1 sf0 closes after the 0.7 s sample: its rows from 0.8 s on are Closed; srtt 0 at 0.1 s (no sample yet)
        String sf = Files.readString(dir.resolve("subflows.csv"), StandardCharsets.UTF_8)
                .replace("0.800000,t1,0,12,30,25000,800000,Recovery", "0.800000,t1,0,12,30,25000,800000,Closed")
                .replace("0.900000,t1,0,12,30,25000,900000,Recovery", "0.900000,t1,0,12,30,25000,900000,Closed")
                .replace("1.000000,t1,0,12,30,25000,1000000,Recovery", "1.000000,t1,0,12,30,25000,1000000,Closed")
                .replace("0.100000,m1,1,6,8,40000,", "0.100000,m1,1,6,8,0,");
        Files.writeString(dir.resolve("subflows.csv"), sf, StandardCharsets.UTF_8);
        Files.writeString(dir.resolve("events.csv"), String.join("\n",
                "time_s,connection,subflow,event,link,direction,rate_bps,backoff,rto_ms,cwnd,ssthresh,reason",
                "0.020000,m1,0,established,,,,,,,,",
                "0.400000,,,link_down,wifi,forward,20000000,,,,,",
                "0.400000,,,link_down,wifi,reverse,20000000,,,,,",
                "0.600000,m1,0,rto,,,,1,480,,,",
                "0.650000,m1,0,recovery,,,,,,20,10,",
                "0.750000,t1,0,closed,,,,,,,,address removed", ""), StandardCharsets.UTF_8);
        return RunData.load(dir);
    }

    @Test
    void linkEventsOfBothDirectionsAreOneMarkerAndRecoveriesAreNotMarked() throws Exception {
        List<Timeline.Mark> marks = Timeline.marks(run());
        assertEquals(List.of("m1 sf0 open", "wifi down", "RTO m1 sf0", "t1 sf0 closed"),
                marks.stream().map(Timeline.Mark::label).toList());
        assertEquals(0.4, marks.get(1).timeS(), 1e-9);
    }

    @Test
    void everyTimeSeriesChartEndsAtTheDurationAndCarriesTheMarkers() throws Exception {
        RunData run = run();
        for (JFreeChart c : List.of(CwndChart.chart(run), SrttChart.chart(run), ConnectionGoodputChart.chart(run),
                SubflowGoodputChart.chart(run))) {
            XYPlot p = c.getXYPlot();
            // SyntheticRun's summary: durationS 1.0, samples to 1.0 s
            assertEquals(1.0, p.getDomainAxis().getUpperBound(), 1e-9, c.getTitle().getText());
            assertEquals(0.0, p.getDomainAxis().getLowerBound(), 1e-9);
            assertEquals(4, p.getDomainMarkers(org.jfree.chart.ui.Layer.FOREGROUND).size(), c.getTitle().getText());
            assertTrue(c.getTitle().getText().startsWith("two-paths · m1 lia/fullmesh/default, t1 reno: "),
                    c.getTitle().getText());
        }
    }

    @Test
    void closedSubflowsEndAndSrttStartsAtTheFirstSample() throws Exception {
        RunData run = run();
        XYSeriesCollection cwnd = CwndChart.dataset(run);
        XYSeries t1 = cwnd.getSeries(4); // m1 sf0 cwnd/ssthresh, m1 sf1 cwnd/ssthresh, t1 sf0 cwnd
        assertEquals(0.7, t1.getMaxX(), 1e-9, "the line ends at the last sample before Closed");
        XYSeriesCollection srtt = SrttChart.dataset(run);
        assertEquals(0.2, srtt.getSeries(1).getMinX(), 1e-9, "srtt 0 (no RTT sample yet) is not drawn");
        assertEquals(0.7, srtt.getSeries(2).getMaxX(), 1e-9);
    }

    @Test
    void queuesShowOnlyLinksThatQueuedWithTheirLimit() throws Exception {
        RunData run = run();
        // SyntheticRun: wifi qlen i mod 4 (up to 3), lte a constant 2: both queued (> 1 packet)
        assertEquals(List.of("wifi", "lte"), QueueChart.shown(run));
        String q = Files.readString(dir.resolve("queues.csv"), StandardCharsets.UTF_8)
                .replaceAll(",lte,2,3000,", ",lte,1,1500,");
        Files.writeString(dir.resolve("queues.csv"), q, StandardCharsets.UTF_8);
        assertEquals(List.of("wifi"), QueueChart.shown(RunData.load(dir)), "one packet in service is not a queue");
    }
}
