package org.mptcpsim.cli;

/** {@code --jobs N} of compare and sweep. */
final class Jobs {
    /** The most runs at a time. */
    static final int MAX = 1024;

    private Jobs() {
    }

    /** {@code n} if it is 1..1024, else bad input. */
    static int check(int n) {
        if (n < 1 || n > MAX) {
            throw new Main.BadInput("--jobs must be 1.." + MAX + " (runs at a time), not " + n);
        }
        return n;
    }
}
