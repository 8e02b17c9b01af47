package org.mptcpsim.scenario.pm;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;

import org.junit.jupiter.api.Test;
import org.mptcpsim.scenario.run.RunResult;
import org.mptcpsim.scenario.run.Sim;

/**
 * The wifi-lte-handover and backup-path examples. Payload rates: a link carries at most
 * rate x MSS / 1500 with MSS = 1500 - 52 (headers) - 28 (DSS) = 1420: Wi-Fi 20 Mbit/s -> 18.9,
 * LTE 5 Mbit/s -> 4.73, LTE 10 Mbit/s -> 9.47.
 */
class HandoverScenarioTest {
    private static final double LTE5 = 5 * 1420 / 1500.0;
    private static final double LTE10 = 10 * 1420 / 1500.0;

    @Test
    void wifiLteHandoverFallsToLteAndRecoversWithoutLosingData() {
        // a finite transfer so that "delivered = sent" can be checked: 20 MB finishes after 20 s
        // (about 10 s x 23.6 + 10 s x 4.7 = 35 MB would be possible by 20 s; 45 MB needs Wi-Fi back)
        RunResult r = Sim.runFile(PmScenarioSupport.example("wifi-lte-handover.yaml"),
                "connections.m1.size=45MB", "duration=40s");
        double before = PmScenarioSupport.goodput(r, "m1", 5, 10);
        assertTrue(before > 20, "before " + before);
        // Wi-Fi down at 10 s; fullmesh acts at 10.5 s; 5 LTE RTTs (60 ms each) later = 10.8 s
        for (double t = 10.8; t < 19.5; t += 1.0) {
            double g = PmScenarioSupport.goodput(r, "m1", round(t), round(t + 1.0));
            assertTrue(g > 0.8 * LTE5 && g < 1.05 * LTE5, "at " + t + ": " + g);
        }
        // Wi-Fi back at 20 s, subflow re-created at 20.5 s
        double after = PmScenarioSupport.goodput(r, "m1", 22, 24);
        assertTrue(after > 15, "after " + after);
        RunResult.Connection c = r.connection("m1");
        // subflows: initial Wi-Fi (closed at 10.5 s), LTE, the re-created Wi-Fi one
        assertEquals(List.of(List.of("wifi"), List.of("lte"), List.of("wifi")),
                c.subflows().stream().map(RunResult.SubflowStats::path).toList());
        assertEquals(45_000_000L, c.bytesDelivered());
    }

    @Test
    void backupLteCarriesDataOnlyWhileWifiIsDown() {
        RunResult r = Sim.runFile(PmScenarioSupport.example("backup-path.yaml"));
        // subflow 1 is the LTE backup subflow
        long at10 = PmScenarioSupport.subflowAcked(r, "m1", 1, 10.0);
        long at20 = PmScenarioSupport.subflowAcked(r, "m1", 1, 20.0);
        long at22 = PmScenarioSupport.subflowAcked(r, "m1", 1, 22.0);
        long at30 = PmScenarioSupport.subflowAcked(r, "m1", 1, 30.0);
        assertEquals(0, at10, "backup used while Wi-Fi works");
        // 10-20 s: LTE carries the connection at close to its rate (>= 80 % over 9.5 s)
        assertTrue((at20 - at10) * 8 / 1e6 > 0.8 * LTE10 * 9.5, "LTE during outage " + (at20 - at10));
        // Wi-Fi's new subflow (after 20.5 s) is active again: the backup goes idle
        assertEquals(at22, at30, "backup used after Wi-Fi returned");
        double g = PmScenarioSupport.goodput(r, "m1", 23, 30);
        assertTrue(g > 0.9 * 18.9, "Wi-Fi after return " + g);
    }

    private static double round(double t) {
        return Math.round(t * 10) / 10.0;
    }
}
