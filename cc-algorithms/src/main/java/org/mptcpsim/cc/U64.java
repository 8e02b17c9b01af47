package org.mptcpsim.cc;

/**
 * Allocation-free unsigned 64-bit division, the kernel's {@code div64_u64} / {@code div_u64}.
 * On Java 17, {@link Long#divideUnsigned} goes through {@link java.math.BigInteger} when the
 * dividend is at least 2^63, which would allocate on the per-ACK path; this does not.
 */
final class U64 {
    private U64() {
    }

    /** floor(n / d) with both operands as u64; {@code d} must be non-zero. */
    static long div(long n, long d) {
        if (d < 0) { // d >= 2^63: quotient is 0 or 1
            return Long.compareUnsigned(n, d) < 0 ? 0 : 1;
        }
        if (n >= 0) {
            return n / d;
        }
        long q = ((n >>> 1) / d) << 1;
        long r = n - q * d;
        return Long.compareUnsigned(r, d) >= 0 ? q + 1 : q;
    }
}
