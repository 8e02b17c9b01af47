package org.mptcpsim.cc;

/**
 * The 64-entry seed table of the kernel's {@code cubic_root} (net/ipv4/tcp_cubic.c): for an
 * index x in [0, 63], roughly cbrt(x * 2^18) - 1, hand-refined upstream. These numbers are data
 * the integer result depends on, so they are the kernel's values; {@link Cubic#cubicRoot}
 * is our own code around them.
 */
final class CubicRootTable {
    private static final byte[] V = toBytes(new int[] {
        0, 54, 54, 54, 118, 118, 118, 118,
        123, 129, 134, 138, 143, 147, 151, 156,
        157, 161, 164, 168, 170, 173, 176, 179,
        181, 185, 187, 190, 192, 194, 197, 199,
        200, 202, 204, 206, 209, 211, 213, 215,
        217, 219, 221, 222, 224, 225, 227, 229,
        231, 232, 234, 236, 237, 239, 240, 242,
        244, 245, 246, 248, 250, 251, 252, 254,
    });

    private CubicRootTable() {
    }

    private static byte[] toBytes(int[] values) {
        byte[] b = new byte[values.length];
        for (int i = 0; i < values.length; i++) {
            b[i] = (byte) values[i];
        }
        return b;
    }

    /** The u8 entry for index {@code x} (0..63). */
    static int v(int x) {
        return V[x] & 0xff;
    }
}
