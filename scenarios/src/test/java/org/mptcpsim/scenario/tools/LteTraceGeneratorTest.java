package org.mptcpsim.scenario.tools;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.mptcpsim.net.DeliveryTrace;
import org.mptcpsim.scenario.model.Scenario;
import org.mptcpsim.scenario.parse.ScenarioLoader;

/** The committed synthetic LTE trace is exactly {@link LteTraceGenerator}'s output, and loads as a trace. */
class LteTraceGeneratorTest {
    static final Path FILE = Path.of("examples", "traces", "lte-synthetic.mahi");

    @Test
    void committedTraceIsTheGeneratorsOutput() throws IOException {
        String text = LteTraceGenerator.generate();
        if (Boolean.getBoolean("trace.update")) {
            Files.writeString(FILE, text, StandardCharsets.US_ASCII);
        }
        assertEquals(text, Files.readString(FILE, StandardCharsets.US_ASCII),
                FILE + " differs from LteTraceGenerator's output; rerun with -Dtrace.update=true and commit");
    }

    @Test
    void itLoadsWithTheModelsMeanRateAndPeriod() {
        Scenario sc = new ScenarioLoader().parse("examples/x.yaml", """
                duration: 1s
                paths:
                  - {id: lte, trace: traces/lte-synthetic.mahi, delay: 20ms, buffer: 100pkt}
                """, List.of());
        DeliveryTrace t = sc.link("lte").forward().model().trace();
        assertEquals(LteTraceGenerator.DURATION_MS, t.periodMs());
        // log-normal mean = median x exp(sigma^2 / 2) = 13.6 Mbit/s, less the fades' share (about 3 % of the time
        // at 5 %): about 13.2 Mbit/s; a 30 s sample of a process with a 2 s correlation time holds about 15
        // independent stretches, so its mean wanders by sigma / sqrt(15) = 13 % (1 sd): 8..19 Mbit/s is 3 sd
        double mean = t.meanRateBps();
        assertTrue(mean > 8e6 && mean < 19e6, "mean rate " + mean);
        assertEquals(t.meanRateBps(), sc.link("lte").forward().rateBps());
    }
}
