package org.mptcpsim.study;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class GridTest {
    @Test
    void lastKeyVariesFastest() {
        LinkedHashMap<String, List<String>> axes = new LinkedHashMap<>();
        axes.put("cc", List.of("lia", "olia"));
        axes.put("rate", List.of("5Mbit", "10Mbit", "20Mbit"));
        List<LinkedHashMap<String, String>> points = Grid.cartesian(axes);
        // 2 x 3 = 6 points
        assertEquals(6, points.size());
        assertEquals(Map.of("cc", "lia", "rate", "5Mbit"), points.get(0));
        assertEquals(Map.of("cc", "lia", "rate", "20Mbit"), points.get(2));
        assertEquals(Map.of("cc", "olia", "rate", "5Mbit"), points.get(3));
        assertEquals(List.of("cc", "rate"), List.copyOf(points.get(5).keySet()));
    }
}
