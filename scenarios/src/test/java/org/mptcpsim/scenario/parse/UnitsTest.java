package org.mptcpsim.scenario.parse;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;
import org.mptcpsim.scenario.model.BufferSpec;
import org.mptcpsim.scenario.model.Loc;

class UnitsTest {

    @Test
    void rates() {
        assertEquals(100_000_000L, Units.rate("100Mbit"));
        assertEquals(1_000_000_000L, Units.rate("1Gbit"));
        assertEquals(500_000L, Units.rate("500kbit"));
        assertEquals(12_500_000L, Units.rate("12.5Mbit"));
        assertEquals(10_000_000L, Units.rate("10mbit"));
        assertEquals(64L, Units.rate("64bit"));
        assertEquals(400_000_000_000L, Units.rate("400GBIT"));
        msg(() -> Units.rate("10MB"), "is not a rate");
        msg(() -> Units.rate("10"), "is not a rate");
        msg(() -> Units.rate("0Mbit"), "above 0");
        msg(() -> Units.rate("1.5bit"), "whole number of bit/s");
    }

    /**
     * bps spellings were read as bit/s, 8x off for a tc user (tc's mbps is megabytes per second) or for a
     * MBps meant as bytes; they are refused with both readings spelt out: 10 x 8 = 80 for bytes.
     */
    @Test
    void bpsRatesAreRefusedAsAmbiguous() {
        for (String r : new String[] {"10GBps", "10MBps", "10mbps", "10Mbps", "10kbps", "10bps", "10Bps"}) {
            msg(() -> Units.rate(r), "is ambiguous: use Mbit or Gbit (bits per second); tc's mbps means megabytes"
                    + " per second");
            msg(() -> Units.rate(r), "allowed rate units: bit, kbit, Mbit, Gbit, Tbit");
        }
        msg(() -> Units.rate("10MBps"), "(write 10Mbit for bits, 80Mbit for bytes per second)");
        // 2.5 x 8 = 20
        msg(() -> Units.rate("2.5GBps"), "(write 2.5Gbit for bits, 20Gbit for bytes per second)");
    }

    /**
     * Values beyond a long said only "is too large"; they now name the limit. Long.MAX_VALUE ps is
     * 9223372.04 s, so 99999999999999999999s (1e20 s), 1e9s (1e21 ps) and 1e400s overflow; 1e20 packets and
     * 1e20 B exceed Long.MAX_VALUE (9.22e18); 1e30bit overflows before the 10Tbit check.
     */
    @Test
    void tooLargeNamesTheLargestAllowed() {
        String longest = "is too large: the longest time allowed is 9223372s (about 106 days)";
        msg(() -> Units.time("99999999999999999999s"), longest);
        msg(() -> Units.time("1e9s"), longest);
        msg(() -> Units.time("1e400s"), longest);
        assertEquals(9_223_372_000_000_000_000L, Units.time("9223372s"));   // the limit named is itself allowed
        Loc l = Loc.of("f", "p");
        msg(() -> Units.buffer("1e20pkt", l), "is too large: the largest buffer allowed is 9223372036854775807pkt");
        msg(() -> Units.buffer("1e20B", l), "is too large: the largest size allowed is 9223372036854775807B");
        msg(() -> Units.size("1e20B"), "is too large: the largest size allowed is 9223372036854775807B");
        msg(() -> Units.rate("1e30bit"), "is too large: the fastest rate allowed is 10Tbit");
    }

    @Test
    void times() {
        assertEquals(20_000_000_000L, Units.time("20ms"));
        assertEquals(1_500_000_000_000L, Units.time("1.5s"));
        assertEquals(200_000_000L, Units.time("200us"));
        assertEquals(200_000_000L, Units.time("200µs"));
        assertEquals(120_000_000_000_000L, Units.time("2min"));
        assertEquals(1L, Units.time("1ps"));
        assertEquals(0L, Units.time("0"));
        msg(() -> Units.time("20"), "needs a unit");
        msg(() -> Units.time("-1s"), "negative");
        msg(() -> Units.time("0.5ps"), "whole number of picoseconds");
    }

    @Test
    void sizes() {
        assertEquals(64_000L, Units.size("64KB"));
        assertEquals(1_500_000L, Units.size("1.5MB"));
        assertEquals(1448L, Units.size("1448B"));
        assertEquals(1_048_576L, Units.size("1MiB"));
        assertEquals(2048L, Units.size("2KiB"));
        msg(() -> Units.size("64Kb"), "write B, not b");
    }

    @Test
    void buffers() {
        Loc l = Loc.of("f", "p");
        assertEquals(new BufferSpec(BufferSpec.Kind.PACKETS, 100, l), Units.buffer("100pkt", l));
        assertEquals(new BufferSpec(BufferSpec.Kind.BYTES, 150_000, l), Units.buffer("150KB", l));
        assertEquals(new BufferSpec(BufferSpec.Kind.BDP, 0.5, l), Units.buffer("0.5BDP", l));
        msg(() -> Units.buffer("100", l), "is not a buffer size");
        msg(() -> Units.buffer("0pkt", l), "at least 1 packet");
        msg(() -> Units.buffer("1.5pkt", l), "whole number of packets");
    }

    @Test
    void loss() {
        assertEquals(0.01, Units.loss("0.01"), 1e-15);
        assertEquals(0.01, Units.loss("1%"), 1e-15);
        assertEquals(0.0, Units.loss("0"), 0);
        msg(() -> Units.loss("1"), "out of range");
        msg(() -> Units.loss("5x"), "is not a loss probability");
    }

    private static void msg(org.junit.jupiter.api.function.Executable ex, String part) {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, ex);
        assertTrue(e.getMessage().contains(part), e.getMessage());
    }
}
