package org.mptcpsim.tcp;

import java.util.Arrays;

/**
 * The MPTCP control block ({@code struct mptcp_cb}) as congestion controls see it: the list of
 * subflows in the kernel's iteration order (the newest subflow first, the initial subflow last)
 * and the meta socket's congestion-control area, where coupled CCs keep per-connection state.
 *
 * <p>Single-threaded; iteration order is deterministic.
 */
public class MptcpCb {
    private TcpSock[] subflows = new TcpSock[4];
    private int count;

    /**
     * The meta socket's CA private area. A coupled CC stores its per-connection state object
     * here (e.g. LIA's alpha), creating it on first use; {@code null} until then.
     */
    public Object caShared;

    /**
     * The shared CA area as a {@code type}, created with {@code create} on first use (a coupled CC's
     * per-connection state). Pass a constructor reference ({@code Shared::new}): it is not captured,
     * so the call does not allocate once the area exists.
     */
    public final <T> T caShared(Class<T> type, java.util.function.Supplier<T> create) {
        Object area = caShared;
        if (type.isInstance(area)) {
            return type.cast(area);
        }
        T made = create.get();
        caShared = made;
        return made;
    }

    /** Number of subflows currently attached. */
    public final int subflowCount() {
        return count;
    }

    /** The i-th subflow in kernel iteration order: 0 is the newest, {@code count-1} the oldest. */
    public final TcpSock subflow(int i) {
        return subflows[i];
    }

    /** Attaches a new subflow at the head of the list, as {@code hlist_add_head_rcu} does. */
    public void addSubflow(TcpSock sk) {
        if (count == subflows.length) {
            subflows = Arrays.copyOf(subflows, count * 2);
        }
        System.arraycopy(subflows, 0, subflows, 1, count);
        subflows[0] = sk;
        count++;
    }

    /** Detaches a subflow; the order of the others is kept. */
    public void removeSubflow(TcpSock sk) {
        for (int i = 0; i < count; i++) {
            if (subflows[i] == sk) {
                System.arraycopy(subflows, i + 1, subflows, i, count - i - 1);
                subflows[--count] = null;
                return;
            }
        }
    }
}
