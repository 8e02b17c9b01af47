package org.mptcpsim.cli;

/** {@code --jobs N} of compare and sweep. */
final class Jobs {
    private Jobs() {
    }

    /** {@code n} if it is 1..1024, else bad input. */
    static int check(int n) {
        if (n < 1 || n > 1024) {
            throw new Main.BadInput("--jobs must be 1..1024 (runs at a time), not " + n);
        }
        return n;
    }
}
