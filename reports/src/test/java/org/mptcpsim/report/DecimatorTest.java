package org.mptcpsim.report;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.jfree.data.xy.XYSeries;
import org.junit.jupiter.api.Test;

class DecimatorTest {
    @Test
    void keepsShortSeriesAndTheEnvelopeOfLongOnes() {
        XYSeries shortOne = new XYSeries("s", false, true);
        shortOne.add(1, 1);
        assertSame(shortOne, Decimator.series(shortOne, 100));

        // sawtooth: y = i mod 100 over 10000 points (peaks 99, troughs 0); one gap at i = 5000
        XYSeries saw = new XYSeries("saw", false, true);
        for (int i = 0; i < 10000; i++) {
            saw.add(i, i == 5000 ? null : Double.valueOf(i % 100));
        }
        XYSeries thin = Decimator.series(saw, 200);
        // 200 points -> 100 buckets of 100 points, each emits its min and max (+1 for the gap)
        assertTrue(thin.getItemCount() <= 201, "points: " + thin.getItemCount());
        double max = Double.NEGATIVE_INFINITY;
        double min = Double.POSITIVE_INFINITY;
        int gaps = 0;
        for (int i = 0; i < thin.getItemCount(); i++) {
            if (i > 0) {
                assertTrue(thin.getX(i).doubleValue() > thin.getX(i - 1).doubleValue(), "time order");
            }
            if (thin.getY(i) == null) {
                gaps++;
            } else {
                max = Math.max(max, thin.getY(i).doubleValue());
                min = Math.min(min, thin.getY(i).doubleValue());
            }
        }
        assertEquals(99, max);
        assertEquals(0, min);
        assertEquals(1, gaps);
    }
}
