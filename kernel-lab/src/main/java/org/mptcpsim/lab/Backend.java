package org.mptcpsim.lab;

/** Where a scenario runs, and the highest total bottleneck rate it reproduces faithfully. */
public enum Backend {
    /** The host's own kernel in network namespaces; the userspace delay line carried 408 Mbit/s with 0 drops. */
    HOST("kernel-host", 200_000_000L),
    /** A kernel image under QEMU TCG (software CPU); above ~10 Mbit/s the emulator, not TCP, is the limit. */
    VM("kernel-vm", 10_000_000L),
    /**
     * A User-Mode Linux kernel run as a host process (hostfs root, namespaces inside). The out-of-tree references
     * (28 Mbit/s in total, two paths) ran this way within 0.35 % of the host kernel's goodput, on a UML kernel with
     * nanosecond sched_clock and HZ=1000; a stock UML build is measured in docs/kernel-lab.md.
     */
    UML("kernel-uml", 30_000_000L);

    private final String source;
    private final long maxTotalRateBps;

    Backend(String source, long maxTotalRateBps) {
        this.source = source;
        this.maxTotalRateBps = maxTotalRateBps;
    }

    /** The {@code source} field of summary.json. */
    public String source() {
        return source;
    }

    public long maxTotalRateBps() {
        return maxTotalRateBps;
    }
}
