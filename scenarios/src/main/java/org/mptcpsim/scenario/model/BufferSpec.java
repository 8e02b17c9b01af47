package org.mptcpsim.scenario.model;

/**
 * A drop-tail buffer size: {@code 100pkt} (PACKETS, value = packets), {@code 150KB} (BYTES,
 * value = bytes) or {@code 1BDP} (BDP, value = multiple of the link's bandwidth-delay product,
 * resolved by the runner: see docs/scenario-format.md).
 */
public record BufferSpec(Kind kind, double value, Loc loc) {

    public enum Kind { PACKETS, BYTES, BDP }

    /** The value as a whole number (packets or bytes); BDP multiples are rounded down. */
    public long count() {
        return (long) value;
    }

    @Override
    public String toString() {
        return switch (kind) {
            case PACKETS -> count() + "pkt";
            case BYTES -> count() + "B";
            case BDP -> value + "BDP";
        };
    }
}
