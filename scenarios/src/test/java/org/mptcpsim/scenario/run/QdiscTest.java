package org.mptcpsim.scenario.run;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;
import org.mptcpsim.net.Link;
import org.mptcpsim.scenario.model.Scenario;
import org.mptcpsim.scenario.model.ScenarioException;
import org.mptcpsim.scenario.parse.ScenarioPrinter;

/** {@code qdisc: droptail | tbf} (issue 16.2): parsing, overrides, printing and the single-flow kernel figure. */
class QdiscTest {

    /**
     * One Reno flow over one 10 Mbit/s path, 10 ms each way, 25 000 B buffer, 30 s: path 1 of the out-of-tree A1 reno
     * case (../shared/kernel-refs/oot-v0.95.2, kernel-lab/src/test/resources/reference-oot/lab-oot-a1-reno), as plain TCP.
     */
    static final String ONE_FLOW = """
            name: one-reno
            duration: 30s
            sample: 100ms
            kernel:
              net.ipv4.tcp_congestion_control: reno
              sim.l2_overhead_bytes: 14
              sim.tx_jitter_us: 300
            paths:
              - {id: p, rate: 10Mbit, delay: 10ms, buffer: 25000B}
            connections:
              - {id: c, type: tcp, from: client, to: server}
            """;

    @Test
    void defaultIsDropTailAndTbfParses() {
        Scenario d = Sim.parse(ONE_FLOW);
        assertEquals(Link.Qdisc.DROPTAIL, d.link("p").qdisc());
        Scenario t = Sim.parse(ONE_FLOW.replace("25000B}", "25000B, qdisc: tbf}"));
        assertEquals(Link.Qdisc.TBF, t.link("p").qdisc());
        assertEquals(Link.Qdisc.TBF, Sim.parse(ONE_FLOW, "links.p.qdisc=tbf").link("p").qdisc());
        assertEquals(Link.Qdisc.DROPTAIL, Sim.parse(ONE_FLOW.replace("25000B}", "25000B, qdisc: tbf}"),
                "paths.p.qdisc=droptail").link("p").qdisc());
        // printed only when not the default, and printing round-trips
        assertTrue(!ScenarioPrinter.yaml(d).contains("qdisc"), ScenarioPrinter.yaml(d));
        String printed = ScenarioPrinter.yaml(t);
        assertTrue(printed.contains("qdisc: tbf"), printed);
        assertEquals(Link.Qdisc.TBF, Sim.parse(printed).link("p").qdisc());
    }

    @Test
    void badValueIsLocated() {
        ScenarioException e = assertThrows(ScenarioException.class,
                () -> Sim.parse(ONE_FLOW.replace("25000B}", "25000B, qdisc: red}")));
        assertEquals(9, e.line(), e.getMessage());
        assertEquals("paths[p].qdisc", e.path(), e.getMessage());
        assertTrue(e.getMessage().contains("droptail, tbf"), e.getMessage());
        ScenarioException s = assertThrows(ScenarioException.class, () -> Sim.parse(ONE_FLOW, "links.p.qdisc=pfifo"));
        assertTrue(s.getMessage().contains("\"pfifo\" is not allowed"), s.getMessage());
    }

    @Test
    void tbfBottleneckReproducesTheKernelsSingleFlow() {
        // Kernel (A1 reno sf0, 3 runs): 53 ssthresh reductions in 30 s (sd 0), cwnd median 26 (sd 0) over [5,30] s.
        // Tolerances: a Reno sawtooth cycles between W/2 and W, one ssthresh reduction per cycle; counting whole cycles in a
        // fixed 30 s leaves +-1 for the partial first/last cycle. One frame of buffer more (drop-tail's accounting of the
        // same limit) raises W by one packet of ~27, lengthening every cycle by ~4 %: ~2 fewer reductions (measured 49),
        // so +-1 tells the two apart. The cwnd median of a linear sawtooth is 3/4 W: one frame moves it by 0.75, hence +-0.5.
        RunResult tbf = Sim.run(ONE_FLOW, "links.p.qdisc=tbf");
        RunResult drop = Sim.run(ONE_FLOW);
        try {
            long tbfLoss = tbf.connection("c").subflows().get(0).ssthreshReductions();
            long dropLoss = drop.connection("c").subflows().get(0).ssthreshReductions();
            assertTrue(Math.abs(tbfLoss - 53) <= 1, "tbf: " + tbfLoss + " ssthresh reductions, kernel 53");
            assertTrue(Math.abs(cwndMedian(tbf) - 26) <= 0.5, "tbf: cwnd median " + cwndMedian(tbf) + ", kernel 26");
            // drop-tail with the same limit holds one frame more: fewer, longer cycles and a larger window
            assertTrue(dropLoss < tbfLoss - 1, "drop-tail " + dropLoss + " vs tbf " + tbfLoss);
            assertTrue(cwndMedian(drop) > cwndMedian(tbf), "drop-tail cwnd median " + cwndMedian(drop));
        } finally {
            Sim.deleteRun(tbf);
            Sim.deleteRun(drop);
        }
    }

    /** Median cwnd of the subflow's samples (every 100 ms) inside [5, 30] s, the window Compare measures the kernel over. */
    private static double cwndMedian(RunResult r) {
        double[] c = Sim.csv(r, "subflows.csv").stream()
                .filter(row -> Double.parseDouble(row[0]) >= 5 && Double.parseDouble(row[0]) <= 30)
                .mapToDouble(row -> Double.parseDouble(row[3])).sorted().toArray();
        int n = c.length;
        return n % 2 == 1 ? c[n / 2] : (c[n / 2 - 1] + c[n / 2]) / 2;
    }
}
