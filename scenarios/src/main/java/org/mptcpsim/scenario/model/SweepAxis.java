package org.mptcpsim.scenario.model;

import java.util.List;

/** One dimension of a sweep grid: a {@code --set} key and the values it takes, in file order. */
public record SweepAxis(String key, List<String> values, Loc loc) {

    public SweepAxis {
        values = List.copyOf(values);
    }
}
