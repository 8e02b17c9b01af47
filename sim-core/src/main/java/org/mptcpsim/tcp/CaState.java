package org.mptcpsim.tcp;

/** The kernel's {@code enum tcp_ca_state} (include/uapi/linux/tcp.h), as int constants. */
public final class CaState {
    public static final int OPEN = 0;
    public static final int DISORDER = 1;
    public static final int CWR = 2;
    public static final int RECOVERY = 3;
    public static final int LOSS = 4;

    private static final String[] NAMES = {"Open", "Disorder", "CWR", "Recovery", "Loss"};

    private CaState() {
    }

    /** The name {@code ss} and {@code tcp_probe} users know: Open, Disorder, CWR, Recovery, Loss. */
    public static String name(int state) {
        return state >= 0 && state < NAMES.length ? NAMES[state] : Integer.toString(state);
    }
}
