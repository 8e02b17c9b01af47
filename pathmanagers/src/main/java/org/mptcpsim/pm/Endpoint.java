package org.mptcpsim.pm;

import java.util.ArrayList;
import java.util.List;

/**
 * One endpoint of the upstream in-kernel path manager, as {@code ip mptcp endpoint add} sets it:
 * an address (here a host's interface) with an id and flags {@code signal}, {@code subflow},
 * {@code backup}, {@code fullmesh}.
 *
 * <p>Scenario syntax (kernel option {@code mptcp.endpoints}, entries separated by {@code ;}):
 * {@code [HOST:]IFACE [id N] FLAG...}, optionally written the iproute2 way with {@code dev}:
 * {@code dev lte subflow backup}. {@code HOST} defaults to the connection's client; a server's
 * {@code signal} endpoint is written {@code server:eth1 signal}. Ids default to 1, 2, ... in
 * order, as the kernel numbers endpoints added without an id.
 *
 * @param host  host id, or {@code null} for the connection's client
 * @param iface interface (link id)
 * @param id    endpoint id (1..255)
 */
public record Endpoint(String host, String iface, int id, boolean signal, boolean subflow, boolean backup,
                       boolean fullmesh) {
    /** The option naming the endpoints. */
    public static final String OPTION = "mptcp.endpoints";

    /** Parses {@code mptcp.endpoints}; throws IllegalArgumentException naming the bad entry. */
    public static List<Endpoint> parse(String text) {
        List<Endpoint> out = new ArrayList<>();
        if (text == null || text.isBlank()) {
            return out;
        }
        int nextId = 1;
        for (String entry : text.split(";")) {
            String e = entry.trim();
            if (e.isEmpty()) {
                continue;
            }
            Endpoint ep = parseEntry(e, nextId);
            nextId = Math.max(nextId, ep.id + 1);
            for (Endpoint o : out) {
                if (o.id == ep.id) {
                    throw bad(e, "duplicate id " + ep.id);
                }
            }
            out.add(ep);
        }
        return out;
    }

    /** One entry {@code [dev] [HOST:]IFACE [id N] FLAG...}; without an id it gets {@code nextId}. */
    private static Endpoint parseEntry(String e, int nextId) {
        String[] tok = e.split("\\s+");
        int i = tok[0].equals("dev") ? 1 : 0;
        if (i >= tok.length) {
            throw bad(e, "missing interface");
        }
        String addr = tok[i++];
        int colon = addr.indexOf(':');
        String host = colon >= 0 ? addr.substring(0, colon) : null;
        String iface = colon >= 0 ? addr.substring(colon + 1) : addr;
        int id = -1;
        boolean signal = false;
        boolean subflow = false;
        boolean backup = false;
        boolean fullmesh = false;
        for (; i < tok.length; i++) {
            switch (tok[i]) {
                case "signal" -> signal = true;
                case "subflow" -> subflow = true;
                case "backup" -> backup = true;
                case "fullmesh" -> fullmesh = true;
                case "id" -> id = parseId(e, tok, ++i);
                default -> throw bad(e, "unknown flag \"" + tok[i]
                        + "\"; known: signal, subflow, backup, fullmesh, id N");
            }
        }
        if (signal && fullmesh) {
            // iproute2/kernel reject this combination (mptcp_pm_nl_append_new_local_addr)
            throw bad(e, "flags signal and fullmesh cannot be combined");
        }
        return new Endpoint(host, iface, id < 0 ? nextId : id, signal, subflow, backup, fullmesh);
    }

    /** The number after {@code id} at {@code tok[i]}: 1..255. */
    private static int parseId(String e, String[] tok, int i) {
        if (i >= tok.length) {
            throw bad(e, "id needs a number");
        }
        int id;
        try {
            id = Integer.parseInt(tok[i]);
        } catch (NumberFormatException x) {
            throw bad(e, "id needs a number, got \"" + tok[i] + "\"");
        }
        if (id < 1 || id > 255) {
            throw bad(e, "id must be 1..255");
        }
        return id;
    }

    private static IllegalArgumentException bad(String entry, String why) {
        return new IllegalArgumentException(OPTION + ": \"" + entry + "\": " + why);
    }
}
