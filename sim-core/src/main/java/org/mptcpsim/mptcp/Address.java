package org.mptcpsim.mptcp;

/**
 * An address of a host: one of its interfaces (named after the link it attaches to), or the
 * host's service address reachable over any of its links ({@code iface == null}).
 *
 * @param host   host id
 * @param iface  interface (link id), or {@code null} for "any"
 * @param id     address id as the path manager numbers it (1-based for interfaces)
 * @param backup the interface is flagged backup ({@code IFF_MPBACKUP})
 */
public record Address(String host, String iface, int id, boolean backup) {
    @Override
    public String toString() {
        return iface == null ? host : host + ":" + iface;
    }
}
