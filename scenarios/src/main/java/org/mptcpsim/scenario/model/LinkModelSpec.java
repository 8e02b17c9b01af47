package org.mptcpsim.scenario.model;

import java.nio.file.Path;
import java.util.SplittableRandom;
import org.mptcpsim.net.DelayJitter;
import org.mptcpsim.net.DeliveryTrace;
import org.mptcpsim.net.GilbertElliott;
import org.mptcpsim.net.LinkModel;

/**
 * The wireless parts of one link direction (docs/scenario-format.md, "Wireless links"), each
 * optional: a Mahimahi delivery trace read from {@code tracePath} (resolved against the scenario
 * file's directory), Gilbert–Elliott loss, delay jitter and whether jittered packets may reorder.
 */
public record LinkModelSpec(Path tracePath, DeliveryTrace trace, Gilbert gilbert, DelayJitter jitter,
                            boolean reorder) {

    /** Gilbert–Elliott parameters: p = P(good -&gt; bad), r = P(bad -&gt; good), loss 1 - k in good, 1 - h in bad. */
    public record Gilbert(double p, double r, double h, double k) {
    }

    /** Nothing set: the direction is a plain fixed-rate link. */
    public boolean isEmpty() {
        return trace == null && gilbert == null && jitter == null;
    }

    /** A fresh runtime model (own trace cursor and loss chain); jitter draws from {@code jitterRandom}. */
    public LinkModel build(SplittableRandom jitterRandom) {
        return new LinkModel(trace, gilbert == null ? null : new GilbertElliott(gilbert.p(), gilbert.r(), gilbert.h(),
                gilbert.k()), jitter, jitter == null ? null : jitterRandom, reorder);
    }
}
