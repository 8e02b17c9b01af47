package org.mptcpsim.study;

import java.util.List;

/** One alternative of a comparison: a name and its {@code --set}-style {@code KEY=VALUE} overrides. */
public record Alternative(String name, List<String> overrides) {
    /** Copies {@code overrides}; {@code name} must be non-blank. */
    public Alternative {
        if (name == null || name.isBlank()) {
            throw new IllegalArgumentException("alternative name must not be blank");
        }
        overrides = List.copyOf(overrides);
    }

    /** Convenience: {@code Alternative.of("olia", "net.ipv4.tcp_congestion_control=olia")}. */
    public static Alternative of(String name, String... overrides) {
        return new Alternative(name, List.of(overrides));
    }
}
