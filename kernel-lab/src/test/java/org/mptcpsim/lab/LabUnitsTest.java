package org.mptcpsim.lab;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

class LabUnitsTest {
    /** Bit rates in the scenario grammar's units: 10 Mbit = 10^7 bit/s, 1.5 Gbit = 1.5 x 10^9, a plain number is bit/s. */
    @Test
    void bitRates() {
        assertEquals(10_000_000, LabUnits.rateBps("10Mbit"));
        assertEquals(500_000, LabUnits.rateBps("500kbit"));
        assertEquals(1_500_000_000L, LabUnits.rateBps("1.5Gbit"));
        assertEquals(64_000, LabUnits.rateBps("64000"));
    }

    /** The bps spellings are refused: tc reads 10mbps as 80 Mbit/s, so reading it as 10 Mbit/s was a silent factor 8. */
    @Test
    void bpsSpellingsAreRefusedAsAmbiguous() {
        for (String s : new String[] {"10mbps", "10Mbps", "10MBps", "1gbps", "500kbps", "64000bps"}) {
            String msg = assertThrows(IllegalArgumentException.class, () -> LabUnits.rateBps(s)).getMessage();
            assertTrue(msg.contains("ambiguous") && msg.contains("Mbit"), msg);
        }
    }
}
