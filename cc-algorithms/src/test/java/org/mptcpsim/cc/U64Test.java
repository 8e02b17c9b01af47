package org.mptcpsim.cc;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.api.Test;

/** U64.div agrees with Long.divideUnsigned on the edge cases of u64 division. */
class U64Test {
    @Test
    void matchesLongDivideUnsigned() {
        long[] values = {0, 1, 2, 3, 7, 1000, Long.MAX_VALUE, Long.MIN_VALUE, -1, -2, -1000,
            0x8000_0000_0000_0001L, 0xFFFF_FFFF_0000_0000L, 1L << 32, (1L << 32) - 1};
        for (long n : values) {
            for (long d : values) {
                if (d != 0) {
                    assertEquals(Long.divideUnsigned(n, d), U64.div(n, d), n + "/" + d);
                }
            }
        }
    }
}
