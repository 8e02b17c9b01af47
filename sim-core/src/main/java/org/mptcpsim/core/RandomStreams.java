package org.mptcpsim.core;

import java.util.SplittableRandom;

/**
 * One seed per run, split into independent, named streams per component. A component's stream
 * depends only on the run seed and the component's name, so adding a component does not shift
 * the random numbers of the others.
 */
public final class RandomStreams {
    private final long seed;

    public RandomStreams(long seed) {
        this.seed = seed;
    }

    public long seed() {
        return seed;
    }

    /** The stream of the component called {@code name}. */
    public SplittableRandom stream(String name) {
        long h = seed ^ 0x9E3779B97F4A7C15L;
        for (int i = 0; i < name.length(); i++) {
            h = mix(h + name.charAt(i));
        }
        return new SplittableRandom(mix(h));
    }

    /** A 64-bit mixing function (Stafford variant 13), usable as a deterministic hash. */
    public static long mix(long z) {
        z = (z ^ (z >>> 30)) * 0xBF58476D1CE4E5B9L;
        z = (z ^ (z >>> 27)) * 0x94D049BB133111EBL;
        return z ^ (z >>> 31);
    }
}
