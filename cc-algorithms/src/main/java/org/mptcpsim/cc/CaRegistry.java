package org.mptcpsim.cc;

import java.util.Arrays;

/**
 * The sibling subflows' CA private areas of one connection, indexed by
 * {@link org.mptcpsim.tcp.TcpSock#id}: the kernel reaches a sibling's {@code inet_csk_ca(sk)}
 * directly; a simulator CC reaches the sibling's instance through this table, kept in the
 * connection's shared area. Lookups never allocate; a slot is {@code null} until that
 * subflow's {@code init} ran (the kernel's zeroed area).
 */
final class CaRegistry<T> {
    private final Class<T> type;
    private Object[] slots = new Object[4];

    CaRegistry(Class<T> type) {
        this.type = type;
    }

    void put(int id, T ca) {
        if (id >= slots.length) {
            slots = Arrays.copyOf(slots, Math.max(id + 1, slots.length * 2));
        }
        slots[id] = ca;
    }

    void remove(int id, T ca) {
        if (id < slots.length && slots[id] == ca) {
            slots[id] = null;
        }
    }

    /** The instance of subflow {@code id}, or {@code null} if it never initialised. */
    T get(int id) {
        return id < slots.length ? type.cast(slots[id]) : null;
    }
}
