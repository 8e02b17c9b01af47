package org.mptcpsim.tcp;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.api.Test;

class RttEstimatorTest {
    private final TcpSock sk = new TcpSock(() -> 0, null, 0, 1448);

    @Test
    void firstSampleSetsSrttAndARtoOfAtLeastRttPlus200ms() {
        // m = 20 000 us: srtt = m << 3 = 160 000; mdev = 2m = 40 000; rttvar = max(40 000, rto_min 200 000)
        RttEstimator.sample(sk, 20_000, 200_000);
        assertEquals(160_000, sk.srttUs);
        assertEquals(40_000, sk.mdevUs);
        assertEquals(200_000, sk.rttvarUs);
        RttEstimator.setRto(sk, 200_000);
        // RTO = srtt/8 + rttvar = 20 000 + 200 000 us = 220 ms
        assertEquals(220_000, sk.icskRtoUs);
        assertEquals(20_000, sk.minRttUs);
    }

    @Test
    void laterSamplesMoveSrttByAnEighthAndDecreasesMoveMdevSlowly() {
        RttEstimator.sample(sk, 20_000, 200_000);
        // second sample 28 000: error = 28 000 - 20 000 = 8 000; srtt = 160 000 + 8 000 = 168 000 (21 ms)
        // mdev += 8 000 - 40 000/4 = -2 000 -> 38 000
        RttEstimator.sample(sk, 28_000, 200_000);
        assertEquals(168_000, sk.srttUs);
        assertEquals(38_000, sk.mdevUs);
        // third sample 13 000: error = 13 000 - 21 000 = -8 000; srtt = 160 000;
        // |error| - mdev/4 = 8 000 - 9 500 < 0, so it is not divided by 8: mdev += -1 500 -> 36 500
        RttEstimator.sample(sk, 13_000, 200_000);
        assertEquals(160_000, sk.srttUs);
        assertEquals(36_500, sk.mdevUs);
        // a drop far below the estimate: 1 000 us: error -19 000; (19 000 - 36 500/4 = 9 875) >> 3 = 1 234
        RttEstimator.sample(sk, 1_000, 200_000);
        assertEquals(160_000 - 19_000, sk.srttUs);
        assertEquals(36_500 + 1_234, sk.mdevUs);
        assertEquals(1_000, sk.minRttUs);
    }

    @Test
    void rtoIsRoundedUpToJiffiesAndCappedAt120s() {
        sk.srttUs = 8 * 10_001; // 10.001 ms
        sk.rttvarUs = 200_000;
        RttEstimator.setRto(sk, 200_000);
        assertEquals(211_000, sk.icskRtoUs); // 210.001 ms rounds up to 211 ms
        sk.srttUs = 8 * 200_000_000;
        RttEstimator.setRto(sk, 200_000);
        assertEquals(TcpConfig.RTO_MAX_US, sk.icskRtoUs);
    }
}
