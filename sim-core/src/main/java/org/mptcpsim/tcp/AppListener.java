package org.mptcpsim.tcp;

/**
 * The receiving application of an application-limited connection: told each time the in-order
 * data delivered to it grows. Called once per delivered segment; implementations must not allocate.
 */
@FunctionalInterface
public interface AppListener {
    /** @param segments total segments delivered in order so far */
    void onDelivered(long segments);

    /** The connection's first subflow completed its handshake at the data sender. */
    default void onEstablished() {
    }
}
